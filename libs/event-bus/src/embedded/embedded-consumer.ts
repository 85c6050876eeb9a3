import { randomUUID } from 'node:crypto';
import {
  type BatchHandler,
  type CommitOffset,
  type LogConsumer,
  type LogConsumerOptions,
  type LogRecord,
  type RecordBatch,
  type TopicPartition,
} from '../log/event-log';
import { NotPartitionOwnerError } from '../log/errors';
import { type GroupCoordinator, type GroupMember, partitionKey } from './group-coordinator';

/** What a consumer needs from the log it reads. */
export interface ConsumerHost {
  readonly coordinator: GroupCoordinator;
  readonly defaultSessionTimeoutMs: number;
  ready(): Promise<void>;
  /** Log start and end (next visible) offsets of a partition. */
  bounds(topic: string, partition: number): { start: number; end: number };
  committedOffset(groupId: string, topic: string, partition: number): number | undefined;
  /** Up to `max` visible records from `offset` (at least one when offset is within bounds). */
  read(topic: string, partition: number, offset: number, max: number): LogRecord[];
  /** Calls `wake` once, the next time records become visible in the partition. */
  onRecords(topic: string, partition: number, wake: () => void): void;
  commitOffsets(groupId: string, offsets: CommitOffset[]): Promise<void>;
  consumerStopped(consumer: EmbeddedConsumer): void;
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;
const DEFAULT_MAX_BATCH = 500;

let memberSequence = 0;

/**
 * A member of a consumer group. Each owned partition has its own reader loop, so different partitions are handled
 * concurrently while one partition's batches are strictly sequential. A reader sleeps until the log wakes it (append,
 * rebalance, stop): there is no polling. Liveness is checked while a handler runs: a handler call that neither
 * returns nor heartbeats within the session timeout gets the member evicted; an evicted member rejoins the group
 * once its handlers have returned (as a Kafka consumer does after a missed poll interval).
 */
export class EmbeddedConsumer implements LogConsumer {
  private readonly memberId = `member-${String(++memberSequence).padStart(8, '0')}-${randomUUID().slice(0, 8)}`;
  private readonly sessionTimeoutMs: number;
  private readonly maxBatchSize: number;
  private readonly readers = new Map<string, PartitionReader>();
  private handler: BatchHandler | undefined;
  private owned: TopicPartition[] = [];
  private generation = 0;
  private stopped = false;
  private evicted = false;
  private runningHandlers = 0;
  private rebalances: Promise<void> = Promise.resolve();
  private joinedResolve: (() => void) | undefined;
  private readonly member: GroupMember;

  constructor(
    private readonly host: ConsumerHost,
    private readonly options: LogConsumerOptions,
  ) {
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? host.defaultSessionTimeoutMs;
    this.maxBatchSize = Math.max(1, options.maxBatchSize ?? DEFAULT_MAX_BATCH);
    this.member = {
      memberId: this.memberId,
      topics: [...options.topics],
      assigned: (generation, partitions) => this.assigned(generation, partitions),
      evicted: () => this.onEvicted(),
    };
  }

  get groupId(): string {
    return this.options.groupId;
  }

  async run(handler: BatchHandler): Promise<void> {
    if (this.handler) throw new Error(`consumer of group ${this.groupId} is already running`);
    if (this.stopped) throw new Error(`consumer of group ${this.groupId} was stopped`);
    await this.host.ready();
    this.handler = handler;
    const joined = new Promise<void>((resolve) => (this.joinedResolve = resolve));
    this.host.coordinator.join(this.groupId, this.member);
    await joined;
  }

  async commit(offsets: CommitOffset[]): Promise<void> {
    for (const o of offsets) {
      if (!this.host.coordinator.owns(this.groupId, this.memberId, o.topic, o.partition)) {
        throw new NotPartitionOwnerError(this.groupId, o.topic, o.partition);
      }
    }
    await this.host.commitOffsets(this.groupId, offsets);
  }

  assignment(): TopicPartition[] {
    return this.owned.map((tp) => ({ ...tp }));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.host.coordinator.leave(this.groupId, this.memberId);
    this.owned = [];
    const readers = [...this.readers.values()];
    this.readers.clear();
    for (const r of readers) r.revoke();
    this.joinedResolve?.();
    await Promise.all(readers.map((r) => r.done));
    await this.rebalances;
    this.host.consumerStopped(this);
  }

