import { type EpochMs } from '../config/routing-config';
import { type Decision } from './decision';
import { type AgentState } from './routing-events';
import { type AgentRuntime } from './routing-state';

/** The one way an agent changes state: from where they are, with the time they spent there. */
export function moveAgent(
  decision: Decision,
  agent: AgentRuntime,
  to: AgentState,
  details: { reasonCode?: string; until?: EpochMs } = {},
): void {
  decision.emit({
    type: 'AgentStateChanged',
    agentId: agent.agentId,
    from: agent.state,
    to,
    ...(details.reasonCode === undefined ? {} : { reasonCode: details.reasonCode }),
    previousStateMs: decision.now - agent.since,
    ...(details.until === undefined ? {} : { until: details.until }),
  });
}
