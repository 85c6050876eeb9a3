import { type AgentRuntime, type RoutingDomainState } from './routing-state';

/** Index key under which every agent is filed, whatever their skills. */
export const ANY_SKILL = '*';

/**
 * Keeps availableBySkill true to the agents' states. Called by evolve whenever an agent's state or skills change;
 * adding to a Set appends, so each available set stays in order of becoming available.
 */
export function fileAgent(state: RoutingDomainState, agent: AgentRuntime): void {
  const available = agent.state === 'Available';
  fileUnder(state, ANY_SKILL, agent.agentId, available);
  const profile = state.config.agents[agent.agentId];
  if (profile === undefined) return;
  // for-in rather than Object.keys: this runs on every change of state, and allocates nothing.
  for (const skill in profile.skills) fileUnder(state, skill, agent.agentId, available);
}

function fileUnder(state: RoutingDomainState, skill: string, agentId: string, available: boolean): void {
  if (available) setOf(state.availableBySkill, skill).add(agentId);
  else state.availableBySkill.get(skill)?.delete(agentId);
}

/** Removes the agent from the index, e.g. before their skills change or when they log out. */
export function unfileAgent(state: RoutingDomainState, agentId: string, skills: Iterable<string>): void {
  for (const skill of [ANY_SKILL, ...skills]) state.availableBySkill.get(skill)?.delete(agentId);
}

function setOf(index: Map<string, Set<string>>, skill: string): Set<string> {
  let set = index.get(skill);
  if (set === undefined) {
    set = new Set();
    index.set(skill, set);
  }
  return set;
}

/** The smallest index set among the required skills: the fewest agents to look at. */
export function narrowestSet(index: Map<string, Set<string>>, skillIds: Iterable<string>): ReadonlySet<string> {
  let best: ReadonlySet<string> | undefined;
  let any = false;
  for (const skillId of skillIds) {
    any = true;
    const set = index.get(skillId);
    if (set === undefined) return EMPTY;
    if (best === undefined || set.size < best.size) best = set;
  }
  if (!any) return index.get(ANY_SKILL) ?? EMPTY;
  return best ?? EMPTY;
}

const EMPTY: ReadonlySet<string> = new Set();
