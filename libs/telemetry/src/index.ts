/**
 * @cc/telemetry: traces, metrics and logs for every app.
 *
 * At boot (before anything else): `initTracing({ serviceName: 'routing' })` (exports via OTLP/HTTP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set), `const logger = createLogger({ service: 'routing' })`,
 * `app.useLogger(new PinoNestLogger(logger))`, and serve `renderMetrics()` on GET /metrics.
 *
 * Kafka: the publisher wraps a send in `withProducerSpan(name, { topic, key }, () => send({ headers:
 * injectTraceContext({...}) }))`; the consumer handles each message in `withConsumerSpan(name, message.headers,
 * { topic, group, partition, offset, key }, handler)`, so both spans share one trace id.
 *
 * gRPC: clients call `injectIntoGrpcMetadata(metadata)` before a call; handlers run inside
 * `withGrpcServerSpan('/package.Service/Method', metadata, () => ...)`.
 */
export { initTracing, shutdownTracing, platformTracer, type TracingOptions } from './tracing';
export { injectTraceContext, extractTraceContext, type HeaderCarrier, type HeaderValue } from './propagation';
export {
  withProducerSpan,
  withConsumerSpan,
  runInSpan,
  MessagingAttribute,
  type MessagingSpanAttributes,
} from './messaging-spans';
export { grpcMetadataToCarrier, injectIntoGrpcMetadata, withGrpcServerSpan } from './grpc-tracing';
export {
  metricsRegistry,
  platformMetrics,
  renderMetrics,
  recordEventPublished,
  recordEventConsumed,
  recordEventDeadLettered,
  setConsumerLag,
  startHandlerTimer,
  startPublishTimer,
  DURATION_BUCKETS_SECONDS,
  type PlatformMetrics,
} from './metrics';
export { createLogger, defaultLogLevel, PinoNestLogger, type LoggerOptions, type Logger } from './logger';
