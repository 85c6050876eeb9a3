import { logInAgent, logOutAgent, makeAgentNotReady, makeAgentReady } from './agent-commands';
import { applyConfig } from './config-command';
import { Decision } from './decision';
import {
  abandonInteraction,
  acceptOffer,
  announceWait,
  completeInteraction,
  queueInteraction,
  rejectOffer,
  requestCallback,
} from './interaction-commands';
import {
  receiveAgentClaim,
  receiveClaimDecision,
  receiveOverflowOffer,
  receiveOverflowWithdrawal,
  receiveRemoteCompletion,
  receiveRemoteOfferOutcome,
} from './overflow-commands';
import { type RoutingCommand } from './routing-commands';
import { type RoutingError } from './routing-errors';
import { type RoutingEvent } from './routing-events';
import { type RoutingDomainState } from './routing-state';
import { advanceTime } from './time-commands';

export type RoutingDecision =
  { ok: true; events: RoutingEvent[]; duplicate: boolean } | { ok: false; error: RoutingError };

/**
 * Time is an input like any other: timers fire only on an AdvanceTime command, so when an answer and a ring timeout
 * race, the order of the two on the domain's log decides, and a replay decides the same.
 *
 * Decides a command against the domain's state and applies the resulting events to it (see Decision). A refused
 * command leaves the state untouched: every check comes before the first event. A command id seen before is
 * acknowledged with no events, so retried and redelivered commands are harmless.
 */
export function decide(state: RoutingDomainState, command: RoutingCommand): RoutingDecision {
  if (state.handledCommands.has(command.commandId)) return { ok: true, events: [], duplicate: true };
  const decision = new Decision(state, command.commandId, Math.max(command.at, state.now));
  const error = handle(decision, command);
  if (error !== undefined) return { ok: false, error };
  return { ok: true, events: decision.events, duplicate: false };
}

function handle(decision: Decision, command: RoutingCommand): RoutingError | undefined {
  switch (command.type) {
    case 'ApplyConfig':
      return applyConfig(decision, command);
    case 'LogInAgent':
      return logInAgent(decision, command);
    case 'LogOutAgent':
      return logOutAgent(decision, command);
    case 'MakeAgentReady':
      return makeAgentReady(decision, command);
    case 'MakeAgentNotReady':
      return makeAgentNotReady(decision, command);
    case 'QueueInteraction':
      return queueInteraction(decision, command);
    case 'AcceptOffer':
      return acceptOffer(decision, command);
    case 'RejectOffer':
      return rejectOffer(decision, command);
    case 'AbandonInteraction':
      return abandonInteraction(decision, command);
    case 'CompleteInteraction':
      return completeInteraction(decision, command);
    case 'RequestCallback':
      return requestCallback(decision, command);
    case 'AnnounceWait':
      return announceWait(decision, command);
    case 'AdvanceTime':
      advanceTime(decision);
      return undefined;
    case 'ReceiveOverflowOffer':
      return receiveOverflowOffer(decision, command);
    case 'ReceiveOverflowWithdrawal':
      return receiveOverflowWithdrawal(decision, command);
    case 'ReceiveAgentClaim':
      return receiveAgentClaim(decision, command);
    case 'ReceiveClaimDecision':
      return receiveClaimDecision(decision, command);
    case 'ReceiveRemoteOfferOutcome':
      return receiveRemoteOfferOutcome(decision, command);
    case 'ReceiveRemoteCompletion':
      return receiveRemoteCompletion(decision, command);
    default: {
      const unknown: never = command;
      throw new Error(`unknown routing command ${JSON.stringify(unknown)}`);
    }
  }
}
