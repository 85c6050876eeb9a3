import { CompressionTypes, Partitioners, type Kafka, type Producer, type RecordMetadata } from 'kafkajs';
import { type OutgoingRecord, type RecordPosition } from '../log/event-log';
import { type KafkaLogAdmin } from './kafka-admin';
import { approximateSize, RecordPlacer } from './kafka-records';

/** Below the broker's default message.max.bytes (1 MiB) for the records of one partition in one request. */
const MAX_PARTITION_BYTES_PER_REQUEST = 900 * 1024;

/**
 * The idempotent producer behind EventLog.append: one acknowledged (acks=all) produce request per append, partitions
 * chosen by the platform's partitioner, positions reported in input order. Appends run one after the other, which
 * keeps the idempotent producer's sequence numbers consistent and the order of concurrent appends well defined.
 */
export class KafkaAppender {
  private readonly producer: Producer;
  private readonly placer = new RecordPlacer();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    kafka: Kafka,
    private readonly admin: KafkaLogAdmin,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  append(records: OutgoingRecord[]): Promise<RecordPosition[]> {
    const run = this.queue.then(() => this.appendNow(records));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(records: OutgoingRecord[]): Promise<RecordPosition[]> {
    if (records.length === 0) return [];
    const partitionCounts = await this.admin.partitionCountsOf(records.map((record) => record.topic));
    const positions: RecordPosition[] = [];
    for (const chunk of splitBySize(records, partitionCounts, this.placer)) {
      const { topicMessages, placements } = this.placer.place(chunk, partitionCounts);
      const metadata = await this.producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
      const baseOffsets = baseOffsetsOf(metadata);
      for (const { topic, partition, index } of placements) {
        const base = baseOffsets.get(`${topic}\u0000${partition}`);
        if (base === undefined) throw new Error(`no produce acknowledgement for ${topic}[${partition}]`);
        positions.push({ topic, partition, offset: base + index });
      }
    }
    return positions;
  }
}

function baseOffsetsOf(metadata: RecordMetadata[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const m of metadata) result.set(`${m.topicName}\u0000${m.partition}`, Number(m.baseOffset));
  return result;
}

/**
 * Usually one chunk (one request). Splits only when one partition's records would exceed the broker's batch size
 * limit; positions stay in input order either way.
 */
function splitBySize(records: OutgoingRecord[], partitionCounts: Map<string, number>, placer: RecordPlacer): OutgoingRecord[][] {
  let total = 0;
  for (const record of records) total += approximateSize(record);
  if (total <= MAX_PARTITION_BYTES_PER_REQUEST) return [records];
  // Place once to learn the partitions (explicit, keyed or round-robin), then cut where a partition overflows.
  const { placements } = placer.place(records, partitionCounts);
  const pinned = records.map((record, i) => ({ ...record, partition: placements[i].partition }));
  const chunks: OutgoingRecord[][] = [];
  let current: OutgoingRecord[] = [];
  let bytes = new Map<string, number>();
  for (const record of pinned) {
    const slot = `${record.topic}\u0000${record.partition}`;
    const size = approximateSize(record);
    if (current.length > 0 && (bytes.get(slot) ?? 0) + size > MAX_PARTITION_BYTES_PER_REQUEST) {
      chunks.push(current);
      current = [];
      bytes = new Map();
    }
    current.push(record);
    bytes.set(slot, (bytes.get(slot) ?? 0) + size);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
