import { type Kafka, type ProducerBatch, type RecordMetadata } from 'kafkajs';
import { UnknownTopicError } from '../log/errors';
import { type OutgoingRecord } from '../log/event-log';
import { type KafkaLogAdmin } from './kafka-admin';
import { KafkaAppender } from './kafka-producer';

/** A producer that acknowledges each request when the test says so, numbering offsets per partition like a broker. */
class FakeProducer {
  readonly requests: ProducerBatch[] = [];
  private readonly ends = new Map<string, number>();
  private readonly waiting: (() => void)[] = [];

  async sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    this.requests.push(batch);
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    const metadata: RecordMetadata[] = [];
    for (const { topic, messages } of batch.topicMessages ?? []) {
      const counts = new Map<number, number>();
      for (const m of messages) counts.set(m.partition!, (counts.get(m.partition!) ?? 0) + 1);
      for (const [partition, count] of counts) {
        const slot = `${topic}:${partition}`;
        const base = this.ends.get(slot) ?? 0;
        this.ends.set(slot, base + count);
        metadata.push({ topicName: topic, partition, errorCode: 0, baseOffset: String(base) });
      }
    }
    return metadata;
  }

  /** Acknowledges the oldest request and lets the appender go on. */
  async acknowledge(): Promise<void> {
    await waitUntil(() => this.waiting.length > 0);
    this.waiting.shift()!();
    await flush();
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await flush();
  if (!condition()) throw new Error('condition not reached');
}

const counts = new Map([['calls', 3]]);
const admin = {
  partitionCountsOf: async (topics: Iterable<string>) => {
    for (const topic of topics) if (!counts.has(topic)) throw new UnknownTopicError(topic);
    return counts;
  },
} as unknown as KafkaLogAdmin;

const record = (partition: number, text: string, topic = 'calls'): OutgoingRecord => ({ topic, key: null, value: Buffer.from(text), partition });

describe('KafkaAppender', () => {
  let producer: FakeProducer;
  let appender: KafkaAppender;

  beforeEach(() => {
    producer = new FakeProducer();
    appender = new KafkaAppender({ producer: () => producer } as unknown as Kafka, admin);
  });

  it('sends the appends that queued behind a request together, and reports each one its own positions', async () => {
    const first = appender.append([record(0, 'a'), record(1, 'b')]);
    await waitUntil(() => producer.requests.length === 1);
    const second = appender.append([record(0, 'c')]);
    const third = appender.append([record(1, 'd'), record(0, 'e')]);
    await producer.acknowledge();
    await expect(first).resolves.toEqual([
      { topic: 'calls', partition: 0, offset: 0 },
      { topic: 'calls', partition: 1, offset: 0 },
    ]);
    await waitUntil(() => producer.requests.length === 2);
    expect(producer.requests[1].topicMessages![0].messages.map((m) => String(m.value))).toEqual(['c', 'd', 'e']);
    await producer.acknowledge();
    await expect(second).resolves.toEqual([{ topic: 'calls', partition: 0, offset: 1 }]);
    await expect(third).resolves.toEqual([
      { topic: 'calls', partition: 1, offset: 1 },
      { topic: 'calls', partition: 0, offset: 2 },
    ]);
  });

  it('fails an append that names an unknown topic or partition alone', async () => {
    const first = appender.append([record(0, 'a')]);
    await waitUntil(() => producer.requests.length === 1);
    const unknownTopic = expect(appender.append([record(0, 'x', 'missing')])).rejects.toBeInstanceOf(UnknownTopicError);
    const good = appender.append([record(2, 'b')]);
    const noSuchPartition = expect(appender.append([record(0, 'y'), record(7, 'z')])).rejects.toThrow(
      'partition 7 does not exist in calls (3 partitions)',
    );
    await producer.acknowledge();
    await first;
    await producer.acknowledge();
    await unknownTopic;
    await noSuchPartition;
    await expect(good).resolves.toEqual([{ topic: 'calls', partition: 2, offset: 0 }]);
    expect(producer.requests[1].topicMessages![0].messages.map((m) => String(m.value))).toEqual(['b']);
  });

  it('keeps a full append out of the request of the appends queued before it', async () => {
    void appender.append([record(0, 'a')]);
    await waitUntil(() => producer.requests.length === 1);
    const small = appender.append([record(0, 'b')]);
    const large = appender.append(Array.from({ length: 2_000 }, (_, i) => record(i % 3, `r${i}`)));
    await producer.acknowledge();
    await producer.acknowledge();
    await expect(small).resolves.toHaveLength(1);
    await producer.acknowledge();
    await expect(large).resolves.toHaveLength(2_000);
    expect(producer.requests.map((r) => r.topicMessages![0].messages.length)).toEqual([1, 1, 2_000]);
  });
});
