import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** One sipp process driving a scenario of tools/sipp against a SIP server. */
export interface SippOptions {
  /** Scenario file name in tools/sipp, e.g. "caller.xml". */
  scenario: string;
  /** host:port of the SIP server. */
  target: string;
  /** Local SIP port (0 or undefined: sipp picks one). */
  port?: number;
  /** Calls to place (or answer) before sipp exits (-m). */
  calls?: number;
  /** Calls per second (-r) and their period (-rp, ms). */
  rate?: number;
  ratePeriodMs?: number;
  /** Simultaneous calls at most (-l). */
  limit?: number;
  /** The default pause, ms (-d): talk time of callers, answer delay of agent phones. */
  pauseMs?: number;
  /** Scenario variables (-set name value). */
  variables?: Record<string, string>;
  /** Digest credentials (-au, -ap). */
  auth?: { username: string; password: string };
  /** Transport: u1 (UDP, one socket) or t1 (TCP, one connection). */
  transport?: 'u1' | 't1' | 'un' | 'tn';
  /** Overall limit; sipp is killed after it (-timeout as well). */
  timeoutMs: number;
  /** Extra sipp arguments. */
  extra?: string[];
}

export interface SippResult {
  exitCode: number | null;
  successfulCalls: number;
  failedCalls: number;
  /** sipp's error log (unexpected messages, timeouts). */
  errors: string;
  output: string;
  /** sipp's working folder: its trace files (-trace_rtt, -trace_msg) are there. */
  workDir: string;
}

export interface SippProcess {
  /** Resolves when sipp exits. */
  done: Promise<SippResult>;
  stop(): void;
}

/** tools/sipp of this workspace. */
export function sippScenarioDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('workspace root not found');
    dir = parent;
  }
  return join(dir, 'tools', 'sipp');
}

/** Throws a clear error when sipp is not installed. */
export function requireSipp(): void {
  const probe = spawnSync('sipp', ['-v'], { encoding: 'utf8' });
  if (probe.error) throw new Error('sipp is not installed: apt-get install sip-tester (the .ci/run script does it)');
}

/** Starts sipp; the result says how many calls succeeded and failed, from sipp's own statistics. */
export function startSipp(options: SippOptions): SippProcess {
  requireSipp();
  const work = mkdtempSync(join(tmpdir(), 'cc-sipp-'));
  const errorFile = join(work, 'errors.log');
  const statFile = join(work, 'stats.csv');
  const args = [
    options.target,
    '-sf',
    resolve(sippScenarioDir(), options.scenario),
    '-m',
    String(options.calls ?? 1),
    '-nostdin',
    '-t',
    options.transport ?? 'u1',
    '-timeout',
    `${Math.ceil(options.timeoutMs / 1000)}s`,
    '-timeout_error',
    '-trace_err',
    '-error_file',
    errorFile,
    '-trace_stat',
    '-stf',
    statFile,
    '-fd',
    '1',
    '-max_recv_loops',
    '10000',
  ];
  if (options.port) args.push('-p', String(options.port));
  if (options.rate !== undefined) args.push('-r', String(options.rate), '-rp', String(options.ratePeriodMs ?? 1000));
  if (options.limit !== undefined) args.push('-l', String(options.limit));
  if (options.pauseMs !== undefined) args.push('-d', String(options.pauseMs));
  if (options.auth) args.push('-au', options.auth.username, '-ap', options.auth.password);
  for (const [name, value] of Object.entries(options.variables ?? {})) args.push('-set', name, value);
  args.push(...(options.extra ?? []));
  const child = spawn('sipp', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs + 5_000);
  const done = new Promise<SippResult>((resolveDone) => {
    child.on('exit', (exitCode) => {
      clearTimeout(killer);
      const stats = readStats(statFile);
      resolveDone({
        exitCode,
        successfulCalls: stats.successful,
        failedCalls: stats.failed,
        errors: existsSync(errorFile) ? readFileSync(errorFile, 'utf8') : '',
        output,
        workDir: work,
      });
    });
  });
  return { done, stop: () => child.kill('SIGINT') };
}

/** Runs sipp to its end. */
export function runSipp(options: SippOptions): Promise<SippResult> {
  return startSipp(options).done;
}

/** The last line of sipp's statistics file: cumulative successful and failed calls. */
function readStats(file: string): { successful: number; failed: number } {
  if (!existsSync(file)) return { successful: 0, failed: 0 };
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  if (lines.length < 2) return { successful: 0, failed: 0 };
  const header = lines[0].split(';');
  const last = lines[lines.length - 1].split(';');
  const column = (name: string) => Number(last[header.indexOf(name)] ?? 0);
  return { successful: column('SuccessfulCall(C)'), failed: column('FailedCall(C)') };
}
