import { type AgentState, WAIT_PREDICTOR_NAMES, type WaitPredictorName } from '@cc/acd';

/** What the estimated-wait figures are scored as: every predictor, and what the caller was actually told. */
export type EstimateName = WaitPredictorName | 'announced';
export const ESTIMATE_NAMES: readonly EstimateName[] = [...WAIT_PREDICTOR_NAMES, 'announced'];

/** Realised waits below this count as "at once"; the same floor as the engine's RASE, so the figures compare. */
const RASE_MIN_MEAN_WAIT_MS = 1_000;

/**
 * Relative average squared error (Ibrahim & Whitt): mean((predicted - realised)^2) / mean(realised)^2, over every
 * scored caller with equal weight (the engine's own figure weighs recent callers more).
 */
export class RaseAccumulator {
  samples = 0;
  private squaredErrorSum = 0;
  private realisedSum = 0;

  add(predictedMs: number, realisedMs: number): void {
    const error = predictedMs - realisedMs;
    this.samples++;
    this.squaredErrorSum += error * error;
    this.realisedSum += realisedMs;
  }

  /** Pools another accumulator's callers into this one (the total row over queues). */
  merge(other: RaseAccumulator): void {
    this.samples += other.samples;
    this.squaredErrorSum += other.squaredErrorSum;
    this.realisedSum += other.realisedSum;
  }

  get rase(): number | null {
    if (this.samples === 0) return null;
    const meanWait = Math.max(this.realisedSum / this.samples, RASE_MIN_MEAN_WAIT_MS);
    return this.squaredErrorSum / this.samples / (meanWait * meanWait);
  }
}

/** Counts of one queue (calls are counted in the queue they arrived in). */
export class QueueCounters {
  offered = 0;
  answered = 0;
  answeredWithinThreshold = 0;
  /** Answered by an agent of another domain (overflow between branches). */
  answeredRemotely = 0;
  answerWaitSumMs = 0;
  abandoned = 0;
  shortAbandons = 0;
  abandonWaitSumMs = 0;
  /** Left for a partner centre or voicemail. */
  overflowed = 0;
  /** Moved into another queue of the branch (still counted here). */
  movedToQueue = 0;
  /** Made eligible for other branches' agents (bullseye step or immediate overflow). */
  offeredToBranches = 0;
  callbacksOffered = 0;
  callbacksRequested = 0;
  callbacksServed = 0;
  callbacksCancelled = 0;
  maxWaiting = 0;
  /** Estimated-wait accuracy on answered callers, per predictor and for the announced figure. */
  readonly accuracy: Record<EstimateName, RaseAccumulator> = {
    'queue-length': new RaseAccumulator(),
    'head-of-line': new RaseAccumulator(),
    'last-to-enter-service': new RaseAccumulator(),
    announced: new RaseAccumulator(),
  };
  /** Announcements that told a caller something new after the first estimate. */
  reannouncements = 0;
  /**
   * Announcements that broke the honesty rule: a total earlier than the standing promise, or, once the caller had
   * outwaited it, a total not later than it or the same figure as before. Must stay 0.
   */
  repeatedTotals = 0;

  add(other: QueueCounters): void {
    for (const key of COUNTER_KEYS) this[key] += other[key];
    this.maxWaiting = Math.max(this.maxWaiting, other.maxWaiting);
    for (const name of ESTIMATE_NAMES) this.accuracy[name].merge(other.accuracy[name]);
  }
}

const COUNTER_KEYS = [
  'offered',
  'answered',
  'answeredWithinThreshold',
  'answeredRemotely',
  'answerWaitSumMs',
  'abandoned',
  'shortAbandons',
  'abandonWaitSumMs',
  'overflowed',
  'movedToQueue',
  'offeredToBranches',
  'callbacksOffered',
  'callbacksRequested',
  'callbacksServed',
  'callbacksCancelled',
  'reannouncements',
  'repeatedTotals',
] as const satisfies ReadonlyArray<keyof QueueCounters>;

/**
 * Time an agent spends in each state within the report window. Occupancy = handling (ringing, talking, wrap-up)
 * over handling plus available: time NotReady (breaks, missed offers) and logged out does not count.
 */
export class AgentClock {
  readonly msIn: Record<AgentState, number> = {
    LoggedOut: 0,
    Available: 0,
    Reserved: 0,
    Busy: 0,
    WrapUp: 0,
    NotReady: 0,
  };
  handled = 0;
  missed = 0;
  private state: AgentState = 'LoggedOut';
  private since = 0;

  constructor(
    private readonly windowFrom: number,
    private readonly windowTo: number,
  ) {
    this.since = windowFrom;
  }

  change(to: AgentState, at: number): void {
    this.accrue(at);
    this.state = to;
    this.since = at;
  }

  /** Counts the current state up to `at` (the end of the report). */
  accrue(at: number): void {
    const from = Math.max(this.since, this.windowFrom);
    const to = Math.min(at, this.windowTo);
    if (to > from) this.msIn[this.state] += to - from;
    this.since = Math.max(this.since, at);
  }

  get occupancy(): number | null {
    const handling = this.msIn.Reserved + this.msIn.Busy + this.msIn.WrapUp;
    const staffed = handling + this.msIn.Available;
    return staffed > 0 ? handling / staffed : null;
  }
}

export function serviceLevel(counters: QueueCounters): number | null {
  const denominator = counters.answered + counters.abandoned - counters.shortAbandons;
  return denominator > 0 ? counters.answeredWithinThreshold / denominator : null;
}

export function averageSpeedOfAnswerMs(counters: QueueCounters): number | null {
  return counters.answered > 0 ? counters.answerWaitSumMs / counters.answered : null;
}

export function averageAbandonMs(counters: QueueCounters): number | null {
  return counters.abandoned > 0 ? counters.abandonWaitSumMs / counters.abandoned : null;
}

export function spread(values: number[]): { min: number; max: number; range: number; mean: number; stddev: number } {
  if (values.length === 0) return { min: 0, max: 0, range: 0, mean: 0, stddev: 0 };
  const min = Math.min(...values);
  const max = Math.max(...values);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return { min, max, range: max - min, mean, stddev: Math.sqrt(variance) };
}
