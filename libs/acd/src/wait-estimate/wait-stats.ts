import { resolveWaitDefaults, type WaitDefaults } from './wait-defaults';
import { isUnboundedWait, WAIT_PREDICTOR_NAMES, type WaitPredictorName } from './wait-predictor';

/** Running accuracy of one predictor, scored on callers who entered service (see predictorAccuracy). */
export interface PredictorAccuracySums {
  /** Callers scored, ever. Not decayed: the minimum-sample rule asks for real evidence, not a weight. */
  samples: number;
  /** Sum of sample weights, each sample's weight shrinking by (1 - 1/accuracyMemorySamples) per later sample. */
  weight: number;
  /** Weighted sum of (predicted at arrival - realised wait)^2, ms^2. */
  squaredErrorSum: number;
  /** Weighted sum of realised waits, ms. */
  realisedSum: number;
}

/**
 * What one queue has learnt about its waits. Plain numbers and nulls only: it goes into routing snapshots as JSON.
 *
 * The handle-time and patience sums are decayed in time (half-life `defaults.statsHalfLifeMs`) and all refer to
 * the instant `sumsAt`; they are brought forward to a sample's time before it is added, so one decay serves all.
 */
export interface QueueWaitStats {
  defaults: WaitDefaults;
  /** The instant the decayed sums below refer to; null until the first sample. */
  sumsAt: number | null;
  /** Decayed count of handle-time samples. */
  handleWeight: number;
  /** Decayed sum of handle times, ms. */
  handleSumMs: number;
  /** Decayed count of abandons. */
  abandonWeight: number;
  /** Decayed sum of the waits of every caller who left the queue, served or abandoned, ms. */
  waitedSumMs: number;
  /** Time and wait of the last caller to enter service (the LES predictor); null until the first one. */
  lastServiceStartAt: number | null;
  lastServiceStartWaitMs: number | null;
  accuracy: Record<WaitPredictorName, PredictorAccuracySums>;
}

export function newQueueWaitStats(defaults?: Partial<WaitDefaults>): QueueWaitStats {
  return {
    defaults: resolveWaitDefaults(defaults),
    sumsAt: null,
    handleWeight: 0,
    handleSumMs: 0,
    abandonWeight: 0,
    waitedSumMs: 0,
    lastServiceStartAt: null,
    lastServiceStartWaitMs: null,
    accuracy: {
      'queue-length': emptyAccuracy(),
      'head-of-line': emptyAccuracy(),
      'last-to-enter-service': emptyAccuracy(),
    },
  };
}

/*
 * The record* functions mutate `stats` in place and allocate nothing: the engine holds hundreds of queues and calls
 * them from evolve() for every service start, abandon and completed interaction. A sample with a time or duration
 * that is not a finite, non-negative number is ignored, because a single NaN would poison every later estimate.
 */

/**
 * A caller entered service after waiting `waitMs`. Feeds the patience estimate (a served caller's wait is a
 * patience that had not run out yet), the LES predictor, and, when the caller's predictions at arrival are given,
 * the accuracy of each predictor.
 */
export function recordServiceStart(
  stats: QueueWaitStats,
  sample: { at: number; waitMs: number; predictedAtArrival?: Partial<Record<WaitPredictorName, number>> },
): void {
  const { at, waitMs } = sample;
  if (!isTime(at) || !isDuration(waitMs)) return;
  const weight = ageSumsTo(stats, at);
  stats.waitedSumMs += weight * waitMs;
  // Out-of-order delivery must not let an older service start stand for the latest one.
  if (stats.lastServiceStartAt === null || at >= stats.lastServiceStartAt) {
    stats.lastServiceStartAt = at;
    stats.lastServiceStartWaitMs = waitMs;
  }
  const predicted = sample.predictedAtArrival;
  if (predicted === undefined) return;
  for (const name of WAIT_PREDICTOR_NAMES) {
    const prediction = predicted[name];
    // An "unbounded" figure meant "no estimate" (no agent at arrival); scoring it would swamp the averages.
    if (prediction === undefined || !isDuration(prediction) || isUnboundedWait(prediction)) continue;
    scorePrediction(stats.accuracy[name], stats.defaults.accuracyMemorySamples, prediction, waitMs);
  }
}

