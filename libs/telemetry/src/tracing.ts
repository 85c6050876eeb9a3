import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export interface TracingOptions {
  serviceName: string;
  serviceVersion?: string;
  /** OTLP/HTTP collector, e.g. http://otel-collector:4318 (default: `OTEL_EXPORTER_OTLP_ENDPOINT`). None: spans are not exported. */
  otlpEndpoint?: string;
  /** Extra exporter (tests pass an `InMemorySpanExporter`); exports each span as it ends. */
  exporter?: SpanExporter;
}

let provider: NodeTracerProvider | undefined;
let tracingServiceName = 'cc';

/**
 * Registers the process-wide tracer provider: AsyncLocalStorage context, W3C trace-context propagation, and
 * OTLP/HTTP export when an endpoint is configured. Without one, spans still carry trace ids into logs and
 * message headers but are dropped when they end (nothing is printed). Idempotent: the first call wins
 * (all-in-one boots several apps in one process; they share one provider).
 */
export function initTracing(options: TracingOptions): NodeTracerProvider {
  if (provider) return provider;
  const endpoint = options.otlpEndpoint ?? process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const spanProcessors: SpanProcessor[] = [];
  if (endpoint) spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(endpoint) })));
  if (options.exporter) spanProcessors.push(new SimpleSpanProcessor(options.exporter));
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
    }),
    spanProcessors,
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  tracingServiceName = options.serviceName;
  return provider;
}

/** Flushes and stops tracing; `initTracing` may be called again afterwards. */
export async function shutdownTracing(): Promise<void> {
  const current = provider;
  provider = undefined;
  if (!current) return;
  try {
    await current.shutdown();
  } finally {
    trace.disable();
    context.disable();
    propagation.disable();
  }
}

/** The platform's tracer (a no-op one until `initTracing`). */
export function platformTracer(name: string = tracingServiceName): Tracer {
  return trace.getTracer(name);
}

function tracesUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}
