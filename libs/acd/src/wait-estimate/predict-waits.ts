import { exponentialStagesMean } from './stage-sum';
import { UNBOUNDED_WAIT_MS, type WaitPredictorName } from './wait-predictor';
import { abandonRatePerMs, evidenceWeightAt, meanHandleMs, type QueueWaitStats } from './wait-stats';

/** The queue as one waiting caller sees it at instant `at`. */
export interface WaitSituation {
  at: number;
  /** 1-based place among the queue's waiting callers. */
  position: number;
  /**
   * Agents logged in and not NotReady who are eligible for the queue, busy or not. Fractions are accepted, so an
   * engine may pass an effective share of agents who also serve other queues.
   */
  agentsServing: number;
  /** Of those, the ones free to take a caller now. */
  idleAgents: number;
  /** How long the caller at the head of the queue has waited so far. */
  headOfLineWaitMs: number;
}

/**
 * Every predictor's estimate of the caller's remaining wait, in ms: finite, non-negative, at most
 * UNBOUNDED_WAIT_MS, which is returned by all three when no agent serves the queue (check with isUnboundedWait).
 * Called on every queue move for every waiting caller, so it allocates only the result and costs O(1) in the
 * position (the queue-length sum switches to its closed form for long queues).
 *
 * The first `idleAgents` callers are about to be offered, so they get 0, and a caller behind them has
 * `position - idleAgents` service starts to wait for, all agents being busy by then.
 *
 * - queue-length (QL for M/M/s+M, Whitt 1999; Ibrahim & Whitt 2009): with i callers still ahead, the next departure
 *   from ahead of the caller comes at rate s*mu + i*theta (a service completion, or one of the i abandoning), so the
 *   wait is a sum of exponential stages with mean sum_{i=0}^{k-1} 1 / (s*mu + i*theta) for k stages.
 * - head-of-line (HOL): the n = position - 1 callers behind the head arrived during its wait w, so n / w estimates
 *   the rate at which callers pass through, and k stages take k * w / n. For a new arrival with no idle agents this
 *   is the refined HOL (n+1) * w / n; for a caller already waiting it ignores the callers behind them and so errs
 *   long. At position 1 there is no one ahead to learn from, so it falls back to queue-length.
 * - last-to-enter-service (LES): the wait of the last caller to enter service, regardless of position (it carries no
 *   state; that is what the accuracy choice weighs); queue-length until any caller has entered service.
 */
export function predictWaits(stats: QueueWaitStats, situation: WaitSituation): Record<WaitPredictorName, number> {
  const position = wholeAtLeast(situation.position, 1);
  const idle = wholeAtLeast(situation.idleAgents, 0);
  if (position <= idle) return { 'queue-length': 0, 'head-of-line': 0, 'last-to-enter-service': 0 };

  // An idle agent is a serving agent even if the caller's count missed it.
  const servers = Math.max(nonNegative(situation.agentsServing), idle);
  if (servers === 0) {
    return {
      'queue-length': UNBOUNDED_WAIT_MS,
      'head-of-line': UNBOUNDED_WAIT_MS,
      'last-to-enter-service': UNBOUNDED_WAIT_MS,
    };
  }

  const evidence = evidenceWeightAt(stats, situation.at);
  const serviceRate = servers / meanHandleMs(stats, evidence);
  const theta = abandonRatePerMs(stats, evidence);
  const stages = position - idle;
  const queueLength = exponentialStagesMean(serviceRate, theta, stages);

  const headWait = nonNegative(situation.headOfLineWaitMs);
  const headOfLine = position > 1 ? (headWait * stages) / (position - 1) : queueLength;
  const lastToEnterService = stats.lastServiceStartWaitMs ?? queueLength;

  return {
    'queue-length': capped(queueLength),
    'head-of-line': capped(headOfLine),
    'last-to-enter-service': capped(lastToEnterService),
  };
}

function capped(ms: number): number {
  return ms < UNBOUNDED_WAIT_MS ? ms : UNBOUNDED_WAIT_MS;
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function wholeAtLeast(value: number, min: number): number {
  return Number.isFinite(value) && value > min ? Math.floor(value) : min;
}
