import { startSipp } from '@cc/testing';

export interface HeldCallsMemory {
  /** Calls up at once when the heap was measured. */
  peakCalls: number;
  /** Heap growth per 1,000 concurrent calls, after full collections, MiB. */
  perThousandMiB: number;
  /** Resident set size at the peak, MiB. */
  peakRssMiB: number;
}

/**
 * Memory per concurrent call, from a settled process: sipp places calls held for a long talk time until about
 * 1,000 are up at once; the heap is measured after a full collection before and at the peak (run before a load,
 * whose ended calls linger a while in the tables). Needs node --expose-gc.
 */
export async function measureHeldCalls(options: {
  target: string;
  did: string;
  activeCalls: () => number;
  log: (message: string) => void;
}): Promise<HeldCallsMemory> {
  const holdRate = 100;
  const holdS = 10;
  global.gc?.();
  const baseline = process.memoryUsage();
  options.log(`memory: ${holdRate} calls/s held ${holdS + 5} s`);
  const holding = startSipp({
    scenario: 'caller-load.xml',
    target: options.target,
    calls: holdRate * holdS,
    rate: holdRate,
    limit: 20_000,
    pauseMs: (holdS + 5) * 1000,
    variables: { did: options.did, caller: '+79160000001' },
    timeoutMs: (holdS + 60) * 1000,
  });
  await new Promise((r) => setTimeout(r, (holdS + 1) * 1000));
  const peakCalls = options.activeCalls();
  global.gc?.();
  const peak = process.memoryUsage();
  const perCallBytes = peakCalls === 0 ? 0 : Math.max(0, peak.heapUsed - baseline.heapUsed) / peakCalls;
  await holding.done;
  await new Promise((r) => setTimeout(r, 2_000));
  return { peakCalls, perThousandMiB: (perCallBytes * 1000) / 1024 / 1024, peakRssMiB: peak.rss / 1024 / 1024 };
}
