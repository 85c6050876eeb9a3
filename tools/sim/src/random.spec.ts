import { expectedArrivals, morningWithPeak, nextArrival, rateAt, steadyRate } from './load-profile';
import { Rng } from '@cc/discrete-event';
import { sample } from './distribution';

const HOUR = 3_600_000;

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

describe('duration distributions', () => {
  it('draws exponential and lognormal durations with the asked mean and spread', () => {
    const rng = new Rng(7);
    const exponential = Array.from({ length: 20_000 }, () => sample(rng, { kind: 'exponential', meanMs: 180_000 }));
    expect(mean(exponential)).toBeGreaterThan(175_000);
    expect(mean(exponential)).toBeLessThan(185_000);
    const lognormal = Array.from({ length: 20_000 }, () =>
      sample(rng, { kind: 'lognormal', meanMs: 240_000, sdMs: 120_000 }),
    );
    const m = mean(lognormal);
    const sd = Math.sqrt(mean(lognormal.map((value) => (value - m) ** 2)));
    expect(m).toBeGreaterThan(234_000);
    expect(m).toBeLessThan(246_000);
    expect(sd).toBeGreaterThan(110_000);
    expect(sd).toBeLessThan(130_000);
    expect(Math.min(...lognormal)).toBeGreaterThan(0);
  });
});

describe('arrivals with a time-varying rate', () => {
  it('follows a morning ramp with a +50% peak', () => {
    const profile = morningWithPeak(100, 8 * HOUR);
    expect(rateAt(profile, 0)).toBe(50);
    expect(rateAt(profile, 4 * HOUR)).toBe(150);
    expect(expectedArrivals(profile, 8 * HOUR)).toBeCloseTo(790, 6);
  });

  it('draws as many arrivals per interval as the rate says (Poisson, piecewise constant)', () => {
    const profile = [
      { fromMs: 0, perHour: 600 },
      { fromMs: HOUR, perHour: 0 },
      { fromMs: 2 * HOUR, perHour: 1_800 },
    ];
    const counts = [0, 0, 0];
    const rng = new Rng(11);
    for (
      let t = nextArrival(profile, rng, 0, 3 * HOUR);
      Number.isFinite(t);
      t = nextArrival(profile, rng, t, 3 * HOUR)
    ) {
      counts[Math.floor(t / HOUR)]++;
    }
    // Within four standard deviations (sqrt of the mean) of 600 and 1,800.
    expect(Math.abs(counts[0] - 600)).toBeLessThan(4 * Math.sqrt(600));
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[2] - 1_800)).toBeLessThan(4 * Math.sqrt(1_800));
    expect(nextArrival(steadyRate(0), rng, 0, HOUR)).toBe(Infinity);
  });
});
