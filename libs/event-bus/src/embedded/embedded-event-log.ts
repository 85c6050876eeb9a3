import * as fs from 'node:fs';
import { join } from 'node:path';
import {
  type CommitOffset,
  type EventLog,
  type LogConsumer,
  type LogConsumerOptions,
  type LogRecord,
  type OutgoingRecord,
  type PartitionLag,
  type RecordPosition,
  type TopicSpec,
  type TransactionalProducer,
} from '../log/event-log';
import { LogClosedError, ProducerFencedError, UnknownTopicError } from '../log/errors';
import { partitionForKey } from '../log/partitioner';
import { acquirePidLock, type PidLock } from '@cc/file-lock';
import { type ConsumerHost, EmbeddedConsumer } from './embedded-consumer';
import { FRAME_HEADER_BYTES } from './frame';
import { GroupCommitWriter } from './group-commit-writer';
import { GroupCoordinator, partitionKey } from './group-coordinator';
import { PartitionIndex } from './partition-index';
import { RecordCache } from './record-cache';
import {
  decodeEntry,
  decodeRecord,
  encodeFrame,
  forEachEntry,
  FrameEncoder,
  isRecordEntry,
  type LogEntry,
  peekRecord,
  type RecordHeader,
} from './record-codec';
import { SegmentTimestamps } from './retention';
import { type FrameLocation, SegmentStore } from './segment-store';
import { EmbeddedTransactionalProducer, type TransactionHost, type TransactionOffsets } from './transactions';

export interface EmbeddedEventLogOptions {
  /** Folder of the log's segment files (created if missing). */
  dataDir: string;
  /** fdatasync before acknowledging appends and commits (default true). */
  fsync?: boolean;
  /** Size at which a new segment file is started (default 64 MiB). */
  segmentBytes?: number;
  /**
   * Zeros written ahead of the end of the log (default 8 MiB with fsync, none without), so that the fdatasync of an
   * append flushes data without a file-system journal commit (see SegmentStore).
   */
  preallocateBytes?: number;
  /** Session timeout of consumers that do not set one (default 10 s). */
  defaultSessionTimeoutMs?: number;
  /** Byte budget of the in-memory cache of recent records (default 64 MiB). */
  cacheBytes?: number;
  /** How often expired segments are looked for (default 60 s). */
  retentionCheckIntervalMs?: number;
}

interface PartitionState {
  index: PartitionIndex;
  /** Offset the next appended record gets (records between index.endOffset and this are being written). */
  nextOffset: number;
  waiters: Array<() => void>;
}

interface TopicState {
  spec: TopicSpec;
  partitions: PartitionState[];
  roundRobin: number;
}

interface ReplayedRecord extends RecordHeader {
  segment: number;
  position: number;
  length: number;
}

/** Records encoded into one frame (with their partitions and offsets), waiting for the frame to be durable. */
interface EncodedRecords {
  frame: Buffer;
  positions: RecordPosition[];
  /** Per record: its partition, and where its entry starts in the frame and how long it is. */
  partitions: PartitionState[];
  starts: number[];
  lengths: number[];
  /** Newest record timestamp per topic of the frame (for retention). */
  stampTopics: string[];
  stampTimes: number[];
}

const DEFAULT_PREALLOCATE_BYTES = 8 * 1024 * 1024;

/** Bytes one read hands to a consumer at most (at least one record). */
const MAX_READ_BYTES = 4 * 1024 * 1024;

/**
 * The embedded adapter of the event log: one durable write-ahead log on local disk for all topics, with Kafka's
 * partition/offset, consumer-group and transaction semantics as far as the EventLog port exposes them.
 *
 * Every append, offset commit or transaction is one CRC-protected frame written with one write, so it is atomic;
 * frames are written and fsynced in groups (group commit). On open, the segments are scanned, a torn tail is truncated
 * and the in-memory state is rebuilt: per partition an offset -> location index, committed group offsets, topics and
 * transactional epochs. Records become visible to consumers only once durable; readers are woken on append.
 */
export class EmbeddedEventLog implements EventLog, ConsumerHost, TransactionHost {
  readonly kind = 'embedded' as const;
  readonly coordinator: GroupCoordinator;
  readonly defaultSessionTimeoutMs: number;

