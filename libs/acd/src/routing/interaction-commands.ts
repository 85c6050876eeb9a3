import { type OverflowAction } from '../config/routing-config';
import { withdrawFromAgent } from './agent-commands';
import { moveAgent } from './agent-moves';
import { type Decision } from './decision';
import { releaseAgent, routeInteraction, withdrawOverflowOffers } from './dispatch';
import { type InteractionRequest, type RoutingCommand } from './routing-commands';
import { type RoutingError, routingError } from './routing-errors';
import { type OverflowReason } from './routing-events';
import { type InteractionRuntime, type QueueRuntime } from './routing-state';
import { servingAgents, waitOutlook } from './waiting-position';
import { atAnyLevel, mergeRequirements } from './eligibility';

type Command<T extends RoutingCommand['type']> = Extract<RoutingCommand, { type: T }>;

export function queueInteraction(decision: Decision, command: Command<'QueueInteraction'>): RoutingError | undefined {
  const { state } = decision;
  const request = command.interaction;
  const queue = state.queues.get(request.queueId);
  if (queue === undefined || queue.removed) {
    const known = [...state.queues.values()].filter((q) => !q.removed).map((q) => q.queueId);
    return routingError(
      'unknown-queue',
      `queue "${request.queueId}" is not a queue of branch "${state.branchId}" (queues: ${known.join(', ')})`,
    );
  }
  if (state.interactions.has(request.interactionId)) {
    return routingError('duplicate-interaction', `interaction "${request.interactionId}" is already being routed`);
  }
  if (request.channel !== queue.config.channel) {
    return routingError(
      'channel-mismatch',
      `queue "${queue.queueId}" takes ${queue.config.channel}, not ${request.channel}`,
    );
  }
  for (const { skillId } of request.extraSkills ?? []) {
    if (state.config.skills[skillId] === undefined)
      return routingError('unknown-skill', `skill "${skillId}" is not configured`);
  }
  enqueue(decision, request, queue, decision.now);
  return undefined;
}

/** Puts an interaction in its queue, applies immediate overflow if the queue cannot serve it, and routes it. */
function enqueue(decision: Decision, request: InteractionRequest, queue: QueueRuntime, enqueuedAt: number): void {
  const { state, now } = decision;
  const id = request.interactionId;
  const requiredSkills = mergeRequirements(queue.config.requiredSkills, request.extraSkills);
  const language = request.language ?? queue.config.language;
  const outlook = waitOutlook(
    state,
    queue,
    { enqueuedAt, requiredSkills, language, lastAnnounced: undefined, channel: request.channel },
    id,
    now,
  );
  const sticky = stickyPreference(decision, request, queue);
  decision.emit({
    type: 'InteractionQueued',
    interaction: request,
    enqueuedAt,
    position: outlook.position,
    estimate: outlook.estimate,
    predictor: outlook.predictor,
    unbounded: outlook.unbounded,
    predictions: outlook.predictions,
    preferredAgentId: sticky?.agentId,
    preferredUntil: sticky?.until,
  });
  const interaction = state.interactions.get(id) as InteractionRuntime;
  const requirements = { channel: request.channel, requiredSkills, language, agentGroups: queue.config.agentGroups };
  const noAgent = queue.config.whenNoAgentLoggedIn;
  if (noAgent !== undefined && servingAgents(state, atAnyLevel(requirements)).serving === 0) {
    applyOverflow(decision, id, interaction, noAgent, 'no-agent-logged-in');
  } else {
    const byWait = queue.config.whenEstimatedWaitAbove;
    if (byWait !== undefined && outlook.estimate.remainingMs > byWait.thresholdMs) {
      applyOverflow(decision, id, interaction, byWait.action, 'estimated-wait');
    }
  }
  routeInteraction(decision, id);
}

function stickyPreference(
  decision: Decision,
  request: InteractionRequest,
  queue: QueueRuntime,
): { agentId: string; until: number } | undefined {
  if (queue.config.stickyAgentWaitMs <= 0 || request.customerId === undefined) return undefined;
  const last = decision.state.lastAgentOfCustomer.get(request.customerId);
  const profile = last === undefined ? undefined : decision.state.config.agents[last.agentId];
  if (last === undefined || profile === undefined || profile.branchId !== decision.state.branchId) return undefined;
  if (!decision.state.agents.has(last.agentId)) return undefined;
  return { agentId: last.agentId, until: decision.now + queue.config.stickyAgentWaitMs };
}

