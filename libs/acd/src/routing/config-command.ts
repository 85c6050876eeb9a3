import { logOut } from './agent-commands';
import { type Decision } from './decision';
import { routeAgent, routeInteraction } from './dispatch';
import { type RoutingCommand } from './routing-commands';
import { type RoutingError, routingError } from './routing-errors';

/**
 * A configuration change reaches the domain as a command carrying the tenant's configuration event, in version
 * order. An event already applied is a no-op; a gap means one was lost on the way and is refused.
 */
export function applyConfig(
  decision: Decision,
  command: Extract<RoutingCommand, { type: 'ApplyConfig' }>,
): RoutingError | undefined {
  const { state } = decision;
  const change = command.event;
  if (change.tenantId !== state.tenantId) {
    return routingError(
      'wrong-tenant',
      `configuration of tenant "${change.tenantId}" sent to a domain of tenant "${state.tenantId}"`,
    );
  }
  if (change.version <= state.config.version) return undefined;
  if (change.version !== state.config.version + 1) {
    return routingError(
      'config-version-gap',
      `configuration version ${change.version} cannot follow version ${state.config.version}; versions in between are missing`,
    );
  }
  // An agent removed or moved to another branch stops working here first.
  const leavingAgentId =
    change.type === 'AgentRemoved'
      ? change.agentId
      : change.type === 'AgentDefined' && change.agent.branchId !== state.branchId
        ? change.agent.agentId
        : undefined;
  const leaving = leavingAgentId === undefined ? undefined : state.agents.get(leavingAgentId);
  if (leaving !== undefined) logOut(decision, leaving);

  decision.emit({ type: 'ConfigApplied', event: change });

  switch (change.type) {
    case 'AgentDefined':
    case 'AgentSkillsChanged':
    case 'AgentGroupsChanged': {
      const agentId = change.type === 'AgentDefined' ? change.agent.agentId : change.agentId;
      routeAgent(decision, agentId);
      return undefined;
    }
    case 'QueueDefined': {
      const queue = state.queues.get(change.queue.queueId);
      for (const interactionId of [...(queue?.waiting ?? [])]) routeInteraction(decision, interactionId);
      return undefined;
    }
    default:
      return undefined;
  }
}
