import { applyConfigEvent } from '../config/config-events';
import { type QueueConfig } from '../config/routing-config';
import { localDayOf } from '../selection/local-day';
import { pruneWorkPeriods } from '../selection/occupancy';
import { newQueueWaitStats, recordAbandon, recordHandleTime, recordServiceStart } from '../wait-estimate';
import { fileAgent, unfileAgent } from './agent-index';
import { joinPools, leavePools, movePoolCounts } from './agent-pools';
import { rememberCommand } from './handled-commands';
import { mergeRequirements } from './eligibility';
import { type RoutingEvent } from './routing-events';
import { scheduleTimer } from './timer-queue';
import {
  type AgentRuntime,
  DECLINED_OVERFLOWS_REMEMBERED,
  type InteractionRuntime,
  type QueueRuntime,
  type RoutingDomainState,
} from './routing-state';

/**
 * Applies one event to the domain's state, in place. Deciding applies each event as soon as it is chosen;
 * a replay applies the same events with this function alone, which is why every change of state is an event here.
 */
export function evolve(state: RoutingDomainState, event: RoutingEvent): RoutingDomainState {
  if (event.at > state.now) state.now = event.at;
  rememberCommand(state, event.commandId);
  switch (event.type) {
    case 'ConfigApplied':
      applyConfig(state, event);
      break;
    case 'AgentLoggedIn': {
      const agent: AgentRuntime = {
        agentId: event.agentId,
        state: 'LoggedOut',
        since: event.at,
        loggedInAt: event.at,
        extension: event.extension,
        handledToday: { day: '', count: 0 },
        workPeriods: [],
      };
      state.agents.set(event.agentId, agent);
      joinPools(state, agent);
      break;
    }
    case 'AgentLoggedOut': {
      const profile = state.config.agents[event.agentId];
      unfileAgent(state, event.agentId, profile === undefined ? [] : Object.keys(profile.skills));
      const agent = state.agents.get(event.agentId);
      if (agent !== undefined) leavePools(state, agent, profile);
      state.agents.delete(event.agentId);
      break;
    }
    case 'AgentStateChanged':
      changeAgentState(state, event);
      break;
    case 'AgentNotReadyPending': {
      const agent = state.agents.get(event.agentId);
      if (agent !== undefined) agent.pendingNotReady = event.reasonCode;
      break;
    }
    case 'InteractionQueued':
      queueInteraction(state, event);
      break;
    case 'InteractionOffered': {
      const interaction = state.interactions.get(event.interactionId);
      if (interaction === undefined) break;
      removeFromWaiting(state, interaction, event.interactionId);
      interaction.status = 'offered';
      interaction.offers += 1;
      interaction.offer = {
        offerId: event.offerId,
        agentId: event.agentId,
        agentDomainId: event.agentDomainId,
        ringDeadline: event.ringDeadline,
      };
      const queue = state.queues.get(interaction.queueId);
      if (queue !== undefined) queue.lastAssignedAgentId = event.agentId;
      const agent = event.agentDomainId === state.domainId ? state.agents.get(event.agentId) : undefined;
      if (agent !== undefined) {
        agent.interactionId = event.interactionId;
        agent.interactionDomainId = state.domainId;
        agent.offerId = event.offerId;
        agent.ringDeadline = event.ringDeadline;
        if (event.ringDeadline !== undefined) {
          scheduleTimer(state.timers, { at: event.ringDeadline, kind: 'ring', id: event.agentId });
        }
      }
      break;
    }
    case 'OfferAccepted': {
      const interaction = state.interactions.get(event.interactionId);
      if (interaction === undefined) break;
      interaction.status = 'connected';
      interaction.connectedAt = event.at;
      const queue = state.queues.get(interaction.queueId);
      if (queue !== undefined) {
        recordServiceStart(queue.waitStats, {
          at: event.at,
          waitMs: event.waitMs,
          predictedAtArrival: interaction.predictionsAtArrival,
        });
      }
      if (interaction.request.customerId !== undefined) {
        state.lastAgentOfCustomer.set(interaction.request.customerId, { agentId: event.agentId, at: event.at });
      }
      break;
    }
    case 'OfferRejected':
    case 'OfferTimedOut': {
      const interaction = state.interactions.get(event.interactionId);
      if (interaction === undefined || interaction.offer?.offerId !== event.offerId) break;
      interaction.declinedBy.add(event.agentId);
      interaction.offer = undefined;
      interaction.status = 'waiting';
      insertWaiting(state, interaction, event.interactionId);
      // A bullseye step that fell due while the offer rang applies at the next tick.
      scheduleExpansion(state, interaction, event.interactionId);
      break;
    }
    case 'InteractionAbandoned': {
      const interaction = state.interactions.get(event.interactionId);
      if (interaction === undefined) break;
      removeFromWaiting(state, interaction, event.interactionId);
      const queue = state.queues.get(interaction.queueId);
      if (queue !== undefined) recordAbandon(queue.waitStats, { at: event.at, waitMs: event.waitMs });
      forget(state, interaction, event.interactionId);
      break;
    }
    case 'InteractionCompleted': {
      const interaction = state.interactions.get(event.interactionId);
      if (interaction === undefined) break;
      const queue = state.queues.get(interaction.queueId);
      if (queue !== undefined)
        recordHandleTime(queue.waitStats, { at: event.at, handleMs: event.handleMs + queue.config.wrapUpMs });
      forget(state, interaction, event.interactionId);
      break;
    }
    case 'TargetsExpanded': {
      const interaction = state.interactions.get(event.interactionId);
      if (interaction === undefined) break;
      interaction.requiredSkills = event.requiredSkills;
      interaction.extraBranches = event.branchIds;
      interaction.expansionStep = event.step + 1;
      scheduleExpansion(state, interaction, event.interactionId);
      break;
    }
    case 'InteractionOverflowed':
      overflow(state, event);
      break;
    case 'CallbackOffered': {
      const interaction = state.interactions.get(event.interactionId);
      if (interaction !== undefined) interaction.callbackOffered = true;
      break;
    }
    case 'CallbackRequested': {
      const interaction = state.interactions.get(event.interactionId);
      if (interaction === undefined) break;
      removeFromWaiting(state, interaction, event.interactionId);
      forget(state, interaction, event.interactionId);
      break;
    }
    case 'WaitAnnounced': {
      const interaction = state.interactions.get(event.interactionId);
      if (interaction !== undefined) interaction.lastAnnounced = event.estimate;
      break;
    }
    case 'OverflowOfferSent':
      state.interactions.get(event.offer.interactionId)?.overflowOfferedTo.add(event.toDomainId);
      break;
    case 'OverflowOfferWithdrawn':
      state.interactions.get(event.interactionId)?.overflowOfferedTo.delete(event.toDomainId);
      break;
    case 'RemoteOfferReceived':
      state.remoteOffers.set(event.offer.interactionId, { offer: event.offer, receivedAt: event.at });
      break;
    case 'RemoteOfferDropped':
      state.remoteOffers.delete(event.interactionId);
      break;
    case 'AgentClaimed': {
      const agent = state.agents.get(event.agentId);
      if (agent !== undefined) {
        agent.claim = { claimId: event.claimId, deadline: event.claimDeadline };
        agent.interactionId = event.interactionId;
        agent.interactionDomainId = event.toDomainId;
        scheduleTimer(state.timers, { at: event.claimDeadline, kind: 'claim', id: event.agentId });
      }
      const remote = state.remoteOffers.get(event.interactionId);
      if (remote !== undefined) remote.pendingClaimId = event.claimId;
      break;
    }
    case 'RemoteOfferRinging': {
      const agent = state.agents.get(event.agentId);
      if (agent !== undefined) {
        agent.claim = undefined;
        agent.offerId = event.claimId;
        agent.ringDeadline = event.ringDeadline;
        scheduleTimer(state.timers, { at: event.ringDeadline, kind: 'ring', id: event.agentId });
      }
      state.remoteOffers.delete(event.interactionId);
      break;
    }
    case 'ClaimReleased': {
      // The offer keeps the claim as pending: the home decides it all the same, and until then no other agent is
      // claimed for it (see overflow-commands.ts).
      const agent = state.agents.get(event.agentId);
      if (agent?.claim?.claimId === event.claimId) agent.claim = undefined;
      break;
    }
    // A granted claim leaves the domain in overflowOfferedTo: the offer is withdrawn from it when it comes back.
    case 'RemoteOfferAnswered': {
      const agent = state.agents.get(event.agentId);
      if (agent !== undefined && (event.outcome === 'rejected' || event.outcome === 'timed-out')) {
        agent.declinedOverflows = [...(agent.declinedOverflows ?? []), event.interactionId].slice(
          -DECLINED_OVERFLOWS_REMEMBERED,
        );
      }
      break;
    }
    case 'ClaimDecided':
    case 'RemoteCompletionSent':
      break;
    default: {
      const unknown: never = event;
      throw new Error(`unknown routing event ${JSON.stringify(unknown)}`);
    }
  }
  return state;
}

