import { type LogRecord, type RecordBatch } from '../log/event-log';
import { type ConsumedEvent } from './consumed-event';
import { type DeadLetter } from './dead-letter';
import { DecodeFailure, type EventCodec } from './event-codec';
import { errorMessage, isNonRetryable } from './errors';
import { type BusInstrumentation } from './instrumentation';
import { backoffDelayMs, type RetryPolicy, sleep } from './retry-policy';

export type RecordOutcome =
  | { kind: 'handled' }
  | { kind: 'skipped' }
  | { kind: 'dead-letter'; letter: DeadLetter }
  | { kind: 'revoked' };

export interface RecordProcessorOptions {
  groupId: string;
  codec: EventCodec;
  retry: RetryPolicy;
  instrumentation: BusInstrumentation;
  /** Event types this consumer handles; other known types are skipped. Undefined: all. */
  handles?: ReadonlySet<string>;
}

/**
 * The one place that decides what happens to a consumed record: decode it, run the handler with retries for
 * transient errors, and say when it has to go to the dead-letter topic. The three consumption styles
 * (at-least-once, transactional, projection) differ only in what they do with the outcome.
 */
export class RecordProcessor {
  constructor(private readonly options: RecordProcessorOptions) {}

  async process(
    record: LogRecord,
    batch: RecordBatch,
    handler: (event: ConsumedEvent) => Promise<void>,
  ): Promise<RecordOutcome> {
    const { groupId, codec, retry, instrumentation } = this.options;
    let event: ConsumedEvent;
    try {
      event = codec.decode(record);
    } catch (error) {
      const reason = error instanceof DecodeFailure ? error.reason : 'undecodable';
      return this.deadLetter(reason, error);
    }
    if (this.options.handles && !this.options.handles.has(event.envelope.type)) return { kind: 'skipped' };

    const handled = {
      groupId,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      key: record.key,
      headers: record.headers,
      type: event.envelope.type,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await instrumentation.handle(handled, () => handler(event));
        return { kind: 'handled' };
      } catch (error) {
        if (isNonRetryable(error)) return this.deadLetter(error.reason, error);
        if (attempt >= retry.maxAttempts) return this.deadLetter('retries-exhausted', error);
        await sleep(backoffDelayMs(retry, attempt));
        if (!batch.isActive()) return { kind: 'revoked' };
        await batch.heartbeat();
      }
    }
  }

  private deadLetter(reason: string, error: unknown): RecordOutcome {
    return { kind: 'dead-letter', letter: { reason, error: errorMessage(error), groupId: this.options.groupId, failedAt: new Date() } };
  }
}
