import * as fs from 'node:fs';
import * as path from 'node:path';

const LOCK_FILE = 'LOCK';
const heldInThisProcess = new Set<string>();

/**
 * One open log per data folder: a lock file holding the owner's pid. A lock left by a process that no longer runs
 * (or by an earlier run that had this very pid) is taken over.
 */
export class DataDirLock {
  private constructor(
    private readonly dir: string,
    private readonly file: string,
  ) {}

  static acquire(dir: string): DataDirLock {
    const real = fs.realpathSync(dir);
    if (heldInThisProcess.has(real)) {
      throw new Error(`event log data folder ${dir} is already open in this process`);
    }
    const file = path.join(real, LOCK_FILE);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
        heldInThisProcess.add(real);
        return new DataDirLock(real, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = readPid(file);
      if (owner !== undefined && owner !== process.pid && isRunning(owner)) {
        throw new Error(`event log data folder ${dir} is locked by running process ${owner} (${file})`);
      }
      fs.rmSync(file, { force: true });
    }
    throw new Error(`could not lock event log data folder ${dir} (${file})`);
  }

  release(): void {
    if (!heldInThisProcess.delete(this.dir)) return;
    if (readPid(this.file) === process.pid) fs.rmSync(this.file, { force: true });
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isFinite(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
