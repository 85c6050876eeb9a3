/**
 * The adapter port beneath the EventBus: a partitioned, replicated-or-durable append-only log with consumer groups
 * and transactions, i.e. the part of Kafka's semantics the platform relies on. Two adapters implement it: Kafka
 * (kafkajs) and the embedded durable log. Everything above it (envelopes, batching publisher, DLQ, projections) is
 * written once against this interface, and the contract suite runs against both adapters.
 */

export type LogAdapterKind = 'kafka' | 'embedded';

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Delete-retention in milliseconds; undefined = keep forever (-1 in Kafka). */
  retentionMs?: number;
  /** Log compaction by key (latest value per key is kept). */
  compacted?: boolean;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Position of a record; `offset` is the record's own offset. */
export interface RecordPosition extends TopicPartition {
  offset: number;
}

/** Offset to commit: the offset of the NEXT record to read (Kafka's convention). */
export interface CommitOffset extends TopicPartition {
  offset: number;
}

export type Headers = Record<string, string>;

export interface OutgoingRecord {
  topic: string;
  /** Records with the same key land on the same partition, in publish order. */
  key: string | null;
  value: Buffer;
  headers?: Headers;
  /** Explicit partition; when absent the partition is chosen from the key (murmur2, as Kafka's default). */
  partition?: number;
  /** Milliseconds since epoch; defaults to append time. */
  timestamp?: number;
}

export interface LogRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: Buffer;
  headers: Headers;
  timestamp: number;
}

/** Records of ONE topic-partition, in offset order. */
export interface RecordBatch extends TopicPartition {
  records: LogRecord[];
  /** Tells the group coordinator the member is alive during long processing. */
  heartbeat(): Promise<void>;
  /** False once the partition was revoked from this member (the handler should stop early; results are discarded). */
  isActive(): boolean;
}

export interface LogConsumerOptions {
  groupId: string;
  topics: string[];
  /** Where to start when the group has no committed offset for a partition (default: earliest). */
  startFrom?: 'earliest' | 'latest';
  /** A member that does not heartbeat within this time is considered dead and its partitions are reassigned. */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Upper bound of records handed to one handler call. */
  maxBatchSize?: number;
  /** Called after each rebalance with the partitions this member now owns. */
  onAssignment?: (assigned: TopicPartition[]) => void | Promise<void>;
}

/**
 * Handler of a batch. Resolving does NOT commit: commits are explicit (at-least-once). Throwing makes the adapter
 * deliver the same batch again (from the last committed or resolved position) after a short pause.
 */
export type BatchHandler = (batch: RecordBatch) => Promise<void>;

export interface LogConsumer {
  /** Joins the group and starts delivering; resolves once the member has joined (first assignment received). */
  run(handler: BatchHandler): Promise<void>;
  /** Commits offsets for partitions this member owns (fails with a RebalanceInProgress-like error otherwise). */
  commit(offsets: CommitOffset[]): Promise<void>;
  assignment(): TopicPartition[];
  /** Leaves the group cleanly (partitions are reassigned at once); waits for the running handler to finish. */
  stop(): Promise<void>;
}

export interface LogTransaction {
  append(records: OutgoingRecord[]): Promise<void>;
  /** Commits the consumer group's offsets as part of this transaction (read-process-write). */
  commitOffsets(groupId: string, offsets: CommitOffset[]): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * A producer with a transactional id. Creating a new one with the same id fences the older one (zombie fencing):
 * the older producer's commits fail with ProducerFencedError.
 */
export interface TransactionalProducer {
  readonly transactionalId: string;
  begin(): Promise<LogTransaction>;
  close(): Promise<void>;
}

export interface PartitionLag extends TopicPartition {
  /** Next offset the group will read (committed), or -1 when the group never committed. */
  committedOffset: number;
  /** Offset the next appended record will get (high watermark / last stable offset). */
  endOffset: number;
  lag: number;
}

export interface EventLog {
  readonly kind: LogAdapterKind;
  connect(): Promise<void>;
  /** Creates missing topics; existing topics are left as they are (partition count is not changed). */
  ensureTopics(specs: TopicSpec[]): Promise<void>;
  listTopics(): Promise<TopicSpec[]>;
  /** Appends records as one acknowledged batch; resolves with their positions in input order. */
  append(records: OutgoingRecord[]): Promise<RecordPosition[]>;
  createConsumer(options: LogConsumerOptions): LogConsumer;
  transactionalProducer(transactionalId: string): Promise<TransactionalProducer>;
  /** Committed offsets and end offsets for every partition of the given topics, for a group. */
  groupLag(groupId: string, topics: string[]): Promise<PartitionLag[]>;
  /** Cheap round trip that proves the log is reachable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
