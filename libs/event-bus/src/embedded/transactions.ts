import {
  type CommitOffset,
  type LogTransaction,
  type OutgoingRecord,
  type TransactionalProducer,
} from '../log/event-log';

export interface TransactionOffsets {
  groupId: string;
  offsets: CommitOffset[];
}

/** What transactions need from the log. */
export interface TransactionHost {
  ready(): Promise<void>;
  /** Current epoch of a transactional id. */
  producerEpoch(transactionalId: string): number;
  /** Throws UnknownTopicError / RangeError for records that could never be appended. */
  validate(records: OutgoingRecord[]): void;
  /** Writes records and offsets as ONE frame, if `epoch` is still current at the time of writing. */
  commitTransaction(
    transactionalId: string,
    epoch: number,
    records: OutgoingRecord[],
    offsets: TransactionOffsets[],
  ): Promise<void>;
}

/**
 * A transactional producer: its epoch was bumped (durably) when it was created, so an older producer with the same
 * id fails with ProducerFencedError when it commits. A transaction buffers its records and offsets in memory and
 * commits them as one frame of the log: all visible after the fsync, or nothing (read_committed holds trivially).
 */
export class EmbeddedTransactionalProducer implements TransactionalProducer {
  private closed = false;

  constructor(
    private readonly host: TransactionHost,
    readonly transactionalId: string,
    private readonly epoch: number,
  ) {}

  async begin(): Promise<LogTransaction> {
    await this.host.ready();
    if (this.closed) throw new Error(`transactional producer ${this.transactionalId} is closed`);
    // As with Kafka, a fenced producer learns it at commit time (ProducerFencedError), not when beginning.
    return new EmbeddedTransaction(this.host, this.transactionalId, this.epoch);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

class EmbeddedTransaction implements LogTransaction {
  private readonly records: OutgoingRecord[] = [];
  private readonly offsets: TransactionOffsets[] = [];
  private state: 'open' | 'committing' | 'committed' | 'aborted' = 'open';

  constructor(
    private readonly host: TransactionHost,
    private readonly transactionalId: string,
    private readonly epoch: number,
  ) {}

  async append(records: OutgoingRecord[]): Promise<void> {
    this.assertOpen();
    this.host.validate(records);
    for (const r of records) this.records.push({ ...r, headers: r.headers ? { ...r.headers } : undefined });
  }

  async commitOffsets(groupId: string, offsets: CommitOffset[]): Promise<void> {
    this.assertOpen();
    this.offsets.push({ groupId, offsets: offsets.map((o) => ({ ...o })) });
  }

  async commit(): Promise<void> {
    this.assertOpen();
    this.state = 'committing';
    try {
      await this.host.commitTransaction(this.transactionalId, this.epoch, this.records, this.offsets);
      this.state = 'committed';
    } catch (e) {
      this.state = 'aborted';
      throw e;
    }
  }

  async abort(): Promise<void> {
    if (this.state === 'aborted') return;
    this.assertOpen();
    this.state = 'aborted';
    this.records.length = 0;
    this.offsets.length = 0;
  }

  private assertOpen(): void {
    if (this.state !== 'open') throw new Error(`transaction of ${this.transactionalId} is already ${this.state}`);
  }
}
