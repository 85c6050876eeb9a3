import { type AgentProfile, type EpochMs, type RoutingStrategy, type SkillRequirement } from '../config/routing-config';
import { skillScore } from '../routing/eligibility';
import { type AgentRuntime } from '../routing/routing-state';
import { localDayOf } from './local-day';
import { occupancyOf } from './occupancy';

export interface SelectionContext {
  strategy: RoutingStrategy;
  requiredSkills: SkillRequirement[];
  now: EpochMs;
  timeZone: string;
  /** Round robin: who got the previous interaction of the queue. */
  lastAssignedAgentId?: string;
}

export interface Candidate {
  agent: AgentRuntime;
  profile: AgentProfile;
}

/**
 * Picks one agent among candidates that all fit, visited in the order they became available (longest idle
 * first), so every strategy breaks its ties towards the longest idle agent.
 */
export function selectAgent(candidates: Iterable<Candidate>, context: SelectionContext): Candidate | undefined {
  switch (context.strategy) {
    case 'longest-idle':
      for (const candidate of candidates) return candidate;
      return undefined;
    case 'most-skilled':
      return best(candidates, (c) => -skillScore(c.profile, context.requiredSkills));
    case 'least-occupied':
      return best(candidates, (c) => occupancyOf(c.agent, context.now));
    case 'fewest-calls-today': {
      const today = localDayOf(context.now, context.timeZone);
      return best(candidates, (c) => (c.agent.handledToday.day === today ? c.agent.handledToday.count : 0));
    }
    case 'round-robin':
      return nextInTurn(candidates, context.lastAssignedAgentId);
    default: {
      const unknown: never = context.strategy;
      throw new Error(`unknown routing strategy ${String(unknown)}`);
    }
  }
}

/** The candidate with the lowest cost; the first seen wins ties. */
function best(candidates: Iterable<Candidate>, cost: (candidate: Candidate) => number): Candidate | undefined {
  let chosen: Candidate | undefined;
  let lowest = Infinity;
  for (const candidate of candidates) {
    const value = cost(candidate);
    if (value < lowest) {
      lowest = value;
      chosen = candidate;
    }
  }
  return chosen;
}

/** Agents in turn by id: the first after the previous one, wrapping around to the lowest. */
function nextInTurn(candidates: Iterable<Candidate>, previous: string | undefined): Candidate | undefined {
  let after: Candidate | undefined;
  let lowest: Candidate | undefined;
  for (const candidate of candidates) {
    const id = candidate.agent.agentId;
    if (lowest === undefined || compareIds(id, lowest.agent.agentId) < 0) lowest = candidate;
    if (previous !== undefined && compareIds(id, previous) > 0) {
      if (after === undefined || compareIds(id, after.agent.agentId) < 0) after = candidate;
    }
  }
  return after ?? lowest;
}

/** Numeric ids ("1001", "1002", "1010") in numeric order, others by text. */
const compareIds = new Intl.Collator('en', { numeric: true }).compare;