function applyConfig(state: RoutingDomainState, event: Extract<RoutingEvent, { type: 'ConfigApplied' }>): void {
  const change = event.event;
  const agentId =
    'agentId' in change ? change.agentId : change.type === 'AgentDefined' ? change.agent.agentId : undefined;
  const before = agentId === undefined ? undefined : state.config.agents[agentId];
  const agent = agentId === undefined ? undefined : state.agents.get(agentId);
  if (agentId !== undefined && before !== undefined) unfileAgent(state, agentId, Object.keys(before.skills));
  if (agent !== undefined) leavePools(state, agent, before);
  applyConfigEvent(state.config, change);
  if (agent !== undefined && agentId !== undefined && state.config.agents[agentId] !== undefined) {
    fileAgent(state, agent);
    joinPools(state, agent);
  }
  if (change.type === 'QueueDefined' && change.queue.branchId === state.branchId) {
    defineQueue(state, change.queue);
  }
  if (change.type === 'QueueRemoved') {
    const queue = state.queues.get(change.queueId);
    if (queue !== undefined) queue.removed = true;
  }
}

function defineQueue(state: RoutingDomainState, config: QueueConfig): void {
  const existing = state.queues.get(config.queueId);
  if (existing !== undefined) {
    existing.config = config;
    existing.removed = false;
    return;
  }
  state.queues.set(config.queueId, {
    queueId: config.queueId,
    config,
    removed: false,
    waiting: [],
    waitStats: newQueueWaitStats(),
  });
}

