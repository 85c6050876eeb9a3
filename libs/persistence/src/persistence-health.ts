import { type DataSource } from 'typeorm';

export interface DatabasePing {
  up: boolean;
  latencyMs: number;
  /** Why the database is considered down. */
  error?: string;
}

/**
 * Runs `select 1` and reports whether it answered within `timeoutMs`; never throws (map it to a health check).
 * On PGlite a long transaction holding the single session also makes the ping wait, and so time out.
 */
export async function pingDatabase(dataSource: DataSource, timeoutMs = 2000): Promise<DatabasePing> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;
  if (!dataSource.isInitialized) return { up: false, latencyMs: 0, error: 'database connection is not open' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([dataSource.query('SELECT 1'), timeout]);
    return { up: true, latencyMs: elapsed() };
  } catch (error) {
    return { up: false, latencyMs: elapsed(), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Health helpers of the persistence layer. */
export const PersistenceHealth = { pingDatabase } as const;
