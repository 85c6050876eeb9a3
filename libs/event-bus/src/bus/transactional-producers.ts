import {
  type EventLog,
  type OutgoingRecord,
  type RecordBatch,
  type TopicPartition,
  type TransactionalProducer,
} from '../log/event-log';
import { ProducerFencedError } from '../log/errors';

const keyOf = (tp: TopicPartition) => `${tp.topic}.${tp.partition}`;

/**
 * One transactional producer per owned input partition. The transactional id is derived from the partition, so
 * whoever owns the partition next fences whoever owned it before (a stalled member cannot commit stale output).
 */
export class TransactionalProducers {
  private readonly producers = new Map<string, Promise<TransactionalProducer>>();

  constructor(
    private readonly log: EventLog,
    private readonly prefix: string,
  ) {}

  async commit(batch: RecordBatch, outputs: OutgoingRecord[], groupId: string, nextOffset: number): Promise<void> {
    const producer = await this.producerFor(batch);
    const transaction = await producer.begin();
    try {
      if (outputs.length > 0) await transaction.append(outputs);
      await transaction.commitOffsets(groupId, [{ topic: batch.topic, partition: batch.partition, offset: nextOffset }]);
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      if (error instanceof ProducerFencedError) {
        this.producers.delete(keyOf(batch));
        await producer.close().catch(() => undefined);
        // Fenced while still the owner (a restart of this member): retry with a fresh producer. Otherwise the
        // partition belongs to someone else now and the batch is theirs to redo.
        if (!batch.isActive()) return;
      }
      throw error;
    }
  }

  /** Appends records in a transaction of the partition's producer, with no offsets. */
  async publish(tp: TopicPartition, outputs: OutgoingRecord[]): Promise<void> {
    const producer = await this.producerFor(tp);
    const transaction = await producer.begin();
    try {
      await transaction.append(outputs);
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      if (error instanceof ProducerFencedError) {
        this.producers.delete(keyOf(tp));
        await producer.close().catch(() => undefined);
      }
      throw error;
    }
  }

  /** Creates the producers of the assigned partitions now, which fences their former owners. */
  async open(assigned: TopicPartition[]): Promise<void> {
    await Promise.all(assigned.map((tp) => this.producerFor(tp)));
  }

  /** Closes producers of partitions this member no longer owns. */
  async retain(assigned: TopicPartition[]): Promise<void> {
    const keep = new Set(assigned.map(keyOf));
    const closing: Promise<void>[] = [];
    for (const [key, producer] of this.producers) {
      if (keep.has(key)) continue;
      this.producers.delete(key);
      closing.push(producer.then((p) => p.close()).catch(() => undefined));
    }
    await Promise.all(closing);
  }

  async closeAll(): Promise<void> {
    await this.retain([]);
  }

  private producerFor(tp: TopicPartition): Promise<TransactionalProducer> {
    const key = keyOf(tp);
    let producer = this.producers.get(key);
    if (!producer) {
      producer = this.log.transactionalProducer(`${this.prefix}.${key}`);
      producer.catch(() => this.producers.delete(key));
      this.producers.set(key, producer);
    }
    return producer;
  }
}