function changeAgentState(
  state: RoutingDomainState,
  event: Extract<RoutingEvent, { type: 'AgentStateChanged' }>,
): void {
  const agent = state.agents.get(event.agentId);
  if (agent === undefined) return;
  if (event.from === 'Busy' || event.from === 'WrapUp') {
    agent.workPeriods.push({ from: agent.since, to: event.at });
    pruneWorkPeriods(agent.workPeriods, event.at);
  }
  if (event.to === 'Busy' && event.from === 'Reserved') {
    const branch = state.config.branches[state.branchId];
    const day = localDayOf(event.at, branch?.timeZone ?? 'UTC');
    agent.handledToday =
      day === agent.handledToday.day ? { day, count: agent.handledToday.count + 1 } : { day, count: 1 };
  }
  movePoolCounts(state, agent, event.to);
  agent.state = event.to;
  agent.since = event.at;
  agent.reasonCode = event.to === 'NotReady' ? event.reasonCode : undefined;
  if (event.to === 'WrapUp') {
    agent.ringDeadline = undefined;
    agent.wrapUpDeadline = event.until;
    if (event.until !== undefined) scheduleTimer(state.timers, { at: event.until, kind: 'wrap-up', id: event.agentId });
  }
  if (event.to === 'Busy') agent.ringDeadline = undefined;
  if (event.to === 'Available' || event.to === 'NotReady' || event.to === 'LoggedOut') {
    agent.interactionId = undefined;
    agent.interactionDomainId = undefined;
    agent.offerId = undefined;
    agent.ringDeadline = undefined;
    agent.wrapUpDeadline = undefined;
    agent.claim = undefined;
    if (event.to === 'NotReady' && agent.pendingNotReady === event.reasonCode) agent.pendingNotReady = undefined;
    if (event.to === 'Available') agent.pendingNotReady = undefined;
  }
  fileAgent(state, agent);
}

