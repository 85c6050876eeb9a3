import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquirePidLock } from './pid-lock';

const lockedBy = (owner: number) => new Error(`locked by ${owner}`);

describe('acquirePidLock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-lock-'));

  it('holds the folder for this process until released', () => {
    const path = join(dir, 'a', 'LOCK');
    const lock = acquirePidLock(path, lockedBy);
    expect(readFileSync(path, 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquirePidLock(path, lockedBy)).toThrow(`locked by ${process.pid}`);
    lock.release();
    expect(existsSync(path)).toBe(false);
    acquirePidLock(path, lockedBy).release();
  });

  it('refuses a lock held by another running process', () => {
    const path = join(dir, 'b.lock');
    writeFileSync(path, `${process.ppid}\n`);
    expect(() => acquirePidLock(path, lockedBy)).toThrow(`locked by ${process.ppid}`);
  });

  it('takes over a lock left by a process that is gone', () => {
    const path = join(dir, 'c.lock');
    writeFileSync(path, '2147483646\n');
    const lock = acquirePidLock(path, lockedBy);
    expect(readFileSync(path, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });
});