  private state: 'new' | 'opening' | 'open' | 'closing' | 'closed' = 'new';
  private opening: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private lock: PidLock | undefined;
  private store: SegmentStore | undefined;
  private writer: GroupCommitWriter | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;
  private retentionRunning = false;
  private readonly topics = new Map<string, TopicState>();
  private readonly groupOffsets = new Map<string, Map<string, number>>();
  private readonly epochs = new Map<string, number>();
  private readonly consumers = new Set<EmbeddedConsumer>();
  private readonly cache: RecordCache;
  private readonly timestamps = new SegmentTimestamps();
  private replayPending: ReplayedRecord[] = [];
  private readonly fsync: boolean;
  private readonly segmentBytes: number;

  constructor(private readonly options: EmbeddedEventLogOptions) {
    this.fsync = options.fsync ?? true;
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.defaultSessionTimeoutMs = options.defaultSessionTimeoutMs ?? 10_000;
    this.cache = new RecordCache(options.cacheBytes ?? 64 * 1024 * 1024);
    this.coordinator = new GroupCoordinator((topic) => this.topics.get(topic)?.partitions.length ?? 0);
  }

  connect(): Promise<void> {
    if (this.state === 'closing' || this.state === 'closed') return Promise.reject(new LogClosedError());
    this.opening ??= Promise.resolve().then(() => this.open());
    return this.opening;
  }

  ready(): Promise<void> {
    if (this.state === 'open') return Promise.resolve();
    return this.connect();
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    await this.ready();
    const created: TopicSpec[] = [];
    for (const spec of specs) {
      if (!spec.name || !Number.isInteger(spec.partitions) || spec.partitions < 1) {
        throw new RangeError(`invalid topic spec ${JSON.stringify(spec)}`);
      }
      if (this.topics.has(spec.name)) continue;
      const copy = copySpec(spec);
      this.addTopic(copy);
      created.push(copy);
    }
    if (created.length === 0) return;
    await this.write(created.map((spec) => ({ type: 'topic-created', spec })));
    for (const spec of created) this.coordinator.topicCreated(spec.name);
  }

  async listTopics(): Promise<TopicSpec[]> {
    await this.ready();
    return [...this.topics.values()].map((t) => copySpec(t.spec));
  }

  async append(records: OutgoingRecord[]): Promise<RecordPosition[]> {
    if (this.state !== 'open') await this.ready();
    if (records.length === 0) return [];
    const encoded = this.encodeRecords(records, NO_ENTRIES);
    await this.submit(encoded.frame, (location) => this.publish(encoded, location));
    return encoded.positions;
  }

  createConsumer(options: LogConsumerOptions): LogConsumer {
    if (this.state === 'closing' || this.state === 'closed') throw new LogClosedError();
    const consumer = new EmbeddedConsumer(this, options);
    this.consumers.add(consumer);
    return consumer;
  }

  async transactionalProducer(transactionalId: string): Promise<TransactionalProducer> {
    await this.ready();
    const epoch = (this.epochs.get(transactionalId) ?? 0) + 1;
    this.epochs.set(transactionalId, epoch);
    await this.write([{ type: 'producer-epoch', transactionalId, epoch }]);
    return new EmbeddedTransactionalProducer(this, transactionalId, epoch);
  }

  async groupLag(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    await this.ready();
    const lags: PartitionLag[] = [];
    for (const name of topics) {
      const topic = this.topicState(name);
      topic.partitions.forEach((p, partition) => {
        const committed = this.committedOffset(groupId, name, partition);
        const endOffset = p.index.endOffset;
        const from = committed ?? p.index.startOffset;
        lags.push({
          topic: name,
          partition,
          committedOffset: committed ?? -1,
          endOffset,
          lag: Math.max(0, endOffset - from),
        });
      });
    }
    return lags;
  }

  async ping(): Promise<void> {
    if (this.state !== 'open') await this.ready();
  }

