/** Where an app's tables live: a PostgreSQL server, or PGlite (Postgres in WebAssembly) embedded in the process. */
export type DatabaseOptions = PostgresDatabaseOptions | PgliteDatabaseOptions;

export interface PostgresDatabaseOptions {
  kind: 'postgres';
  /** postgres://user:password@host:port/database */
  url: string;
}

export interface PgliteDatabaseOptions {
  kind: 'pglite';
  /** A folder on disk, or `memory://` for a throw-away database. */
  dataDir: string;
}

export const DEFAULT_PGLITE_DATA_DIR = './.data/pglite';
export const PGLITE_MEMORY = 'memory://';

export class InvalidDatabaseUrlError extends Error {
  constructor(readonly url: string) {
    super(
      `DATABASE_URL "${redactUrl(url)}" is not supported: use postgres://user@host:port/database for PostgreSQL, ` +
        `pglite://<folder> (or leave it unset) for the embedded database, or pglite://memory for an in-memory one.`,
    );
    this.name = 'InvalidDatabaseUrlError';
  }
}

/**
 * Maps `DATABASE_URL` to database options:
 * - unset or empty: PGlite in `dataDir` (default `./.data/pglite`);
 * - `postgres://...` or `postgresql://...`: PostgreSQL;
 * - `pglite://<folder>`: PGlite in that folder (`pglite://memory` or `memory://`: in memory).
 */
export function databaseOptionsFromUrl(url?: string, dataDir: string = DEFAULT_PGLITE_DATA_DIR): DatabaseOptions {
  const value = url?.trim();
  if (!value) return { kind: 'pglite', dataDir };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value };
  if (value.toLowerCase() === PGLITE_MEMORY) return { kind: 'pglite', dataDir: PGLITE_MEMORY };
  const pglite = /^pglite:\/\/(.*)$/i.exec(value);
  if (pglite) {
    const folder = pglite[1] ?? '';
    if (folder === '') return { kind: 'pglite', dataDir };
    if (folder.toLowerCase() === 'memory' || folder.toLowerCase() === PGLITE_MEMORY) {
      return { kind: 'pglite', dataDir: PGLITE_MEMORY };
    }
    return { kind: 'pglite', dataDir: folder };
  }
  throw new InvalidDatabaseUrlError(value);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]+):[^@/]*@/i, '$1:***@');
}