/** A caller hung up after waiting `waitMs`: one abandon, and `waitMs` of exposure, for the patience estimate. */
export function recordAbandon(stats: QueueWaitStats, sample: { at: number; waitMs: number }): void {
  const { at, waitMs } = sample;
  if (!isTime(at) || !isDuration(waitMs)) return;
  const weight = ageSumsTo(stats, at);
  stats.abandonWeight += weight;
  stats.waitedSumMs += weight * waitMs;
}

/**
 * An interaction of the queue ended; `handleMs` is the agent's whole occupation by it (talk, hold and wrap-up),
 * because that is what keeps the agent from the next caller.
 */
export function recordHandleTime(stats: QueueWaitStats, sample: { at: number; handleMs: number }): void {
  const { at, handleMs } = sample;
  if (!isTime(at) || !isDuration(handleMs)) return;
  const weight = ageSumsTo(stats, at);
  stats.handleWeight += weight;
  stats.handleSumMs += weight * handleMs;
}

/**
 * Weight, at instant `at`, of the evidence summed at `stats.sumsAt`. Evidence "from the future" (a prediction asked
 * for an instant before the last sample, events slightly out of order) counts fully rather than more than fully.
 */
export function evidenceWeightAt(stats: QueueWaitStats, at: number): number {
  if (stats.sumsAt === null || !isTime(at) || at <= stats.sumsAt) return 1;
  return halfLifeDecay(at - stats.sumsAt, stats.defaults.statsHalfLifeMs);
}

/** Mean handle time as seen with evidence weight `evidence`: the decayed sample mean shrunk toward the default. */
export function meanHandleMs(stats: QueueWaitStats, evidence: number): number {
  const { priorWeight, meanHandleMs: fallback } = stats.defaults;
  return (evidence * stats.handleSumMs + priorWeight * fallback) / (evidence * stats.handleWeight + priorWeight);
}

/**
 * Abandonment rate theta (per ms) as seen with evidence weight `evidence`. With exponential patience, every
 * caller's wait is either a full patience (abandoned) or a patience cut short by service (censored), and the
 * maximum-likelihood rate is abandons / total time waited by all callers; the defaults add `priorWeight`
 * abandons over `priorWeight` mean patiences, so a queue without abandons yet does not predict infinite patience.
 */
export function abandonRatePerMs(stats: QueueWaitStats, evidence: number): number {
  const { priorWeight, meanPatienceMs } = stats.defaults;
  return (evidence * stats.abandonWeight + priorWeight) / (evidence * stats.waitedSumMs + priorWeight * meanPatienceMs);
}

/** Decays every time-weighted sum to `at` (if later) and returns the weight a sample taken at `at` gets now. */
function ageSumsTo(stats: QueueWaitStats, at: number): number {
  if (stats.sumsAt === null) {
    stats.sumsAt = at;
    return 1;
  }
  if (at < stats.sumsAt) return halfLifeDecay(stats.sumsAt - at, stats.defaults.statsHalfLifeMs);
  if (at > stats.sumsAt) {
    const factor = halfLifeDecay(at - stats.sumsAt, stats.defaults.statsHalfLifeMs);
    stats.handleWeight *= factor;
    stats.handleSumMs *= factor;
    stats.abandonWeight *= factor;
    stats.waitedSumMs *= factor;
    stats.sumsAt = at;
  }
  return 1;
}

function scorePrediction(sums: PredictorAccuracySums, memory: number, predictedMs: number, realisedMs: number): void {
  const keep = 1 - 1 / memory;
  const error = predictedMs - realisedMs;
  sums.samples += 1;
  sums.weight = sums.weight * keep + 1;
  sums.squaredErrorSum = sums.squaredErrorSum * keep + error * error;
  sums.realisedSum = sums.realisedSum * keep + realisedMs;
}

function halfLifeDecay(ageMs: number, halfLifeMs: number): number {
  return Math.pow(2, -ageMs / halfLifeMs);
}

function emptyAccuracy(): PredictorAccuracySums {
  return { samples: 0, weight: 0, squaredErrorSum: 0, realisedSum: 0 };
}

function isTime(value: number): boolean {
  return Number.isFinite(value);
}

function isDuration(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}
