import { type AgentProfile } from '../config/routing-config';
import { type Candidate, selectAgent } from '../selection/agent-selection';
import { effectivePriority } from '../selection/interaction-priority';
import { poolFor } from './agent-pools';
import { moveAgent } from './agent-moves';
import { type Decision } from './decision';
import { profileCouldFit, profileFits, type Requirements } from './eligibility';
import { type OverflowOffer } from './routing-commands';
import { routingDomainId } from './routing-domain';
import {
  type AgentRuntime,
  type InteractionRuntime,
  type QueueRuntime,
  type RemoteOfferRuntime,
  type RoutingDomainState,
} from './routing-state';

/** How long an agent stays reserved for a claim the home domain has not answered. */
export const CLAIM_TIMEOUT_MS = 5_000;

/**
 * Matching keeps one invariant after every command: no available agent fits a waiting interaction (but for sticky
 * routing holding one back for its preferred agent). So only what just changed needs looking at: an interaction
 * that starts waiting looks for an agent, an agent that becomes available looks for an interaction.
 */
export function routeInteraction(decision: Decision, interactionId: string): void {
  const { state, now } = decision;
  const interaction = state.interactions.get(interactionId);
  if (interaction === undefined || interaction.status !== 'waiting') return;
  const queue = state.queues.get(interaction.queueId);
  if (queue === undefined) return;
  const chosen = selectAgent(localCandidates(state, interaction, queue, now), {
    strategy: queue.config.strategy,
    requiredSkills: interaction.requiredSkills,
    now,
    timeZone: timeZoneOf(state),
    lastAssignedAgentId: queue.lastAssignedAgentId,
  });
  if (chosen !== undefined) {
    offerToLocalAgent(decision, interactionId, interaction, queue, chosen.agent);
    return;
  }
  sendOverflowOffers(decision, interactionId, interaction, queue);
}

/** An agent became available: the best interaction they fit, here or offered by another branch. */
export function routeAgent(decision: Decision, agentId: string): void {
  const { state, now } = decision;
  const agent = state.agents.get(agentId);
  const profile = state.config.agents[agentId];
  if (agent === undefined || agent.state !== 'Available' || profile === undefined) return;

  let bestLocal: { id: string; interaction: InteractionRuntime; queue: QueueRuntime } | undefined;
  let bestRemote: RemoteOfferRuntime | undefined;
  let bestPriority = -Infinity;
  let bestEnqueuedAt = Infinity;
  const better = (priority: number, enqueuedAt: number): boolean =>
    priority > bestPriority || (priority === bestPriority && enqueuedAt < bestEnqueuedAt);

  for (const queue of state.queues.values()) {
    if (queue.waiting.length === 0) continue;
    if (!profileCouldFit(profile, queueRequirements(queue))) continue;
    for (const id of queue.waiting) {
      const interaction = state.interactions.get(id);
      if (interaction === undefined || !agentMayTake(agent, profile, interaction, queue, now)) continue;
      const priority = priorityOf(interaction, queue, now);
      if (better(priority, interaction.enqueuedAt)) {
        bestLocal = { id, interaction, queue };
        bestRemote = undefined;
        bestPriority = priority;
        bestEnqueuedAt = interaction.enqueuedAt;
      }
    }
  }
  for (const remote of state.remoteOffers.values()) {
    if (
      remote.pendingClaimId !== undefined ||
      declinedOverflow(agent, remote.offer.interactionId) ||
      !profileFits(profile, remoteRequirements(remote.offer))
    ) {
      continue;
    }
    const { offer } = remote;
    const priority = effectivePriority(
      {
        queuePriority: offer.priority,
        agingPointsPerMinute: offer.agingPointsPerMinute,
        vipPriorityBoost: 0,
        enqueuedAt: offer.enqueuedAt,
      },
      now,
    );
    if (better(priority, offer.enqueuedAt)) {
      bestRemote = remote;
      bestLocal = undefined;
      bestPriority = priority;
      bestEnqueuedAt = offer.enqueuedAt;
    }
  }
  if (bestLocal !== undefined) offerToLocalAgent(decision, bestLocal.id, bestLocal.interaction, bestLocal.queue, agent);
  else if (bestRemote !== undefined) claimAgent(decision, agent, bestRemote.offer);
}

