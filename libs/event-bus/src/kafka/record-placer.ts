import { type Message, type TopicMessages } from 'kafkajs';
import { type OutgoingRecord, type RecordPosition } from '../log/event-log';
import { partitionForKey } from '../log/partitioner';

/** Records of one produce request, grouped per topic the way kafkajs sends them. */
export interface ProduceChunk {
  topicMessages: TopicMessages[];
  /**
   * One per record of the chunk, in input order: its topic and partition, and in `offset` its index among the
   * partition's records of this chunk, until the acknowledgement's base offset is added.
   */
  positions: RecordPosition[];
}

/**
 * Chooses each record's partition as Kafka's default partitioner does (the explicit partition, else murmur2 of the
 * key, else round-robin for records without a key) and groups the records into produce requests, in one pass.
 */
export class RecordPlacer {
  private readonly roundRobin = new Map<string, number>();

  /**
   * Usually one chunk. A new one starts only where a partition's records would exceed `maxPartitionBytes` (the
   * broker's limit for one batch), measured by an upper bound that needs no encoding; order is kept either way.
   */
  chunks(records: OutgoingRecord[], partitionCounts: Map<string, number>, maxPartitionBytes = Infinity): ProduceChunk[] {
    const chunks: ProduceChunk[] = [];
    let current = new ChunkBuilder();
    for (const record of records) {
      const partitions = partitionCounts.get(record.topic) ?? 1;
      const partition = this.partitionOf(record, partitions);
      const size = maxPartitionBytes === Infinity ? 0 : sizeBound(record);
      if (!current.fits(record.topic, partition, size, maxPartitionBytes)) {
        chunks.push(current.build());
        current = new ChunkBuilder();
      }
      current.add(record, partition, partitions, size);
    }
    if (!current.isEmpty()) chunks.push(current.build());
    return chunks;
  }

  private partitionOf(record: OutgoingRecord, partitions: number): number {
    if (record.partition !== undefined && record.partition !== null) {
      checkPartition(record, partitions);
      return record.partition;
    }
    if (record.key !== null) return partitionForKey(record.key, partitions);
    const next = this.roundRobin.get(record.topic) ?? 0;
    this.roundRobin.set(record.topic, (next + 1) % 0x7fffffff);
    return next % partitions;
  }
}

/** Throws a RangeError when the record names a partition its topic does not have. */
export function checkPartition(record: OutgoingRecord, partitions: number): void {
  const { partition } = record;
  if (partition === undefined || partition === null) return;
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitions) {
    throw new RangeError(`partition ${partition} does not exist in ${record.topic} (${partitions} partitions)`);
  }
}

interface TopicGroup {
  messages: Message[];
  /** Records and bytes (upper bound) so far, per partition. */
  counts: Uint32Array;
  bytes: Float64Array;
}

class ChunkBuilder {
  private readonly topics = new Map<string, TopicGroup>();
  private readonly positions: RecordPosition[] = [];

  isEmpty(): boolean {
    return this.positions.length === 0;
  }

  fits(topic: string, partition: number, size: number, maxPartitionBytes: number): boolean {
    const group = this.topics.get(topic);
    // A partition's first record always fits: a record too large for any request is the broker's to refuse.
    return group === undefined || group.counts[partition] === 0 || group.bytes[partition] + size <= maxPartitionBytes;
  }

  add(record: OutgoingRecord, partition: number, partitions: number, size: number): void {
    let group = this.topics.get(record.topic);
    if (!group) {
      group = { messages: [], counts: new Uint32Array(partitions), bytes: new Float64Array(partitions) };
      this.topics.set(record.topic, group);
    }
    this.positions.push({ topic: record.topic, partition, offset: group.counts[partition]++ });
    group.bytes[partition] += size;
    group.messages.push(toMessage(record, partition));
  }

  build(): ProduceChunk {
    const topicMessages: TopicMessages[] = [];
    for (const [topic, { messages }] of this.topics) topicMessages.push({ topic, messages });
    return { topicMessages, positions: this.positions };
  }
}

function toMessage(record: OutgoingRecord, partition: number): Message {
  const message: Message = { key: record.key, value: record.value, partition };
  if (record.headers) message.headers = record.headers;
  if (record.timestamp !== undefined) message.timestamp = String(record.timestamp);
  return message;
}

/** Framing of a record and of a header in a batch, at most (length, attributes, deltas, field lengths). */
const RECORD_OVERHEAD_BYTES = 32;
const HEADER_OVERHEAD_BYTES = 10;
/** UTF-8 bytes per UTF-16 code unit, at most. */
const UTF8_BYTES_PER_CHAR = 3;

/**
 * A record's encoded size or more, from string lengths alone: exact UTF-8 lengths cost a native call per string, and
 * the bound only decides whether a partition's records still fit one request.
 */
function sizeBound(record: OutgoingRecord): number {
  let chars = record.key === null ? 0 : record.key.length;
  const headers = record.headers;
  let size = RECORD_OVERHEAD_BYTES + record.value.length;
  if (headers) {
    for (const name in headers) {
      chars += name.length + headers[name].length;
      size += HEADER_OVERHEAD_BYTES;
    }
  }
  return size + chars * UTF8_BYTES_PER_CHAR;
}
