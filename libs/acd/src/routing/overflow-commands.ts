import { withdrawFromAgent } from './agent-commands';
import { type Decision } from './decision';
import { releaseAgent, routeAgent, routeInteraction, routeRemoteOffer, withdrawOverflowOffers } from './dispatch';
import { profileFits } from './eligibility';
import { startWrapUp } from './interaction-commands';
import { type RoutingCommand } from './routing-commands';
import { routingDomainId } from './routing-domain';
import { type RoutingError, routingError } from './routing-errors';

type Command<T extends RoutingCommand['type']> = Extract<RoutingCommand, { type: T }>;

/*
 * Overflow between branches. The home domain owns the interaction; other domains own their agents. The home
 * offers the interaction to the other domains, they claim one of their agents for it, and the home arbitrates:
 * the first valid claim wins (a local agent freeing first wins too, as both are decided in the home's one
 * sequence of commands), every other claim is declined, so an interaction is never assigned twice.
 *
 * Messages between two domains arrive in order but may take longer than a claim may wait (CLAIM_TIMEOUT_MS), so:
 * - the home answers every claim, and the claiming domain waits for that answer before claiming anyone else for the
 *   same offer, even once its own claim lapsed and freed the agent (claiming again would only lapse again, and the
 *   offer's aging priority would keep taking the same agent from local callers);
 * - the answer to a claim ends that offer in the claiming domain: a grant rings the agent, or is handed back if the
 *   claim lapsed; a decline drops it;
 * - the home withdraws the offer from every domain it offered it to, granted or not, whenever the offer ends for
 *   it: taken elsewhere, abandoned, sent away, or handed back by a remote agent (and then offered again, afresh,
 *   if no agent of its own takes it). A withdrawal of an offer already gone is harmless.
 */

export function receiveOverflowOffer(
  decision: Decision,
  command: Command<'ReceiveOverflowOffer'>,
): RoutingError | undefined {
  const { state } = decision;
  if (command.offer.homeDomainId === state.domainId) {
    return routingError(
      'not-a-remote-domain',
      `overflow offer for "${command.offer.interactionId}" came from this domain itself`,
    );
  }
  if (state.remoteOffers.has(command.offer.interactionId)) return undefined;
  decision.emit({ type: 'RemoteOfferReceived', offer: command.offer });
  routeRemoteOffer(decision, command.offer.interactionId);
  return undefined;
}

export function receiveOverflowWithdrawal(
  decision: Decision,
  command: Command<'ReceiveOverflowWithdrawal'>,
): RoutingError | undefined {
  const { state } = decision;
  if (state.remoteOffers.has(command.interactionId)) {
    decision.emit({
      type: 'RemoteOfferDropped',
      interactionId: command.interactionId,
      homeDomainId: command.homeDomainId,
    });
  }
  for (const agent of state.agents.values()) {
    if (agent.interactionId !== command.interactionId || agent.interactionDomainId !== command.homeDomainId) continue;
    if (agent.state === 'Reserved') {
      if (agent.claim !== undefined) {
        decision.emit({
          type: 'ClaimReleased',
          claimId: agent.claim.claimId,
          interactionId: command.interactionId,
          agentId: agent.agentId,
        });
      }
      releaseAgent(decision, agent);
    } else if (agent.state === 'Busy') {
      // The caller left while the answer was on its way: nothing to talk to.
      releaseAgent(decision, agent);
    }
  }
  return undefined;
}

export function receiveAgentClaim(decision: Decision, command: Command<'ReceiveAgentClaim'>): RoutingError | undefined {
  const { state, now } = decision;
  const interaction = state.interactions.get(command.interactionId);
  const queue = interaction === undefined ? undefined : state.queues.get(interaction.queueId);
  const profile = state.config.agents[command.agentId];
  const branchAllowed =
    interaction !== undefined &&
    interaction.extraBranches.some((branchId) => routingDomainId(state.tenantId, branchId) === command.agentDomainId);
  const valid =
    interaction !== undefined &&
    queue !== undefined &&
    interaction.status === 'waiting' &&
    branchAllowed &&
    !interaction.declinedBy.has(command.agentId) &&
    (profile === undefined ||
      profileFits(profile, {
        channel: interaction.request.channel,
        requiredSkills: interaction.requiredSkills,
        language: interaction.language,
        agentGroups: queue.config.agentGroups,
      }));
  if (!valid || interaction === undefined || queue === undefined) {
    decision.emit({
      type: 'ClaimDecided',
      toDomainId: command.agentDomainId,
      claimId: command.claimId,
      interactionId: command.interactionId,
      agentId: command.agentId,
      granted: false,
      ringTimeoutMs: 0,
    });
    return undefined;
  }
  decision.emit({
    type: 'InteractionOffered',
    interactionId: command.interactionId,
    queueId: interaction.queueId,
    agentId: command.agentId,
    agentDomainId: command.agentDomainId,
    offerId: command.claimId,
    waitedMs: now - interaction.enqueuedAt,
  });
  decision.emit({
    type: 'ClaimDecided',
    toDomainId: command.agentDomainId,
    claimId: command.claimId,
    interactionId: command.interactionId,
    agentId: command.agentId,
    granted: true,
    ringTimeoutMs: queue.config.ringTimeoutMs,
  });
  withdrawOverflowOffers(decision, command.interactionId, command.agentDomainId);
  return undefined;
}

