import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The throughput scenario keeps 5,000 publishes in flight, and everything an in-flight event holds (request, record,
 * headers, promises) is still alive at the next scavenge when V8's young generation has its default 16 MiB
 * semi-spaces: every scavenge copied the whole in-flight set again and promoted it, a quarter of the process's CPU.
 * A service publishing at this rate needs the same setting, so the benchmark measures with it.
 */
const FLAG = '--max-semi-space-size';
const SETTING = `${FLAG}=64`;
const RELAUNCHED = 'CC_BENCH_RELAUNCHED';

/**
 * Runs the benchmark again in a child process with the larger young generation, unless the flag was given already
 * (on the node command line or in NODE_OPTIONS). Returns the child's exit code, or null when this process should
 * run the benchmark itself.
 */
export function relaunchWithYoungGeneration(root: string, entry: string): number | null {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes(FLAG));
  if (given || process.env[RELAUNCHED]) return null;
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, SETTING, join(root, 'tools', 'run-ts.js'), entry, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, [RELAUNCHED]: '1' } },
  );
  if (child.error) throw child.error;
  return child.status ?? 1;
}
