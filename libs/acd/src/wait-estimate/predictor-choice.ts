import { type WaitPredictorChoice } from '../config/routing-config';
import { WAIT_PREDICTOR_NAMES, type WaitPredictorName } from './wait-predictor';
import { type PredictorAccuracySums, type QueueWaitStats } from './wait-stats';

/**
 * Realised waits shorter than this all count as "at once" to a caller; flooring the mean here keeps the relative
 * error finite for a queue whose callers were all answered immediately.
 */
const RASE_MIN_MEAN_WAIT_MS = 1_000;

/**
 * How well each predictor has done on this queue's recent callers who entered service: what it predicted at their
 * arrival against what they then waited.
 *
 * rase is the relative average squared error of Ibrahim & Whitt (2009): the (exponentially weighted) average of
 * (predicted - realised)^2 divided by the square of the (equally weighted) average realised wait, floored at 1 s;
 * null before the first sample. Dividing by the squared mean, rather than by the mean of squares, keeps it the
 * measure the literature reports (an RASE of 0.25 is a typical error of half the mean wait); the ranking of
 * predictors scored on the same callers is the ranking by squared error either way, and the division is what makes
 * predictors scored on different callers (one left out when it had no figure) comparable. Callers who abandon are
 * not scored: their full wait is never seen.
 */
export function predictorAccuracy(
  stats: QueueWaitStats,
): Record<WaitPredictorName, { samples: number; rase: number | null }> {
  const { accuracy } = stats;
  return {
    'queue-length': summary(accuracy['queue-length']),
    'head-of-line': summary(accuracy['head-of-line']),
    'last-to-enter-service': summary(accuracy['last-to-enter-service']),
  };
}

/**
 * The predictor a queue announces from. A named choice is obeyed. 'auto' starts with queue-length, the one that
 * needs no history and models abandonment, and moves to the challenger with the lowest RASE only once both have
 * `minAccuracySamples` scored callers and the challenger is better by `switchMargin` (so near-equal scores do not
 * flip the announcement from one caller to the next).
 */
export function chosenPredictor(stats: QueueWaitStats, choice: WaitPredictorChoice): WaitPredictorName {
  switch (choice) {
    case 'auto':
      return mostAccurate(stats);
    case 'queue-length':
    case 'head-of-line':
    case 'last-to-enter-service':
      return choice;
    default: {
      // Configuration validation rejects other values; one that slips in through an old snapshot must not stop
      // routing, so it gets the predictor that needs no history.
      const unknown: never = choice;
      void unknown;
      return 'queue-length';
    }
  }
}

function mostAccurate(stats: QueueWaitStats): WaitPredictorName {
  const { minAccuracySamples, switchMargin } = stats.defaults;
  const baseline = stats.accuracy['queue-length'];
  const baselineRase = rase(baseline);
  if (baseline.samples < minAccuracySamples || baselineRase === null) return 'queue-length';
  let best: WaitPredictorName = 'queue-length';
  let bestRase = baselineRase * (1 - switchMargin);
  for (const name of WAIT_PREDICTOR_NAMES) {
    if (name === 'queue-length') continue;
    const sums = stats.accuracy[name];
    const challengerRase = rase(sums);
    if (sums.samples < minAccuracySamples || challengerRase === null) continue;
    if (challengerRase < bestRase) {
      best = name;
      bestRase = challengerRase;
    }
  }
  return best;
}

function summary(sums: PredictorAccuracySums): { samples: number; rase: number | null } {
  return { samples: sums.samples, rase: rase(sums) };
}

function rase(sums: PredictorAccuracySums): number | null {
  if (sums.samples === 0 || !(sums.weight > 0)) return null;
  const meanSquaredError = sums.squaredErrorSum / sums.weight;
  const meanWait = Math.max(sums.realisedSum / sums.weight, RASE_MIN_MEAN_WAIT_MS);
  return meanSquaredError / (meanWait * meanWait);
}
