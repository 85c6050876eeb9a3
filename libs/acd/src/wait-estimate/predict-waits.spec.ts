import { predictWaits, type WaitSituation } from './predict-waits';
import { isUnboundedWait, UNBOUNDED_WAIT_MS, WAIT_PREDICTOR_NAMES } from './wait-predictor';
import {
  newQueueWaitStats,
  recordAbandon,
  recordHandleTime,
  recordServiceStart,
  type QueueWaitStats,
} from './wait-stats';

const T0 = Date.UTC(2024, 2, 4, 9, 0, 0);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** A queue where every agent is busy and the head has waited a minute, unless told otherwise. */
function situation(overrides: Partial<WaitSituation> = {}): WaitSituation {
  return { at: T0, position: 1, agentsServing: 2, idleAgents: 0, headOfLineWaitMs: MINUTE, ...overrides };
}

function expectFiniteWaits(waits: Record<string, number>): void {
  for (const value of Object.values(waits)) {
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(UNBOUNDED_WAIT_MS);
  }
}

describe('predictWaits on a cold queue (defaults: handle 180 s, patience 120 s)', () => {
  const stats = newQueueWaitStats();

  it('gives "about a minute and a half" to the first caller behind two busy agents: 1/(2 mu) = 90 s', () => {
    const waits = predictWaits(stats, situation({ position: 1 }));
    expect(waits['queue-length']).toBeCloseTo(90 * SECOND, 6);
    // No one ahead to learn from and no history yet: both delay-history predictors fall back to queue-length.
    expect(waits['head-of-line']).toBeCloseTo(90 * SECOND, 6);
    expect(waits['last-to-enter-service']).toBeCloseTo(90 * SECOND, 6);
  });

  it('adds exponential stages s mu + i theta for deeper positions', () => {
    // Stage rates 2/180 + i/120 per second: 90 s, 360/7 s, 36 s.
    expect(predictWaits(stats, situation({ position: 2 }))['queue-length']).toBeCloseTo(90_000 + 360_000 / 7, 6);
    expect(predictWaits(stats, situation({ position: 3 }))['queue-length']).toBeCloseTo(
      90_000 + 360_000 / 7 + 36_000,
      6,
    );
  });

  it('scales the head-of-line wait by departures needed over arrivals seen: k w / (k - 1)', () => {
    // Two callers arrived during the head's 60 s; the third caller needs three departures: 3 * 60 / 2 = 90 s.
    expect(predictWaits(stats, situation({ position: 3, headOfLineWaitMs: MINUTE }))['head-of-line']).toBeCloseTo(
      90_000,
      6,
    );
  });
});

describe('predictWaits with idle agents', () => {
  const stats = newQueueWaitStats();

  it('gives 0 to a caller an idle agent is about to take (position 1, one idle)', () => {
    expect(predictWaits(stats, situation({ position: 1, idleAgents: 1 }))).toEqual({
      'queue-length': 0,
      'head-of-line': 0,
      'last-to-enter-service': 0,
    });
    expect(predictWaits(stats, situation({ position: 2, idleAgents: 3 }))['queue-length']).toBe(0);
  });

  it('makes a caller behind the idle agents wait only for the service starts after theirs', () => {
    // Position 3, one idle of two: two stages (90 s + 360/7 s); HOL sees 2 arrivals in 60 s, needs 2 departures.
    const waits = predictWaits(stats, situation({ position: 3, idleAgents: 1 }));
    expect(waits['queue-length']).toBeCloseTo(90_000 + 360_000 / 7, 6);
    expect(waits['head-of-line']).toBeCloseTo(60_000, 6);
  });

  it('counts idle agents as serving even when the serving count missed them', () => {
    const waits = predictWaits(stats, situation({ position: 3, agentsServing: 0, idleAgents: 2 }));
    expect(waits['queue-length']).toBeCloseTo(90_000, 6);
  });
});

