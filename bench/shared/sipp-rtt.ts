import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One response time of sipp's -trace_rtt: when it was measured (ms since sipp started) and how long it took. */
export interface RttSample {
  atMs: number;
  ms: number;
}

/** The samples of one rtd from sipp's -trace_rtt file(s) in its working folder, in order. */
export function rttTrace(dir: string, rtd: string): RttSample[] {
  if (!existsSync(dir)) return [];
  const samples: RttSample[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('_rtt.csv'))) {
    const lines = readFileSync(join(dir, file), 'utf8').trim().split('\n');
    for (const line of lines.slice(1)) {
      const [at, ms, name] = line.split(';');
      if (name?.trim() === rtd || name?.trim() === '1') samples.push({ atMs: Number(at), ms: Number(ms) });
    }
  }
  return samples.sort((a, b) => a.atMs - b.atMs);
}

/** Response times (ms) of one rtd. */
export function rttSamples(dir: string, rtd: string): number[] {
  return rttTrace(dir, rtd).map((sample) => sample.ms);
}

/**
 * Calls per second the target kept up with, on sipp's own clock, in whole calls: the rate at which calls got their
 * first answer (sipp places calls at its rate only while fewer than its limit are open, so a target that falls
 * behind slows it), scaled by the share of calls that succeeded.
 */
export function sustainedRate(trace: readonly RttSample[], successful: number, placed: number): number {
  if (trace.length < 2 || placed === 0) return 0;
  const spanS = (trace[trace.length - 1].atMs - trace[0].atMs) / 1000;
  return spanS <= 0 ? 0 : Math.round(((trace.length - 1) / spanS) * (successful / placed));
}