export function receiveClaimDecision(
  decision: Decision,
  command: Command<'ReceiveClaimDecision'>,
): RoutingError | undefined {
  const { state, now } = decision;
  const agent = state.agents.get(command.agentId);
  const claimed = agent?.claim?.claimId === command.claimId ? agent : undefined;
  // The offer this claim was made for, if this domain still holds it (a withdrawal may have ended it already,
  // and the home may have offered it afresh since: then the answer is about an older offer).
  const claimedOffer = state.remoteOffers.get(command.interactionId)?.pendingClaimId === command.claimId;
  if (command.granted && claimed !== undefined) {
    decision.emit({
      type: 'RemoteOfferRinging',
      claimId: command.claimId,
      interactionId: command.interactionId,
      agentId: command.agentId,
      ringDeadline: now + command.ringTimeoutMs,
    });
    return undefined;
  }
  if (command.granted) {
    // The claim lapsed before the grant arrived: hand the interaction back so the home routes it again.
    decision.emit({
      type: 'RemoteOfferAnswered',
      toDomainId: command.homeDomainId,
      interactionId: command.interactionId,
      agentId: command.agentId,
      outcome: 'released',
    });
  } else if (claimed !== undefined) {
    decision.emit({
      type: 'ClaimReleased',
      claimId: command.claimId,
      interactionId: command.interactionId,
      agentId: command.agentId,
    });
  }
  if (claimedOffer) {
    decision.emit({
      type: 'RemoteOfferDropped',
      interactionId: command.interactionId,
      homeDomainId: command.homeDomainId,
    });
  }
  if (claimed !== undefined) releaseAgent(decision, claimed);
  return undefined;
}

export function receiveRemoteOfferOutcome(
  decision: Decision,
  command: Command<'ReceiveRemoteOfferOutcome'>,
): RoutingError | undefined {
  const { state, now } = decision;
  const interaction = state.interactions.get(command.interactionId);
  const offer = interaction?.offer;
  const matches =
    offer !== undefined && offer.agentId === command.agentId && offer.agentDomainId === command.agentDomainId;
  if (interaction === undefined || offer === undefined || !matches) {
    if (command.outcome === 'accepted') {
      // The agent answered an interaction that is gone (the caller left meanwhile): free them.
      decision.emit({
        type: 'RemoteCompletionSent',
        toDomainId: command.agentDomainId,
        interactionId: command.interactionId,
        agentId: command.agentId,
        wrapUpMs: 0,
      });
    }
    return undefined;
  }
  switch (command.outcome) {
    case 'accepted':
      if (interaction.status === 'offered') {
        decision.emit({
          type: 'OfferAccepted',
          interactionId: command.interactionId,
          queueId: interaction.queueId,
          agentId: command.agentId,
          offerId: offer.offerId,
          waitMs: now - interaction.enqueuedAt,
        });
      }
      return undefined;
    case 'rejected':
    case 'timed-out':
    case 'released':
      decision.emit({
        type: command.outcome === 'rejected' ? 'OfferRejected' : 'OfferTimedOut',
        interactionId: command.interactionId,
        agentId: command.agentId,
        offerId: offer.offerId,
      });
      // The grant used up that domain's offer: end it there before the interaction is routed (and maybe offered to
      // that domain again); messages arrive in order, so the withdrawal comes first.
      if (interaction.overflowOfferedTo.has(command.agentDomainId)) {
        decision.emit({
          type: 'OverflowOfferWithdrawn',
          toDomainId: command.agentDomainId,
          interactionId: command.interactionId,
        });
      }
      routeInteraction(decision, command.interactionId);
      return undefined;
    default: {
      const unknown: never = command.outcome;
      throw new Error(`unknown remote offer outcome ${String(unknown)}`);
    }
  }
}

export function receiveRemoteCompletion(
  decision: Decision,
  command: Command<'ReceiveRemoteCompletion'>,
): RoutingError | undefined {
  const agent = decision.state.agents.get(command.agentId);
  if (agent === undefined || agent.interactionId !== command.interactionId) return undefined;
  if (agent.state === 'Busy') startWrapUp(decision, agent.agentId, command.wrapUpMs);
  else if (agent.state === 'Reserved') withdrawFromAgent(decision, agent, 'reject');
  else routeAgent(decision, agent.agentId);
  return undefined;
}
