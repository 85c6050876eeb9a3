import { dlqTopicOf, type TopicDefinition } from '@cc/contracts';
import {
  type CommitOffset,
  type EventLog,
  type LogRecord,
  type OutgoingRecord,
  type PartitionLag,
  type RecordBatch,
  type RecordPosition,
  type TopicPartition,
  type TopicSpec,
} from '../log/event-log';
import { NotPartitionOwnerError } from '../log/errors';
import { BatchingPublisher, type BatchingOptions, defaultBatching } from './batching-publisher';
import { type ConsumedEvent } from './consumed-event';
import { deadLetterRecord } from './dead-letter';
import { EventCodec, type EventRegistry, type PublishRequest } from './event-codec';
import { type BusInstrumentation, noInstrumentation } from './instrumentation';
import { RecordProcessor } from './record-processor';
import { defaultRetryPolicy } from './retry-policy';
import { type Subscription, type SubscriptionOptions } from './subscription';
import { TransactionalProducers } from './transactional-producers';

export interface EventBusOptions {
  log: EventLog;
  /** CloudEvents source of what this process publishes, e.g. `cc/reporting`. */
  source: string;
  instrumentation?: BusInstrumentation;
  /** Resolves CloudEvents types to their definitions; defaults to the platform's contracts. */
  registry?: EventRegistry;
  batching?: Partial<BatchingOptions>;
}

export type EventHandler = (event: ConsumedEvent) => Promise<void>;

/** Lets a transactional handler publish events that commit atomically with its input offsets. */
export interface TransactionalOutput {
  publish<T>(request: PublishRequest<T>): void;
}

export type TransactionalHandler = (event: ConsumedEvent, output: TransactionalOutput) => Promise<void>;

/** Writes events in a transaction of an owned input partition's producer (after its former owner was fenced). */
export interface PartitionOutput {
  publish(partition: TopicPartition, requests: PublishRequest<unknown>[]): Promise<void>;
}

export interface TransactionalSubscriptionOptions extends SubscriptionOptions {
  transactionalIdPrefix?: string;
  /**
   * Called after each rebalance, once the transactional producer of every assigned partition exists, i.e. once
   * any former owner of these partitions is fenced and its open transaction aborted. What it publishes through
   * `output` lands after everything the former owners committed.
   */
  onTransactionalAssignment?: (assigned: TopicPartition[], output: PartitionOutput) => Promise<void>;
  /**
   * Called when what the handler did for a batch was not committed (the transaction failed, or the partition was
   * revoked during the batch): a handler that keeps state must forget what it derived from that batch.
   */
  onBatchDiscarded?: (partition: TopicPartition, error: unknown) => void | Promise<void>;
}

/** Processes one batch of records of one partition; the bus runs it inside a consumer-group member. */
export type BatchProcessor = (batch: RecordBatch, tools: BatchTools) => Promise<void>;

export interface BatchTools {
  processor: RecordProcessor;
  /** Publishes dead letters and waits for the acknowledgement. */
  deadLetter(records: OutgoingRecord[]): Promise<void>;
  /** Commits the group's offset; a partition lost to a rebalance is not an error (its new owner redoes the work). */
  commit(offsets: CommitOffset[]): Promise<void>;
}

/**
 * The one event bus every service uses, over either adapter of the EventLog port. It publishes typed events in
 * CloudEvents envelopes with batching, and consumes them in consumer groups in three styles:
 * - subscribe: at-least-once, offsets committed after the handler succeeded;
 * - subscribeTransactional: read-process-write, output events and input offsets in one log transaction;
 * - projections (see ../projection): rows and offsets in one Postgres transaction.
 * Events that cannot be decoded, or that a handler rejects, go to `<topic>.dlq` with the reason in headers.
 */
export class EventBus {
  readonly log: EventLog;
  readonly codec: EventCodec;
  private readonly instrumentation: BusInstrumentation;
  private readonly publisher: BatchingPublisher;
  private readonly subscriptions = new Set<Subscription>();
  private readonly ensuredTopics = new Set<string>();