/** An overflow offer arrived from another branch: claim an agent of ours for it, if one fits now. */
export function routeRemoteOffer(decision: Decision, interactionId: string): void {
  const { state, now } = decision;
  const remote = state.remoteOffers.get(interactionId);
  if (remote === undefined || remote.pendingClaimId !== undefined) return;
  const requirements = remoteRequirements(remote.offer);
  const chosen = selectAgent(
    candidatesFitting(state, requirements, (agentId) => !declinedOverflow(state.agents.get(agentId), interactionId)),
    {
      strategy: remote.offer.strategy,
      requiredSkills: requirements.requiredSkills,
      now,
      timeZone: timeZoneOf(state),
    },
  );
  if (chosen !== undefined) claimAgent(decision, chosen.agent, remote.offer);
}

/** The agent declined (or let ring out) this interaction of another branch: it is not claimed for them again. */
function declinedOverflow(agent: AgentRuntime | undefined, interactionId: string): boolean {
  return agent?.declinedOverflows?.includes(interactionId) === true;
}

/** Withdraws the interaction's overflow offers from other branches, except from `keep`. */
export function withdrawOverflowOffers(decision: Decision, interactionId: string, keep?: string): void {
  const interaction = decision.state.interactions.get(interactionId);
  if (interaction === undefined) return;
  for (const toDomainId of [...interaction.overflowOfferedTo]) {
    if (toDomainId !== keep) decision.emit({ type: 'OverflowOfferWithdrawn', toDomainId, interactionId });
  }
}

/**
 * The agent's interaction is over (or never came): Available, or NotReady if they asked for it meanwhile;
 * then the next interaction for them.
 */
export function releaseAgent(decision: Decision, agent: AgentRuntime): void {
  const pending = agent.pendingNotReady;
  moveAgent(decision, agent, pending === undefined ? 'Available' : 'NotReady', { reasonCode: pending });
  routeAgent(decision, agent.agentId);
}

export function queueRequirements(queue: QueueRuntime): Requirements {
  return {
    channel: queue.config.channel,
    requiredSkills: queue.config.requiredSkills,
    language: queue.config.language,
    agentGroups: queue.config.agentGroups,
  };
}

function interactionRequirements(interaction: InteractionRuntime, queue: QueueRuntime): Requirements {
  return {
    channel: interaction.request.channel,
    requiredSkills: interaction.requiredSkills,
    language: interaction.language,
    agentGroups: queue.config.agentGroups,
  };
}

function remoteRequirements(offer: OverflowOffer): Requirements {
  return {
    channel: offer.channel,
    requiredSkills: offer.requiredSkills,
    language: offer.language,
    agentGroups: offer.agentGroups,
  };
}

function priorityOf(interaction: InteractionRuntime, queue: QueueRuntime, now: number): number {
  return effectivePriority(
    {
      queuePriority: queue.config.priority,
      agingPointsPerMinute: queue.config.agingPointsPerMinute,
      vipPriorityBoost: queue.config.vipPriorityBoost,
      priorityBoost: interaction.request.priorityBoost,
      vip: interaction.request.vip,
      enqueuedAt: interaction.enqueuedAt,
    },
    now,
  );
}

function agentMayTake(
  agent: AgentRuntime,
  profile: AgentProfile,
  interaction: InteractionRuntime,
  queue: QueueRuntime,
  now: number,
): boolean {
  if (interaction.status !== 'waiting' || interaction.declinedBy.has(agent.agentId)) return false;
  if (
    interaction.preferredAgentId !== undefined &&
    interaction.preferredUntil !== undefined &&
    now < interaction.preferredUntil
  ) {
    if (interaction.preferredAgentId !== agent.agentId) return false;
  }
  return profileFits(profile, interactionRequirements(interaction, queue));
}

