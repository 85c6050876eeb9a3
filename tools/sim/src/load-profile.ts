import { type Rng } from '@cc/discrete-event';

/**
 * An arrival rate that changes by interval, as a workforce plan gives it: each piece holds from its start (ms after
 * the run's start) until the next piece's start; the last one holds to the end of the run.
 */
export type RateProfile = ReadonlyArray<{ fromMs: number; perHour: number }>;

const HOUR = 3_600_000;

export function steadyRate(perHour: number): RateProfile {
  return [{ fromMs: 0, perHour }];
}

/**
 * A working morning compressed into the run: a ramp from half the base rate, the base rate, a peak of +50% through
 * the middle of the run, and a tail at 80%.
 */
export function morningWithPeak(basePerHour: number, durationMs: number): RateProfile {
  const shape: Array<[fraction: number, factor: number]> = [
    [0, 0.5],
    [0.125, 0.8],
    [0.25, 1],
    [0.375, 1.5],
    [0.625, 1],
    [0.75, 0.8],
  ];
  return shape.map(([fraction, factor]) => ({
    fromMs: Math.round(fraction * durationMs),
    perHour: basePerHour * factor,
  }));
}

/** The profile scaled by a factor (e.g. the same shape at a higher load). */
export function scaledRate(profile: RateProfile, factor: number): RateProfile {
  return profile.map((piece) => ({ fromMs: piece.fromMs, perHour: piece.perHour * factor }));
}

/** Rate in force at `ms` after the start. */
export function rateAt(profile: RateProfile, ms: number): number {
  let rate = 0;
  for (const piece of profile) {
    if (piece.fromMs > ms) break;
    rate = piece.perHour;
  }
  return rate;
}

/** Expected arrivals over [0, untilMs). */
export function expectedArrivals(profile: RateProfile, untilMs: number): number {
  let total = 0;
  for (let i = 0; i < profile.length; i++) {
    const from = profile[i].fromMs;
    const to = Math.min(untilMs, profile[i + 1]?.fromMs ?? Infinity);
    if (to > from) total += (profile[i].perHour * (to - from)) / HOUR;
  }
  return total;
}

/**
 * Time (ms after the start) of the next arrival of a Poisson process with a piecewise constant rate, after `fromMs`.
 * Exact: an exponential gap that crosses into the next piece is drawn again from the piece's start, which the
 * memorylessness of the exponential allows. Infinity when no arrival comes before `untilMs`.
 */
export function nextArrival(profile: RateProfile, rng: Rng, fromMs: number, untilMs: number): number {
  if (profile.length === 0) return Infinity;
  let t = fromMs;
  while (t < untilMs) {
    const index = pieceAt(profile, t);
    const pieceEnd = Math.min(untilMs, profile[index + 1]?.fromMs ?? Infinity);
    const perHour = index < 0 ? 0 : profile[index].perHour;
    if (perHour > 0) {
      const candidate = t + rng.exponential(HOUR / perHour);
      if (candidate < pieceEnd) return candidate;
    }
    t = index < 0 ? profile[0].fromMs : pieceEnd;
  }
  return Infinity;
}

function pieceAt(profile: RateProfile, ms: number): number {
  let index = -1;
  for (let i = 0; i < profile.length; i++) {
    if (profile[i].fromMs > ms) break;
    index = i;
  }
  return index;
}
