import { CompressionTypes, Partitioners, type Kafka, type Producer, type Transaction } from 'kafkajs';
import { type CommitOffset, type LogTransaction, type OutgoingRecord, type TransactionalProducer } from '../log/event-log';
import { type KafkaLogAdmin } from './kafka-admin';
import { fencingAware } from './kafka-errors';
import { RecordPlacer } from './record-placer';

/**
 * A kafkajs transactional producer. Creating it registers the transactional id with the coordinator, which bumps the
 * producer epoch (and aborts a transaction the previous holder left open): an older producer with the same id is
 * fenced from then on, its next call fails with ProducerFencedError.
 */
export class KafkaTransactionalProducer implements TransactionalProducer {
  private readonly placer = new RecordPlacer();
  private closed = false;

  private constructor(
    readonly transactionalId: string,
    private readonly producer: Producer,
    private readonly admin: KafkaLogAdmin,
    private readonly onClose: (producer: KafkaTransactionalProducer) => void,
  ) {}

  static async create(
    kafka: Kafka,
    admin: KafkaLogAdmin,
    transactionalId: string,
    onClose: (producer: KafkaTransactionalProducer) => void,
  ): Promise<KafkaTransactionalProducer> {
    const producer = kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // A transaction begun right after the last one commits meets CONCURRENT_TRANSACTIONS until the broker has
      // written the commit markers (a few ms); kafkajs' default first retry after 300 ms would stall every
      // read-process-write loop that long, so retry soon, as the Java client does (20 ms).
      retry: { initialRetryTime: 5, retries: Number.MAX_SAFE_INTEGER },
    });
    await fencingAware(transactionalId, async () => {
      await producer.connect();
      // kafkajs registers the transactional id lazily, at the first transaction. Register it now (an empty
      // transaction ends without a round trip), so that creating this producer fences any older one at once.
      const registration = await producer.transaction();
      await registration.abort();
    });
    return new KafkaTransactionalProducer(transactionalId, producer, admin, onClose);
  }

  async begin(): Promise<LogTransaction> {
    if (this.closed) throw new Error(`transactional producer ${this.transactionalId} is closed`);
    const transaction = await fencingAware(this.transactionalId, () => this.producer.transaction());
    return new KafkaLogTransaction(this.transactionalId, transaction, this.admin, this.placer);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    await this.producer.disconnect();
  }
}

class KafkaLogTransaction implements LogTransaction {
  constructor(
    private readonly transactionalId: string,
    private readonly transaction: Transaction,
    private readonly admin: KafkaLogAdmin,
    private readonly placer: RecordPlacer,
  ) {}

  async append(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const partitionCounts = await this.admin.partitionCountsOf(records.map((record) => record.topic));
    const [{ topicMessages }] = this.placer.chunks(records, partitionCounts);
    await fencingAware(this.transactionalId, () =>
      this.transaction.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None }),
    );
  }

  async commitOffsets(groupId: string, offsets: CommitOffset[]): Promise<void> {
    if (offsets.length === 0) return;
    const byTopic = new Map<string, { partition: number; offset: string }[]>();
    for (const { topic, partition, offset } of offsets) {
      const partitions = byTopic.get(topic) ?? [];
      partitions.push({ partition, offset: String(offset) });
      byTopic.set(topic, partitions);
    }
    await fencingAware(this.transactionalId, () =>
      this.transaction.sendOffsets({
        consumerGroupId: groupId,
        topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
      }),
    );
  }

  commit(): Promise<void> {
    return fencingAware(this.transactionalId, () => this.transaction.commit());
  }

  abort(): Promise<void> {
    return fencingAware(this.transactionalId, () => this.transaction.abort());
  }
}
