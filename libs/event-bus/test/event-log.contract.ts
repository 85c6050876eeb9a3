import { randomUUID } from 'node:crypto';
import { type EventDefinition } from '@cc/contracts';
import {
  type ConsumedEvent,
  EventBus,
  type EventLog,
  type LogRecord,
  NonRetryableError,
  ProducerFencedError,
  type Subscription,
} from '../src';
import { type Ping, pingEvent, uniqueTopic, waitFor } from './test-events';

export interface AdapterHarness {
  name: string;
  /** Opens the log (for the embedded adapter: on the suite's data folder, so a second open is a restart). */
  open(): Promise<EventLog>;
  sessionTimeoutMs: number;
  /** Only the embedded log can be closed and reopened from its files within a test. */
  restartable: boolean;
  cleanup(): Promise<void>;
}

/**
 * The behaviour every EventLog adapter must have, checked through the EventBus that services use.
 * Run once per adapter: embedded.integration-spec.ts and kafka.integration-spec.ts.
 */
export function eventLogContract(harness: AdapterHarness): void {
  const sessionTimeoutMs = harness.sessionTimeoutMs;
  let log: EventLog;
  let bus: EventBus;
  const definitions = new Map<string, EventDefinition<unknown>>();
  const subscriptions: Subscription[] = [];

  const define = (topic: string, type = `cc.test.v1.Ping${definitions.size}`) => {
    const definition = pingEvent(topic, type);
    definitions.set(type, definition as EventDefinition<unknown>);
    return definition;
  };
  const makeBus = (eventLog: EventLog) =>
    new EventBus({ log: eventLog, source: 'cc/contract-test', registry: (type) => definitions.get(type) });

  const subscribe = async (...args: Parameters<EventBus['subscribe']>) => {
    const s = await bus.subscribe(...args);
    subscriptions.push(s);
    return s;
  };

  beforeAll(async () => {
    log = await harness.open();
    bus = makeBus(log);
  });

  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((s) => s.stop().catch(() => undefined)));
  });

  afterAll(async () => {
    await bus.close();
    await harness.cleanup();
  });

  const groupId = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
  const publishPings = (def: EventDefinition<Ping>, keys: string[], perKey: number) => {
    const requests = [];
    for (let seq = 0; seq < perKey; seq++) for (const key of keys) requests.push({ event: def, data: { key, seq }, tenantId: 'demo' });
    // Individual calls made together: the bus batches them, order per key must hold.
    return Promise.all(requests.map((r) => bus.publish(r)));
  };

  describe(`EventLog contract: ${harness.name}`, () => {
    it('acknowledges publishes with positions and keeps the order of each key', async () => {
      const topic = uniqueTopic('order');
      await bus.ensureTopics([{ name: topic, partitions: 3 }]);
      const def = define(topic);
      const keys = ['call-a', 'call-b', 'call-c', 'call-d', 'call-e', 'call-f'];
      const positions = await publishPings(def, keys, 50);
      expect(positions).toHaveLength(300);
      const seen = new Set(positions.map((p) => `${p.partition}:${p.offset}`));
      expect(seen.size).toBe(300);

      const received: ConsumedEvent<Ping>[] = [];
      await subscribe({ groupId: groupId('order'), topics: [topic] }, async (event) => {
        received.push(event as ConsumedEvent<Ping>);
      });
      await waitFor(() => received.length >= 300, 30_000, '300 events');
      for (const key of keys) {
        const sequence = received.filter((e) => e.envelope.data.key === key).map((e) => e.envelope.data.seq);
        expect(sequence).toEqual(Array.from({ length: 50 }, (_, i) => i));
        expect(new Set(received.filter((e) => e.key === key).map((e) => e.partition)).size).toBe(1);
      }
      const first = received[0].envelope;
      expect(first.tenantId).toBe('demo');
      expect(first.source).toBe('cc/contract-test');
      expect(first.type).toBe(def.type);
    });

    it('rebalances partitions when a member joins and when it leaves', async () => {
      const topic = uniqueTopic('rebalance');
      await bus.ensureTopics([{ name: topic, partitions: 4 }]);
      const def = define(topic);
      const group = groupId('rebalance');
      const byMember: Record<string, number[]> = { a: [], b: [] };
      const options = { groupId: group, topics: [topic], sessionTimeoutMs };
      const a = await subscribe(options, async (e) => void byMember.a.push((e.envelope.data as Ping).seq));
      await waitFor(() => a.assignment().length === 4, 30_000, 'a owns 4 partitions');

      const b = await subscribe(options, async (e) => void byMember.b.push((e.envelope.data as Ping).seq));
      await waitFor(() => a.assignment().length === 2 && b.assignment().length === 2, 60_000, '2 + 2 partitions');
      const owned = [...a.assignment(), ...b.assignment()].map((tp) => tp.partition).sort();
      expect(owned).toEqual([0, 1, 2, 3]);

      await publishPings(def, ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'], 10);
      await waitFor(() => byMember.a.length + byMember.b.length >= 80, 30_000, '80 events');
      expect(byMember.a.length).toBeGreaterThan(0);
      expect(byMember.b.length).toBeGreaterThan(0);
      expect(byMember.a.length + byMember.b.length).toBe(80);

      await b.stop();
      await waitFor(() => a.assignment().length === 4, 60_000, 'a owns all partitions again');
      const before = byMember.a.length;
      await publishPings(def, ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'], 5);
      await waitFor(() => byMember.a.length >= before + 40, 30_000, '40 more events at a');
    });

    it('reassigns a crashed member’s partitions and redelivers what it had not committed', async () => {
      const topic = uniqueTopic('crash');
      await bus.ensureTopics([{ name: topic, partitions: 2 }]);
      const def = define(topic);
      const group = groupId('crash');
      let release: () => void = () => undefined;
      const hung = new Promise<void>((resolve) => (release = resolve));
      let crashedSaw = 0;
      // The member "crashes": its handler never returns, so it stops heartbeating and never commits.
      const crashed = await subscribe({ groupId: group, topics: [topic], sessionTimeoutMs }, async () => {
        crashedSaw++;
        await hung;
      });
      await waitFor(() => crashed.assignment().length === 2, 30_000, 'crashed member owns both partitions');
      await publishPings(def, ['x', 'y', 'z', 'w'], 5);
      await waitFor(() => crashedSaw > 0, 30_000, 'crashed member took a batch');

      const seen = new Set<string>();
      const survivor = await subscribe({ groupId: group, topics: [topic], sessionTimeoutMs }, async (e) => {
        const p = e.envelope.data as Ping;
        seen.add(`${p.key}/${p.seq}`);
      });
      await waitFor(() => seen.size === 20, sessionTimeoutMs * 10 + 30_000, 'survivor gets all 20 events');
      expect(survivor.assignment()).toHaveLength(2);
      release();
    });

    it('redelivers from the last committed offset to the next member', async () => {
      const topic = uniqueTopic('redeliver');
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      const def = define(topic);
      await publishPings(def, ['only'], 10);
      const group = groupId('redeliver');

      const first = log.createConsumer({ groupId: group, topics: [topic], sessionTimeoutMs });
      const firstSaw: number[] = [];
      await first.run(async (batch) => {
        for (const r of batch.records) firstSaw.push(r.offset);
        if (firstSaw.length >= 10) await first.commit([{ topic, partition: 0, offset: 4 }]);
      });
      await waitFor(() => firstSaw.length >= 10, 30_000, 'first member reads 10');
      await first.stop();

      const lag = await log.groupLag(group, [topic]);
      expect(lag).toEqual([expect.objectContaining({ topic, partition: 0, committedOffset: 4, endOffset: 10, lag: 6 })]);

      const second = log.createConsumer({ groupId: group, topics: [topic], sessionTimeoutMs });
      const secondSaw: LogRecord[] = [];
      await second.run(async (batch) => void secondSaw.push(...batch.records));
      await waitFor(() => secondSaw.length >= 6, 30_000, 'second member reads the 6 uncommitted');
      expect(secondSaw.map((r) => r.offset)).toEqual([4, 5, 6, 7, 8, 9]);
      await second.stop();
    });

    it('never shows an aborted transaction to read_committed consumers', async () => {
      const topic = uniqueTopic('txn');
      await bus.ensureTopics([{ name: topic, partitions: 2 }]);
      const def = define(topic);
      const producer = await log.transactionalProducer(`txn-${randomUUID()}`);
      const encode = (seq: number) => bus.codec.encode({ event: def, data: { key: `k${seq % 3}`, seq }, tenantId: 'demo' });

      const aborted = await producer.begin();
      await aborted.append([0, 1, 2, 3, 4].map((seq) => encode(100 + seq)));
      await aborted.abort();
      const committed = await producer.begin();
      await committed.append([0, 1, 2, 3, 4].map(encode));
      await committed.commit();
      await producer.close();

      const seqs: number[] = [];
      await subscribe({ groupId: groupId('txn'), topics: [topic] }, async (e) => void seqs.push((e.envelope.data as Ping).seq));
      await waitFor(() => seqs.length >= 5, 30_000, 'committed events');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(seqs.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4]);
    });

    it('fences an older transactional producer with the same id', async () => {
      const topic = uniqueTopic('fence');
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      const def = define(topic);
      const id = `fence-${randomUUID()}`;
      const zombie = await log.transactionalProducer(id);
      const successor = await log.transactionalProducer(id);
      const txn = await zombie.begin();
      const attempt = (async () => {
        await txn.append([bus.codec.encode({ event: def, data: { key: 'k', seq: 1 }, tenantId: 'demo' })]);
        await txn.commit();
      })();
      await expect(attempt).rejects.toBeInstanceOf(ProducerFencedError);
      await zombie.close().catch(() => undefined);
      await successor.close();
    });

    it('processes read-process-write exactly once, across a transient failure and a rebalance', async () => {
      const input = uniqueTopic('rpw-in');
      const output = uniqueTopic('rpw-out');
      await bus.ensureTopics([
        { name: input, partitions: 2 },
        { name: output, partitions: 2 },
      ]);
      const inDef = define(input);
      const outDef = define(output);
      const group = groupId('rpw');
      let failedOnce = false;
      const start = () =>
        bus.subscribeTransactional({ groupId: group, topics: [input], sessionTimeoutMs }, async (event, out) => {
          const ping = event.envelope.data as Ping;
          if (ping.seq === 7 && !failedOnce) {
            failedOnce = true;
            throw new Error('transient: downstream busy');
          }
          out.publish({ event: outDef, data: { key: ping.key, seq: ping.seq, note: 'processed' }, tenantId: 'demo', causationId: event.envelope.id });
        });
      const first = await start();
      subscriptions.push(first);
      const publishing = publishPings(inDef, ['p', 'q', 'r', 's'], 25);
      const second = await start();
      subscriptions.push(second);
      await publishing;

      const outputs = new Map<string, number>();
      await subscribe({ groupId: groupId('rpw-reader'), topics: [output] }, async (e) => {
        const p = e.envelope.data as Ping;
        outputs.set(`${p.key}/${p.seq}`, (outputs.get(`${p.key}/${p.seq}`) ?? 0) + 1);
      });
      await waitFor(() => outputs.size === 100, 90_000, '100 distinct outputs');
      await new Promise((r) => setTimeout(r, 1_500));
      expect([...outputs.values()].every((n) => n === 1)).toBe(true);
      expect(failedOnce).toBe(true);
      const lag = await bus.lag(group, [input]);
      expect(lag.reduce((sum, p) => sum + p.lag, 0)).toBe(0);
    });

    it('sends undecodable and rejected events to the dead-letter topic and goes on', async () => {
      const topic = uniqueTopic('dlq');
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      const def = define(topic);
      const good = (seq: number) => bus.codec.encode({ event: def, data: { key: 'k', seq }, tenantId: 'demo' });
      const garbage = { ...good(1), value: Buffer.from('not json at all') };
      const noType = good(2);
      delete noType.headers!.ce_type;
      await bus.publishRecords([good(0), garbage, noType, good(3), good(4), good(5)]);

      const handled: number[] = [];
      await subscribe({ groupId: groupId('dlq'), topics: [topic], retry: { maxAttempts: 2, initialDelayMs: 10 } }, async (e) => {
        const seq = (e.envelope.data as Ping).seq;
        if (seq === 3) throw new NonRetryableError('seq 3 refers to an unknown queue');
        if (seq === 4) throw new Error('always failing');
        handled.push(seq);
      });
      await waitFor(() => handled.includes(5), 30_000, 'the event after the failures');
      expect(handled).toEqual([0, 5]);

      const letters: LogRecord[] = [];
      const reader = log.createConsumer({ groupId: groupId('dlq-reader'), topics: [`${topic}.dlq`] });
      await reader.run(async (batch) => void letters.push(...batch.records));
      await waitFor(() => letters.length >= 4, 30_000, '4 dead letters');
      await reader.stop();
      expect(letters.map((l) => [l.headers.dlq_reason, l.headers.dlq_original_offset])).toEqual([
        ['undecodable', '1'],
        ['undecodable', '2'],
        ['rejected-by-handler', '3'],
        ['retries-exhausted', '4'],
      ]);
      expect(letters[0].value.toString()).toBe('not json at all');
      expect(letters[2].headers.dlq_error).toContain('unknown queue');
      expect(letters[2].headers.ce_type).toBe(def.type);
    });

    if (harness.restartable) {
      it('keeps records, offsets and committed positions across a restart', async () => {
        const topic = uniqueTopic('restart');
        await bus.ensureTopics([{ name: topic, partitions: 2 }]);
        const def = define(topic);
        const positions = await publishPings(def, ['m', 'n', 'o'], 10);
        const group = groupId('restart');
        const consumer = log.createConsumer({ groupId: group, topics: [topic] });
        let read = 0;
        await consumer.run(async (batch) => {
          read += batch.records.length;
          await consumer.commit([{ topic: batch.topic, partition: batch.partition, offset: batch.records[0].offset + 1 }]);
        });
        await waitFor(() => read >= 30, 30_000, '30 read');
        await consumer.stop();
        const lagBefore = await log.groupLag(group, [topic]);
        await bus.close();

        log = await harness.open();
        bus = makeBus(log);
        expect(await log.groupLag(group, [topic])).toEqual(lagBefore);
        const after = await bus.publish({ event: def, data: { key: 'm', seq: 10 }, tenantId: 'demo' });
        const lastOfPartition = Math.max(...positions.filter((p) => p.partition === after.partition).map((p) => p.offset));
        expect(after.offset).toBe(lastOfPartition + 1);

        const resumed: number[] = [];
        await subscribe({ groupId: group, topics: [topic] }, async (e) => void resumed.push((e.envelope.data as Ping).seq));
        const expected = lagBefore.reduce((sum, p) => sum + p.lag, 0) + 1;
        await waitFor(() => resumed.length >= expected, 30_000, `${expected} uncommitted events`);
        expect(resumed).toHaveLength(expected);
      });
    }
  });
}
