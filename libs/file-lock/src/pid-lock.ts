import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A held lock; `release()` gives it back (once). */
export interface PidLock {
  readonly path: string;
  release(): void;
}

const heldInThisProcess = new Set<string>();

/**
 * Exclusive use of a data folder by one process: a lock file holding the owner's pid, created with O_EXCL. A lock
 * left by a process that no longer runs (or by an earlier run that had this very pid) is taken over. A second
 * acquisition in the same process fails too. `lockedBy(ownerPid)` builds the error a caller shows its users.
 */
export function acquirePidLock(lockPath: string, lockedBy: (ownerPid: number) => Error): PidLock {
  const absolute = resolve(lockPath);
  if (heldInThisProcess.has(absolute)) throw lockedBy(process.pid);
  mkdirSync(dirname(absolute), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(absolute, 'wx');
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      heldInThisProcess.add(absolute);
      let released = false;
      return {
        path: absolute,
        release: () => {
          if (released) return;
          released = true;
          heldInThisProcess.delete(absolute);
          if (readOwner(absolute) === process.pid) rmSync(absolute, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(absolute);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) throw lockedBy(owner);
      rmSync(absolute, { force: true });
    }
  }
  throw lockedBy(readOwner(absolute) ?? -1);
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
