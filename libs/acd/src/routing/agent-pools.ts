import { type AgentProfile } from '../config/routing-config';
import { narrowestSet } from './agent-index';
import { profileFits, type Requirements } from './eligibility';
import { type AgentState } from './routing-events';
import { type AgentRuntime, ANY_SKILL, type RoutingDomainState } from './routing-state';

/**
 * The logged-in agents who fit one set of requirements (a queue's, or a waiting interaction's after a bullseye
 * step), counted by state: the staffing figures of wait estimates and queue status, read on every arrival. Counting
 * them there meant looking at every agent with the skill (about a thousand in a large branch); here they are kept
 * up to date as agents change state, log in or out, or get new skills.
 */
export interface AgentPool {
  readonly requirements: Requirements;
  readonly byState: Record<AgentState, number>;
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
  ofAgent: Map<string, AgentPool[]>;
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
    requirements: { ...requirements, requiredSkills: [...requirements.requiredSkills], agentGroups: [...requirements.agentGroups] },
    byState: { LoggedOut: 0, Available: 0, Reserved: 0, Busy: 0, WrapUp: 0, NotReady: 0 },
  };
  const skills = requirements.requiredSkills.map((requirement) => requirement.skillId);
  for (const agentId of narrowestSet(pools.loggedInBySkill, skills)) {
    const agent = state.agents.get(agentId);
    const profile = state.config.agents[agentId];
    if (agent === undefined || profile === undefined || !profileFits(profile, requirements)) continue;
    listOf(pools.ofAgent, agentId).push(pool);
    pool.byState[agent.state] += 1;
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
  const joined: AgentPool[] = [];
  for (const skill of skills) {
    setOf(pools.loggedInBySkill, skill).add(agent.agentId);
    for (const pool of pools.byAnchor.get(skill) ?? []) {
      if (!profileFits(profile, pool.requirements)) continue;
      joined.push(pool);
      pool.byState[agent.state] += 1;
    }
  }
  if (joined.length > 0) pools.ofAgent.set(agent.agentId, joined);
}

/** The agent logs out, or their profile is about to change: no longer counted anywhere. */
export function leavePools(state: RoutingDomainState, agent: AgentRuntime, profile: AgentProfile | undefined): void {
  const pools = state.pools;
  for (const pool of pools.ofAgent.get(agent.agentId) ?? []) pool.byState[agent.state] -= 1;
  pools.ofAgent.delete(agent.agentId);
  for (const skill of [ANY_SKILL, ...Object.keys(profile?.skills ?? {})]) {
    pools.loggedInBySkill.get(skill)?.delete(agent.agentId);
  }
}

/** Moves the agent's count from their current state to `to`, before the state itself changes. */
export function movePoolCounts(state: RoutingDomainState, agent: AgentRuntime, to: AgentState): void {
  const joined = state.pools.ofAgent.get(agent.agentId);
  if (joined === undefined || agent.state === to) return;
  for (const pool of joined) {
    pool.byState[agent.state] -= 1;
    pool.byState[to] += 1;
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
