import { type Headers } from '../log/event-log';

/** What a handled record looked like, for spans and metrics. */
export interface HandledRecord {
  groupId: string;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  headers: Headers;
  type?: string;
}

/**
 * Hooks the bus calls so telemetry (traces, metrics) stays outside the bus. The platform wires the OpenTelemetry
 * and Prometheus implementation; tests and benchmarks use the no-op one.
 */
export interface BusInstrumentation {
  /** Called before records are published; may add headers (W3C traceparent of the active span). */
  decorateHeaders(headers: Headers): void;
  published(topic: string, count: number, seconds: number): void;
  /** Wraps one handler call (a consumer span that continues the producer's trace, and a latency histogram). */
  handle<T>(record: HandledRecord, fn: () => Promise<T>): Promise<T>;
  consumed(topic: string, groupId: string, count: number): void;
  deadLettered(topic: string, groupId: string, reason: string): void;
}

export const noInstrumentation: BusInstrumentation = {
  decorateHeaders: () => undefined,
  published: () => undefined,
  handle: (_record, fn) => fn(),
  consumed: () => undefined,
  deadLettered: () => undefined,
};
