import { type AgentProfile } from '../config/routing-config';
import { type Candidate } from '../selection/agent-selection';
import { ANY_SKILL, narrowestSet } from './agent-index';
import { profileFits, type Requirements } from './eligibility';
import { type AgentState } from './routing-events';
import { type AgentRuntime, type RoutingDomainState } from './routing-state';

/**
 * The logged-in agents who fit one set of requirements (a queue's, or a waiting interaction's after a bullseye
 * step), counted by state: the staffing figures of wait estimates and queue status, read on every arrival. Counting
 * them there meant looking at every agent with the skill (about a thousand in a large branch); here they are kept
 * up to date as agents change state, log in or out, or get new skills.
 */
export interface AgentPool {
  readonly requirements: Requirements;
  readonly byState: Record<AgentState, number>;
  /**
   * The Available ones, in the order they became available (as availableBySkill, of which this is a part): the
   * candidates for an interaction with these requirements, longest idle first, with no one to skip for not fitting.
   */
  readonly available: Map<string, Candidate>;
}

/** An agent's pools, and the one candidate object that stands for them in each (their profile as of joining). */
interface Membership {
  readonly candidate: Candidate;
  readonly pools: AgentPool[];
}

/**
 * The pools of a domain: derived data, never in a snapshot. A pool is made the first time its requirements are
 * asked about, so only the requirement sets in use are counted; a domain whose waiting interactions keep producing
 * new sets (extra skills from the IVR, relaxed levels) drops them all when there are too many and starts again.
 */
export interface AgentPools {
  byKey: Map<string, AgentPool>;
  /** Pools under their first required skill (ANY_SKILL if none): an agent can only fit those of their own skills. */
  byAnchor: Map<string, AgentPool[]>;
  /** The pools each logged-in agent is counted in. */
  ofAgent: Map<string, Membership>;
  /** Logged-in agents per skill (ANY_SKILL: all of them), so a new pool looks only at agents who may fit it. */
  loggedInBySkill: Map<string, Set<string>>;
}

/** Far more than the requirement sets of a branch's queues and their bullseye steps. */
export const MAX_AGENT_POOLS = 5_000;

export function newAgentPools(): AgentPools {
  return { byKey: new Map(), byAnchor: new Map(), ofAgent: new Map(), loggedInBySkill: new Map() };
}

/** The pool of agents fitting these requirements, made (by looking at the agents who may fit) on first use. */
export function poolFor(state: RoutingDomainState, requirements: Requirements): AgentPool {
  const pools = state.pools;
  const key = keyOf(requirements);
  const known = pools.byKey.get(key);
  if (known !== undefined) return known;
  if (pools.byKey.size >= MAX_AGENT_POOLS) forgetPools(pools);

  const pool: AgentPool = {
    // A copy: the pool outlives the object it was asked with.
    requirements: {
      ...requirements,
      requiredSkills: [...requirements.requiredSkills],
      agentGroups: [...requirements.agentGroups],
    },
    byState: { LoggedOut: 0, Available: 0, Reserved: 0, Busy: 0, WrapUp: 0, NotReady: 0 },
    available: new Map(),
  };
  const skills = requirements.requiredSkills.map((requirement) => requirement.skillId);
  for (const agentId of narrowestSet(pools.loggedInBySkill, skills)) {
    const agent = state.agents.get(agentId);
    const profile = state.config.agents[agentId];
    if (agent === undefined || profile === undefined || !profileFits(profile, requirements)) continue;
    membershipOf(pools, agent, profile).pools.push(pool);
    pool.byState[agent.state] += 1;
  }
  // Taken from the available index rather than the loop above, which goes in order of logging in.
  for (const agentId of narrowestSet(state.availableBySkill, skills)) {
    const membership = pools.ofAgent.get(agentId);
    if (membership?.pools.includes(pool)) pool.available.set(agentId, membership.candidate);
  }
  pools.byKey.set(key, pool);
  listOf(pools.byAnchor, skills[0] ?? ANY_SKILL).push(pool);
  return pool;
}

/** A logged-in agent (or one whose profile just changed) is counted in every pool they fit. */
export function joinPools(state: RoutingDomainState, agent: AgentRuntime): void {
  const pools = state.pools;
  const profile = state.config.agents[agent.agentId];
  if (profile === undefined) return;
  const skills = [ANY_SKILL, ...Object.keys(profile.skills)];
  const membership = membershipOf(pools, agent, profile);
  for (const skill of skills) {
    setOf(pools.loggedInBySkill, skill).add(agent.agentId);
    for (const pool of pools.byAnchor.get(skill) ?? []) {
      if (!profileFits(profile, pool.requirements)) continue;
      membership.pools.push(pool);
      pool.byState[agent.state] += 1;
      if (agent.state === 'Available') pool.available.set(agent.agentId, membership.candidate);
    }
  }
}

/** The agent logs out, or their profile is about to change: no longer counted anywhere. */
export function leavePools(state: RoutingDomainState, agent: AgentRuntime, profile: AgentProfile | undefined): void {
  const pools = state.pools;
  for (const pool of pools.ofAgent.get(agent.agentId)?.pools ?? []) {
    pool.byState[agent.state] -= 1;
    pool.available.delete(agent.agentId);
  }
  pools.ofAgent.delete(agent.agentId);
  for (const skill of [ANY_SKILL, ...Object.keys(profile?.skills ?? {})]) {
    pools.loggedInBySkill.get(skill)?.delete(agent.agentId);
  }
}

/** Moves the agent's count from their current state to `to`, before the state itself changes. */
export function movePoolCounts(state: RoutingDomainState, agent: AgentRuntime, to: AgentState): void {
  const membership = state.pools.ofAgent.get(agent.agentId);
  const from = agent.state;
  if (membership === undefined || from === to) return;
  for (const pool of membership.pools) {
    pool.byState[from] -= 1;
    pool.byState[to] += 1;
    if (to === 'Available') pool.available.set(agent.agentId, membership.candidate);
    else if (from === 'Available') pool.available.delete(agent.agentId);
  }
}

/** Agents who serve the pool now: logged in and not NotReady, busy or not. */
export function servingIn(pool: AgentPool): number {
  const { Available, Reserved, Busy, WrapUp } = pool.byState;
  return Available + Reserved + Busy + WrapUp;
}

function forgetPools(pools: AgentPools): void {
  pools.byKey.clear();
  pools.byAnchor.clear();
  pools.ofAgent.clear();
}

/**
 * Equal requirements give equal keys (JSON, as ids and group names are free text); skills keep their order, so the
 * same set in another order gets a pool of its own, which is harmless.
 */
function keyOf({ channel, language, agentGroups, requiredSkills }: Requirements): string {
  const skills = requiredSkills.map(({ skillId, minLevel }) => [skillId, minLevel]);
  return JSON.stringify([channel, language ?? null, agentGroups, skills]);
}

function membershipOf(pools: AgentPools, agent: AgentRuntime, profile: AgentProfile): Membership {
  let membership = pools.ofAgent.get(agent.agentId);
  if (membership === undefined) {
    membership = { candidate: { agent, profile }, pools: [] };
    pools.ofAgent.set(agent.agentId, membership);
  }
  return membership;
}

function listOf<V>(index: Map<string, V[]>, key: string): V[] {
  let list = index.get(key);
  if (list === undefined) {
    list = [];
    index.set(key, list);
  }
  return list;
}

function setOf(index: Map<string, Set<string>>, key: string): Set<string> {
  let set = index.get(key);
  if (set === undefined) {
    set = new Set();
    index.set(key, set);
  }
  return set;
}
