/**
 * Tunables of a queue's wait predictors. They are kept inside the queue's statistics, so a snapshot restores the
 * exact behaviour it was taken with.
 */
export interface WaitDefaults {
  /**
   * Cold-start mean handle time: what an agent spends per interaction before taking the next one (talk, hold and
   * wrap-up). 180 s is a common inbound figure; a queue's own evidence replaces it within a few calls.
   */
  meanHandleMs: number;
  /** Cold-start mean patience of a waiting caller: 120 s, the "1-2 minutes" callers hold to music (seed 000). */
  meanPatienceMs: number;
  /**
   * How many observations the two defaults above are worth. They are never dropped, only outweighed: one odd first
   * call cannot swing the estimate, and a queue whose evidence has aged away (a quiet night) drifts back to them.
   */
  priorWeight: number;
  /**
   * Half-life of the handle-time and patience evidence. Intraday load changes by the half hour (workforce plans
   * use 15-30 minute intervals), so evidence halves every 30 minutes and an hour-old call weighs a quarter.
   */
  statsHalfLifeMs: number;
  /**
   * Memory of the accuracy averages, in samples (each new sample multiplies older weights by 1 - 1/memory).
   * Counted in samples, not time: which predictor suits a queue changes with its regime, slowly, and a quiet
   * night must not erase what the day established.
   */
  accuracyMemorySamples: number;
  /** 'auto' stays with 'queue-length' until it and a challenger have each been scored on this many callers. */
  minAccuracySamples: number;
  /**
   * A challenger's RASE must be lower than queue-length's by this fraction before 'auto' switches to it: the model
   * based predictor is the better-founded default, and near-equal scores would otherwise flip the choice back and
   * forth with every sample.
   */
  switchMargin: number;
}

export const DEFAULT_WAIT_DEFAULTS: Readonly<WaitDefaults> = {
  meanHandleMs: 180_000,
  meanPatienceMs: 120_000,
  priorWeight: 3,
  statsHalfLifeMs: 30 * 60_000,
  accuracyMemorySamples: 200,
  minAccuracySamples: 30,
  switchMargin: 0.1,
};

/**
 * Complete defaults from a partial override. A value that is not a usable number falls back to the default
 * instead of failing: the statistics live in the engine's hot path and in snapshots, where a NaN would poison
 * every later estimate and a throw would stop routing; configuration validation is the place to reject them.
 */
export function resolveWaitDefaults(overrides: Partial<WaitDefaults> = {}): WaitDefaults {
  const d = DEFAULT_WAIT_DEFAULTS;
  return {
    meanHandleMs: positiveOr(overrides.meanHandleMs, d.meanHandleMs),
    meanPatienceMs: positiveOr(overrides.meanPatienceMs, d.meanPatienceMs),
    priorWeight: positiveOr(overrides.priorWeight, d.priorWeight),
    statsHalfLifeMs: positiveOr(overrides.statsHalfLifeMs, d.statsHalfLifeMs),
    accuracyMemorySamples: atLeastOr(overrides.accuracyMemorySamples, 1, d.accuracyMemorySamples),
    minAccuracySamples: atLeastOr(overrides.minAccuracySamples, 0, d.minAccuracySamples),
    switchMargin: fractionOr(overrides.switchMargin, d.switchMargin),
  };
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function atLeastOr(value: number | undefined, min: number, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= min ? value : fallback;
}

function fractionOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 && value < 1 ? value : fallback;
}
