/*
 * Estimated wait for callers in a queue: three predictors from the literature, a per-queue choice by measured
 * accuracy, and the rule that keeps announcements honest. Pure: time comes in as arguments. See README.md.
 */
export { type WaitPredictorName, WAIT_PREDICTOR_NAMES, UNBOUNDED_WAIT_MS, isUnboundedWait } from './wait-predictor';
export { type WaitDefaults, DEFAULT_WAIT_DEFAULTS } from './wait-defaults';
export {
  type PredictorAccuracySums,
  type QueueWaitStats,
  newQueueWaitStats,
  recordAbandon,
  recordHandleTime,
  recordServiceStart,
} from './wait-stats';
export { type WaitSituation, predictWaits } from './predict-waits';
export { chosenPredictor, predictorAccuracy } from './predictor-choice';
export { type AnnouncedWait, announcement, honestEstimate, roundAnnouncedWait } from './honest-estimate';
