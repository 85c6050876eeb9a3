export {
  databaseOptionsFromUrl,
  redactUrl,
  InvalidDatabaseUrlError,
  DEFAULT_PGLITE_DATA_DIR,
  PGLITE_MEMORY,
  type DatabaseOptions,
  type PostgresDatabaseOptions,
  type PgliteDatabaseOptions,
} from './database-options';
export {
  createDataSource,
  migrationsRunAtStart,
  type CreateDataSourceOptions,
  type MigrationsRun,
} from './create-data-source';
export { assertSchemaName, InvalidSchemaNameError } from './schema-name';
export { PgliteDataDirLockedError } from './pglite/data-dir-lock';
export { PgliteClosedError } from './pglite/pglite-session';
export { pingDatabase, PersistenceHealth, type DatabasePing } from './persistence-health';
export { createTestDatabase, DEFAULT_TEST_SERVER_URL, type TestDatabase } from './testing/create-test-database';