describe('predictWaits never returns NaN or Infinity', () => {
  it('flags "no agent serving" with a finite, large figure from every predictor', () => {
    const waits = predictWaits(newQueueWaitStats(), situation({ agentsServing: 0, position: 5 }));
    for (const name of WAIT_PREDICTOR_NAMES) {
      expect(waits[name]).toBe(UNBOUNDED_WAIT_MS);
      expect(isUnboundedWait(waits[name])).toBe(true);
    }
    expect(JSON.parse(JSON.stringify(waits))).toEqual(waits);
  });

  it('is finite for zero samples, position 1, and garbage input', () => {
    const stats = newQueueWaitStats();
    expectFiniteWaits(predictWaits(stats, situation({ position: 1, headOfLineWaitMs: 0 })));
    expectFiniteWaits(
      predictWaits(
        stats,
        situation({
          at: Number.NaN,
          position: Number.NaN,
          agentsServing: Number.POSITIVE_INFINITY,
          idleAgents: -3,
          headOfLineWaitMs: Number.NaN,
        }),
      ),
    );
    expectFiniteWaits(predictWaits(stats, situation({ position: 0, agentsServing: -1 })));
    expectFiniteWaits(predictWaits(stats, situation({ position: 1e9, agentsServing: 0.01 })));
    expect(isUnboundedWait(predictWaits(stats, situation({ position: 3, agentsServing: 2 }))['queue-length'])).toBe(
      false,
    );
  });

  it('caps a long queue behind a trickle of capacity at the flag value', () => {
    const waits = predictWaits(
      newQueueWaitStats({ meanPatienceMs: 1e12 }),
      situation({ position: 500, agentsServing: 1 }),
    );
    expect(waits['queue-length']).toBe(UNBOUNDED_WAIT_MS);
  });
});

describe('the queue-length predictor learns handle time and patience', () => {
  it('estimates mean handle time from samples shrunk toward the default', () => {
    const stats = newQueueWaitStats({ priorWeight: 1 });
    for (const handleMs of [100_000, 200_000, 300_000]) recordHandleTime(stats, { at: T0, handleMs });
    // (100 + 200 + 300 + 1 x 180) / (3 + 1) = 195 s; one agent, first in line: 1/mu.
    expect(predictWaits(stats, situation({ agentsServing: 1 }))['queue-length']).toBeCloseTo(195_000, 6);
  });

  it('estimates theta as abandons over the total wait of every caller', () => {
    const stats = newQueueWaitStats({ priorWeight: 1 });
    recordAbandon(stats, { at: T0, waitMs: 30_000 });
    recordAbandon(stats, { at: T0, waitMs: 60_000 });
    recordServiceStart(stats, { at: T0, waitMs: 90_000 });
    recordServiceStart(stats, { at: T0, waitMs: 0 });
    // theta = (2 + 1) / (180 s + 120 s) = 1/100 per s; mu = 1/180 per s; position 2: 180 s + 1/(1/180 + 1/100) s.
    const waits = predictWaits(stats, situation({ agentsServing: 1, position: 2 }));
    expect(waits['queue-length']).toBeCloseTo(180_000 + 900_000 / 14, 6);
  });

  it('forgets with a 30-minute half-life, toward the defaults', () => {
    const stats = newQueueWaitStats({ priorWeight: 1 });
    recordHandleTime(stats, { at: T0, handleMs: 300_000 });
    expect(predictWaits(stats, situation({ agentsServing: 1 }))['queue-length']).toBeCloseTo(240_000, 6);
    // Half an hour later the sample weighs 1/2: (150 + 180) / 1.5 = 220 s.
    expect(predictWaits(stats, situation({ agentsServing: 1, at: T0 + 30 * MINUTE }))['queue-length']).toBeCloseTo(
      220_000,
      6,
    );
  });

  it('weighs a late-arriving sample by its age, as if it had come in order', () => {
    const inOrder = newQueueWaitStats({ priorWeight: 1 });
    recordHandleTime(inOrder, { at: T0, handleMs: 300_000 });
    recordHandleTime(inOrder, { at: T0 + 30 * MINUTE, handleMs: 100_000 });
    const outOfOrder = newQueueWaitStats({ priorWeight: 1 });
    recordHandleTime(outOfOrder, { at: T0 + 30 * MINUTE, handleMs: 100_000 });
    recordHandleTime(outOfOrder, { at: T0, handleMs: 300_000 });
    const at = T0 + 30 * MINUTE;
    // (0.5 x 300 + 100 + 180) / (0.5 + 1 + 1) = 172 s
    expect(predictWaits(inOrder, situation({ agentsServing: 1, at }))['queue-length']).toBeCloseTo(172_000, 6);
    expect(predictWaits(outOfOrder, situation({ agentsServing: 1, at }))['queue-length']).toBeCloseTo(172_000, 6);
  });

  it('gives deep positions a shorter wait when callers abandon (those ahead leave too)', () => {
    const patient = newQueueWaitStats();
    const impatient = newQueueWaitStats();
    for (let i = 0; i < 40; i++) {
      const at = T0 + i * 10 * SECOND;
      recordHandleTime(patient, { at, handleMs: 180_000 });
      recordHandleTime(impatient, { at, handleMs: 180_000 });
      recordServiceStart(patient, { at, waitMs: 60_000 });
      if (i % 2 === 0) recordServiceStart(impatient, { at, waitMs: 60_000 });
      else recordAbandon(impatient, { at, waitMs: 60_000 });
    }
    const at = T0 + 400 * SECOND;
    const first = (stats: QueueWaitStats): number =>
      predictWaits(stats, situation({ at, position: 1 }))['queue-length'];
    const deep = (stats: QueueWaitStats): number =>
      predictWaits(stats, situation({ at, position: 20 }))['queue-length'];
    // Position 1 waits for a service completion only; nobody ahead can abandon.
    expect(first(impatient)).toBeCloseTo(first(patient), 6);
    expect(deep(impatient)).toBeLessThan(deep(patient) * 0.6);
  });
});

