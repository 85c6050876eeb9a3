import { type EpochMs } from '../config/routing-config';
import {
  announcement,
  type AnnouncedWait,
  chosenPredictor,
  isUnboundedWait,
  predictWaits,
  type WaitPredictorName,
} from '../wait-estimate';
import { poolFor, servingIn } from './agent-pools';
import { type Requirements } from './eligibility';
import { type InteractionRuntime, type QueueRuntime, type RoutingDomainState } from './routing-state';

export interface WaitOutlook {
  position: number;
  estimate: AnnouncedWait;
  predictor: WaitPredictorName;
  predictions: Record<WaitPredictorName, number>;
  /** No agent serves the queue now: the estimate is a ceiling, not a forecast; say "as soon as possible". */
  unbounded: boolean;
}

/** Agents who serve these requirements now (logged in, not NotReady) and how many of them are idle. */
export function servingAgents(
  state: RoutingDomainState,
  requirements: Requirements,
): { serving: number; idle: number } {
  const pool = poolFor(state, requirements);
  return { serving: servingIn(pool), idle: pool.byState.Available };
}

/** 1-based place among the queue's waiting interactions; an interaction not waiting yet counts those before it. */
export function positionIn(
  state: RoutingDomainState,
  queue: QueueRuntime,
  interactionId: string,
  enqueuedAt: EpochMs,
): number {
  const index = queue.waiting.indexOf(interactionId);
  if (index >= 0) return index + 1;
  let ahead = 0;
  for (const otherId of queue.waiting) {
    const other = state.interactions.get(otherId);
    if (other !== undefined && other.enqueuedAt <= enqueuedAt) ahead++;
  }
  return ahead + 1;
}

/**
 * Position and estimated wait for an interaction of a queue: every predictor's figure, the one the queue trusts,
 * and what to announce given what the caller was told before (an estimate once given is honest).
 */
export function waitOutlook(
  state: RoutingDomainState,
  queue: QueueRuntime,
  interaction: Pick<InteractionRuntime, 'enqueuedAt' | 'requiredSkills' | 'language' | 'lastAnnounced'> & {
    channel: InteractionRuntime['request']['channel'];
  },
  interactionId: string,
  now: EpochMs,
): WaitOutlook {
  const position = positionIn(state, queue, interactionId, interaction.enqueuedAt);
  const { serving, idle } = servingAgents(state, {
    channel: interaction.channel,
    requiredSkills: interaction.requiredSkills,
    language: interaction.language,
    agentGroups: queue.config.agentGroups,
  });
  const head = queue.waiting.length > 0 ? state.interactions.get(queue.waiting[0]) : undefined;
  const predicted = predictWaits(queue.waitStats, {
    at: now,
    position,
    agentsServing: serving,
    idleAgents: idle,
    headOfLineWaitMs: head === undefined ? 0 : Math.max(0, now - head.enqueuedAt),
  });
  // Whole milliseconds: events carry them as integers.
  const predictions = {
    'queue-length': Math.round(predicted['queue-length']),
    'head-of-line': Math.round(predicted['head-of-line']),
    'last-to-enter-service': Math.round(predicted['last-to-enter-service']),
  };
  const predictor = chosenPredictor(queue.waitStats, queue.config.waitPredictor);
  const waitedMs = Math.max(0, now - interaction.enqueuedAt);
  const estimate = announcement({
    predictedRemainingMs: predictions[predictor],
    waitedMs,
    previous: interaction.lastAnnounced,
  });
  return { position, estimate, predictor, predictions, unbounded: isUnboundedWait(predictions[predictor]) };
}