  constructor(options: EventBusOptions) {
    this.log = options.log;
    this.codec = new EventCodec(options.source, options.registry);
    this.instrumentation = options.instrumentation ?? noInstrumentation;
    this.publisher = new BatchingPublisher(options.log, { ...defaultBatching, ...options.batching });
  }

  async ensureTopics(topics: Array<TopicSpec | TopicDefinition>): Promise<void> {
    const missing = topics.filter((t) => !this.ensuredTopics.has(t.name));
    if (missing.length === 0) return;
    await this.log.ensureTopics(
      missing.map((t) => ({ name: t.name, partitions: t.partitions, retentionMs: t.retentionMs, compacted: t.compacted })),
    );
    for (const t of missing) this.ensuredTopics.add(t.name);
  }

  async publish<T>(request: PublishRequest<T>): Promise<RecordPosition> {
    const [position] = await this.publishRecords(this.encode([request as PublishRequest<unknown>]));
    return position;
  }

  /** Publishes events in order; resolves when the log acknowledged all of them. */
  async publishAll(requests: PublishRequest<unknown>[]): Promise<RecordPosition[]> {
    return this.publishRecords(this.encode(requests));
  }

  /** Publishes already-encoded records (replays of dead letters, bridges). */
  async publishRecords(records: OutgoingRecord[]): Promise<RecordPosition[]> {
    const started = performance.now();
    const positions = await this.publisher.publish(records);
    reportPublished(this.instrumentation, records, (performance.now() - started) / 1000);
    return positions;
  }

  private encode(requests: PublishRequest<unknown>[]): OutgoingRecord[] {
    const headers: Record<string, string> = {};
    this.instrumentation.decorateHeaders(headers);
    return requests.map((r) => this.codec.encode(r, headers));
  }

  /** At-least-once consumption: the handler may see an event again after a crash, never loses one. */
  subscribe(options: SubscriptionOptions, handler: EventHandler): Promise<Subscription> {
    return this.consume(options, async (batch, tools) => {
      const letters: OutgoingRecord[] = [];
      let last: LogRecord | undefined;
      for (const record of batch.records) {
        const outcome = await tools.processor.process(record, batch, handler);
        if (outcome.kind === 'revoked') break;
        if (outcome.kind === 'dead-letter') letters.push(deadLetterRecord(record, outcome.letter));
        last = record;
      }
      if (!last) return;
      await tools.deadLetter(letters);
      await tools.commit([{ topic: batch.topic, partition: batch.partition, offset: last.offset + 1 }]);
    });
  }

