import { CompressionTypes, Partitioners, type Kafka, type Producer, type RecordMetadata } from 'kafkajs';
import { type OutgoingRecord, type RecordPosition } from '../log/event-log';
import { type KafkaLogAdmin } from './kafka-admin';
import { checkPartition, RecordPlacer } from './record-placer';

/** Below the broker's default message.max.bytes (1 MiB) for the records of one partition in one request. */
const MAX_PARTITION_BYTES_PER_REQUEST = 900 * 1024;
/**
 * Appends that queued up behind a request are sent together, up to this many records. kafkajs groups a request's
 * records per partition at a cost that grows with the square of their number, so requests stay moderate.
 */
const MAX_RECORDS_PER_REQUEST = 2_000;

interface PendingAppend {
  records: OutgoingRecord[];
  resolve: (positions: RecordPosition[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The idempotent producer behind EventLog.append: acknowledged (acks=all) produce requests, partitions chosen by the
 * platform's partitioner, positions reported in input order. One request at a time, which keeps the idempotent
 * producer's sequence numbers consistent and the order of concurrent appends well defined; appends that arrive
 * while a request is out go together in the next one, as Kafka's own producer batches what accumulated meanwhile.
 */
export class KafkaAppender {
  private readonly producer: Producer;
  private readonly placer = new RecordPlacer();
  private pending: PendingAppend[] = [];
  private sending = false;

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
    if (records.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      if (!this.sending) void this.sendPending();
    });
  }

  private async sendPending(): Promise<void> {
    this.sending = true;
    try {
      while (this.pending.length > 0) await this.send(this.takeAppends());
    } finally {
      this.sending = false;
    }
  }

  /** Whole appends from the head of the queue, at least one, up to MAX_RECORDS_PER_REQUEST records. */
  private takeAppends(): PendingAppend[] {
    let count = 0;
    let taken = 0;
    while (taken < this.pending.length) {
      const size = this.pending[taken].records.length;
      if (taken > 0 && count + size > MAX_RECORDS_PER_REQUEST) break;
      count += size;
      taken++;
    }
    return this.pending.splice(0, taken);
  }

  private async send(appends: PendingAppend[]): Promise<void> {
    // An append that cannot be placed (unknown topic, no such partition) fails alone, before its records join others.
    const accepted: PendingAppend[] = [];
    let partitionCounts = new Map<string, number>();
    for (const append of appends) {
      try {
        partitionCounts = await this.admin.partitionCountsOf(topicsOf(append.records));
        for (const record of append.records) checkPartition(record, partitionCounts.get(record.topic) ?? 1);
        accepted.push(append);
      } catch (error) {
        append.reject(error);
      }
    }
    if (accepted.length === 0) return;
    try {
      const records = accepted.length === 1 ? accepted[0].records : accepted.flatMap((append) => append.records);
      const positions = await this.produce(records, partitionCounts);
      let at = 0;
      for (const append of accepted) {
        const count = append.records.length;
        append.resolve(accepted.length === 1 ? positions : positions.slice(at, at + count));
        at += count;
      }
    } catch (error) {
      for (const append of accepted) append.reject(error);
    }
  }

  private async produce(records: OutgoingRecord[], partitionCounts: Map<string, number>): Promise<RecordPosition[]> {
    const chunks = this.placer.chunks(records, partitionCounts, MAX_PARTITION_BYTES_PER_REQUEST);
    for (const { topicMessages, positions } of chunks) {
      const metadata = await this.producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
      addBaseOffsets(positions, metadata);
    }
    return chunks.length === 1 ? chunks[0].positions : chunks.flatMap((chunk) => chunk.positions);
  }
}

function topicsOf(records: OutgoingRecord[]): Set<string> {
  const topics = new Set<string>();
  for (const record of records) topics.add(record.topic);
  return topics;
}

/** Turns indexes within a partition's records into offsets, from the partition's base offset in the acknowledgement. */
function addBaseOffsets(positions: RecordPosition[], metadata: RecordMetadata[]): void {
  const baseOffsets = new Map<string, number[]>();
  for (const { topicName, partition, baseOffset } of metadata) {
    let byPartition = baseOffsets.get(topicName);
    if (!byPartition) baseOffsets.set(topicName, (byPartition = []));
    byPartition[partition] = Number(baseOffset);
  }
  for (const position of positions) {
    const base = baseOffsets.get(position.topic)?.[position.partition];
    if (base === undefined) throw new Error(`no produce acknowledgement for ${position.topic}[${position.partition}]`);
    position.offset += base;
  }
}
