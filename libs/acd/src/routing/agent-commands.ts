import { MISSED_OFFER_REASON } from '../config/routing-config';
import { moveAgent } from './agent-moves';
import { type Decision } from './decision';
import { releaseAgent, routeAgent, routeInteraction } from './dispatch';
import { type RoutingCommand } from './routing-commands';
import { type RoutingError, routingError } from './routing-errors';
import { type AgentRuntime } from './routing-state';

type Command<T extends RoutingCommand['type']> = Extract<RoutingCommand, { type: T }>;

export function logInAgent(decision: Decision, command: Command<'LogInAgent'>): RoutingError | undefined {
  const { state } = decision;
  const profile = state.config.agents[command.agentId];
  if (profile === undefined) return routingError('unknown-agent', `agent "${command.agentId}" is not configured`);
  if (profile.branchId !== state.branchId) {
    return routingError(
      'agent-of-other-branch',
      `agent "${command.agentId}" works in branch "${profile.branchId}", not "${state.branchId}"`,
    );
  }
  if (state.agents.has(command.agentId)) return undefined;
  decision.emit({ type: 'AgentLoggedIn', agentId: command.agentId, extension: command.extension });
  const to = command.initialState ?? 'Available';
  moveAgent(decision, state.agents.get(command.agentId) as AgentRuntime, to, {
    reasonCode: to === 'NotReady' ? 'logged-in' : undefined,
  });
  if (to === 'Available') routeAgent(decision, command.agentId);
  return undefined;
}

export function logOutAgent(decision: Decision, command: Command<'LogOutAgent'>): RoutingError | undefined {
  const agent = decision.state.agents.get(command.agentId);
  if (agent === undefined) return notLoggedIn(decision, command.agentId);
  if (agent.state === 'Busy') {
    return routingError(
      'invalid-transition',
      `agent "${command.agentId}" is handling an interaction; log out after it ends`,
    );
  }
  logOut(decision, agent);
  return undefined;
}

/** Logs an agent out whatever they are doing but talking: a ringing offer goes back to its queue. */
export function logOut(decision: Decision, agent: AgentRuntime): void {
  if (agent.state === 'Reserved') withdrawFromAgent(decision, agent, 'reject', 'keep-state');
  moveAgent(decision, agent, 'LoggedOut');
  decision.emit({ type: 'AgentLoggedOut', agentId: agent.agentId });
}

export function makeAgentReady(decision: Decision, command: Command<'MakeAgentReady'>): RoutingError | undefined {
  const agent = decision.state.agents.get(command.agentId);
  if (agent === undefined) return notLoggedIn(decision, command.agentId);
  switch (agent.state) {
    case 'Available':
      return undefined;
    case 'NotReady':
    case 'WrapUp':
      moveAgent(decision, agent, 'Available');
      routeAgent(decision, agent.agentId);
      return undefined;
    case 'Reserved':
    case 'Busy':
    case 'LoggedOut':
      return routingError(
        'invalid-transition',
        `agent "${command.agentId}" is ${agent.state}; cannot become Available now`,
      );
    default: {
      const unknown: never = agent.state;
      throw new Error(`unknown agent state ${String(unknown)}`);
    }
  }
}

export function makeAgentNotReady(decision: Decision, command: Command<'MakeAgentNotReady'>): RoutingError | undefined {
  const { state } = decision;
  const agent = state.agents.get(command.agentId);
  if (agent === undefined) return notLoggedIn(decision, command.agentId);
  if (state.config.notReadyReasons[command.reasonCode] === undefined || command.reasonCode === MISSED_OFFER_REASON) {
    const known = Object.keys(state.config.notReadyReasons).filter((code) => code !== MISSED_OFFER_REASON);
    return routingError(
      'unknown-reason',
      `not-ready reason "${command.reasonCode}" is not one of: ${known.join(', ')}`,
    );
  }
  if (agent.state === 'NotReady' && agent.reasonCode === command.reasonCode) return undefined;
  switch (agent.state) {
    // a new reason starts a new NotReady period
    case 'NotReady':
    case 'Available':
    case 'WrapUp':
      moveAgent(decision, agent, 'NotReady', { reasonCode: command.reasonCode });
      return undefined;
    case 'Reserved':
    case 'Busy':
      if (agent.pendingNotReady !== command.reasonCode) {
        decision.emit({ type: 'AgentNotReadyPending', agentId: agent.agentId, reasonCode: command.reasonCode });
      }
      return undefined;
    case 'LoggedOut':
      return notLoggedIn(decision, command.agentId);
    default: {
      const unknown: never = agent.state;
      throw new Error(`unknown agent state ${String(unknown)}`);
    }
  }
}

/**
 * Ends what a Reserved agent was offered: the interaction goes back to waiting (keeping its place). On a miss
 * (no answer in time) the agent is set NotReady("missed-offer"), so a phone nobody answers stops getting calls.
 */
export function withdrawFromAgent(
  decision: Decision,
  agent: AgentRuntime,
  how: 'reject' | 'timeout',
  agentAfterwards: 'release' | 'keep-state' = 'release',
): void {
  const { state } = decision;
  const interactionId = agent.interactionId;
  const homeDomainId = agent.interactionDomainId;
  const offerId = agent.offerId;
  if (interactionId !== undefined && homeDomainId === state.domainId && offerId !== undefined) {
    decision.emit({
      type: how === 'reject' ? 'OfferRejected' : 'OfferTimedOut',
      interactionId,
      agentId: agent.agentId,
      offerId,
    });
  } else if (interactionId !== undefined && homeDomainId !== undefined && homeDomainId !== state.domainId) {
    if (agent.claim !== undefined) {
      decision.emit({ type: 'ClaimReleased', claimId: agent.claim.claimId, interactionId, agentId: agent.agentId });
    } else {
      decision.emit({
        type: 'RemoteOfferAnswered',
        toDomainId: homeDomainId,
        interactionId,
        agentId: agent.agentId,
        outcome: how === 'reject' ? 'rejected' : 'timed-out',
      });
    }
  }
  if (agentAfterwards === 'keep-state') {
    // the caller moves the agent on (e.g. logs them out)
  } else if (how === 'timeout') {
    moveAgent(decision, agent, 'NotReady', { reasonCode: MISSED_OFFER_REASON });
  } else {
    releaseAgent(decision, agent);
  }
  if (interactionId !== undefined && homeDomainId === state.domainId) routeInteraction(decision, interactionId);
}

function notLoggedIn(decision: Decision, agentId: string): RoutingError {
  return decision.state.config.agents[agentId] === undefined
    ? routingError('unknown-agent', `agent "${agentId}" is not configured`)
    : routingError('agent-not-logged-in', `agent "${agentId}" is not logged in`);
}
