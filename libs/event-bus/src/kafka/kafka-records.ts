import { type IHeaders, type KafkaMessage, type Message, type TopicMessages } from 'kafkajs';
import { type Headers, type LogRecord, type OutgoingRecord } from '../log/event-log';
import { partitionForKey } from '../log/partitioner';

/** Records of one append, placed on their partitions and grouped the way kafkajs sends them. */
export interface PlacedBatch {
  topicMessages: TopicMessages[];
  /** For each input record (input order): its topic, partition and index within that partition's records. */
  placements: { topic: string; partition: number; index: number }[];
}

/**
 * Chooses each record's partition as Kafka's default partitioner does: the explicit partition, else murmur2 of the
 * key, else round-robin for records without a key.
 */
export class RecordPlacer {
  private readonly roundRobin = new Map<string, number>();

  place(records: OutgoingRecord[], partitionCounts: Map<string, number>): PlacedBatch {
    const byTopic = new Map<string, Message[]>();
    const perPartition = new Map<string, number>();
    const placements: PlacedBatch['placements'] = [];
    for (const record of records) {
      const partitions = partitionCounts.get(record.topic) ?? 1;
      const partition = this.partitionOf(record, partitions);
      const slot = `${record.topic}\u0000${partition}`;
      const index = perPartition.get(slot) ?? 0;
      perPartition.set(slot, index + 1);
      placements.push({ topic: record.topic, partition, index });
      let messages = byTopic.get(record.topic);
      if (!messages) {
        messages = [];
        byTopic.set(record.topic, messages);
      }
      messages.push(toMessage(record, partition));
    }
    return {
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      placements,
    };
  }

  private partitionOf(record: OutgoingRecord, partitions: number): number {
    if (record.partition !== undefined && record.partition !== null) {
      if (!Number.isInteger(record.partition) || record.partition < 0 || record.partition >= partitions) {
        throw new RangeError(`partition ${record.partition} does not exist in ${record.topic} (${partitions} partitions)`);
      }
      return record.partition;
    }
    if (record.key !== null) return partitionForKey(record.key, partitions);
    const next = this.roundRobin.get(record.topic) ?? 0;
    this.roundRobin.set(record.topic, (next + 1) % 0x7fffffff);
    return next % partitions;
  }
}

function toMessage(record: OutgoingRecord, partition: number): Message {
  const message: Message = { key: record.key, value: record.value, partition };
  if (record.headers) message.headers = record.headers;
  if (record.timestamp !== undefined) message.timestamp = String(record.timestamp);
  return message;
}

/** Approximate encoded size, to keep one produce request below the broker's message.max.bytes. */
export function approximateSize(record: OutgoingRecord): number {
  let size = 70 + record.value.length + (record.key === null ? 0 : Buffer.byteLength(record.key));
  if (record.headers) {
    for (const name in record.headers) size += 10 + name.length + Buffer.byteLength(record.headers[name]);
  }
  return size;
}

const EMPTY = Buffer.alloc(0);

export function toLogRecord(topic: string, partition: number, message: KafkaMessage): LogRecord {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key === null || message.key === undefined ? null : message.key.toString('utf8'),
    value: message.value ?? EMPTY,
    headers: toHeaders(message.headers),
    timestamp: Number(message.timestamp),
  };
}

function toHeaders(headers: IHeaders | undefined): Headers {
  const result: Headers = {};
  if (!headers) return result;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    result[name] = typeof last === 'string' ? last : last.toString('utf8');
  }
  return result;
}
