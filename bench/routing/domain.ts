import {
  type AgentInput,
  type ConfigCommand,
  type ConfigEvent,
  decideConfigSequence,
  emptyTenantConfig,
  type QueueInput,
  ROUTING_STRATEGIES,
  type RoutingStrategy,
} from '@cc/acd';
import { Rng } from '@cc/discrete-event';

export const BENCH_TENANT = 'bench';
export const BENCH_BRANCH = 'hq';

export interface DomainShape {
  agents: number;
  queues: number;
  skills: number;
  /** Skills per agent, inclusive range. */
  agentSkills: [number, number];
  /** Skills a queue requires, inclusive range. */
  queueSkills: [number, number];
}

export const DEFAULT_SHAPE: DomainShape = {
  agents: 10_000,
  queues: 500,
  skills: 50,
  agentSkills: [3, 6],
  queueSkills: [1, 2],
};

/** Strategies of the benchmark's queues: mostly longest idle, every other strategy present. */
const STRATEGY_MIX: ReadonlyArray<[RoutingStrategy, number]> = [
  ['longest-idle', 0.5],
  ['most-skilled', 0.15],
  ['least-occupied', 0.15],
  ['round-robin', 0.1],
  ['fewest-calls-today', 0.1],
];

export interface BenchDomain {
  configEvents: ConfigEvent[];
  agentIds: string[];
  queueIds: string[];
  /** Share of the arrivals each queue gets (sums to 1), in queueIds order. */
  arrivalShare: number[];
  /** Agents who fit at least one queue (the others never get work). */
  usefulAgents: number;
  /** Average number of agents who fit a queue. */
  meanEligiblePerQueue: number;
  wrapUpMs: number;
}

/**
 * A tenant with one large branch: skills s01.., agents with 3-6 skills at levels 1-10, queues requiring 1-2 skills
 * at low minimum levels (each queue built from a real agent's skills, so someone can serve it). Each queue's share of
 * the arrivals follows its share of the agents' capacity (every agent split evenly over the queues they fit), so the
 * load is balanced and no queue grows without bound.
 */
export function benchDomain(shape: DomainShape, seed: number, at: number, wrapUpMs: number): BenchDomain {
  const random = new Rng(seed);
  const skillIds = Array.from({ length: shape.skills }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
  const agents: AgentInput[] = [];
  for (let i = 0; i < shape.agents; i++) {
    const count = random.integer(shape.agentSkills[0], shape.agentSkills[1]);
    const skills: Record<string, number> = {};
    for (const skillId of random.sampleOf(skillIds, count)) skills[skillId] = random.integer(1, 10);
    agents.push({
      agentId: `a${String(i + 1).padStart(5, '0')}`,
      branchId: BENCH_BRANCH,
      name: `Agent ${i + 1}`,
      skills,
      languages: ['ru'],
    });
  }
  const queues: QueueInput[] = [];
  for (let i = 0; i < shape.queues; i++) {
    const template = random.pick(agents);
    const own = Object.keys(template.skills);
    const count = Math.min(own.length, random.integer(shape.queueSkills[0], shape.queueSkills[1]));
    const requiredSkills = random
      .sampleOf(own, count)
      .map((skillId) => ({ skillId, minLevel: random.integer(1, Math.min(3, template.skills[skillId])) }));
    queues.push({
      queueId: `q${String(i + 1).padStart(3, '0')}`,
      branchId: BENCH_BRANCH,
      name: `Queue ${i + 1}`,
      requiredSkills,
      strategy: strategyFor(random.uniform()),
      priority: random.integer(30, 70),
      wrapUpMs,
      ringTimeoutMs: 15_000,
    });
  }

  // Fluid balance: agent a fits n_a queues and gives each 1/n_a of its time; a queue's capacity is the sum.
  const agentsWithSkill = new Map<string, number[]>(skillIds.map((skillId) => [skillId, []]));
  agents.forEach((agent, a) => Object.keys(agent.skills).forEach((skillId) => agentsWithSkill.get(skillId)!.push(a)));
  const fitting = queues.map((queue) =>
    agentsWithSkill
      .get(queue.requiredSkills[0].skillId)!
      .filter((a) =>
        queue.requiredSkills.every(({ skillId, minLevel }) => (agents[a].skills[skillId] ?? 0) >= minLevel),
      ),
  );
  const queuesPerAgent = new Array<number>(agents.length).fill(0);
  for (const list of fitting) for (const a of list) queuesPerAgent[a]++;
  const capacity = fitting.map((list) => list.reduce((sum, a) => sum + 1 / queuesPerAgent[a], 0));
  const totalCapacity = capacity.reduce((sum, value) => sum + value, 0);
  const eligible = fitting.map((list) => list.length);

  const base = { tenantId: BENCH_TENANT, at, actor: 'bench' };
  const commands: ConfigCommand[] = [
    { ...base, type: 'DefineTenant', name: 'Routing benchmark', currency: 'RUB' },
    {
      ...base,
      type: 'DefineBranch',
      branch: { branchId: BENCH_BRANCH, name: 'Headquarters', timeZone: 'Europe/Moscow' },
    },
    ...skillIds.map((skillId): ConfigCommand => ({ ...base, type: 'DefineSkill', skill: { skillId, name: skillId } })),
    ...['break', 'missed-offer'].map((code): ConfigCommand => ({
      ...base,
      type: 'DefineNotReadyReason',
      reason: { code, name: code },
    })),
    ...queues.map((queue): ConfigCommand => ({ ...base, type: 'DefineQueue', queue })),
    ...agents.map((agent): ConfigCommand => ({ ...base, type: 'DefineAgent', agent })),
  ];
  const decision = decideConfigSequence(commands, emptyTenantConfig(BENCH_TENANT));
  if (!decision.ok)
    throw new Error(`benchmark configuration refused at ${decision.command.type}: ${decision.error.message}`);
  const configEvents = decision.events;
  return {
    configEvents,
    agentIds: agents.map((agent) => agent.agentId),
    queueIds: queues.map((queue) => queue.queueId),
    arrivalShare: capacity.map((value) => value / totalCapacity),
    usefulAgents: queuesPerAgent.filter((n) => n > 0).length,
    meanEligiblePerQueue: eligible.reduce((sum, n) => sum + n, 0) / eligible.length,
    wrapUpMs,
  };
}

function strategyFor(u: number): RoutingStrategy {
  let cumulative = 0;
  for (const [strategy, share] of STRATEGY_MIX) {
    cumulative += share;
    if (u < cumulative) return strategy;
  }
  return ROUTING_STRATEGIES[0];
}