describe('the last-to-enter-service predictor', () => {
  it('announces the wait of the last caller served, and ignores a late report of an older one', () => {
    const stats = newQueueWaitStats();
    recordServiceStart(stats, { at: T0, waitMs: 40_000 });
    recordServiceStart(stats, { at: T0 + 20 * SECOND, waitMs: 75_000 });
    recordServiceStart(stats, { at: T0 + 10 * SECOND, waitMs: 5_000 });
    expect(predictWaits(stats, situation({ position: 4 }))['last-to-enter-service']).toBe(75_000);
  });
});

describe('QueueWaitStats', () => {
  it('is updated in place and survives a JSON snapshot', () => {
    const stats = newQueueWaitStats();
    const sameObject = stats;
    recordHandleTime(stats, { at: T0, handleMs: 240_000 });
    expect(sameObject.handleSumMs).toBe(240_000);
    recordAbandon(stats, { at: T0 + SECOND, waitMs: 45_000 });
    recordServiceStart(stats, { at: T0 + 2 * SECOND, waitMs: 30_000, predictedAtArrival: { 'queue-length': 35_000 } });
    expect(sameObject.abandonWeight).toBeCloseTo(Math.pow(2, -1 / 1800), 12);
    expect(stats.accuracy['queue-length'].samples).toBe(1);
    const restored = JSON.parse(JSON.stringify(stats)) as QueueWaitStats;
    expect(restored).toEqual(stats);
    const now = situation({ at: T0 + MINUTE, position: 7 });
    expect(predictWaits(restored, now)).toEqual(predictWaits(stats, now));
  });

  it('ignores samples that are not finite, non-negative numbers', () => {
    const stats = newQueueWaitStats();
    const before = JSON.stringify(stats);
    recordHandleTime(stats, { at: T0, handleMs: Number.NaN });
    recordHandleTime(stats, { at: Number.NaN, handleMs: 1_000 });
    recordAbandon(stats, { at: T0, waitMs: -5 });
    recordServiceStart(stats, { at: T0, waitMs: Number.POSITIVE_INFINITY, predictedAtArrival: { 'queue-length': 1 } });
    expect(JSON.stringify(stats)).toBe(before);
  });

  it('keeps given defaults and replaces unusable ones', () => {
    const stats = newQueueWaitStats({ meanHandleMs: 300_000, meanPatienceMs: -1, priorWeight: Number.NaN });
    expect(stats.defaults.meanHandleMs).toBe(300_000);
    expect(stats.defaults.meanPatienceMs).toBe(120_000);
    expect(stats.defaults.priorWeight).toBe(3);
  });
});
