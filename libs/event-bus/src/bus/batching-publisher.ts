import { type EventLog, type OutgoingRecord, type RecordPosition } from '../log/event-log';

interface PendingPublish {
  records: OutgoingRecord[];
  resolve: (positions: RecordPosition[]) => void;
  reject: (error: unknown) => void;
}

export interface BatchingOptions {
  /** Records per append request at most. */
  maxBatchRecords: number;
}

/**
 * Coalesces concurrent publish calls into few append requests, like Kafka's own producer batching (linger):
 * while one append is in flight the next calls accumulate, then go out together. Only one append is in flight at a
 * time, so records keep their publish order per key across batches, and each caller's promise resolves when the
 * log acknowledged its records.
 */
export class BatchingPublisher {
  private queue: PendingPublish[] = [];
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly log: EventLog,
    private readonly options: BatchingOptions = { maxBatchRecords: 2_000 },
  ) {}

  publish(records: OutgoingRecord[]): Promise<RecordPosition[]> {
    if (records.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      if (!this.inFlight) this.inFlight = this.drain();
    });
  }

  /** Resolves when everything published so far is acknowledged (or failed). */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private async drain(): Promise<void> {
    // Let calls made in the same tick join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      const records = batch.flatMap((p) => p.records);
      try {
        const positions = await this.log.append(records);
        let at = 0;
        for (const pending of batch) {
          pending.resolve(positions.slice(at, at + pending.records.length));
          at += pending.records.length;
        }
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.inFlight = null;
  }

  private takeBatch(): PendingPublish[] {
    let taken = 0;
    let count = 0;
    while (taken < this.queue.length) {
      const size = this.queue[taken].records.length;
      if (taken > 0 && count + size > this.options.maxBatchRecords) break;
      count += size;
      taken++;
    }
    return this.queue.splice(0, taken);
  }
}
