import { DataSource, type DataSourceOptions, type Migration } from 'typeorm';
import { type PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { type DatabaseOptions } from './database-options';
import { openPglite } from './pglite/open-pglite';
import { PglitePool, type PglitePoolOptions } from './pglite/pglite-pool';
import { assertSchemaName } from './schema-name';

export interface CreateDataSourceOptions {
  database: DatabaseOptions;
  /** The app's own schema: its tables and its `migrations` table live there (e.g. "routing"). */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  logging?: boolean;
}

/** What `createDataSource` did at start, for the app's boot log. */
export interface MigrationsRun {
  executed: string[];
}

const executedMigrations = new WeakMap<DataSource, MigrationsRun>();

/** The migrations run when `dataSource` was created (empty when the schema was already up to date). */
export function migrationsRunAtStart(dataSource: DataSource): MigrationsRun {
  return executedMigrations.get(dataSource) ?? { executed: [] };
}

/**
 * Creates and initializes the app's TypeORM data source on PostgreSQL or PGlite: creates its schema if missing,
 * points `search_path` at it (so raw SQL in migrations lands there too), and runs pending migrations, each in
 * its own transaction. Never synchronizes. On PGlite, data sources of one process on the same folder share one
 * database (and its single session); `dataSource.destroy()` of the last one closes it.
 */
export async function createDataSource(options: CreateDataSourceOptions): Promise<DataSource> {
  const { schema } = options;
  assertSchemaName(schema);
  const searchPath = `${schema},public`;
  const common = {
    type: 'postgres',
    schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: options.logging ?? false,
    // migrations create what they need; uuid defaults use the built-in gen_random_uuid()
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    applicationName: `cc-${schema}`,
  } satisfies Partial<PostgresDataSourceOptions>;

  if (options.database.kind === 'postgres') {
    const dataSource = new DataSource({
      ...common,
      url: options.database.url,
      extra: { options: `-c search_path=${searchPath}` },
    } as DataSourceOptions);
    await start(dataSource, schema, true, async () => undefined);
    return dataSource;
  }

  const embedded = await openPglite(options.database.dataDir);
  const poolOptions: PglitePoolOptions = { session: embedded.session, searchPath, release: embedded.release };
  const dataSource = new DataSource({
    ...common,
    driver: { Pool: PglitePool },
    extra: poolOptions,
    // one session: pg-native makes no sense here
    nativeDriver: null,
  } as unknown as DataSourceOptions);
  await start(dataSource, schema, false, embedded.release);
  return dataSource;
}

async function start(
  dataSource: DataSource,
  schema: string,
  serverLock: boolean,
  closeEmbedded: () => Promise<void>,
): Promise<void> {
  try {
    await dataSource.initialize();
    const executed = serverLock
      ? await withMigrationLock(dataSource, schema, () => migrate(dataSource, schema))
      : await migrate(dataSource, schema);
    executedMigrations.set(dataSource, { executed: executed.map((migration) => migration.name) });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await closeEmbedded();
    throw error;
  }
}

async function migrate(dataSource: DataSource, schema: string): Promise<Migration[]> {
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  return dataSource.runMigrations({ transaction: 'each' });
}

/**
 * Several replicas of one app may start together against one server: a session-level advisory lock per schema
 * makes them create the schema and migrate one after the other (the later ones find nothing pending).
 */
async function withMigrationLock<T>(dataSource: DataSource, schema: string, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const key = `cc.migrations.${schema}`;
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    await runner.release();
  }
}
