import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DataSource } from 'typeorm';
import { AgentEntity, aQueueCounter, entities, migrations, QueueCounterEntity } from '../test/fixtures';
import { createDataSource, migrationsRunAtStart } from './create-data-source';
import { type DatabaseOptions } from './database-options';
import { PgliteDataDirLockedError } from './pglite/data-dir-lock';
import { pingDatabase } from './persistence-health';
import { createTestDatabase, type TestDatabase } from './testing/create-test-database';

const SCHEMA = 'routing_test';

interface Backend {
  name: 'pglite' | 'postgres';
  setUp(): Promise<DatabaseOptions>;
  tearDown(): Promise<void>;
}

function pgliteBackend(): Backend {
  let dir = '';
  return {
    name: 'pglite',
    setUp: async () => {
      dir = mkdtempSync(join(tmpdir(), 'cc-pglite-'));
      return { kind: 'pglite', dataDir: join(dir, 'data') };
    },
    tearDown: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresBackend(): Backend {
  let database: TestDatabase | undefined;
  return {
    name: 'postgres',
    setUp: async () => {
      database = await createTestDatabase();
      return { kind: 'postgres', url: database.url };
    },
    tearDown: async () => database?.drop(),
  };
}

describe.each([pgliteBackend(), postgresBackend()])('createDataSource on $name', (backend) => {
  let database: DatabaseOptions;
  let dataSource: DataSource;
  const open = () => createDataSource({ database, schema: SCHEMA, entities, migrations });

  beforeAll(async () => {
    database = await backend.setUp();
    dataSource = await open();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await backend.tearDown();
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE queue_counter, agent');
  });

  it('creates the schema and keeps the tables and the migrations table in it', async () => {
    expect(migrationsRunAtStart(dataSource).executed).toEqual([
      'CreateQueueCounter1700000000001',
      'CreateAgent1700000000002',
    ]);
    const tables: Array<{ table_name: string }> = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [SCHEMA],
    );
    expect(tables.map((t) => t.table_name)).toEqual(['agent', 'migrations', 'queue_counter']);
    const [{ current_schema }] = await dataSource.query('SELECT current_schema()');
    expect(current_schema).toBe(SCHEMA);
  });

  it('does not run migrations again on the next start, and keeps the data', async () => {
    await dataSource.getRepository(QueueCounterEntity).save(aQueueCounter({ queueId: 'kept' }));
    await dataSource.destroy();
    dataSource = await open();
    expect(migrationsRunAtStart(dataSource).executed).toEqual([]);
    const applied: Array<{ name: string }> = await dataSource.query(
      `SELECT name FROM ${SCHEMA}.migrations ORDER BY id`,
    );
    expect(applied).toHaveLength(2);
    expect(await dataSource.getRepository(QueueCounterEntity).findOneBy({ queueId: 'kept' })).not.toBeNull();
  });

  it('inserts, reads, updates and deletes entities with bigint, jsonb and timestamptz columns', async () => {
    const repository = dataSource.getRepository(QueueCounterEntity);
    const updatedAt = new Date('2025-03-01T09:30:00.123Z');
    await repository.save(
      aQueueCounter({
        queueId: 'sales',
        offered: 3,
        talkTimeMs: '9007199254740993',
        settings: { sla: { seconds: 20 }, tags: ['vip'] },
        updatedAt,
      }),
    );

    const read = await repository.findOneByOrFail({ queueId: 'sales' });
    expect(read).toEqual(
      aQueueCounter({
        queueId: 'sales',
        offered: 3,
        talkTimeMs: '9007199254740993',
        settings: { sla: { seconds: 20 }, tags: ['vip'] },
        updatedAt,
      }),
    );
    expect(read.updatedAt).toBeInstanceOf(Date);

    const result = await repository.update({ queueId: 'sales' }, { offered: 4, settings: { sla: { seconds: 30 } } });
    expect(result.affected).toBe(1);
    expect(await repository.findOneByOrFail({ queueId: 'sales' })).toMatchObject({
      offered: 4,
      settings: { sla: { seconds: 30 } },
    });

    const deleted = await repository.delete({ queueId: 'sales' });
    expect(deleted.affected).toBe(1);
    expect(await repository.count()).toBe(0);
  });

  it('generates uuid keys and stores text arrays', async () => {
    const agent = await dataSource.getRepository(AgentEntity).save({ name: 'Ada', skills: ['fr', 'billing'] });
    expect(agent.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await dataSource.getRepository(AgentEntity).findOneByOrFail({ id: agent.id })).toEqual({
      id: agent.id,
      name: 'Ada',
      skills: ['fr', 'billing'],
    });
  });

  it('upserts with ON CONFLICT', async () => {
    const repository = dataSource.getRepository(QueueCounterEntity);
    await repository.upsert({ queueId: 'support', offered: 1, updatedAt: new Date() }, ['queueId']);
    await repository.upsert({ queueId: 'support', offered: 2, updatedAt: new Date() }, ['queueId']);
    expect(await repository.findOneByOrFail({ queueId: 'support' })).toMatchObject({ offered: 2 });

    const rows: Array<{ offered: number }> = await dataSource.query(
      `INSERT INTO queue_counter (queue_id, offered, updated_at) VALUES ($1, 1, $2)
       ON CONFLICT (queue_id) DO UPDATE SET offered = queue_counter.offered + 1 RETURNING offered`,
      ['support', new Date()],
    );
    expect(rows).toEqual([{ offered: 3 }]);
    const ignored = await dataSource.query(
      `INSERT INTO queue_counter (queue_id, updated_at) VALUES ($1, now()) ON CONFLICT DO NOTHING RETURNING queue_id`,
      ['support'],
    );
    expect(ignored).toEqual([]);
  });

  it('rolls back a failed transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.save(aQueueCounter({ queueId: 'rolled-back' }));
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await dataSource.getRepository(QueueCounterEntity).count()).toBe(0);
    // the session is usable afterwards
    await dataSource.getRepository(QueueCounterEntity).save(aQueueCounter({ queueId: 'after' }));
    expect(await dataSource.getRepository(QueueCounterEntity).count()).toBe(1);
  });

  it('rolls back after a failing statement inside a transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.save(aQueueCounter({ queueId: 'first' }));
        await manager.query('SELECT * FROM no_such_table');
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await dataSource.getRepository(QueueCounterEntity).count()).toBe(0);
  });

  it('supports manual transactions on a QueryRunner, with savepoints', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.manager.save(aQueueCounter({ queueId: 'committed' }));
      await runner.startTransaction(); // savepoint
      await runner.manager.save(aQueueCounter({ queueId: 'nested' }));
      await runner.rollbackTransaction();
      await runner.commitTransaction();

      await runner.startTransaction();
      await runner.manager.save(aQueueCounter({ queueId: 'discarded' }));
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    const ids = (await dataSource.getRepository(QueueCounterEntity).find()).map((c) => c.queueId);
    expect(ids).toEqual(['committed']);
  });

  it('gives +20 for 20 concurrent increments, each in its own transaction', async () => {
    const repository = dataSource.getRepository(QueueCounterEntity);
    await repository.save(aQueueCounter({ queueId: 'busy', offered: 0 }));
    const timeline: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        dataSource.transaction(async (manager) => {
          timeline.push(`begin ${i}`);
          const counter = await manager.findOneOrFail(QueueCounterEntity, {
            where: { queueId: 'busy' },
            lock: { mode: 'pessimistic_write' },
          });
          await new Promise((resolve) => setTimeout(resolve, 1));
          counter.offered += 1;
          await manager.save(counter);
          timeline.push(`end ${i}`);
        }),
      ),
    );
    expect((await repository.findOneByOrFail({ queueId: 'busy' })).offered).toBe(20);
    if (backend.name === 'pglite') {
      // one session: each transaction runs alone, from begin to end
      for (let i = 0; i < timeline.length; i += 2) {
        expect(timeline[i + 1]).toBe(timeline[i]!.replace('begin', 'end'));
      }
    }
  });

  it('answers the health ping', async () => {
    expect(await pingDatabase(dataSource)).toMatchObject({ up: true });
  });

  it('lets two apps of one process share the database, each in its own schema', async () => {
    const other = await createDataSource({ database, schema: 'crm_test', entities, migrations });
    try {
      await other.getRepository(QueueCounterEntity).save(aQueueCounter({ queueId: 'crm-only' }));
      await dataSource.getRepository(QueueCounterEntity).save(aQueueCounter({ queueId: 'routing-only' }));
      const [inOther] = await other.query('SELECT queue_id FROM queue_counter');
      const [inMine] = await dataSource.query('SELECT queue_id FROM queue_counter');
      expect([inOther.queue_id, inMine.queue_id]).toEqual(['crm-only', 'routing-only']);
    } finally {
      await other.destroy();
    }
    // the first app keeps working after the other closed
    expect(await dataSource.getRepository(QueueCounterEntity).count()).toBe(1);
  });

  if (backend.name === 'pglite') {
    it('refuses a data folder that another process holds', async () => {
      const folder = `${(database as { dataDir: string }).dataDir}-held`;
      writeFileSync(`${resolve(folder)}.lock`, String(process.ppid));
      await expect(
        createDataSource({ database: { kind: 'pglite', dataDir: folder }, schema: SCHEMA, entities, migrations }),
      ).rejects.toBeInstanceOf(PgliteDataDirLockedError);
    });
  }
});

describe('createDataSource with in-memory PGlite', () => {
  it('works without a folder and reports down once destroyed', async () => {
    const dataSource = await createDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      schema: 'reporting',
      entities,
      migrations,
    });
    await dataSource.getRepository(QueueCounterEntity).save(aQueueCounter());
    expect(await dataSource.getRepository(QueueCounterEntity).count()).toBe(1);
    await dataSource.destroy();
    expect(await pingDatabase(dataSource)).toMatchObject({ up: false });
  });
});
