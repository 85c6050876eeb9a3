import { type FrameLocation, type SegmentStore } from './segment-store';

interface PendingFrame {
  frame: Buffer;
  done: (error: Error | null, location?: FrameLocation) => void;
}

/**
 * Group commit: frames submitted in the same tick, or while a write is in flight, are written together with one
 * write and acknowledged after one fdatasync. Callbacks run in submission order, so whatever they apply (indexes,
 * offsets) follows the order of the log. A failed write or sync makes the writer unusable (the log must be reopened,
 * as a broker with a failed disk).
 */
export class GroupCommitWriter {
  private queue: PendingFrame[] = [];
  private flushing = false;
  private scheduled = false;
  private failure: Error | null = null;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly store: SegmentStore,
    private readonly fsync: boolean,
  ) {}

  submit(frame: Buffer, done: PendingFrame['done']): void {
    if (this.failure) {
      done(this.failure);
      return;
    }
    this.queue.push({ frame, done });
    if (!this.flushing && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
  }

  /** Resolves once everything submitted so far is written (and synced). */
  drain(): Promise<void> {
    if (!this.flushing && !this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      let locations: FrameLocation[];
      try {
        if (this.failure) throw this.failure;
        locations = await this.store.append(batch.map((p) => p.frame));
        if (this.fsync) await this.store.sync();
      } catch (e) {
        this.failure = e instanceof Error ? e : new Error(String(e));
        for (const p of batch) p.done(this.failure);
        continue;
      }
      for (let i = 0; i < batch.length; i++) batch[i].done(null, locations[i]);
    }
    this.flushing = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
