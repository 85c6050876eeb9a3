import { SCENARIOS } from './scenarios';
import { serviceLevel } from './statistics';

const HOUR = 3_600_000;

describe('the strategies scenario', () => {
  const outcome = SCENARIOS.strategies.run({ durationMs: HOUR, seed: 1 });
  const occupancy = (strategy: string) =>
    outcome.variants.find((variant) => variant.label === strategy)!.result.occupancy;

  it('runs every routing strategy on the same callers', () => {
    expect(outcome.variants.map((variant) => variant.label)).toEqual([
      'longest-idle',
      'most-skilled',
      'least-occupied',
      'round-robin',
      'fewest-calls-today',
    ]);
    const offered = new Set(outcome.variants.map((variant) => variant.result.total.offered));
    expect(offered.size).toBe(1);
  });

  it('balances occupancy better with least-occupied than with longest-idle when agents differ in speed', () => {
    const leastOccupied = occupancy('least-occupied');
    const longestIdle = occupancy('longest-idle');
    expect(leastOccupied.stddev).toBeLessThan(longestIdle.stddev);
    expect(leastOccupied.range).toBeLessThan(longestIdle.range);
  });
});

describe('the overflow scenario', () => {
  const outcome = SCENARIOS.overflow.run({ durationMs: HOUR, seed: 1 });
  const msk = (label: string) =>
    outcome.variants
      .find((variant) => variant.label === label)!
      .result.queues.find((queue) => queue.queueId === 'msk-support')!.counters;

  it('moves Moscow calls to Novosibirsk agents with a bullseye add-branches step, and only then', () => {
    expect(msk('local-only').answeredRemotely).toBe(0);
    expect(msk('add-branches').answeredRemotely).toBeGreaterThan(10);
    expect(msk('add-branches').offered).toBe(msk('local-only').offered);
  });

  it("improves Moscow's service level and cuts its abandons", () => {
    expect(serviceLevel(msk('add-branches'))!).toBeGreaterThan(serviceLevel(msk('local-only'))! + 0.2);
    expect(msk('add-branches').abandoned).toBeLessThan(msk('local-only').abandoned);
  });
});

describe('the estimated-wait scenario', () => {
  const outcome = SCENARIOS.ewt.run({ durationMs: HOUR, seed: 1 });

  it.each(['steady', 'time-varying'])('scores the predictor the queue chose with a finite RASE (%s load)', (label) => {
    const queue = outcome.variants
      .find((variant) => variant.label === label)!
      .result.queues.find((q) => q.queueId === 'general')!;
    const chosen = queue.chosenPredictor!;
    expect(queue.counters.answered).toBeGreaterThan(50);
    const rase = queue.counters.accuracy[chosen].rase;
    expect(rase).not.toBeNull();
    expect(Number.isFinite(rase)).toBe(true);
    expect(Number.isFinite(queue.engineRase![chosen].rase)).toBe(true);
    expect(Number.isFinite(queue.counters.accuracy.announced.rase)).toBe(true);
  });

  it('re-announces waits honestly: never an earlier promise, never the same figure once a promise ran out', () => {
    for (const { result } of outcome.variants) {
      expect(result.total.reannouncements).toBeGreaterThan(20);
      expect(result.total.repeatedTotals).toBe(0);
    }
  });
});
