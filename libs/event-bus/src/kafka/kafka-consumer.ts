import { type Consumer, type EachBatchPayload, type Kafka } from 'kafkajs';
import { NotPartitionOwnerError } from '../log/errors';
import {
  type BatchHandler,
  type CommitOffset,
  type LogConsumer,
  type LogConsumerOptions,
  type RecordBatch,
  type TopicPartition,
} from '../log/event-log';
import { isRebalanceError } from './kafka-errors';
import { type KafkaLogger } from './kafka-options';
import { toLogRecord } from './kafka-records';

const DEFAULT_MAX_BATCH_SIZE = 500;
/** Pause before a failed batch is handed to the handler again; doubles on each failure up to the maximum. */
const RETRY_PAUSE_MS = 100;
const MAX_RETRY_PAUSE_MS = 5000;

/**
 * A consumer-group member on kafkajs: read_committed, no auto-commit. Records reach the handler in chunks of one
 * partition; a resolved chunk is marked consumed for this member (not fetched again), but only commit() makes
 * that durable for the group. A failing chunk is retried from its first record after a short pause.
 */
const PARTITIONS_CONSUMED_CONCURRENTLY = 8;

export class KafkaLogConsumer implements LogConsumer {
  private readonly consumer: Consumer;
  private readonly maxBatchSize: number;
  private owned: TopicPartition[] = [];
  private ownedKeys = new Set<string>();
  private running = false;
  private stopping = false;
  private assignmentDone: Promise<void> = Promise.resolve();
  private wake: () => void = () => undefined;
  private readonly removeListeners: (() => void)[] = [];

  constructor(
    kafka: Kafka,
    private readonly options: LogConsumerOptions,
    private readonly logger: KafkaLogger,
    private readonly onStop: (consumer: KafkaLogConsumer) => void,
  ) {
    this.maxBatchSize = Math.max(1, options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE);
    const sessionTimeout = options.sessionTimeoutMs ?? 30000;
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      sessionTimeout,
      heartbeatInterval: options.heartbeatIntervalMs ?? Math.max(100, Math.min(3000, Math.floor(sessionTimeout / 3))),
      rebalanceTimeout: Math.max(sessionTimeout, 10000),
      minBytes: 1,
      maxBytes: 32 * 1024 * 1024,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxWaitTimeInMs: 250,
    });
  }

  async run(handler: BatchHandler): Promise<void> {
    if (this.running) throw new Error(`consumer of group ${this.options.groupId} is already running`);
    this.running = true;
    const joined = this.watchGroup();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: (this.options.startFrom ?? 'earliest') === 'earliest' });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // One partition's batches stay in order; different partitions are handled side by side, so one partition's
      // commit round trip does not hold up the others (the embedded log does the same).
      partitionsConsumedConcurrently: PARTITIONS_CONSUMED_CONCURRENTLY,
      eachBatch: (payload) => this.handleBatch(payload, handler),
    });
    await joined;
    await this.assignmentDone;
  }

  async commit(offsets: CommitOffset[]): Promise<void> {
    if (offsets.length === 0) return;
    for (const { topic, partition } of offsets) {
      if (!this.running || this.stopping || !this.owns(topic, partition)) {
        throw new NotPartitionOwnerError(this.options.groupId, topic, partition);
      }
    }
    try {
      await this.consumer.commitOffsets(
        offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset: String(offset) })),
      );
    } catch (error) {
      if (isRebalanceError(error)) {
        throw new NotPartitionOwnerError(this.options.groupId, offsets[0].topic, offsets[0].partition);
      }
      throw error;
    }
  }

  assignment(): TopicPartition[] {
    return this.owned.map((tp) => ({ ...tp }));
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.wake();
    try {
      await this.consumer.disconnect();
    } finally {
      this.running = false;
      this.setOwned([]);
      for (const remove of this.removeListeners.splice(0)) remove();
      this.onStop(this);
    }
  }

  /** Resolves at the first join of the group; rejects when kafkajs gives up before that. */
  private watchGroup(): Promise<void> {
    const { events } = this.consumer;
    return new Promise<void>((resolve, reject) => {
      let first = true;
      this.removeListeners.push(
        this.consumer.on(events.GROUP_JOIN, ({ payload }) => {
          const assigned: TopicPartition[] = [];
          for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
            for (const partition of partitions) assigned.push({ topic, partition });
          }
          assigned.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
          this.setOwned(assigned);
          this.assignmentDone = this.notifyAssignment(assigned);
          if (first) {
            first = false;
            resolve();
          }
        }),
        this.consumer.on(events.CRASH, ({ payload }) => {
          this.logger('error', 'Kafka consumer crashed', {
            groupId: this.options.groupId,
            error: payload.error?.message,
            restart: payload.restart,
          });
          if (!payload.restart) {
            this.setOwned([]);
            if (first) {
              first = false;
              reject(payload.error);
            }
          }
        }),
        this.consumer.on(events.REBALANCING, () => this.setOwned([])),
      );
    });
  }

  private async notifyAssignment(assigned: TopicPartition[]): Promise<void> {
    try {
      await this.options.onAssignment?.(assigned.map((tp) => ({ ...tp })));
    } catch (error) {
      this.logger('error', 'onAssignment failed', { groupId: this.options.groupId, error: String(error) });
    }
  }

  private async handleBatch(payload: EachBatchPayload, handler: BatchHandler): Promise<void> {
    const { batch, isRunning, isStale, resolveOffset } = payload;
    const { topic, partition } = batch;
    await this.assignmentDone;
    let revoked: unknown = null;
    const active = () => revoked === null && !this.stopping && isRunning() && !isStale() && this.owns(topic, partition);
    const heartbeat = async () => {
      try {
        await payload.heartbeat();
      } catch (error) {
        if (!isRebalanceError(error)) throw error;
        revoked = error; // the member must rejoin: finish early, kafkajs rejoins when this batch returns
      }
    };

    for (let start = 0; start < batch.messages.length && active(); start += this.maxBatchSize) {
      const messages = batch.messages.slice(start, start + this.maxBatchSize);
      const records = messages.map((message) => toLogRecord(topic, partition, message));
      const recordBatch: RecordBatch = { topic, partition, records, heartbeat, isActive: active };
      for (let attempt = 1; ; attempt++) {
        try {
          await handler(recordBatch);
          break;
        } catch (error) {
          if (!active()) return;
          const pauseMs = Math.min(MAX_RETRY_PAUSE_MS, RETRY_PAUSE_MS * 2 ** (attempt - 1));
          this.logger('warn', 'batch handler failed; delivering the batch again', {
            groupId: this.options.groupId,
            topic,
            partition,
            fromOffset: records[0].offset,
            attempt,
            pauseMs,
            error: error instanceof Error ? error.message : String(error),
          });
          await this.pause(pauseMs, heartbeat);
          if (!active()) return;
        }
      }
      if (!active()) return;
      resolveOffset(messages[messages.length - 1].offset);
      await heartbeat();
    }
    if (revoked !== null) throw revoked;
  }

  /** Sleeps, heartbeating meanwhile; stop() cuts it short. */
  private async pause(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopping && Date.now() < until) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(500, until - Date.now()));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      await heartbeat();
    }
  }

  private owns(topic: string, partition: number): boolean {
    return this.ownedKeys.has(`${topic}\u0000${partition}`);
  }

  private setOwned(owned: TopicPartition[]): void {
    this.owned = owned;
    this.ownedKeys = new Set(owned.map(({ topic, partition }) => `${topic}\u0000${partition}`));
  }
}
