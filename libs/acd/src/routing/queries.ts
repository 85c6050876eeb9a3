import { type EpochMs } from '../config/routing-config';
import { chosenPredictor, predictorAccuracy, type WaitPredictorName } from '../wait-estimate';
import { queueRequirements } from './dispatch';
import { poolFor } from './agent-pools';
import { atAnyLevel } from './eligibility';
import { type AgentState } from './routing-events';
import { type InteractionStatus, type RoutingDomainState } from './routing-state';
import { waitOutlook } from './waiting-position';

export interface QueueStatus {
  queueId: string;
  branchId: string;
  name: string;
  waiting: number;
  longestWaitMs: number;
  /** What a caller arriving now would be told. */
  estimatedWaitMs: number;
  predictor: WaitPredictorName;
  predictorAccuracy: Record<WaitPredictorName, { samples: number; rase: number | null }>;
  /** Logged-in agents who could serve the queue (at any level), by state. */
  agents: Record<Exclude<AgentState, 'LoggedOut'>, number>;
}

export interface InteractionView {
  interactionId: string;
  queueId: string;
  kind: 'inbound' | 'callback';
  status: InteractionStatus;
  enqueuedAt: EpochMs;
  waitedMs: number;
  /** 1-based, while waiting; 0 once offered or connected. */
  position: number;
  /** Remaining wait as it would be announced now (nothing is recorded by asking). */
  estimatedWaitMs: number;
  agentId?: string;
  extraBranches: string[];
}

export interface AgentView {
  agentId: string;
  state: AgentState;
  since: EpochMs;
  reasonCode?: string;
  pendingNotReady?: string;
  interactionId?: string;
}

export function queueStatus(
  state: RoutingDomainState,
  queueId: string,
  now: EpochMs = state.now,
): QueueStatus | undefined {
  const queue = state.queues.get(queueId);
  if (queue === undefined) return undefined;
  const { LoggedOut: _, ...agents } = poolFor(state, atAnyLevel(queueRequirements(queue))).byState;
  const head = queue.waiting.length > 0 ? state.interactions.get(queue.waiting[0]) : undefined;
  const arrival = waitOutlook(
    state,
    queue,
    {
      enqueuedAt: now,
      requiredSkills: queue.config.requiredSkills,
      language: queue.config.language,
      lastAnnounced: undefined,
      channel: queue.config.channel,
    },
    '',
    now,
  );
  return {
    queueId,
    branchId: queue.config.branchId,
    name: queue.config.name,
    waiting: queue.waiting.length,
    longestWaitMs: head === undefined ? 0 : Math.max(0, now - head.enqueuedAt),
    estimatedWaitMs: arrival.estimate.remainingMs,
    predictor: chosenPredictor(queue.waitStats, queue.config.waitPredictor),
    predictorAccuracy: predictorAccuracy(queue.waitStats),
    agents,
  };
}

export function interactionView(
  state: RoutingDomainState,
  interactionId: string,
  now: EpochMs = state.now,
): InteractionView | undefined {
  const interaction = state.interactions.get(interactionId);
  if (interaction === undefined) return undefined;
  const queue = state.queues.get(interaction.queueId);
  const waiting = interaction.status === 'waiting' && queue !== undefined;
  const outlook = waiting
    ? waitOutlook(state, queue, { ...interaction, channel: interaction.request.channel }, interactionId, now)
    : undefined;
  return {
    interactionId,
    queueId: interaction.queueId,
    kind: interaction.request.kind,
    status: interaction.status,
    enqueuedAt: interaction.enqueuedAt,
    waitedMs: Math.max(0, now - interaction.enqueuedAt),
    position: outlook?.position ?? 0,
    estimatedWaitMs: outlook?.estimate.remainingMs ?? 0,
    agentId: interaction.offer?.agentId,
    extraBranches: interaction.extraBranches,
  };
}

export function agentView(state: RoutingDomainState, agentId: string): AgentView | undefined {
  const agent = state.agents.get(agentId);
  if (agent === undefined) return undefined;
  return {
    agentId,
    state: agent.state,
    since: agent.since,
    reasonCode: agent.reasonCode,
    pendingNotReady: agent.pendingNotReady,
    interactionId: agent.interactionId,
  };
}
