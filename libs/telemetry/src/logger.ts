import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { type LoggerService, type LogLevel } from '@nestjs/common';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  /** Default: `LOG_LEVEL`, else 'warn' under tests (`NODE_ENV=test`), else 'info'. */
  level?: Level | 'silent';
  /** Where lines go (default stdout); tests pass a stream to read them. */
  destination?: DestinationStream;
}

export type { Logger };

/** The default level: `LOG_LEVEL`, quiet ('warn') under tests, else 'info'. */
export function defaultLogLevel(): string {
  return process.env['LOG_LEVEL'] || (process.env['NODE_ENV'] === 'test' ? 'warn' : 'info');
}

/** A JSON logger whose every line carries `service` and the `trace_id`/`span_id` of the active span. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? defaultLogLevel(),
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: traceFields,
    },
    options.destination,
  );
}

function traceFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: `0${spanContext.traceFlags.toString(16)}`.slice(-2),
  };
}

const nestToPino: Record<LogLevel, Level> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/**
 * Nest's own logs through pino: `NestFactory.create(AppModule, { logger: new PinoNestLogger(logger) })`
 * or `app.useLogger(new PinoNestLogger(logger))`. Nest's context (the class name) becomes `context`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('log', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('verbose', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  /** Nest passes the levels it wants; pino keeps one threshold: the most verbose one asked for. */
  setLogLevels(levels: LogLevel[]): void {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((level) => levels.includes(level));
    this.logger.level = lowest ? nestToPino[lowest] : 'silent';
  }

  private write(level: LogLevel, message: unknown, optionalParams: unknown[]): void {
    const params = [...optionalParams];
    // Nest appends the context (a class name) as the last string argument
    const context =
      params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields['context'] = context;
    // Nest's error(message, stack, context)
    if (level === 'error' && typeof params[0] === 'string' && params[0].includes('\n    at '))
      fields['stack'] = params.shift();
    if (params.length > 0) fields['params'] = params;
    const pinoLevel = nestToPino[level];
    if (message instanceof Error) {
      this.logger[pinoLevel]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[pinoLevel]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.logger[pinoLevel](fields, String(message));
    }
  }
}
