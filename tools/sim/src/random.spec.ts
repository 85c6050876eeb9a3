import { EventCalendar } from './calendar';
import { expectedArrivals, morningWithPeak, nextArrival, rateAt, steadyRate } from './load-profile';
import { mulberry32, Rng, sample, streamSeed } from './random';

const HOUR = 3_600_000;

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

describe('seeded random numbers', () => {
  it('repeats the same draws for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it('gives independent streams per label', () => {
    expect(streamSeed(1, 'callers/0')).not.toBe(streamSeed(1, 'callers/1'));
    expect(streamSeed(1, 'callers/0')).not.toBe(streamSeed(2, 'callers/0'));
    expect(Rng.stream(1, 'x').uniform()).toBe(Rng.stream(1, 'x').uniform());
  });

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

describe('event calendar', () => {
  it('pops by time, and in scheduling order at the same time', () => {
    const calendar = new EventCalendar<string>();
    const rng = new Rng(3);
    const times = Array.from({ length: 500 }, () => rng.integer(0, 50));
    times.forEach((at, i) => calendar.schedule(at, `${at}:${i}`));
    const popped: Array<{ at: number; index: number }> = [];
    for (let entry = calendar.pop(); entry !== undefined; entry = calendar.pop()) {
      popped.push({ at: entry.at, index: Number(entry.item.split(':')[1]) });
    }
    expect(popped).toHaveLength(500);
    for (let i = 1; i < popped.length; i++) {
      const [a, b] = [popped[i - 1], popped[i]];
      expect(a.at < b.at || (a.at === b.at && a.index < b.index)).toBe(true);
    }
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