  private assigned(generation: number, partitions: TopicPartition[]): void {
    this.generation = generation;
    this.owned = partitions.map((tp) => ({ ...tp }));
    const keep = new Set(partitions.map((tp) => partitionKey(tp.topic, tp.partition)));
    for (const [key, reader] of this.readers) {
      if (!keep.has(key)) {
        reader.revoke();
        this.readers.delete(key);
      }
    }
    this.rebalances = this.rebalances.then(async () => {
      if (this.stopped || generation !== this.generation) return;
      try {
        await this.options.onAssignment?.(partitions.map((tp) => ({ ...tp })));
      } catch (e) {
        process.emitWarning(`onAssignment of group ${this.groupId} failed: ${String(e)}`);
      }
      if (this.stopped || generation !== this.generation) return;
      for (const tp of partitions) {
        const key = partitionKey(tp.topic, tp.partition);
        if (!this.readers.has(key)) this.readers.set(key, this.startReader(tp));
      }
      this.joinedResolve?.();
      this.joinedResolve = undefined;
    });
  }

  private onEvicted(): void {
    this.evicted = true;
    this.owned = [];
    for (const reader of this.readers.values()) reader.revoke();
    this.readers.clear();
  }

  private startReader(tp: TopicPartition): PartitionReader {
    const reader = new PartitionReader(tp);
    reader.done = this.readPartition(reader)
      .catch((e: unknown) => process.emitWarning(`reader of ${tp.topic}[${tp.partition}] failed: ${String(e)}`))
      .finally(() => this.maybeRejoin());
    return reader;
  }

  private async readPartition(reader: PartitionReader): Promise<void> {
    const { topic, partition } = reader.tp;
    const coordinator = this.host.coordinator;
    while (reader.active && !coordinator.tryHold(this.groupId, topic, partition, this.memberId, reader.wake)) {
      await reader.sleep();
    }
    if (!reader.active) return;
    try {
      const committed = this.host.committedOffset(this.groupId, topic, partition);
      const initial = this.host.bounds(topic, partition);
      let position = committed ?? (this.options.startFrom === 'latest' ? initial.end : initial.start);
      let retryMs = 0;
      while (reader.active) {
        const { start, end } = this.host.bounds(topic, partition);
        if (position < start) position = start;
        if (position >= end) {
          this.host.onRecords(topic, partition, reader.wake);
          await reader.sleep();
          continue;
        }
        const records = this.host.read(topic, partition, position, this.maxBatchSize);
        if (records.length === 0) {
          await reader.sleep(FIRST_RETRY_MS);
          continue;
        }
        const handled = await this.deliver(reader, records);
        if (handled) {
          position = records[records.length - 1].offset + 1;
          retryMs = 0;
        } else if (reader.active) {
          retryMs = retryMs === 0 ? FIRST_RETRY_MS : Math.min(retryMs * 2, MAX_RETRY_MS);
          await reader.sleep(retryMs);
        }
      }
    } finally {
      coordinator.release(this.groupId, topic, partition, this.memberId);
    }
  }

  /** Hands one batch to the handler; false when it threw. */
  private async deliver(reader: PartitionReader, records: LogRecord[]): Promise<boolean> {
    const handler = this.handler;
    if (!handler) return false;
    const { topic, partition } = reader.tp;
    const session = setTimeout(() => this.host.coordinator.evict(this.groupId, this.memberId), this.sessionTimeoutMs);
    session.unref();
    const batch: RecordBatch = {
      topic,
      partition,
      records,
      heartbeat: async () => {
        if (reader.active) session.refresh();
      },
      isActive: () => reader.active && this.host.coordinator.owns(this.groupId, this.memberId, topic, partition),
    };
    this.runningHandlers++;
    try {
      await handler(batch);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(session);
      this.runningHandlers--;
    }
  }

  private maybeRejoin(): void {
    if (!this.evicted || this.stopped || this.runningHandlers > 0) return;
    this.evicted = false;
    this.host.coordinator.join(this.groupId, this.member);
  }
}

/** The loop state of one owned partition. */
class PartitionReader {
  active = true;
  done: Promise<void> = Promise.resolve();
  private resolveSleep: (() => void) | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly tp: TopicPartition) {}

  readonly wake = (): void => {
    const resolve = this.resolveSleep;
    this.resolveSleep = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    resolve?.();
  };

  revoke(): void {
    this.active = false;
    this.wake();
  }

  sleep(ms?: number): Promise<void> {
    if (!this.active) return Promise.resolve();
    return new Promise((resolve) => {
      this.resolveSleep = resolve;
      if (ms !== undefined) this.timer = setTimeout(this.wake, ms);
    });
  }
}