function localCandidates(
  state: RoutingDomainState,
  interaction: InteractionRuntime,
  queue: QueueRuntime,
  now: number,
): Iterable<Candidate> {
  const preferred = interaction.preferredAgentId;
  if (preferred !== undefined && interaction.preferredUntil !== undefined && now < interaction.preferredUntil) {
    const agent = state.agents.get(preferred);
    const profile = state.config.agents[preferred];
    if (
      agent?.state === 'Available' &&
      profile !== undefined &&
      agentMayTake(agent, profile, interaction, queue, now)
    ) {
      return [{ agent, profile }];
    }
    return [];
  }
  return candidatesFitting(
    state,
    interactionRequirements(interaction, queue),
    (agentId) => !interaction.declinedBy.has(agentId),
  );
}

/** Available agents fitting the requirements, longest idle first, produced lazily (longest idle stops at one). */
function* candidatesFitting(
  state: RoutingDomainState,
  requirements: Requirements,
  allowed: (agentId: string) => boolean,
): Generator<Candidate> {
  for (const candidate of poolFor(state, requirements).available.values()) {
    if (allowed(candidate.agent.agentId)) yield candidate;
  }
}

function offerToLocalAgent(
  decision: Decision,
  interactionId: string,
  interaction: InteractionRuntime,
  queue: QueueRuntime,
  agent: AgentRuntime,
): void {
  const { state, now } = decision;
  decision.emit({
    type: 'InteractionOffered',
    interactionId,
    queueId: interaction.queueId,
    agentId: agent.agentId,
    agentDomainId: state.domainId,
    offerId: `${interactionId}#${interaction.offers + 1}`,
    ringDeadline: now + queue.config.ringTimeoutMs,
    waitedMs: now - interaction.enqueuedAt,
  });
  moveAgent(decision, agent, 'Reserved');
  withdrawOverflowOffers(decision, interactionId);
}

function claimAgent(decision: Decision, agent: AgentRuntime, offer: OverflowOffer): void {
  const { now } = decision;
  decision.emit({
    type: 'AgentClaimed',
    toDomainId: offer.homeDomainId,
    claimId: `${offer.interactionId}@${decision.state.domainId}/${agent.agentId}#${now}`,
    interactionId: offer.interactionId,
    agentId: agent.agentId,
    claimDeadline: now + CLAIM_TIMEOUT_MS,
  });
  moveAgent(decision, agent, 'Reserved');
}

function sendOverflowOffers(
  decision: Decision,
  interactionId: string,
  interaction: InteractionRuntime,
  queue: QueueRuntime,
): void {
  const { state } = decision;
  for (const branchId of interaction.extraBranches) {
    const toDomainId = routingDomainId(state.tenantId, branchId);
    if (toDomainId === state.domainId || interaction.overflowOfferedTo.has(toDomainId)) continue;
    decision.emit({
      type: 'OverflowOfferSent',
      toDomainId,
      offer: overflowOfferOf(state, interactionId, interaction, queue),
    });
  }
}

function overflowOfferOf(
  state: RoutingDomainState,
  interactionId: string,
  interaction: InteractionRuntime,
  queue: QueueRuntime,
): OverflowOffer {
  const request = interaction.request;
  return {
    interactionId,
    homeDomainId: state.domainId,
    channel: request.channel,
    queueId: interaction.queueId,
    requiredSkills: interaction.requiredSkills,
    language: interaction.language,
    agentGroups: queue.config.agentGroups,
    strategy: queue.config.strategy,
    priority:
      queue.config.priority + (request.priorityBoost ?? 0) + (request.vip === true ? queue.config.vipPriorityBoost : 0),
    agingPointsPerMinute: queue.config.agingPointsPerMinute,
    enqueuedAt: interaction.enqueuedAt,
    customerAddress: request.customerAddress,
    customerId: request.customerId,
    vip: request.vip,
  };
}

function timeZoneOf(state: RoutingDomainState): string {
  return state.config.branches[state.branchId]?.timeZone ?? 'UTC';
}
