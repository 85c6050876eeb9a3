import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_MEMORY } from '../database-options';
import { type PidLock } from '@cc/file-lock';
import { lockDataDir } from './data-dir-lock';
import { PgliteSession } from './pglite-session';

/** A hold on an open PGlite database; the last `release()` closes it. */
export interface PgliteHandle {
  session: PgliteSession;
  /** Safe to call more than once. */
  release(): Promise<void>;
}

interface OpenDatabase {
  pglite: PGlite;
  session: PgliteSession;
  lock?: PidLock;
  holders: number;
}

/** Databases open in this process, by absolute folder: apps of one process (all-in-one) share one. */
const openDatabases = new Map<string, Promise<OpenDatabase>>();

/**
 * Opens (creating it if needed) the PGlite database in `dataDir`, or joins the one this process already has
 * open there. Another process holding the folder makes it fail with `PglitePidLockedError`.
 * `memory://` always gives a new, private database.
 */
export async function openPglite(dataDir: string): Promise<PgliteHandle> {
  if (dataDir.startsWith(PGLITE_MEMORY)) {
    const database = await open(dataDir, undefined);
    return handle(database, () => shut(database));
  }
  const key = resolve(dataDir);
  let opening = openDatabases.get(key);
  if (!opening) {
    opening = (async () => {
      const lock = lockDataDir(key);
      try {
        mkdirSync(key, { recursive: true });
        return await open(key, lock);
      } catch (error) {
        lock.release();
        throw error;
      }
    })();
    openDatabases.set(key, opening);
    opening.catch(() => openDatabases.delete(key));
  }
  const database = await opening;
  return handle(database, async () => {
    if (openDatabases.get(key) === opening) openDatabases.delete(key);
    await shut(database);
  });
}

async function open(dataDir: string, lock: PidLock | undefined): Promise<OpenDatabase> {
  const pglite = await PGlite.create(dataDir);
  return { pglite, session: new PgliteSession(pglite), lock, holders: 0 };
}

function handle(database: OpenDatabase, closeLast: () => Promise<void>): PgliteHandle {
  database.holders += 1;
  let released: Promise<void> | undefined;
  return {
    session: database.session,
    release: () => {
      released ??= (async () => {
        database.holders -= 1;
        if (database.holders === 0) await closeLast();
      })();
      return released;
    },
  };
}

async function shut(database: OpenDatabase): Promise<void> {
  try {
    await database.session.close();
    if (!database.pglite.closed) await database.pglite.close();
  } finally {
    database.lock?.release();
  }
}
