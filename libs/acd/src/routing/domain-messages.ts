import { type RoutingCommand } from './routing-commands';
import { type RoutingDomainId } from './routing-domain';
import { type RoutingEvent } from './routing-events';

export interface DomainMessage {
  toDomainId: RoutingDomainId;
  command: RoutingCommand;
}

/**
 * The command another domain must receive because of an event of this one (overflow between branches). The service
 * writes it to the other domain's partition in the same transaction as the event, so neither is lost; its command
 * id derives from the event, so a redelivery is recognised as a duplicate.
 */
export function domainMessageOf(fromDomainId: RoutingDomainId, event: RoutingEvent): DomainMessage | undefined {
  const base = (suffix: string) => ({
    commandId: `${fromDomainId}>${event.commandId}>${event.type}>${suffix}`,
    at: event.at,
  });
  switch (event.type) {
    case 'OverflowOfferSent':
      return {
        toDomainId: event.toDomainId,
        command: {
          ...base(`${event.offer.interactionId}>${event.toDomainId}`),
          type: 'ReceiveOverflowOffer',
          offer: event.offer,
        },
      };
    case 'OverflowOfferWithdrawn':
      return {
        toDomainId: event.toDomainId,
        command: {
          ...base(`${event.interactionId}>${event.toDomainId}`),
          type: 'ReceiveOverflowWithdrawal',
          interactionId: event.interactionId,
          homeDomainId: fromDomainId,
        },
      };
    case 'AgentClaimed':
      return {
        toDomainId: event.toDomainId,
        command: {
          ...base(event.claimId),
          type: 'ReceiveAgentClaim',
          claimId: event.claimId,
          interactionId: event.interactionId,
          agentId: event.agentId,
          agentDomainId: fromDomainId,
        },
      };
    case 'ClaimDecided':
      return {
        toDomainId: event.toDomainId,
        command: {
          ...base(event.claimId),
          type: 'ReceiveClaimDecision',
          homeDomainId: fromDomainId,
          claimId: event.claimId,
          interactionId: event.interactionId,
          agentId: event.agentId,
          granted: event.granted,
          ringTimeoutMs: event.ringTimeoutMs,
        },
      };
    case 'RemoteOfferAnswered':
      return {
        toDomainId: event.toDomainId,
        command: {
          ...base(`${event.interactionId}>${event.agentId}>${event.outcome}`),
          type: 'ReceiveRemoteOfferOutcome',
          interactionId: event.interactionId,
          agentId: event.agentId,
          agentDomainId: fromDomainId,
          outcome: event.outcome,
        },
      };
    case 'RemoteCompletionSent':
      return {
        toDomainId: event.toDomainId,
        command: {
          ...base(`${event.interactionId}>${event.agentId}`),
          type: 'ReceiveRemoteCompletion',
          homeDomainId: fromDomainId,
          interactionId: event.interactionId,
          agentId: event.agentId,
          wrapUpMs: event.wrapUpMs,
        },
      };
    default:
      return undefined;
  }
}
