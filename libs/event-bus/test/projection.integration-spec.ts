import { requireKafka } from '@cc/testing';
import { createDataSource, createTestDatabase, type TestDatabase } from '@cc/persistence';
import { type EventDefinition } from '@cc/contracts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  EmbeddedEventLog,
  EventBus,
  type EventLog,
  KafkaEventLog,
  type LogConsumer,
  NonRetryableError,
  ProjectionOffsets1763900000000,
  projectionPositions,
  schemaOf,
  startProjection,
} from '../src';
import { type Ping, pingEvent, uniqueTopic, waitFor } from './test-events';

class PingTotals1763900000001 implements MigrationInterface {
  name = 'PingTotals1763900000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "${schemaOf(q)}"."ping_totals" (key text PRIMARY KEY, events integer NOT NULL, seq_sum integer NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${schemaOf(q)}"."ping_totals"`);
  }
}

/** An event log whose consumers never commit to the log: as if the process died right after the Postgres commit. */
function withoutLogCommits(log: EventLog): EventLog {
  return new Proxy(log, {
    get(target, property, receiver) {
      if (property === 'createConsumer') {
        return (...args: Parameters<EventLog['createConsumer']>): LogConsumer => {
          const consumer = target.createConsumer(...args);
          return new Proxy(consumer, {
            get: (c, p) => (p === 'commit' ? async () => undefined : (c as unknown as Record<string | symbol, unknown>)[p]),
          });
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

interface Setup {
  name: string;
  log(): Promise<EventLog>;
  database(): Promise<{ kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string }>;
  cleanup(): Promise<void>;
}

const dir = mkdtempSync(join(tmpdir(), 'cc-projection-'));
let testDatabase: TestDatabase | undefined;

const setups: Setup[] = [
  {
    name: 'embedded log + PGlite',
    log: async () => {
      const log = new EmbeddedEventLog({ dataDir: join(dir, 'log') });
      await log.connect();
      return log;
    },
    database: async () => ({ kind: 'pglite', dataDir: join(dir, 'pglite') }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  },
  {
    name: 'Apache Kafka + PostgreSQL',
    log: async () => {
      const log = new KafkaEventLog({ brokers: requireKafka().split(','), clientId: 'projection-test' });
      await log.connect();
      return log;
    },
    database: async () => {
      testDatabase ??= await createTestDatabase();
      return { kind: 'postgres', url: testDatabase.url };
    },
    cleanup: async () => testDatabase?.drop(),
  },
];

describe.each(setups)('projection helper on $name', (setup) => {
  let log: EventLog;
  let dataSource: DataSource;
  let definition: EventDefinition<Ping>;
  let bus: EventBus;

  beforeAll(async () => {
    log = await setup.log();
    dataSource = await createDataSource({
      database: await setup.database(),
      schema: 'projection_test',
      entities: [],
      migrations: [ProjectionOffsets1763900000000, PingTotals1763900000001],
    });
  });

  afterAll(async () => {
    await bus?.close();
    await dataSource?.destroy();
    await setup.cleanup();
  });

  const project = (b: EventBus, groupId: string, topic: string) =>
    startProjection(b, {
      groupId,
      topics: [topic],
      dataSource,
      apply: async (event, manager) => {
        const ping = event.envelope.data as Ping;
        if (ping.seq < 0) throw new NonRetryableError(`seq ${ping.seq} is negative`);
        await manager.query(
          `INSERT INTO projection_test.ping_totals (key, events, seq_sum) VALUES ($1, 1, $2)
           ON CONFLICT (key) DO UPDATE SET events = ping_totals.events + 1, seq_sum = ping_totals.seq_sum + EXCLUDED.seq_sum`,
          [ping.key, ping.seq],
        );
      },
    });
  const totals = async () =>
    (await dataSource.query(`SELECT key, events, seq_sum FROM projection_test.ping_totals ORDER BY key`)) as Array<{
      key: string;
      events: number;
      seq_sum: number;
    }>;

  it('applies each event once, even when the log redelivers everything after a crash', async () => {
    const topic = uniqueTopic('projection');
    definition = pingEvent(topic);
    const registry = (type: string) => (type === definition.type ? (definition as EventDefinition<unknown>) : undefined);
    const crashing = new EventBus({ log: withoutLogCommits(log), source: 'cc/test', registry });
    bus = new EventBus({ log, source: 'cc/test', registry });
    await bus.ensureTopics([{ name: topic, partitions: 2 }]);
    const groupId = `totals-${randomUUID().slice(0, 8)}`;

    const requests = [];
    for (let seq = 1; seq <= 50; seq++) for (const key of ['a', 'b']) requests.push({ event: definition, data: { key, seq }, tenantId: 'demo' });
    requests.push({ event: definition, data: { key: 'a', seq: -1 }, tenantId: 'demo' });
    await bus.publishAll(requests);

    // First run: rows and offsets commit in Postgres, the log never learns of it.
    const first = await project(crashing, groupId, topic);
    await waitFor(async () => (await totals()).reduce((n, r) => n + Number(r.events), 0) === 100, 60_000, '100 applied');
    await first.stop();
    expect(await log.groupLag(groupId, [topic])).toEqual(expect.arrayContaining([expect.objectContaining({ committedOffset: -1 })]));

    // Second run: the log redelivers every event; the stored offsets make the projection skip them.
    const second = await project(bus, groupId, topic);
    await waitFor(async () => (await log.groupLag(groupId, [topic])).every((p) => p.lag === 0), 60_000, 'caught up');
    await second.stop();

    expect(await totals()).toEqual([
      { key: 'a', events: 50, seq_sum: 1275 },
      { key: 'b', events: 50, seq_sum: 1275 },
    ]);
    const positions = await projectionPositions(dataSource, groupId);
    expect(positions.reduce((n, p) => n + p.nextOffset, 0)).toBe(101);
  });

  it('dead-letters the event it rejects and keeps none of its rows', async () => {
    const letters: string[] = [];
    const reader = log.createConsumer({ groupId: `dlq-${randomUUID().slice(0, 8)}`, topics: [`${definition.topic}.dlq`] });
    await reader.run(async (batch) => void letters.push(...batch.records.map((r) => `${r.headers.dlq_reason}: ${r.headers.dlq_error}`)));
    await waitFor(() => letters.length >= 1, 30_000, 'a dead letter');
    await reader.stop();
    expect(letters[0]).toBe('rejected-by-handler: seq -1 is negative');
  });
});
