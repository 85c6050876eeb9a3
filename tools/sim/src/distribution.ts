/** Durations drawn from a distribution: talk, wrap-up, patience and ring delays of simulated people. */
import { type Rng } from '@cc/discrete-event';

/** A duration distribution, in milliseconds. */
export type Distribution =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  | { kind: 'exponential'; meanMs: number }
  | { kind: 'lognormal'; meanMs: number; sdMs: number };

/** A draw, rounded to whole milliseconds (the engine's clock) and never negative. */
export function sample(rng: Rng, distribution: Distribution): number {
  switch (distribution.kind) {
    case 'fixed':
      return Math.max(0, Math.round(distribution.ms));
    case 'uniform':
      return Math.max(0, Math.round(rng.between(distribution.minMs, distribution.maxMs)));
    case 'exponential':
      return Math.max(0, Math.round(rng.exponential(distribution.meanMs)));
    case 'lognormal':
      return Math.max(0, Math.round(rng.lognormal(distribution.meanMs, distribution.sdMs)));
    default: {
      const unknown: never = distribution;
      throw new Error(`unknown distribution ${JSON.stringify(unknown)}`);
    }
  }
}

export function meanOf(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.ms;
    case 'uniform':
      return (distribution.minMs + distribution.maxMs) / 2;
    case 'exponential':
    case 'lognormal':
      return distribution.meanMs;
    default: {
      const unknown: never = distribution;
      throw new Error(`unknown distribution ${JSON.stringify(unknown)}`);
    }
  }
}
