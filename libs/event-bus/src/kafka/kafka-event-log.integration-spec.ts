import { requireKafka } from '@cc/testing';
import { randomUUID } from 'node:crypto';
import { NotPartitionOwnerError, ProducerFencedError, UnknownTopicError } from '../log/errors';
import { type LogConsumer, type LogRecord, type OutgoingRecord, type RecordBatch } from '../log/event-log';
import { partitionForKey } from '../log/partitioner';
import { KafkaEventLog } from './kafka-event-log';
import { type KafkaLogLevel } from './kafka-options';

const topicName = (name: string) => `cc.test.kafka-${name}-${randomUUID().slice(0, 8)}.v1`;
const group = (name: string) => `kafka-spec-${name}-${randomUUID().slice(0, 8)}`;
const record = (topic: string, key: string | null, text: string, extra: Partial<OutgoingRecord> = {}): OutgoingRecord => ({
  topic,
  key,
  value: Buffer.from(text),
  ...extra,
});

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('KafkaEventLog (real broker)', () => {
  let log: KafkaEventLog;
  const logged: { level: KafkaLogLevel; message: string }[] = [];
  const consumers: LogConsumer[] = [];
  const consumer = (options: Parameters<KafkaEventLog['createConsumer']>[0]) => {
    const c = log.createConsumer({ sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, ...options });
    consumers.push(c);
    return c;
  };

  beforeAll(async () => {
    log = new KafkaEventLog({
      brokers: requireKafka().split(','),
      clientId: 'kafka-event-log-spec',
      logger: (level, message) => void logged.push({ level, message }),
    });
    await log.connect();
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop().catch(() => undefined)));
  });

  afterAll(async () => {
    await log.close();
  });

  it('creates topics with their retention and compaction, lists them, answers ping', async () => {
    const plain = topicName('plain');
    const compacted = topicName('compacted');
    await log.ensureTopics([
      { name: plain, partitions: 3, retentionMs: 3_600_000 },
      { name: compacted, partitions: 2, compacted: true },
    ]);
    await log.ensureTopics([{ name: plain, partitions: 6 }]); // existing: left as it is
    const topics = await log.listTopics();
    expect(topics.find((t) => t.name === plain)).toEqual({ name: plain, partitions: 3, retentionMs: 3_600_000 });
    expect(topics.find((t) => t.name === compacted)).toEqual({ name: compacted, partitions: 2, compacted: true });
    expect(topics.some((t) => t.name.startsWith('__'))).toBe(false);
    await expect(log.ping()).resolves.toBeUndefined();
  });

  it('appends as one batch and returns positions in input order', async () => {
    const topic = topicName('append');
    await log.ensureTopics([{ name: topic, partitions: 3 }]);
    const keys = ['queue-1', 'queue-2', 'queue-3', 'queue-4'];
    const input = Array.from({ length: 40 }, (_, i) => record(topic, keys[i % 4], `r${i}`));
    input.push(record(topic, 'queue-1', 'pinned', { partition: 2 }));
    input.push(record(topic, null, 'no-key-a'), record(topic, null, 'no-key-b'), record(topic, null, 'no-key-c'));
    const positions = await log.append(input);

    expect(positions).toHaveLength(input.length);
    for (let i = 0; i < 40; i++) expect(positions[i].partition).toBe(partitionForKey(keys[i % 4], 3));
    expect(positions[40].partition).toBe(2);
    expect(new Set(positions.slice(41).map((p) => p.partition)).size).toBe(3); // round-robin
    // Offsets are consecutive per partition, in input order, starting at 0 on a fresh topic.
    for (const partition of [0, 1, 2]) {
      const offsets = positions.filter((p) => p.partition === partition).map((p) => p.offset);
      expect(offsets).toEqual(offsets.map((_, i) => i));
    }
    const next = await log.append([record(topic, 'queue-2', 'later')]);
    const partition = partitionForKey('queue-2', 3);
    expect(next[0]).toEqual({ topic, partition, offset: positions.filter((p) => p.partition === partition).length });

    await expect(log.append([record(topicName('missing'), 'k', 'v')])).rejects.toBeInstanceOf(UnknownTopicError);
  });

  it('delivers records per partition in order, in chunks of at most maxBatchSize, with headers and timestamps', async () => {
    const topic = topicName('consume');
    await log.ensureTopics([{ name: topic, partitions: 3 }]);
    const keys = ['agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5'];
    const input = Array.from({ length: 500 }, (_, i) =>
      record(topic, keys[i % 5], String(Math.floor(i / 5)), { headers: { ce_type: 'cc.test.v1.Ping', seq: String(i) }, timestamp: 1_700_000_000_000 + i }),
    );
    await log.append(input);

    const received: LogRecord[] = [];
    const batchSizes: number[] = [];
    const assignments: number[][] = [];
    const c = consumer({ groupId: group('consume'), topics: [topic], maxBatchSize: 37, onAssignment: (tps) => void assignments.push(tps.map((tp) => tp.partition)) });
    await c.run(async (batch) => {
      expect(batch.isActive()).toBe(true);
      expect(batch.records.every((r) => r.partition === batch.partition && r.topic === topic)).toBe(true);
      batchSizes.push(batch.records.length);
      received.push(...batch.records);
    });
    expect(c.assignment().map((tp) => tp.partition)).toEqual([0, 1, 2]);
    expect(assignments[0]).toEqual([0, 1, 2]);
    await waitFor(() => received.length >= 500, 30_000, '500 records');
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(37);
    for (const key of keys) {
      const values = received.filter((r) => r.key === key).map((r) => Number(r.value.toString()));
      expect(values).toEqual(Array.from({ length: 100 }, (_, i) => i));
    }
    const first = received.find((r) => r.headers.seq === '0')!;
    expect(first.headers.ce_type).toBe('cc.test.v1.Ping');
    expect(first.timestamp).toBe(1_700_000_000_000);
  });

  it('delivers a batch again, from its first record, after the handler throws', async () => {
    const topic = topicName('retry');
    await log.ensureTopics([{ name: topic, partitions: 1 }]);
    await log.append(Array.from({ length: 10 }, (_, i) => record(topic, 'k', String(i))));
    const deliveries: number[][] = [];
    let failures = 0;
    const c = consumer({ groupId: group('retry'), topics: [topic], maxBatchSize: 4 });
    await c.run(async (batch: RecordBatch) => {
      deliveries.push(batch.records.map((r) => r.offset));
      if (batch.records[0].offset === 4 && failures < 2) {
        failures++;
        throw new Error('downstream busy');
      }
    });
    await waitFor(() => deliveries.flat().includes(9), 30_000, 'offset 9');
    expect(deliveries).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [4, 5, 6, 7],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(logged.some((l) => l.level === 'warn' && l.message.includes('delivering the batch again'))).toBe(true);
  });

  it('redelivers what was not committed to the next member; commits need ownership', async () => {
    const topic = topicName('redeliver');
    await log.ensureTopics([{ name: topic, partitions: 1 }]);
    await log.append(Array.from({ length: 10 }, (_, i) => record(topic, 'k', String(i))));
    const groupId = group('redeliver');

    const first = consumer({ groupId, topics: [topic] });
    const firstSaw: number[] = [];
    await first.run(async (batch) => void firstSaw.push(...batch.records.map((r) => r.offset)));
    await waitFor(() => firstSaw.length >= 10, 30_000, '10 records');
    await first.commit([{ topic, partition: 0, offset: 6 }]);
    await expect(first.commit([{ topic, partition: 5, offset: 1 }])).rejects.toBeInstanceOf(NotPartitionOwnerError);
    await first.stop();
    expect(first.assignment()).toEqual([]);
    await expect(first.commit([{ topic, partition: 0, offset: 10 }])).rejects.toBeInstanceOf(NotPartitionOwnerError);

    expect(await log.groupLag(groupId, [topic])).toEqual([{ topic, partition: 0, committedOffset: 6, endOffset: 10, lag: 4 }]);
    expect(await log.groupLag(group('never'), [topic])).toEqual([{ topic, partition: 0, committedOffset: -1, endOffset: 10, lag: 10 }]);

    const second = consumer({ groupId, topics: [topic] });
    const secondSaw: number[] = [];
    await second.run(async (batch) => void secondSaw.push(...batch.records.map((r) => r.offset)));
    await waitFor(() => secondSaw.length >= 4, 30_000, '4 uncommitted records');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondSaw).toEqual([6, 7, 8, 9]);
  });

  it('shares partitions between members and hands a stopped or hung member\'s partitions over', async () => {
    const topic = topicName('rebalance');
    await log.ensureTopics([{ name: topic, partitions: 4 }]);
    const groupId = group('rebalance');
    const options = { groupId, topics: [topic], sessionTimeoutMs: 3000, heartbeatIntervalMs: 300 };
    const a = consumer(options);
    await a.run(async () => undefined);
    expect(a.assignment()).toHaveLength(4);

    let release: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => (release = resolve));
    let hungSaw = 0;
    const b = consumer(options);
    await b.run(async () => {
      hungSaw++;
      await hung; // never heartbeats nor commits while stuck here
    });
    await waitFor(() => a.assignment().length === 2 && b.assignment().length === 2, 30_000, '2 + 2 partitions');
    expect([...a.assignment(), ...b.assignment()].map((tp) => tp.partition).sort()).toEqual([0, 1, 2, 3]);

    const seenByC = new Set<number>();
    await log.append(Array.from({ length: 40 }, (_, i) => record(topic, `k${i}`, String(i), { partition: i % 4 })));
    await waitFor(() => hungSaw > 0, 30_000, 'the hung member took a batch');
    await a.stop();
    const c = consumer(options);
    await c.run(async (batch) => batch.records.forEach((r) => seenByC.add(Number(r.value.toString()))));
    // c ends up owning everything: a left, b's session expired. Nothing was committed, so c sees all 40.
    await waitFor(() => seenByC.size === 40, 60_000, 'all 40 records at c');
    expect(c.assignment()).toHaveLength(4);
    release();
  });

  it('starts at the end when asked to and the group has no offsets', async () => {
    const topic = topicName('latest');
    await log.ensureTopics([{ name: topic, partitions: 1 }]);
    await log.append([record(topic, 'k', 'old')]);
    const seen: string[] = [];
    const c = consumer({ groupId: group('latest'), topics: [topic], startFrom: 'latest' });
    await c.run(async (batch) => void seen.push(...batch.records.map((r) => r.value.toString())));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await log.append([record(topic, 'k', 'new')]);
    await waitFor(() => seen.length >= 1, 30_000, 'the new record');
    expect(seen).toEqual(['new']);
  });

  it('shows committed transactions only, and commits consumer offsets inside them', async () => {
    const topic = topicName('txn');
    await log.ensureTopics([{ name: topic, partitions: 2 }]);
    const groupId = group('txn');
    const producer = await log.transactionalProducer(`txn-${randomUUID()}`);
    const aborted = await producer.begin();
    await aborted.append(['a', 'b', 'c'].map((v) => record(topic, v, `aborted-${v}`)));
    await aborted.abort();
    const committed = await producer.begin();
    await committed.append(['a', 'b', 'c'].map((v) => record(topic, v, `committed-${v}`)));
    await committed.commitOffsets(groupId, [{ topic, partition: 0, offset: 0 }, { topic, partition: 1, offset: 0 }]);
    await committed.commit();
    await producer.close();

    const seen: string[] = [];
    const c = consumer({ groupId, topics: [topic] });
    await c.run(async (batch) => void seen.push(...batch.records.map((r) => r.value.toString())));
    await waitFor(() => seen.length >= 3, 30_000, 'committed records');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen.sort()).toEqual(['committed-a', 'committed-b', 'committed-c']);
    const lag = await log.groupLag(groupId, [topic]);
    expect(lag.map((p) => p.committedOffset)).toEqual([0, 0]);
  });

  it('fences the older of two transactional producers with the same id', async () => {
    const topic = topicName('fence');
    await log.ensureTopics([{ name: topic, partitions: 1 }]);
    const id = `fence-${randomUUID()}`;
    const zombie = await log.transactionalProducer(id);
    const zombieTxn = await zombie.begin();
    await zombieTxn.append([record(topic, 'k', 'zombie')]);
    const successor = await log.transactionalProducer(id);
    await expect(
      (async () => {
        await zombieTxn.append([record(topic, 'k', 'zombie-2')]);
        await zombieTxn.commit();
      })(),
    ).rejects.toBeInstanceOf(ProducerFencedError);
    const txn = await successor.begin();
    await txn.append([record(topic, 'k', 'successor')]);
    await txn.commit();
    await zombie.close().catch(() => undefined);
    await successor.close();

    const seen: string[] = [];
    const c = consumer({ groupId: group('fence'), topics: [topic] });
    await c.run(async (batch) => void seen.push(...batch.records.map((r) => r.value.toString())));
    await waitFor(() => seen.length >= 1, 30_000, 'the successor record');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual(['successor']);
  });

  it('appends and consumes small records at a useful rate', async () => {
    const topic = topicName('rate');
    await log.ensureTopics([{ name: topic, partitions: 3 }]);
    const value = Buffer.alloc(150, 'x');
    const total = 60_000;
    const batch = 1_000;
    const started = Date.now();
    for (let sent = 0; sent < total; sent += batch) {
      await log.append(Array.from({ length: batch }, (_, i) => ({ topic, key: `call-${(sent + i) % 997}`, value })));
    }
    const appendRate = Math.round(total / ((Date.now() - started) / 1000));

    let received = 0;
    const consumeStarted = Date.now();
    const c = consumer({ groupId: group('rate'), topics: [topic] });
    await c.run(async (b) => void (received += b.records.length));
    await waitFor(() => received >= total, 60_000, `${total} records`);
    const consumeRate = Math.round(total / ((Date.now() - consumeStarted) / 1000));
    process.stdout.write(`kafka adapter: append ${appendRate} records/s, consume ${consumeRate} records/s (150-byte records)\n`);
    // Loose floors: the figures above are the point; the floors only catch gross regressions on a busy machine.
    expect(appendRate).toBeGreaterThan(5_000);
    expect(consumeRate).toBeGreaterThan(5_000);
  });
});
