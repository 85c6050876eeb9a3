import { context, SpanKind, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { type Metadata } from '@grpc/grpc-js';
import { extractTraceContext, injectTraceContext } from './propagation';
import { runInSpan } from './messaging-spans';

/** The trace headers of incoming gRPC metadata, as a plain carrier. */
export function grpcMetadataToCarrier(metadata: Metadata): Record<string, string> {
  const carrier: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.getMap())) {
    carrier[key] = typeof value === 'string' ? value : value.toString('utf8');
  }
  return carrier;
}

/** Adds the active (or given) trace context to outgoing gRPC metadata; returns the metadata. */
export function injectIntoGrpcMetadata(metadata: Metadata, from: Context = context.active()): Metadata {
  for (const [key, value] of Object.entries(injectTraceContext<Record<string, string>>({}, from)))
    metadata.set(key, value);
  return metadata;
}

/**
 * Runs a gRPC handler in a SERVER span that continues the caller's trace. `method` is the full path,
 * e.g. `/callcenter.routing.v1.RoutingAdmin/GetQueue`. In a Nest `@GrpcMethod` handler:
 *
 *   getQueue(request: GetQueueRequest, metadata: Metadata) {
 *     return withGrpcServerSpan('/callcenter.routing.v1.RoutingAdmin/GetQueue', metadata, () => this.queues.get(request));
 *   }
 */
export function withGrpcServerSpan<T>(
  method: string,
  metadata: Metadata,
  fn: (span: Span) => T,
  attributes: Attributes = {},
): T {
  const [service, name] = method.replace(/^\//, '').split('/');
  return runInSpan(
    method.replace(/^\//, ''),
    SpanKind.SERVER,
    extractTraceContext(grpcMetadataToCarrier(metadata)),
    {
      ...attributes,
      'rpc.system': 'grpc',
      ...(service ? { 'rpc.service': service } : {}),
      ...(name ? { 'rpc.method': name } : {}),
    },
    fn,
  );
}