/** Carries out an overflow action on a waiting interaction (from a bullseye step or an immediate rule). */
export function applyOverflow(
  decision: Decision,
  interactionId: string,
  interaction: InteractionRuntime,
  action: OverflowAction,
  reason: OverflowReason,
): void {
  const { state } = decision;
  switch (action.kind) {
    case 'callback':
      if (!interaction.callbackOffered) decision.emit({ type: 'CallbackOffered', interactionId });
      return;
    case 'branches':
      decision.emit({ type: 'InteractionOverflowed', interactionId, fromQueueId: interaction.queueId, action, reason });
      return;
    case 'queue':
      decision.emit({ type: 'InteractionOverflowed', interactionId, fromQueueId: interaction.queueId, action, reason });
      return;
    case 'partner':
    case 'voicemail':
      withdrawOverflowOffers(decision, interactionId);
      decision.emit({
        type: 'InteractionOverflowed',
        interactionId,
        fromQueueId: interaction.queueId,
        action,
        reason,
        trunkUri: action.kind === 'partner' ? state.config.partners[action.partnerId]?.trunkUri : undefined,
      });
      return;
    default: {
      const unknown: never = action;
      throw new Error(`unknown overflow action ${JSON.stringify(unknown)}`);
    }
  }
}

export function acceptOffer(decision: Decision, command: Command<'AcceptOffer'>): RoutingError | undefined {
  const { state, now } = decision;
  const agent = state.agents.get(command.agentId);
  if (agent === undefined) return routingError('agent-not-logged-in', `agent "${command.agentId}" is not logged in`);
  if (agent.interactionId === command.interactionId && agent.state === 'Busy') return undefined;
  if (agent.state !== 'Reserved' || agent.interactionId !== command.interactionId || agent.claim !== undefined) {
    return routingError(
      'no-such-offer',
      `interaction "${command.interactionId}" is not ringing for agent "${command.agentId}"`,
    );
  }
  if (agent.interactionDomainId === state.domainId) {
    const interaction = state.interactions.get(command.interactionId);
    if (interaction?.offer === undefined) {
      return routingError('no-such-offer', `interaction "${command.interactionId}" is not offered any more`);
    }
    decision.emit({
      type: 'OfferAccepted',
      interactionId: command.interactionId,
      queueId: interaction.queueId,
      agentId: agent.agentId,
      offerId: interaction.offer.offerId,
      waitMs: now - interaction.enqueuedAt,
    });
  } else if (agent.interactionDomainId !== undefined) {
    decision.emit({
      type: 'RemoteOfferAnswered',
      toDomainId: agent.interactionDomainId,
      interactionId: command.interactionId,
      agentId: agent.agentId,
      outcome: 'accepted',
    });
  }
  moveAgent(decision, agent, 'Busy');
  return undefined;
}

export function rejectOffer(decision: Decision, command: Command<'RejectOffer'>): RoutingError | undefined {
  const agent = decision.state.agents.get(command.agentId);
  if (agent === undefined) return routingError('agent-not-logged-in', `agent "${command.agentId}" is not logged in`);
  if (agent.state !== 'Reserved' || agent.interactionId !== command.interactionId || agent.claim !== undefined) {
    return routingError(
      'no-such-offer',
      `interaction "${command.interactionId}" is not ringing for agent "${command.agentId}"`,
    );
  }
  withdrawFromAgent(decision, agent, 'reject');
  return undefined;
}

export function abandonInteraction(
  decision: Decision,
  command: Command<'AbandonInteraction'>,
): RoutingError | undefined {
  const { state, now } = decision;
  const interaction = state.interactions.get(command.interactionId);
  if (interaction === undefined) return unknownInteraction(command.interactionId);
  if (interaction.status === 'connected') {
    return routingError(
      'invalid-transition',
      `interaction "${command.interactionId}" is connected; complete it instead`,
    );
  }
  const queue = state.queues.get(interaction.queueId);
  const position = queue === undefined ? 0 : Math.max(1, queue.waiting.indexOf(command.interactionId) + 1);
  const offer = interaction.offer;
  // A remote agent's domain is among those offered the interaction; told once, with the others.
  const ringingElsewhere =
    offer !== undefined &&
    offer.agentDomainId !== state.domainId &&
    !interaction.overflowOfferedTo.has(offer.agentDomainId);
  withdrawOverflowOffers(decision, command.interactionId);
  if (ringingElsewhere) {
    decision.emit({
      type: 'OverflowOfferWithdrawn',
      toDomainId: offer.agentDomainId,
      interactionId: command.interactionId,
    });
  }
  const waitMs = now - interaction.enqueuedAt;
  decision.emit({
    type: 'InteractionAbandoned',
    interactionId: command.interactionId,
    queueId: interaction.queueId,
    waitMs,
    position,
    shortAbandon: queue !== undefined && waitMs < queue.config.shortAbandonMs,
  });
  const agent =
    offer !== undefined && offer.agentDomainId === state.domainId ? state.agents.get(offer.agentId) : undefined;
  if (agent !== undefined && agent.state === 'Reserved' && agent.interactionId === command.interactionId) {
    releaseAgent(decision, agent);
  }
  return undefined;
}