  /**
   * Read-process-write: what the handler publishes and the consumed offsets commit in one log transaction per
   * batch, so read_committed consumers downstream see each output exactly once. One transactional producer per
   * input partition (`<prefix>.<topic>.<partition>`) fences a former owner of the partition that is still running.
   */
  async subscribeTransactional(options: TransactionalSubscriptionOptions, handler: TransactionalHandler): Promise<Subscription> {
    const producers = new TransactionalProducers(this.log, options.transactionalIdPrefix ?? options.groupId);
    const headers: Record<string, string> = {};
    const partitionOutput: PartitionOutput = {
      publish: async (partition, requests) => {
        const records = requests.map((request) => {
          this.instrumentation.decorateHeaders(headers);
          return this.codec.encode(request, headers);
        });
        await producers.publish(partition, records);
      },
    };
    const subscription = await this.consume(
      {
        ...options,
        onAssignment: async (assigned) => {
          await producers.retain(assigned);
          if (options.onTransactionalAssignment) {
            // Fence the former owners before the handler may write anything in their name.
            await producers.open(assigned);
            await options.onTransactionalAssignment(assigned, partitionOutput);
          }
          await options.onAssignment?.(assigned);
        },
      },
      async (batch, tools) => {
        const outputs: OutgoingRecord[] = [];
        let last: LogRecord | undefined;
        for (const record of batch.records) {
          const produced: OutgoingRecord[] = [];
          const output: TransactionalOutput = {
            publish: (request) => {
              this.instrumentation.decorateHeaders(headers);
              produced.push(this.codec.encode(request, headers));
            },
          };
          const outcome = await tools.processor.process(record, batch, (event) => {
            produced.length = 0; // a retried attempt starts with a clean output
            return handler(event, output);
          });
          if (outcome.kind === 'revoked') break;
          if (outcome.kind === 'handled') outputs.push(...produced);
          if (outcome.kind === 'dead-letter') {
            outputs.push(deadLetterRecord(record, outcome.letter));
            this.instrumentation.deadLettered(record.topic, options.groupId, outcome.letter.reason);
          }
          last = record;
        }
        if (!last) return;
        if (!batch.isActive()) {
          await options.onBatchDiscarded?.(batch, new Error('partition revoked during the batch'));
          return;
        }
        try {
          await producers.commit(batch, outputs, options.groupId, last.offset + 1);
        } catch (error) {
          await options.onBatchDiscarded?.(batch, error);
          throw error;
        }
      },
    );
    const stop = subscription.stop.bind(subscription);
    return Object.assign(subscription, {
      stop: async () => {
        await stop();
        await producers.closeAll();
      },
    });
  }

  /** The consumer-group member shared by every consumption style. */
  async consume(options: SubscriptionOptions, process: BatchProcessor): Promise<Subscription> {
    await this.ensureTopics(options.topics.map((topic) => ({ name: dlqTopicOf(topic), partitions: 1 })));
    const processor = new RecordProcessor({
      groupId: options.groupId,
      codec: this.codec,
      retry: { ...defaultRetryPolicy, ...options.retry },
      instrumentation: this.instrumentation,
      handles: options.handles ? new Set(options.handles) : undefined,
    });
    const consumer = this.log.createConsumer({
      groupId: options.groupId,
      topics: options.topics,
      startFrom: options.startFrom,
      sessionTimeoutMs: options.sessionTimeoutMs,
      maxBatchSize: options.maxBatchSize,
      onAssignment: options.onAssignment,
    });
    const tools: BatchTools = {
      processor,
      deadLetter: async (records) => {
        if (records.length === 0) return;
        await this.publishRecords(records);
        for (const r of records) this.instrumentation.deadLettered(r.headers?.dlq_original_topic ?? r.topic, options.groupId, r.headers?.dlq_reason ?? '');
      },
      commit: async (offsets) => {
        try {
          await consumer.commit(offsets);
        } catch (error) {
          if (!(error instanceof NotPartitionOwnerError)) throw error;
        }
      },
    };
    await consumer.run(async (batch) => {
      await process(batch, tools);
      this.instrumentation.consumed(batch.topic, options.groupId, batch.records.length);
    });
    const subscription: Subscription = {
      groupId: options.groupId,
      assignment: () => consumer.assignment(),
      stop: async () => {
        this.subscriptions.delete(subscription);
        await consumer.stop();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  lag(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    return this.log.groupLag(groupId, topics);
  }

  /** Stops every subscription, waits for unacknowledged publishes, closes the log. Committed events are kept. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.publisher.flush();
    await this.log.close();
  }
}

/** Published counts per topic; one publish call usually has one topic, which needs no grouping. */
function reportPublished(instrumentation: BusInstrumentation, records: OutgoingRecord[], seconds: number): void {
  if (records.length === 0) return;
  const topic = records[0].topic;
  if (records.every((r) => r.topic === topic)) {
    instrumentation.published(topic, records.length, seconds);
    return;
  }
  const perTopic = new Map<string, number>();
  for (const r of records) perTopic.set(r.topic, (perTopic.get(r.topic) ?? 0) + 1);
  for (const [t, count] of perTopic) instrumentation.published(t, count, seconds);
}
