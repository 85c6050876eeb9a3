import { chosenPredictor, predictorAccuracy } from './predictor-choice';
import { UNBOUNDED_WAIT_MS, type WaitPredictorName } from './wait-predictor';
import { newQueueWaitStats, recordServiceStart, type QueueWaitStats } from './wait-stats';

const T0 = Date.UTC(2024, 2, 4, 9, 0, 0);

/** Deterministic noise in [-1, 1): the tests must not depend on Math.random. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32) * 2 - 1;
  };
}

/** Serves `count` callers whose waits vary around a minute; each predictor errs by its own relative spread. */
function serveCallers(stats: QueueWaitStats, count: number, spread: Record<WaitPredictorName, number>, seed = 7): void {
  const next = noise(seed);
  for (let i = 0; i < count; i++) {
    const realised = 60_000 * (1 + 0.8 * next());
    recordServiceStart(stats, {
      at: T0 + i * 15_000,
      waitMs: realised,
      predictedAtArrival: {
        'queue-length': realised * (1 + spread['queue-length'] * next()),
        'head-of-line': realised * (1 + spread['head-of-line'] * next()),
        'last-to-enter-service': realised * (1 + spread['last-to-enter-service'] * next()),
      },
    });
  }
}

describe('predictorAccuracy', () => {
  it('has no score before any caller is served', () => {
    expect(predictorAccuracy(newQueueWaitStats())).toEqual({
      'queue-length': { samples: 0, rase: null },
      'head-of-line': { samples: 0, rase: null },
      'last-to-enter-service': { samples: 0, rase: null },
    });
  });

  it('is the weighted mean squared error over the squared weighted mean wait', () => {
    // Memory 2: each new sample halves the weight of the older ones.
    const stats = newQueueWaitStats({ accuracyMemorySamples: 2 });
    recordServiceStart(stats, { at: T0, waitMs: 100_000, predictedAtArrival: { 'queue-length': 110_000 } });
    recordServiceStart(stats, { at: T0 + 1, waitMs: 200_000, predictedAtArrival: { 'queue-length': 180_000 } });
    // weights 1/2 and 1: MSE = (0.5 x 10 s^2 + 20 s^2) / 1.5 = 300 s^2; mean = (50 + 200) / 1.5 s; RASE = 0.0108
    const accuracy = predictorAccuracy(stats);
    expect(accuracy['queue-length'].samples).toBe(2);
    expect(accuracy['queue-length'].rase).toBeCloseTo(0.0108, 10);
    expect(accuracy['head-of-line']).toEqual({ samples: 0, rase: null });
  });

  it('does not score "no estimate" figures', () => {
    const stats = newQueueWaitStats();
    recordServiceStart(stats, {
      at: T0,
      waitMs: 30_000,
      predictedAtArrival: {
        'queue-length': UNBOUNDED_WAIT_MS,
        'head-of-line': 20_000,
        'last-to-enter-service': Number.NaN,
      },
    });
    const accuracy = predictorAccuracy(stats);
    expect(accuracy['queue-length'].samples).toBe(0);
    expect(accuracy['head-of-line'].samples).toBe(1);
    expect(accuracy['last-to-enter-service'].samples).toBe(0);
  });

  it('stays finite when every caller was answered at once', () => {
    const stats = newQueueWaitStats();
    recordServiceStart(stats, { at: T0, waitMs: 0, predictedAtArrival: { 'queue-length': 5_000, 'head-of-line': 0 } });
    const accuracy = predictorAccuracy(stats);
    // The mean wait is floored at 1 s: (5 s)^2 / (1 s)^2.
    expect(accuracy['queue-length'].rase).toBeCloseTo(25, 10);
    expect(accuracy['head-of-line'].rase).toBe(0);
  });
});

describe('chosenPredictor', () => {
  it('obeys a named choice', () => {
    const stats = newQueueWaitStats();
    expect(chosenPredictor(stats, 'head-of-line')).toBe('head-of-line');
    expect(chosenPredictor(stats, 'last-to-enter-service')).toBe('last-to-enter-service');
    expect(chosenPredictor(stats, 'queue-length')).toBe('queue-length');
  });

  it("'auto' starts with queue-length", () => {
    expect(chosenPredictor(newQueueWaitStats(), 'auto')).toBe('queue-length');
  });

  it("'auto' switches to the more accurate predictor once it has enough samples", () => {
    const stats = newQueueWaitStats();
    const spread = { 'queue-length': 0.6, 'head-of-line': 0.1, 'last-to-enter-service': 0.4 };
    serveCallers(stats, 29, spread);
    expect(chosenPredictor(stats, 'auto')).toBe('queue-length');
    serveCallers(stats, 1, spread, 99);
    expect(predictorAccuracy(stats)['head-of-line'].samples).toBe(30);
    expect(chosenPredictor(stats, 'auto')).toBe('head-of-line');
  });

  it("'auto' picks the lowest RASE among the challengers", () => {
    const stats = newQueueWaitStats();
    serveCallers(stats, 100, { 'queue-length': 0.6, 'head-of-line': 0.4, 'last-to-enter-service': 0.1 });
    expect(chosenPredictor(stats, 'auto')).toBe('last-to-enter-service');
  });

  it("'auto' keeps queue-length when a challenger is better by less than the 10% margin", () => {
    const slightlyBetter = queueWhereHeadOfLineScores(0.95);
    const accuracy = predictorAccuracy(slightlyBetter);
    expect(accuracy['head-of-line'].rase! / accuracy['queue-length'].rase!).toBeCloseTo(0.95, 10);
    expect(chosenPredictor(slightlyBetter, 'auto')).toBe('queue-length');
    expect(chosenPredictor(queueWhereHeadOfLineScores(0.85), 'auto')).toBe('head-of-line');
  });

  it("'auto' follows a change of regime: queue-length wins back after recent callers favour it", () => {
    const stats = newQueueWaitStats();
    serveCallers(stats, 200, { 'queue-length': 0.6, 'head-of-line': 0.1, 'last-to-enter-service': 0.6 });
    expect(chosenPredictor(stats, 'auto')).toBe('head-of-line');
    serveCallers(stats, 600, { 'queue-length': 0.1, 'head-of-line': 0.6, 'last-to-enter-service': 0.6 }, 11);
    expect(chosenPredictor(stats, 'auto')).toBe('queue-length');
  });
});

/** A queue where head-of-line scored exactly `ratio` times queue-length's RASE on 100 callers. */
function queueWhereHeadOfLineScores(ratio: number): QueueWaitStats {
  const stats = newQueueWaitStats();
  for (let i = 0; i < 100; i++) {
    recordServiceStart(stats, {
      at: T0 + i,
      waitMs: 60_000,
      predictedAtArrival: { 'queue-length': 60_000 + 10_000, 'head-of-line': 60_000 + 10_000 * Math.sqrt(ratio) },
    });
  }
  return stats;
}
