import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LogRecord, type OutgoingRecord } from '../log/event-log';
import { UnknownTopicError } from '../log/errors';
import { partitionForKey } from '../log/partitioner';
import { EmbeddedEventLog, type EmbeddedEventLogOptions } from './embedded-event-log';

const TOPIC = 'cc.routing.log.v1';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-log-'));
}

async function openLog(dataDir: string, options: Partial<EmbeddedEventLogOptions> = {}): Promise<EmbeddedEventLog> {
  const log = new EmbeddedEventLog({ dataDir, fsync: false, ...options });
  await log.connect();
  return log;
}

function rec(key: string | null, value: string, extra: Partial<OutgoingRecord> = {}): OutgoingRecord {
  return { topic: TOPIC, key, value: Buffer.from(value), ...extra };
}

/** Reads a whole partition through a throwaway consumer group. */
async function readAll(log: EmbeddedEventLog, topic: string, expected: number): Promise<LogRecord[]> {
  const seen: LogRecord[] = [];
  const consumer = log.createConsumer({ groupId: `reader-${Math.random()}`, topics: [topic] });
  let done: () => void = () => undefined;
  const complete = new Promise<void>((resolve) => (done = resolve));
  await consumer.run(async (batch) => {
    seen.push(...batch.records);
    if (seen.length >= expected) done();
  });
  if (expected > 0) await complete;
  await consumer.stop();
  return seen.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

describe('EmbeddedEventLog storage', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends with per-partition offsets and Kafka key partitioning', async () => {
    const log = await openLog(dir);
    await log.ensureTopics([{ name: TOPIC, partitions: 4 }]);
    const positions = await log.append([rec('a', '1'), rec('b', '2'), rec('a', '3'), rec(null, '4', { partition: 3 })]);
    expect(positions[0]).toEqual({ topic: TOPIC, partition: partitionForKey('a', 4), offset: 0 });
    const sameAsA = partitionForKey('b', 4) === partitionForKey('a', 4);
    expect(positions[2]).toEqual({ topic: TOPIC, partition: partitionForKey('a', 4), offset: sameAsA ? 2 : 1 });
    expect(positions[3].partition).toBe(3);
    await expect(log.append([{ topic: 'missing', key: null, value: Buffer.alloc(0) }])).rejects.toBeInstanceOf(
      UnknownTopicError,
    );
    await log.close();
  });

  it('keeps per-key order across concurrent appends', async () => {
    const log = await openLog(dir);
    await log.ensureTopics([{ name: TOPIC, partitions: 3 }]);
    const keys = ['k1', 'k2', 'k3', 'k4'];
    await Promise.all(Array.from({ length: 20 }, (_, batch) => log.append(keys.map((k) => rec(k, `${k}:${batch}`)))));
    const records = await readAll(log, TOPIC, 80);
    for (const k of keys) {
      const values = records.filter((r) => r.key === k).map((r) => Number(r.value.toString().split(':')[1]));
      expect(values).toEqual(Array.from({ length: 20 }, (_, i) => i));
    }
    await log.close();
  });

  it('restores topics, records, group offsets and epochs after a restart', async () => {
    const log = await openLog(dir, { fsync: true });
    await log.ensureTopics([{ name: TOPIC, partitions: 2, retentionMs: 86_400_000 }]);
    const positions = await log.append([
      rec('a', 'x', { headers: { ce_type: 'CallQueued' }, timestamp: 42 }),
      rec('b', 'y', { partition: (partitionForKey('a', 2) + 1) % 2 }),
    ]);
    const consumer = log.createConsumer({ groupId: 'g', topics: [TOPIC] });
    await consumer.run(async () => undefined);
    await consumer.commit([{ topic: TOPIC, partition: positions[0].partition, offset: 1 }]);
    await consumer.stop();
    await log.transactionalProducer('tx');
    await log.close();

    const reopened = await openLog(dir);
    expect(await reopened.listTopics()).toEqual([{ name: TOPIC, partitions: 2, retentionMs: 86_400_000 }]);
    const records = await readAll(reopened, TOPIC, 2);
    const first = records.find((r) => r.key === 'a')!;
    expect(first).toMatchObject({ offset: positions[0].offset, headers: { ce_type: 'CallQueued' }, timestamp: 42 });
    expect(first.value.toString()).toBe('x');
    const lag = await reopened.groupLag('g', [TOPIC]);
    expect(lag.find((l) => l.partition === positions[0].partition)?.committedOffset).toBe(1);
    const next = await reopened.append([rec('a', 'z')]);
    expect(next[0].offset).toBe(positions[0].offset + 1);
    expect(reopened.producerEpoch('tx')).toBe(1);
    await reopened.close();
  });

  it('truncates a torn tail and continues at the right offsets', async () => {
    const log = await openLog(dir, { fsync: true });
    await log.ensureTopics([{ name: TOPIC, partitions: 1 }]);
    await log.append([rec('a', '0'), rec('a', '1')]);
    await log.append([rec('a', '2')]);
    await log.close();
    const segment = path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.endsWith('.seg'))!,
    );
    const size = fs.statSync(segment).size;
    // a partial frame: valid magic and a length that runs past the end of the file
    fs.appendFileSync(segment, Buffer.from([0xce, 0, 0, 1, 0, 1, 2, 3, 4, 5, 6]));

    const reopened = await openLog(dir);
    expect(fs.statSync(segment).size).toBe(size);
    expect((await reopened.append([rec('a', '3')]))[0].offset).toBe(3);
    const values = (await readAll(reopened, TOPIC, 4)).map((r) => r.value.toString());
    expect(values).toEqual(['0', '1', '2', '3']);
    await reopened.close();

    fs.appendFileSync(segment, Buffer.from('garbage that is not a frame'));
    const again = await openLog(dir);
    expect((await again.append([rec('a', '4')]))[0].offset).toBe(4);
    await again.close();
  });

  it('rolls segments and reads old records back from disk with a small cache', async () => {
    const log = await openLog(dir, { segmentBytes: 4096, cacheBytes: 2048 });
    await log.ensureTopics([{ name: TOPIC, partitions: 2 }]);
    for (let i = 0; i < 50; i++) await log.append([rec(`k${i % 5}`, `v${i}`.padEnd(100, '.'))]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.seg')).length).toBeGreaterThan(1);
    const records = await readAll(log, TOPIC, 50);
    expect(records).toHaveLength(50);
    expect(new Set(records.map((r) => r.value.toString().split('.')[0])).size).toBe(50);
    await log.close();
    const reopened = await openLog(dir, { segmentBytes: 4096 });
    expect(await readAll(reopened, TOPIC, 50)).toHaveLength(50);
    await reopened.close();
  });

  it('deletes whole expired segments and keeps offsets after a restart', async () => {
    const log = await openLog(dir, { segmentBytes: 2048 });
    await log.ensureTopics([{ name: TOPIC, partitions: 1, retentionMs: 1000 }]);
    const old = Date.now() - 10_000;
    for (let i = 0; i < 30; i++) await log.append([rec('a', 'x'.repeat(100), { timestamp: old })]);
    expect(await log.enforceRetention()).toBeGreaterThan(0);
    const [lag] = await log.groupLag('nobody', [TOPIC]);
    expect(lag.endOffset).toBe(30);
    await log.close();
    const reopened = await openLog(dir, { segmentBytes: 2048 });
    expect((await reopened.groupLag('nobody', [TOPIC]))[0].endOffset).toBe(30);
    expect((await reopened.append([rec('a', 'new')]))[0].offset).toBe(30);
    await reopened.close();
  });

  it('refuses a second open of the same folder and takes over a stale lock', async () => {
    const log = await openLog(dir);
    await expect(new EmbeddedEventLog({ dataDir: dir }).connect()).rejects.toThrow(/already open/);
    await log.close();
    fs.writeFileSync(path.join(dir, 'LOCK'), '999999999\n');
    const again = await openLog(dir);
    await again.ping();
    await again.close();
    await expect(again.ping()).rejects.toThrow(/closed/);
  });

  it('reports lag per partition', async () => {
    const log = await openLog(dir);
    await log.ensureTopics([{ name: TOPIC, partitions: 2 }]);
    await log.append([
      rec(null, 'a', { partition: 0 }),
      rec(null, 'b', { partition: 0 }),
      rec(null, 'c', { partition: 1 }),
    ]);
    const consumer = log.createConsumer({ groupId: 'lag', topics: [TOPIC] });
    await consumer.run(async () => undefined);
    await consumer.commit([{ topic: TOPIC, partition: 0, offset: 1 }]);
    await consumer.stop();
    expect(await log.groupLag('lag', [TOPIC])).toEqual([
      { topic: TOPIC, partition: 0, committedOffset: 1, endOffset: 2, lag: 1 },
      { topic: TOPIC, partition: 1, committedOffset: -1, endOffset: 1, lag: 1 },
    ]);
    await log.close();
  });
});
