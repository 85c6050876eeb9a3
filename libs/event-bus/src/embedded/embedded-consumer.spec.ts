import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LogConsumer, type RecordBatch, type TopicPartition } from '../log/event-log';
import { NotPartitionOwnerError } from '../log/errors';
import { EmbeddedEventLog } from './embedded-event-log';

const TOPIC = 'cc.acd.offers.v1';

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const partitionsOf = (c: LogConsumer): number[] =>
  c
    .assignment()
    .map((tp) => tp.partition)
    .sort();

describe('EmbeddedEventLog consumer groups', () => {
  let dir: string;
  let log: EmbeddedEventLog;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-groups-'));
    log = new EmbeddedEventLog({ dataDir: dir, fsync: false, defaultSessionTimeoutMs: 1000 });
    await log.connect();
    await log.ensureTopics([{ name: TOPIC, partitions: 4 }]);
  });

  afterEach(async () => {
    await log.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rebalances on join and on clean leave, resuming from committed offsets', async () => {
    for (let p = 0; p < 4; p++)
      await log.append([{ topic: TOPIC, key: null, partition: p, value: Buffer.from(`p${p}`) }]);
    const seenByA: string[] = [];
    const assignmentsOfA: TopicPartition[][] = [];
    const a = log.createConsumer({
      groupId: 'g',
      topics: [TOPIC],
      onAssignment: (tps) => void assignmentsOfA.push(tps),
    });
    await a.run(async (batch) => {
      seenByA.push(...batch.records.map((r) => r.value.toString()));
      await a.commit([
        { topic: batch.topic, partition: batch.partition, offset: batch.records[batch.records.length - 1].offset + 1 },
      ]);
    });
    expect(partitionsOf(a)).toEqual([0, 1, 2, 3]);
    await eventually(() => seenByA.length === 4);

    const seenByB: string[] = [];
    const b = log.createConsumer({ groupId: 'g', topics: [TOPIC] });
    await b.run(async (batch) => void seenByB.push(...batch.records.map((r) => r.value.toString())));
    expect(partitionsOf(a)).toEqual([0, 1]);
    expect(partitionsOf(b)).toEqual([2, 3]);
    expect(assignmentsOfA).toHaveLength(2);

    await log.append([0, 1, 2, 3].map((p) => ({ topic: TOPIC, key: null, partition: p, value: Buffer.from(`n${p}`) })));
    await eventually(() => seenByB.length === 2 && seenByA.length === 6);
    expect(seenByB.sort()).toEqual(['n2', 'n3']); // committed records are not redelivered

    await a.stop();
    expect(partitionsOf(b)).toEqual([0, 1, 2, 3]);
    await log.append([0, 1].map((p) => ({ topic: TOPIC, key: null, partition: p, value: Buffer.from(`m${p}`) })));
    await eventually(() => seenByB.length === 4);
    expect(seenByB.sort()).toEqual(['m0', 'm1', 'n2', 'n3']); // A's committed records are not redelivered to B
    await expect(a.commit([{ topic: TOPIC, partition: 0, offset: 2 }])).rejects.toBeInstanceOf(NotPartitionOwnerError);
    await b.stop();
  });

  it('evicts a member whose handler hangs past the session timeout and rejects its commits', async () => {
    let release: () => void = () => undefined;
    const hung = new Promise<void>((r) => (release = r));
    let zombieBatch: RecordBatch | undefined;
    const zombie = log.createConsumer({ groupId: 'g', topics: [TOPIC], sessionTimeoutMs: 300 });
    await zombie.run(async (batch) => {
      zombieBatch = batch;
      await hung;
    });
    const seen: number[] = [];
    const healthy = log.createConsumer({ groupId: 'g', topics: [TOPIC], sessionTimeoutMs: 300 });
    await healthy.run(async (batch) => void seen.push(...batch.records.map((r) => r.partition)));
    const zombiePartition = partitionsOf(zombie)[0];
    await log.append([{ topic: TOPIC, key: null, partition: zombiePartition, value: Buffer.from('x') }]);
    await eventually(() => zombieBatch !== undefined);
    expect(zombieBatch!.isActive()).toBe(true);

    await eventually(() => partitionsOf(healthy).length === 4, 3000);
    expect(zombieBatch!.isActive()).toBe(false);
    await expect(zombie.commit([{ topic: TOPIC, partition: zombiePartition, offset: 1 }])).rejects.toBeInstanceOf(
      NotPartitionOwnerError,
    );
    await eventually(() => seen.includes(zombiePartition)); // the record goes to the healthy member

    release();
    await eventually(() => partitionsOf(zombie).length === 2); // the zombie rejoins once its handler returned
    await zombie.stop();
    await healthy.stop();
  });

  it('keeps a member alive while its handler heartbeats', async () => {
    await log.append([{ topic: TOPIC, key: null, partition: 0, value: Buffer.from('slow') }]);
    let finished = false;
    const c = log.createConsumer({ groupId: 'g', topics: [TOPIC], sessionTimeoutMs: 200 });
    await c.run(async (batch) => {
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 100));
        await batch.heartbeat();
      }
      expect(batch.isActive()).toBe(true);
      finished = true;
    });
    await eventually(() => finished);
    expect(partitionsOf(c)).toEqual([0, 1, 2, 3]);
    await c.stop();
  });

  it('redelivers the same records after the handler throws', async () => {
    await log.append([1, 2, 3].map((i) => ({ topic: TOPIC, key: null, partition: 1, value: Buffer.from(String(i)) })));
    const deliveries: string[][] = [];
    const c = log.createConsumer({ groupId: 'g', topics: [TOPIC] });
    await c.run(async (batch) => {
      deliveries.push(batch.records.map((r) => r.value.toString()));
      if (deliveries.length < 3) throw new Error('downstream unavailable');
    });
    await eventually(() => deliveries.length === 3);
    expect(deliveries).toEqual([
      ['1', '2', '3'],
      ['1', '2', '3'],
      ['1', '2', '3'],
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(deliveries).toHaveLength(3);
    await c.stop();
  });

  it('starts from the latest offset when asked and wakes at once on append', async () => {
    await log.append([{ topic: TOPIC, key: null, partition: 0, value: Buffer.from('old') }]);
    const received: Array<{ value: string; at: number }> = [];
    const c = log.createConsumer({ groupId: 'latest', topics: [TOPIC], startFrom: 'latest' });
    await c.run(
      async (batch) => void received.push(...batch.records.map((r) => ({ value: r.value.toString(), at: Date.now() }))),
    );
    const sentAt = Date.now();
    await log.append([{ topic: TOPIC, key: null, partition: 0, value: Buffer.from('new') }]);
    await eventually(() => received.length === 1);
    expect(received[0].value).toBe('new');
    expect(received[0].at - sentAt).toBeLessThan(100);
    await c.stop();
  });

  it('never runs two handlers of one partition at the same time', async () => {
    await log.append(
      Array.from({ length: 40 }, (_, i) => ({ topic: TOPIC, key: `k${i}`, value: Buffer.from(String(i)) })),
    );
    const running = new Set<number>();
    let overlap = false;
    let count = 0;
    const c = log.createConsumer({ groupId: 'g', topics: [TOPIC], maxBatchSize: 2 });
    await c.run(async (batch) => {
      if (running.has(batch.partition)) overlap = true;
      running.add(batch.partition);
      await new Promise((r) => setTimeout(r, 5));
      running.delete(batch.partition);
      count += batch.records.length;
    });
    await eventually(() => count === 40);
    expect(overlap).toBe(false);
    await c.stop();
  });
});
