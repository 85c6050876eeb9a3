import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createLogger, defaultLogLevel, PinoNestLogger } from './logger';
import { initTracing, platformTracer, shutdownTracing } from './tracing';

function capture(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createLogger', () => {
  beforeAll(() => initTracing({ serviceName: 'reporting', exporter: new InMemorySpanExporter() }));
  afterAll(() => shutdownTracing());

  it('puts the active trace and span ids and the service on every line', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'reporting', level: 'info', destination: stream });
    const span = platformTracer().startSpan('project interval');
    context.with(trace.setSpan(context.active(), span), () => logger.info({ queue: 'sales' }, 'interval closed'));
    span.end();
    logger.info('outside any span');

    const [inside, outside] = lines();
    expect(inside).toMatchObject({
      level: 'info',
      service: 'reporting',
      queue: 'sales',
      msg: 'interval closed',
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
    expect(outside).toMatchObject({ service: 'reporting', msg: 'outside any span' });
    expect(outside).not.toHaveProperty('trace_id');
  });

  it('is quiet under tests unless LOG_LEVEL says otherwise', () => {
    const saved = process.env['LOG_LEVEL'];
    delete process.env['LOG_LEVEL'];
    try {
      expect(process.env['NODE_ENV']).toBe('test');
      expect(defaultLogLevel()).toBe('warn');
      process.env['LOG_LEVEL'] = 'debug';
      expect(defaultLogLevel()).toBe('debug');
    } finally {
      if (saved === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = saved;
    }
  });

  it('routes Nest logs through pino with their context', () => {
    const { stream, lines } = capture();
    const nest = new PinoNestLogger(createLogger({ service: 'routing', level: 'debug', destination: stream }));
    nest.log('Nest application successfully started', 'NestApplication');
    nest.error('Offer failed', 'Error: boom\n    at decide (acd.ts:1:1)', 'OfferService');
    nest.verbose('not shown at debug', 'RoutingModule');
    nest.warn({ agent: 'a-1', reason: 'wrap-up overrun' }, 'AgentStateService');

    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'Nest application successfully started',
        context: 'NestApplication',
        service: 'routing',
      }),
      expect.objectContaining({
        level: 'error',
        msg: 'Offer failed',
        context: 'OfferService',
        stack: expect.stringContaining('at decide'),
      }),
      expect.objectContaining({ level: 'warn', agent: 'a-1', reason: 'wrap-up overrun', context: 'AgentStateService' }),
    ]);
  });
});
