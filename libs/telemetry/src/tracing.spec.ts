import { Metadata } from '@grpc/grpc-js';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { grpcMetadataToCarrier, injectIntoGrpcMetadata, withGrpcServerSpan } from './grpc-tracing';
import { MessagingAttribute, withConsumerSpan, withProducerSpan } from './messaging-spans';
import { extractTraceContext, injectTraceContext } from './propagation';
import { initTracing, platformTracer, shutdownTracing } from './tracing';

describe('trace propagation', () => {
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    initTracing({ serviceName: 'routing', exporter });
  });

  afterEach(() => exporter.reset());

  afterAll(async () => {
    await shutdownTracing();
  });

  it('is idempotent', () => {
    expect(initTracing({ serviceName: 'dialer' })).toBe(initTracing({ serviceName: 'routing' }));
  });

  it('makes the consumer span a child of the producer span through message headers', async () => {
    const headers = withProducerSpan(
      'send cc.routing.log.v1',
      { topic: 'cc.routing.log.v1', key: 'tenant-1:branch-2' },
      () => injectTraceContext<Record<string, string>>({ ce_type: 'CallQueued' }),
    );
    expect(headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // Kafka hands headers over as Buffers
    const received = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
    const seenTraceId = await withConsumerSpan(
      'process cc.routing.log.v1',
      received,
      { topic: 'cc.routing.log.v1', group: 'routing', partition: 3, offset: 42n, key: 'tenant-1:branch-2' },
      async (span) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return trace.getSpan(context.active())?.spanContext().traceId ?? span.spanContext().traceId;
      },
    );

    const [producer, consumer] = exporter.getFinishedSpans();
    expect(producer!.kind).toBe(SpanKind.PRODUCER);
    expect(consumer!.kind).toBe(SpanKind.CONSUMER);
    expect(consumer!.spanContext().traceId).toBe(producer!.spanContext().traceId);
    expect(seenTraceId).toBe(producer!.spanContext().traceId);
    expect(consumer!.parentSpanContext?.spanId).toBe(producer!.spanContext().spanId);
    expect(consumer!.attributes).toMatchObject({
      [MessagingAttribute.SYSTEM]: 'kafka',
      [MessagingAttribute.DESTINATION_NAME]: 'cc.routing.log.v1',
      [MessagingAttribute.CONSUMER_GROUP_NAME]: 'routing',
      [MessagingAttribute.DESTINATION_PARTITION_ID]: '3',
      [MessagingAttribute.KAFKA_OFFSET]: 42,
      [MessagingAttribute.KAFKA_MESSAGE_KEY]: 'tenant-1:branch-2',
    });
  });

  it('records a failing handler as an error and rethrows', async () => {
    await expect(
      withConsumerSpan('process cc.crm.contact.v1', {}, { topic: 'cc.crm.contact.v1', group: 'crm-sync' }, async () => {
        throw new Error('undecodable');
      }),
    ).rejects.toThrow('undecodable');
    const [span] = exporter.getFinishedSpans();
    expect(span!.status.code).toBe(2);
    expect(span!.events[0]!.name).toBe('exception');
  });

  it('starts a new trace when the headers carry none', () => {
    const ctx = extractTraceContext({ ce_type: 'CallQueued' });
    expect(trace.getSpanContext(ctx)).toBeUndefined();
  });

  it('round-trips the trace context through gRPC metadata', () => {
    const parent = platformTracer().startSpan('originate');
    const metadata = context.with(trace.setSpan(context.active(), parent), () =>
      injectIntoGrpcMetadata(new Metadata()),
    );
    parent.end();
    expect(grpcMetadataToCarrier(metadata)['traceparent']).toContain(parent.spanContext().traceId);

    withGrpcServerSpan('/callcenter.sipingress.v1.Calls/Originate', metadata, () => undefined);
    const server = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
    expect(server.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(server.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(server.attributes).toMatchObject({
      'rpc.system': 'grpc',
      'rpc.service': 'callcenter.sipingress.v1.Calls',
      'rpc.method': 'Originate',
    });
  });
});
