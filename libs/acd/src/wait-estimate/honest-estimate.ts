import { UNBOUNDED_WAIT_MS } from './wait-predictor';

/** What a caller was told: the remaining wait, and how long they had waited when told (so, a promised total). */
export interface AnnouncedWait {
  remainingMs: number;
  waitedMs: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** The shortest figure announced when correcting an estimate: "0" would sound like a connection that never comes. */
const MIN_REANNOUNCED_MS = 5 * SECOND;

/**
 * Before a standing announcement has run out, a worse forecast is told only when it exceeds what is left of the
 * promise by this much or by half of what is left, whichever is more, so a caller is not re-told a slightly
 * different figure every few seconds.
 */
const MIN_EARLY_REVISION_MS = 30 * SECOND;
const EARLY_REVISION_FRACTION = 0.5;

/**
 * A fresh forecast at least this share of the previously announced remaining wait shows no real progress: the
 * predictor, not the queue, is what stood still, so the new figure must grow rather than repeat an old one.
 */
const NO_PROGRESS_FRACTION = 0.5;

/**
 * A correction is never below this share of the caller's wait so far: a caller who has outlasted an estimate has
 * shown that this queue runs slower than predicted, and without a floor a predictor stuck near zero would
 * alternate "5 seconds" and "10 seconds" for as long as the caller holds.
 */
const ELAPSED_FLOOR_FRACTION = 0.1;

/**
 * Rounds a wait up to what is said aloud: whole 5 s up to a minute, 15 s up to five minutes, whole minutes above.
 * Up, because a caller forgives being connected early, not late.
 */
export function roundAnnouncedWait(ms: number): number {
  const value = clampElapsed(ms);
  const step = value <= MINUTE ? 5 * SECOND : value <= 5 * MINUTE ? 15 * SECOND : MINUTE;
  return Math.ceil(value / step) * step;
}

/**
 * What to tell a caller who has waited `waitedMs` now that the chosen predictor says `predictedRemainingMs` more,
 * given what they were told before. An estimate once given is honest:
 *
 * - The first estimate is the prediction, rounded up (roundAnnouncedWait).
 * - While the previous promise (its waitedMs + remainingMs) has not run out, it stands and is returned unchanged,
 *   unless the forecast is materially worse (see MIN_EARLY_REVISION_MS), which is told at once. Better news is not
 *   announced: being connected early is the good news, and a promise that shrinks and then has to grow again is
 *   what makes callers stop believing it.
 * - Once the caller has waited past the promise, they get a new one whose total (waited + remaining) is strictly
 *   larger than the previous total and whose remaining part differs from the previously announced one; when the
 *   forecast shows no progress (NO_PROGRESS_FRACTION) the remaining part grows, so "a minute and a half" is not
 *   heard again five minutes later. Early revisions follow the same rules, so every new announcement promises a
 *   later total than the one before, and totals never repeat.
 *
 * A result equal to `previous` (same waitedMs) means nothing new to announce. A prediction that isUnboundedWait
 * should not be announced at all; it is capped here only so the figure stays finite.
 */
export function honestEstimate(args: {
  predictedRemainingMs: number;
  waitedMs: number;
  previous?: AnnouncedWait;
}): AnnouncedWait {
  const predicted = clampWait(args.predictedRemainingMs);
  const waited = clampElapsed(args.waitedMs);
  const { previous } = args;
  if (previous === undefined) return { remainingMs: roundAnnouncedWait(predicted), waitedMs: waited };

  const toldRemaining = clampElapsed(previous.remainingMs);
  const toldWaited = clampElapsed(previous.waitedMs);
  const promisedTotal = toldWaited + toldRemaining;
  // Asked again at the very moment of the previous announcement, nothing has run out yet.
  const expired = waited >= promisedTotal && waited > toldWaited;
  if (!expired) {
    const left = Math.max(0, promisedTotal - waited);
    const materiallyWorse = predicted > left + Math.max(MIN_EARLY_REVISION_MS, left * EARLY_REVISION_FRACTION);
    if (!materiallyWorse) return { remainingMs: previous.remainingMs, waitedMs: previous.waitedMs };
  }
  return { remainingMs: correctedRemaining(predicted, toldRemaining, waited), waitedMs: waited };
}

/**
 * The remaining part of a new announcement that replaces one told before. Strictly positive and different from
 * what was told, which together with the callers' rule (expired: waited >= promised total; early: prediction beyond
 * what is left) makes the new total strictly larger than the old.
 */
function correctedRemaining(predicted: number, toldRemaining: number, waited: number): number {
  let remaining = roundAnnouncedWait(Math.max(predicted, MIN_REANNOUNCED_MS, waited * ELAPSED_FLOOR_FRACTION));
  if (remaining <= toldRemaining && predicted >= toldRemaining * NO_PROGRESS_FRACTION) {
    remaining = nextAnnouncedWait(toldRemaining);
  }
  if (remaining === toldRemaining) remaining = nextAnnouncedWait(toldRemaining);
  return remaining;
}

/** The smallest announceable figure above `ms`. */
function nextAnnouncedWait(ms: number): number {
  return roundAnnouncedWait(Math.floor(ms) + 1);
}

/*
 * Durations from outside are made finite and non-negative: a NaN would defeat every comparison above. Predictions
 * are also capped at UNBOUNDED_WAIT_MS; waits and announced figures are not, or a promise made at the cap could
 * not be followed by a larger one.
 */
function clampWait(ms: number): number {
  return Math.min(clampElapsed(ms), UNBOUNDED_WAIT_MS);
}

function clampElapsed(ms: number): number {
  if (!(ms > 0)) return 0;
  return ms < Number.MAX_SAFE_INTEGER ? ms : Number.MAX_SAFE_INTEGER;
}

/**
 * What to tell a caller now: the new estimate when honestEstimate has one, otherwise what is left of the promise
 * still standing (its total unchanged, or rounded up), so a repeated announcement counts down rather than
 * replaying the figure given earlier.
 */
export function announcement(args: {
  predictedRemainingMs: number;
  waitedMs: number;
  previous?: AnnouncedWait;
}): AnnouncedWait {
  const estimate = honestEstimate(args);
  const { previous } = args;
  const waited = clampElapsed(args.waitedMs);
  if (previous === undefined || estimate.waitedMs !== previous.waitedMs || waited <= previous.waitedMs) return estimate;
  const left = previous.waitedMs + previous.remainingMs - waited;
  return { waitedMs: waited, remainingMs: Math.max(roundAnnouncedWait(left), MIN_REANNOUNCED_MS) };
}