function queueInteraction(
  state: RoutingDomainState,
  event: Extract<RoutingEvent, { type: 'InteractionQueued' }>,
): void {
  const request = event.interaction;
  const queue = state.queues.get(request.queueId);
  const interaction: InteractionRuntime = {
    request,
    queueId: request.queueId,
    status: 'waiting',
    enqueuedAt: event.enqueuedAt,
    sequence: state.arrivals++,
    queueEnteredAt: event.at,
    requiredSkills: mergeRequirements(queue?.config.requiredSkills ?? [], request.extraSkills),
    language: request.language ?? queue?.config.language,
    extraBranches: [],
    expansionStep: 0,
    preferredAgentId: event.preferredAgentId,
    preferredUntil: event.preferredUntil,
    declinedBy: new Set(),
    offers: 0,
    overflowOfferedTo: new Set(),
    predictionsAtArrival: event.predictions,
    lastAnnounced: event.estimate,
    callbackOffered: false,
  };
  state.interactions.set(request.interactionId, interaction);
  insertWaiting(state, interaction, request.interactionId);
  if (event.preferredUntil !== undefined) {
    scheduleTimer(state.timers, { at: event.preferredUntil, kind: 'preference', id: request.interactionId });
  }
  scheduleExpansion(state, interaction, request.interactionId);
}

function overflow(state: RoutingDomainState, event: Extract<RoutingEvent, { type: 'InteractionOverflowed' }>): void {
  const interaction = state.interactions.get(event.interactionId);
  if (interaction === undefined) return;
  const action = event.action;
  switch (action.kind) {
    case 'branches':
      interaction.extraBranches = [...new Set([...interaction.extraBranches, ...action.branchIds])];
      return;
    case 'queue': {
      removeFromWaiting(state, interaction, event.interactionId);
      const target = state.queues.get(action.queueId);
      interaction.queueId = action.queueId;
      interaction.queueEnteredAt = event.at;
      interaction.expansionStep = 0;
      interaction.requiredSkills = mergeRequirements(
        target?.config.requiredSkills ?? [],
        interaction.request.extraSkills,
      );
      interaction.language = interaction.request.language ?? target?.config.language;
      insertWaiting(state, interaction, event.interactionId);
      scheduleExpansion(state, interaction, event.interactionId);
      return;
    }
    case 'partner':
    case 'voicemail':
    case 'callback':
      removeFromWaiting(state, interaction, event.interactionId);
      forget(state, interaction, event.interactionId);
      return;
    default: {
      const unknown: never = action;
      throw new Error(`unknown overflow action ${JSON.stringify(unknown)}`);
    }
  }
}

function scheduleExpansion(state: RoutingDomainState, interaction: InteractionRuntime, interactionId: string): void {
  const steps = state.queues.get(interaction.queueId)?.config.expansion ?? [];
  const next = steps[interaction.expansionStep];
  if (next !== undefined)
    scheduleTimer(state.timers, {
      at: interaction.queueEnteredAt + next.afterMs,
      kind: 'expansion',
      id: interactionId,
    });
}

/** Inserts by (enqueue time, arrival order): a re-queued or called-back interaction keeps its place. */
function insertWaiting(state: RoutingDomainState, interaction: InteractionRuntime, interactionId: string): void {
  const queue = state.queues.get(interaction.queueId);
  if (queue === undefined) return;
  const waiting = queue.waiting;
  let i = waiting.length;
  while (i > 0 && !comesBefore(state.interactions.get(waiting[i - 1]), interaction)) i--;
  waiting.splice(i, 0, interactionId);
}

function comesBefore(other: InteractionRuntime | undefined, interaction: InteractionRuntime): boolean {
  if (other === undefined) return true;
  return (
    other.enqueuedAt < interaction.enqueuedAt ||
    (other.enqueuedAt === interaction.enqueuedAt && other.sequence < interaction.sequence)
  );
}

function removeFromWaiting(state: RoutingDomainState, interaction: InteractionRuntime, interactionId: string): void {
  const queue: QueueRuntime | undefined = state.queues.get(interaction.queueId);
  if (queue === undefined) return;
  const index = queue.waiting.indexOf(interactionId);
  if (index >= 0) queue.waiting.splice(index, 1);
}

function forget(state: RoutingDomainState, interaction: InteractionRuntime, interactionId: string): void {
  state.interactions.delete(interactionId);
  const queue = state.queues.get(interaction.queueId);
  if (queue !== undefined && queue.removed && queue.waiting.length === 0) state.queues.delete(queue.queueId);
}