  close(): Promise<void> {
    if (this.state === 'closed') return Promise.resolve();
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** Deletes expired segments now (also done periodically); returns how many were deleted. */
  async enforceRetention(now = Date.now()): Promise<number> {
    await this.ready();
    const store = this.requireStore();
    if (this.retentionRunning) return 0;
    const closed = store.segmentNumbers().slice(0, -1);
    const expired = this.timestamps.expiredPrefix(closed, (topic) => this.topics.get(topic)?.spec.retentionMs, now);
    if (expired.length === 0) return 0;
    this.retentionRunning = true;
    try {
      // The metadata stored in the expiring segments (topics, group offsets, epochs, partition ends) is written again
      // at the head of the log first, so that a restart after the deletion rebuilds the same state.
      await this.write(this.checkpointEntries());
      store.delete(expired);
      for (const segment of expired) this.timestamps.forget(segment);
      const firstKept = store.segmentNumbers()[0];
      for (const topic of this.topics.values()) for (const p of topic.partitions) p.index.dropBeforeSegment(firstKept);
      this.cache.dropBeforeSegment(firstKept);
      return expired.length;
    } finally {
      this.retentionRunning = false;
    }
  }

  // ---- ConsumerHost ----

  bounds(topic: string, partition: number): { start: number; end: number } {
    const p = this.topics.get(topic)?.partitions[partition];
    return p ? { start: p.index.startOffset, end: p.index.endOffset } : { start: 0, end: 0 };
  }

  committedOffset(groupId: string, topic: string, partition: number): number | undefined {
    return this.groupOffsets.get(groupId)?.get(partitionKey(topic, partition));
  }

  read(topic: string, partition: number, offset: number, max: number): LogRecord[] {
    const p = this.topics.get(topic)?.partitions[partition];
    if (!p || offset >= p.index.endOffset || offset < p.index.startOffset) return [];
    const index = p.index;
    const upTo = Math.min(index.endOffset, offset + max);
    const records: LogRecord[] = [];
    let bytes = 0;
    let next = offset;
    while (next < upTo && (records.length === 0 || bytes < MAX_READ_BYTES)) {
      const slot = index.slotOf(next);
      if (slot < 0) break;
      const cached = this.cache.view(index.segmentAt(slot), index.positionAt(slot), index.lengthAt(slot));
      if (cached) {
        records.push(decodeRecord(cached));
        bytes += cached.length;
        next++;
        continue;
      }
      const before = records.length;
      bytes += this.readFromDisk(index, next, upTo, records);
      if (records.length === before) break;
      next += records.length - before;
    }
    return records;
  }

  onRecords(topic: string, partition: number, wake: () => void): void {
    this.topics.get(topic)?.partitions[partition]?.waiters.push(wake);
  }

  async commitOffsets(groupId: string, offsets: CommitOffset[]): Promise<void> {
    if (this.state !== 'open' && this.state !== 'closing') await this.ready();
    if (offsets.length === 0) return;
    const entries = this.offsetEntries([{ groupId, offsets }]);
    const { frame } = encodeFrame(entries);
    await this.submit(frame, () => this.applyOffsets(entries));
  }

  consumerStopped(consumer: EmbeddedConsumer): void {
    this.consumers.delete(consumer);
  }

  // ---- TransactionHost ----

  producerEpoch(transactionalId: string): number {
    return this.epochs.get(transactionalId) ?? 0;
  }

  validate(records: OutgoingRecord[]): void {
    for (const r of records) this.partitionOf(this.topicState(r.topic), r, false);
  }

  async commitTransaction(
    transactionalId: string,
    epoch: number,
    records: OutgoingRecord[],
    offsets: TransactionOffsets[],
  ): Promise<void> {
    if (this.state !== 'open') await this.ready();
    if (this.producerEpoch(transactionalId) !== epoch) throw new ProducerFencedError(transactionalId);
    const offsetEntries = this.offsetEntries(offsets);
    if (records.length === 0 && offsetEntries.length === 0) return;
    const encoded = this.encodeRecords(records, offsetEntries);
    await this.submit(encoded.frame, (location) => {
      this.publish(encoded, location);
      this.applyOffsets(offsetEntries);
    });
  }

  // ---- internals ----

  private async open(): Promise<void> {
    this.state = 'opening';
    fs.mkdirSync(this.options.dataDir, { recursive: true });
    const dir = this.options.dataDir;
    this.lock = acquirePidLock(join(fs.realpathSync(dir), 'LOCK'), (owner) =>
      owner === process.pid
        ? new Error(`event log data folder ${dir} is already open in this process`)
        : new Error(`event log data folder ${dir} is locked by running process ${owner} (${join(dir, 'LOCK')})`),
    );
    try {
      const preallocateBytes = this.options.preallocateBytes ?? (this.fsync ? DEFAULT_PREALLOCATE_BYTES : 0);
      const store = new SegmentStore(this.options.dataDir, this.segmentBytes, this.fsync, preallocateBytes);
      store.open((frame, segment) => this.replay(frame.payload, segment, frame.position + FRAME_HEADER_BYTES));
      if (this.replayPending.length > 0) {
        const r = this.replayPending[0];
        throw new Error(`event log holds records of unknown ${r.topic}[${r.partition}] (segments are missing)`);
      }
      for (const topic of this.topics.values()) for (const p of topic.partitions) p.nextOffset = p.index.endOffset;
      this.store = store;
      this.writer = new GroupCommitWriter(store, this.fsync);
    } catch (e) {
      this.store?.close();
      this.lock.release();
      this.state = 'closed';
      throw e;
    }
    this.state = 'open';
    const interval = this.options.retentionCheckIntervalMs ?? 60_000;
    this.retentionTimer = setInterval(() => void this.enforceRetention().catch(() => undefined), interval);
    this.retentionTimer.unref();
  }

  private replay(payload: Buffer, segment: number, payloadPosition: number): void {
    forEachEntry(payload, (entry, start) => {
      if (isRecordEntry(entry)) {
        const header = peekRecord(entry);
        const located = { ...header, segment, position: payloadPosition + start, length: entry.length };
        if (this.topics.has(header.topic)) this.indexReplayed(located);
        else this.replayPending.push(located);
        return;
      }
      const decoded = decodeEntry(entry);
      switch (decoded.type) {
        case 'topic-created':
          if (!this.topics.has(decoded.spec.name)) {
            this.addTopic(decoded.spec);
            // records that precede their topic's definition: it was rewritten by a retention checkpoint
            const pending = this.replayPending.filter((r) => r.topic === decoded.spec.name);
            this.replayPending = this.replayPending.filter((r) => r.topic !== decoded.spec.name);
            for (const r of pending) this.indexReplayed(r);
          }
          break;
        case 'offsets-committed':
          this.applyOffsets([decoded]);
          break;
        case 'producer-epoch':
          this.epochs.set(
            decoded.transactionalId,
            Math.max(decoded.epoch, this.epochs.get(decoded.transactionalId) ?? 0),
          );
          break;
        case 'partition-end':
          this.topics.get(decoded.topic)?.partitions[decoded.partition]?.index.advanceEmptyTo(decoded.endOffset);
          break;
        case 'record':
          break;
      }
    });
  }

  private indexReplayed(r: ReplayedRecord): void {
    const p = this.topics.get(r.topic)?.partitions[r.partition];
    if (!p) throw new Error(`event log holds a record of unknown ${r.topic}[${r.partition}]`);
    p.index.add(r.offset, r.segment, r.position, r.length);
    this.timestamps.note(r.segment, r.topic, r.timestamp);
  }

  private addTopic(spec: TopicSpec): void {
    const partitions: PartitionState[] = [];
    for (let i = 0; i < spec.partitions; i++) {
      partitions.push({ index: new PartitionIndex(), nextOffset: 0, waiters: [] });
    }
    this.topics.set(spec.name, { spec, partitions, roundRobin: 0 });
  }

  private topicState(name: string): TopicState {
    const topic = this.topics.get(name);
    if (!topic) throw new UnknownTopicError(name);
    return topic;
  }

  private partitionOf(topic: TopicState, record: OutgoingRecord, advance: boolean): number {
    const count = topic.partitions.length;
    if (record.partition !== undefined) {
      if (!Number.isInteger(record.partition) || record.partition < 0 || record.partition >= count) {
        throw new RangeError(
          `partition ${record.partition} does not exist in topic ${topic.spec.name} (${count} partitions)`,
        );
      }
      return record.partition;
    }
    if (record.key !== null) return partitionForKey(record.key, count);
    return advance ? topic.roundRobin++ % count : 0;
  }

  /**
   * Validates records, then gives them partitions and offsets and encodes them, followed by `entries`, into one frame
   * (nothing is assigned when a record is invalid or cannot be encoded).
   */
  private encodeRecords(records: OutgoingRecord[], entries: LogEntry[]): EncodedRecords {
    const count = records.length;
    const topics: TopicState[] = new Array(count);
    const chosen: number[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const r = records[i];
      topics[i] = this.topicState(r.topic);
      // -1: round robin, advanced only once every record is known to be valid
      chosen[i] = r.partition === undefined && r.key === null ? -1 : this.partitionOf(topics[i], r, false);
    }
    const now = Date.now();
    const encoded: EncodedRecords = {
      frame: EMPTY_FRAME,
      positions: new Array(count),
      partitions: new Array(count),
      starts: new Array(count),
      lengths: new Array(count),
      stampTopics: [],
      stampTimes: [],
    };
    const encoder = FrameEncoder.shared();
    encoder.begin();
    let assigned = 0;
    try {
      let lastTopic: string | undefined;
      for (let i = 0; i < count; i++) {
        const r = records[i];
        const topic = topics[i];
        const partition = chosen[i] >= 0 ? chosen[i] : topic.roundRobin++ % topic.partitions.length;
        const p = topic.partitions[partition];
        const offset = p.nextOffset++;
        encoded.partitions[i] = p;
        assigned++;
        const timestamp = r.timestamp ?? now;
        encoded.starts[i] = encoder.record(r.topic, partition, offset, timestamp, r.key, r.value, r.headers);
        encoded.lengths[i] = encoder.lastEntryLength;
        encoded.positions[i] = { topic: r.topic, partition, offset };
        const stamps = encoded.stampTimes;
        if (r.topic !== lastTopic) {
          lastTopic = r.topic;
          encoded.stampTopics.push(r.topic);
          stamps.push(timestamp);
        } else if (timestamp > stamps[stamps.length - 1]) {
          stamps[stamps.length - 1] = timestamp;
        }
      }
      for (const entry of entries) encoder.entry(entry);
      encoded.frame = encoder.finish();
    } catch (e) {
      for (let i = 0; i < assigned; i++) encoded.partitions[i].nextOffset--;
      throw e;
    } finally {
      encoder.abandon();
    }
    return encoded;
  }

  /** Makes durable records visible: index, cache, retention bookkeeping, then wakes the partitions' readers. */
  private publish(encoded: EncodedRecords, location: FrameLocation): void {
    const { segment, position } = location;
    const { partitions, positions, starts, lengths } = encoded;
    const count = partitions.length;
    if (count === 0) return;
    for (let i = 0; i < count; i++)
      partitions[i].index.add(positions[i].offset, segment, position + starts[i], lengths[i]);
    for (let i = 0; i < encoded.stampTopics.length; i++) {
      this.timestamps.note(segment, encoded.stampTopics[i], encoded.stampTimes[i]);
    }
    this.cache.add(segment, position, encoded.frame);
    for (let i = 0; i < count; i++) {
      const p = partitions[i];
      if (p.waiters.length === 0) continue;
      const waiters = p.waiters;
      p.waiters = [];
      for (const wake of waiters) wake();
    }
  }

  private offsetEntries(groups: TransactionOffsets[]): LogEntry[] {
    const entries: LogEntry[] = [];
    for (const { groupId, offsets } of groups) {
      for (const o of offsets) {
        const topic = this.topicState(o.topic);
        if (!Number.isInteger(o.partition) || o.partition < 0 || o.partition >= topic.partitions.length) {
          throw new RangeError(`partition ${o.partition} does not exist in topic ${o.topic}`);
        }
        entries.push({ type: 'offsets-committed', groupId, topic: o.topic, partition: o.partition, offset: o.offset });
      }
    }
    return entries;
  }

  private applyOffsets(entries: LogEntry[]): void {
    for (const e of entries) {
      if (e.type !== 'offsets-committed') continue;
      let offsets = this.groupOffsets.get(e.groupId);
      if (!offsets) {
        offsets = new Map();
        this.groupOffsets.set(e.groupId, offsets);
      }
      offsets.set(partitionKey(e.topic, e.partition), e.offset);
    }
  }

  private checkpointEntries(): LogEntry[] {
    const entries: LogEntry[] = [];
    for (const topic of this.topics.values()) {
      entries.push({ type: 'topic-created', spec: topic.spec });
      topic.partitions.forEach((p, partition) =>
        entries.push({ type: 'partition-end', topic: topic.spec.name, partition, endOffset: p.nextOffset }),
      );
    }
    for (const [groupId, offsets] of this.groupOffsets) {
      for (const [key, offset] of offsets) {
        const [topic, partition] = key.split('\u0000');
        entries.push({ type: 'offsets-committed', groupId, topic, partition: Number(partition), offset });
      }
    }
    for (const [transactionalId, epoch] of this.epochs)
      entries.push({ type: 'producer-epoch', transactionalId, epoch });
    return entries;
  }

  /**
   * Reads records from `from` up to (not including) `upTo` or the first cached one from disk into `records`, with one
   * read per run of adjacent records, up to MAX_READ_BYTES (at least one record); returns the bytes read.
   */
  private readFromDisk(index: PartitionIndex, from: number, upTo: number, records: LogRecord[]): number {
    const store = this.requireStore();
    const firstSlot = index.slotOf(from);
    if (firstSlot < 0) return 0;
    const segment = index.segmentAt(firstSlot);
    const start = index.positionAt(firstSlot);
    // Records of one partition appended together sit next to each other: read such a run with one read.
    let last = from;
    let end = start + index.lengthAt(firstSlot);
    while (last + 1 < upTo) {
      const slot = index.slotOf(last + 1);
      if (slot < 0 || index.segmentAt(slot) !== segment) break;
      const position = index.positionAt(slot);
      if (position < end || position - end > 4096 || this.cache.holds(segment, position)) break;
      const nextEnd = position + index.lengthAt(slot);
      if (nextEnd - start > MAX_READ_BYTES) break;
      end = nextEnd;
      last++;
    }
    const run = store.read(segment, start, end - start);
    for (let o = from; o <= last; o++) {
      const slot = index.slotOf(o);
      const at = index.positionAt(slot) - start;
      records.push(decodeRecord(run.subarray(at, at + index.lengthAt(slot))));
    }
    return run.length;
  }

  private write(entries: LogEntry[]): Promise<void> {
    const { frame } = encodeFrame(entries);
    return this.submit(frame, () => undefined);
  }

  private submit(frame: Buffer, onDurable: (location: FrameLocation) => void): Promise<void> {
    const writer = this.writer;
    if (!writer || this.state === 'closed') return Promise.reject(new LogClosedError());
    return new Promise((resolve, reject) =>
      writer.submit(frame, (error, location) => {
        if (error || !location) return reject(error ?? new LogClosedError());
        onDurable(location);
        resolve();
      }),
    );
  }

  private requireStore(): SegmentStore {
    if (!this.store) throw new LogClosedError();
    return this.store;
  }

  private async shutdown(): Promise<void> {
    if (this.state === 'new') {
      this.state = 'closed';
      return;
    }
    if (this.state === 'opening') await this.opening?.catch(() => undefined);
    if (this.state === 'closed') return;
    this.state = 'closing';
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    const stopping = Promise.all([...this.consumers].map((c) => c.stop()));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.defaultSessionTimeoutMs)));
    await Promise.race([stopping, grace]);
    clearTimeout(timer);
    this.store?.stopPreallocating();
    await this.store?.settle();
    await this.writer?.drain();
    this.state = 'closed';
    this.store?.close();
    this.store = undefined;
    this.writer = undefined;
    this.lock?.release();
    for (const topic of this.topics.values()) {
      for (const p of topic.partitions) {
        const waiters = p.waiters;
        p.waiters = [];
        for (const wake of waiters) wake();
      }
    }
  }
}

const NO_ENTRIES: LogEntry[] = [];
const EMPTY_FRAME = Buffer.alloc(0);

function copySpec(spec: TopicSpec): TopicSpec {
  const copy: TopicSpec = { name: spec.name, partitions: spec.partitions };
  if (spec.retentionMs !== undefined) copy.retentionMs = spec.retentionMs;
  if (spec.compacted !== undefined) copy.compacted = spec.compacted;
  return copy;
}
