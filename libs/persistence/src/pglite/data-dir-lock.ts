import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export class PgliteDataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database folder ${dataDir} is already open (process ${ownerPid}${ownerPid === process.pid ? ', this one' : ''}). ` +
        `Only one process can use it at a time: stop the other instance, or give this one its own folder ` +
        `(DATABASE_URL=pglite://<folder>).`,
    );
    this.name = 'PgliteDataDirLockedError';
  }
}

/** A held lock on a PGlite data folder; `release()` gives it back. */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

const heldInThisProcess = new Set<string>();

/**
 * PGlite does not notice a second instance opening the same folder (both would write to it and corrupt it),
 * so the folder is guarded by `<dataDir>.lock`, holding the owner's pid. A lock left by a process that is
 * gone is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const absolute = resolve(dataDir);
  const lockPath = `${absolute}.lock`;
  if (heldInThisProcess.has(absolute)) throw new PgliteDataDirLockedError(absolute, process.pid);
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      heldInThisProcess.add(absolute);
      let released = false;
      return {
        path: lockPath,
        release: () => {
          if (released) return;
          released = true;
          heldInThisProcess.delete(absolute);
          rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockPath);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new PgliteDataDirLockedError(absolute, owner);
      }
      // stale lock (its process is gone, or it is unreadable): take it over
      rmSync(lockPath, { force: true });
    }
  }
  throw new PgliteDataDirLockedError(absolute, readOwner(lockPath) ?? -1);
}

function readOwner(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
