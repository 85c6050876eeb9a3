/** The estimated-wait predictors a queue can announce from (see README.md in this folder for the formulas). */
export type WaitPredictorName = 'queue-length' | 'head-of-line' | 'last-to-enter-service';

/** Fixed order: 'auto' breaks exact ties towards the earlier name, and reports list predictors in it. */
export const WAIT_PREDICTOR_NAMES: readonly WaitPredictorName[] = [
  'queue-length',
  'head-of-line',
  'last-to-enter-service',
];

/**
 * The figure every predictor returns when nobody will serve the caller (no agent serving the queue), and the cap on
 * any prediction. It is finite so that it survives JSON, sums and comparisons with overflow thresholds; four hours
 * is longer than any caller holds, so a figure this large means "no estimate" rather than a wait to announce.
 */
export const UNBOUNDED_WAIT_MS = 4 * 60 * 60 * 1000;

/** The flag that goes with UNBOUNDED_WAIT_MS: true when a prediction means "cannot estimate", not a wait. */
export function isUnboundedWait(ms: number): boolean {
  // Written so that NaN, which no predictor returns but a caller might compute, also counts as "no estimate".
  return !(ms < UNBOUNDED_WAIT_MS);
}