export function completeInteraction(
  decision: Decision,
  command: Command<'CompleteInteraction'>,
): RoutingError | undefined {
  const { state, now } = decision;
  const interaction = state.interactions.get(command.interactionId);
  if (interaction === undefined) return unknownInteraction(command.interactionId);
  if (interaction.status !== 'connected' || interaction.offer === undefined) {
    return routingError('invalid-transition', `interaction "${command.interactionId}" is not connected to an agent`);
  }
  const queue = state.queues.get(interaction.queueId);
  const wrapUpMs = queue?.config.wrapUpMs ?? 0;
  const { agentId, agentDomainId } = interaction.offer;
  decision.emit({
    type: 'InteractionCompleted',
    interactionId: command.interactionId,
    queueId: interaction.queueId,
    agentId,
    handleMs: now - (interaction.connectedAt ?? now),
  });
  if (agentDomainId !== state.domainId) {
    decision.emit({
      type: 'RemoteCompletionSent',
      toDomainId: agentDomainId,
      interactionId: command.interactionId,
      agentId,
      wrapUpMs,
    });
    return undefined;
  }
  const agent = state.agents.get(agentId);
  if (agent !== undefined && agent.state === 'Busy' && agent.interactionId === command.interactionId) {
    startWrapUp(decision, agent.agentId, wrapUpMs);
  }
  return undefined;
}

/** After-call work for the queue's wrap-up time; none at all goes straight back to Available. */
export function startWrapUp(decision: Decision, agentId: string, wrapUpMs: number): void {
  const agent = decision.state.agents.get(agentId);
  if (agent === undefined) return;
  if (wrapUpMs <= 0) {
    releaseAgent(decision, agent);
    return;
  }
  moveAgent(decision, agent, 'WrapUp', { until: decision.now + wrapUpMs });
}

export function requestCallback(decision: Decision, command: Command<'RequestCallback'>): RoutingError | undefined {
  const { state } = decision;
  const interaction = state.interactions.get(command.interactionId);
  if (interaction === undefined) return unknownInteraction(command.interactionId);
  if (interaction.status !== 'waiting') {
    return routingError(
      'invalid-transition',
      `interaction "${command.interactionId}" is ${interaction.status}, not waiting`,
    );
  }
  const address = command.callbackAddress ?? interaction.request.customerAddress;
  if (address === undefined || address === '') {
    return routingError('no-callback-address', `no number to call back for interaction "${command.interactionId}"`);
  }
  const queue = state.queues.get(interaction.queueId) as QueueRuntime;
  const callbackInteractionId = `${command.interactionId}:callback`;
  if (state.interactions.has(callbackInteractionId)) return undefined;
  withdrawOverflowOffers(decision, command.interactionId);
  decision.emit({
    type: 'CallbackRequested',
    interactionId: command.interactionId,
    callbackInteractionId,
    callbackAddress: address,
    queueId: interaction.queueId,
  });
  const callback: InteractionRequest = {
    ...interaction.request,
    interactionId: callbackInteractionId,
    kind: 'callback',
    customerAddress: address,
  };
  enqueue(decision, callback, queue, interaction.enqueuedAt);
  return undefined;
}

export function announceWait(decision: Decision, command: Command<'AnnounceWait'>): RoutingError | undefined {
  const { state, now } = decision;
  const interaction = state.interactions.get(command.interactionId);
  if (interaction === undefined) return unknownInteraction(command.interactionId);
  const queue = state.queues.get(interaction.queueId);
  if (interaction.status !== 'waiting' || queue === undefined) {
    return routingError(
      'invalid-transition',
      `interaction "${command.interactionId}" is ${interaction.status}, not waiting`,
    );
  }
  const outlook = waitOutlook(
    state,
    queue,
    { ...interaction, channel: interaction.request.channel },
    command.interactionId,
    now,
  );
  decision.emit({
    type: 'WaitAnnounced',
    interactionId: command.interactionId,
    position: outlook.position,
    estimate: outlook.estimate,
    predictor: outlook.predictor,
    unbounded: outlook.unbounded,
  });
  return undefined;
}

function unknownInteraction(interactionId: string): RoutingError {
  return routingError(
    'unknown-interaction',
    `interaction "${interactionId}" is not waiting, ringing or connected here`,
  );
}
