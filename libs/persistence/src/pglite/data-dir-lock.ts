import { acquirePidLock, type PidLock } from '@cc/file-lock';
import { resolve } from 'node:path';

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

/**
 * PGlite does not notice a second instance opening the same folder (both would write to it and corrupt it),
 * so the folder is guarded by `<dataDir>.lock`, holding the owner's pid.
 */
export function lockDataDir(dataDir: string): PidLock {
  const absolute = resolve(dataDir);
  return acquirePidLock(`${absolute}.lock`, (owner) => new PgliteDataDirLockedError(absolute, owner));
}
