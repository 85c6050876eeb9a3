import { Rng } from '@cc/discrete-event';
import {
  type AgentInput,
  DEMO_TENANT_ID,
  demoTenantEvents,
  type QueueInput,
  ROUTING_STRATEGIES,
  routingDomainId,
  type RoutingStrategy,
} from '@cc/acd';
import { morningWithPeak, type RateProfile, scaledRate, steadyRate } from './load-profile';
import { type AgentPlan, type CallerStream, type SimulationSpec } from './model';
import { type Distribution } from './distribution';
import {
  formatAgents,
  formatQueues,
  formatRunLine,
  formatTable,
  percent,
  ratio,
  REPORT_LEGEND,
  seconds,
} from './report';
import { simulate, type SimulationResult } from './simulation';
import { serviceLevel } from './statistics';
import { simpleTenantCommands, tenantEventsOf } from './tenant';

/** 09:00 in Moscow on a Monday: the engines see this as the start of the run. */
export const SIM_START = Date.UTC(2026, 10, 23, 6, 0, 0);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface ScenarioOptions {
  durationMs: number;
  seed: number;
}

export interface ScenarioVariant {
  label: string;
  result: SimulationResult;
}

export interface ScenarioOutcome {
  scenario: string;
  description: string;
  variants: ScenarioVariant[];
  /** A side-by-side table of the variants. */
  comparison?: { headers: string[]; rows: string[][] };
  /** What the run shows, in words (with the figures). */
  findings: string[];
}

export interface Scenario {
  name: string;
  description: string;
  run(options: ScenarioOptions): ScenarioOutcome;
}

const ringDelay: Distribution = { kind: 'lognormal', meanMs: 4_000, sdMs: 2_000 };

function agentPlan(domainId: string, agentId: string, more: Partial<AgentPlan> = {}): AgentPlan {
  return {
    domainId,
    agentId,
    loginAtMs: 0,
    speed: 1,
    ringDelay,
    missProbability: 0,
    recoverAfterMissMs: 20_000,
    breaks: [],
    ...more,
  };
}

// ---- demo ------------------------------------------------------------------------------------------------------

const DEMO_DOMAIN = routingDomainId(DEMO_TENANT_ID, 'msk');
const DEMO_MSK_AGENTS = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009', '1010'];

export interface DemoOptions extends ScenarioOptions {
  /** Scales every queue's arrival rate (1 = the demo's normal day). */
  loadFactor?: number;
  /** How many of the branch's ten agents log in (default all). */
  agents?: number;
}

/** The demo tenant's Moscow branch for one morning: a ramp, a +50% peak, breaks, missed offers and callbacks. */
export function demoSpec(options: DemoOptions): SimulationSpec {
  const { durationMs, seed } = options;
  const load = options.loadFactor ?? 1;
  const rng = Rng.stream(seed, 'demo/plans');
  const shape = (perHour: number): RateProfile => scaledRate(morningWithPeak(perHour, durationMs), load);
  const demand: Array<Pick<CallerStream, 'queueId' | 'rate' | 'handle'>> = [
    { queueId: 'msk-sales', rate: shape(26), handle: { kind: 'lognormal', meanMs: 240_000, sdMs: 120_000 } },
    { queueId: 'msk-support', rate: shape(32), handle: { kind: 'lognormal', meanMs: 270_000, sdMs: 150_000 } },
    { queueId: 'msk-billing', rate: shape(18), handle: { kind: 'lognormal', meanMs: 180_000, sdMs: 90_000 } },
  ];
  const callers: CallerStream[] = demand.map((stream) => ({
    ...stream,
    domainId: DEMO_DOMAIN,
    patience: { kind: 'exponential', meanMs: 150_000 },
    callbackAcceptance: 0.5,
    vipShare: 0.05,
  }));
  const loggedIn = DEMO_MSK_AGENTS.slice(0, options.agents ?? DEMO_MSK_AGENTS.length);
  const agents = loggedIn.map((agentId) =>
    agentPlan(DEMO_DOMAIN, agentId, {
      loginAtMs: Math.round(rng.between(0, Math.min(10 * MINUTE, durationMs / 10))),
      speed: rng.between(0.8, 1.25),
      missProbability: 0.03,
      breaks:
        durationMs >= HOUR
          ? [{ atMs: Math.round(rng.between(0.2, 0.8) * durationMs), durationMs: 10 * MINUTE, reasonCode: 'break' }]
          : [],
    }),
  );
  return {
    name: 'demo',
    seed,
    startAt: SIM_START,
    durationMs,
    drainLimitMs: 30 * MINUTE,
    tenantEvents: demoTenantEvents(SIM_START),
    domainIds: [DEMO_DOMAIN],
    callers,
    agents,
    messageLatencyMs: 20,
    announceEveryMs: 30_000,
  };
}

const demo: Scenario = {
  name: 'demo',
  description:
    'The demo tenant (libs/acd demoTenantCommands), Moscow branch only: sales, support and billing queues with their ' +
    'bullseye rules, 10 agents logging in over the first minutes, one break each, 3% missed offers, a morning ramp ' +
    'and a +50% peak. Overflow to Novosibirsk is sent but not simulated (counted as dropped messages).',
  run(options) {
    const result = simulate(demoSpec(options));
    const sl = serviceLevel(result.total);
    return {
      scenario: 'demo',
      description: this.description,
      variants: [{ label: 'demo', result }],
      findings: [
        `${result.total.offered} calls: ${result.total.answered} answered (SL ${percent(sl)}, ASA ${seconds(
          result.total.answered > 0 ? result.total.answerWaitSumMs / result.total.answered : null,
        )} s), ${result.total.abandoned} abandoned, ${result.total.overflowed} to the partner, ` +
          `${result.total.callbacksRequested} callbacks; average occupancy ${percent(result.occupancy.mean)}.`,
      ],
    };
  },
};

// ---- strategies ------------------------------------------------------------------------------------------------

const POOL_TENANT = 'pool';
const POOL_DOMAIN = routingDomainId(POOL_TENANT, 'hq');
/** Handle-time multipliers of the pool's agents: from 40% quicker to 50% slower than average. */
const POOL_SPEEDS = [0.6, 0.7, 0.8, 0.85, 0.9, 1, 1, 1.1, 1.2, 1.3, 1.4, 1.5];

export function strategiesSpec(
  options: ScenarioOptions & { strategy: RoutingStrategy; loadFactor?: number },
): SimulationSpec {
  const { durationMs, seed, strategy } = options;
  const queue: QueueInput = {
    queueId: 'general',
    branchId: 'hq',
    name: 'General',
    requiredSkills: [{ skillId: 'general', minLevel: 1 }],
    strategy,
    wrapUpMs: 10_000,
  };
  const agents: AgentInput[] = POOL_SPEEDS.map((_, i) => ({
    agentId: `a${String(i + 1).padStart(2, '0')}`,
    branchId: 'hq',
    name: `Agent ${i + 1}`,
    // Quicker agents are the more experienced: most-skilled favours them.
    skills: { general: Math.max(1, Math.min(10, Math.round(11 - POOL_SPEEDS[i] * 6))) },
  }));
  const tenantEvents = tenantEventsOf(
    POOL_TENANT,
    simpleTenantCommands({
      tenantId: POOL_TENANT,
      at: SIM_START,
      branches: [{ branchId: 'hq', timeZone: 'Europe/Moscow' }],
      skills: ['general'],
      queues: [queue],
      agents,
    }),
  );
  // 12 agents at 180 s talk + 10 s wrap-up + a few seconds ringing: about 72% occupancy at 160 calls per hour.
  const perHour = 160 * (options.loadFactor ?? 1);
  return {
    name: `strategies/${strategy}`,
    seed,
    startAt: SIM_START,
    durationMs,
    drainLimitMs: 30 * MINUTE,
    tenantEvents,
    domainIds: [POOL_DOMAIN],
    callers: [
      {
        domainId: POOL_DOMAIN,
        queueId: 'general',
        rate: steadyRate(perHour),
        handle: { kind: 'exponential', meanMs: 180_000 },
        patience: { kind: 'exponential', meanMs: 300_000 },
        callbackAcceptance: 0,
      },
    ],
    agents: agents.map((agent, i) =>
      agentPlan(POOL_DOMAIN, agent.agentId, {
        speed: POOL_SPEEDS[i],
        ringDelay: { kind: 'uniform', minMs: 1_000, maxMs: 3_000 },
      }),
    ),
    messageLatencyMs: 20,
    announceEveryMs: 0,
  };
}

const strategies: Scenario = {
  name: 'strategies',
  description:
    'One queue, 12 agents whose handle times differ from 0.6x to 1.5x the average, ~72% load; the same callers ' +
    '(same seed) routed under each strategy. Compare how evenly the work spreads (occupancy max-min and stddev).',
  run(options) {
    const variants = ROUTING_STRATEGIES.map((strategy) => ({
      label: strategy,
      result: simulate(strategiesSpec({ ...options, strategy })),
    }));
    const rows = variants.map(({ label, result }) => [
      label,
      percent(serviceLevel(result.total)),
      seconds(result.total.answered > 0 ? result.total.answerWaitSumMs / result.total.answered : null),
      String(result.total.abandoned),
      percent(result.occupancy.mean),
      percent(result.occupancy.min),
      percent(result.occupancy.max),
      percent(result.occupancy.range),
      percent(result.occupancy.stddev),
    ]);
    const byLabel = new Map(variants.map((variant) => [variant.label, variant.result]));
    const leastOccupied = byLabel.get('least-occupied')!.occupancy;
    const longestIdle = byLabel.get('longest-idle')!.occupancy;
    return {
      scenario: 'strategies',
      description: this.description,
      variants,
      comparison: {
        headers: ['strategy', 'SL', 'ASA s', 'abandoned', 'occ avg', 'occ min', 'occ max', 'max-min', 'stddev'],
        rows,
      },
      findings: [
        `least-occupied spreads occupancy over ${percent(leastOccupied.range)} (stddev ${percent(leastOccupied.stddev)}) against ` +
          `${percent(longestIdle.range)} (stddev ${percent(longestIdle.stddev)}) for longest-idle: ` +
          (leastOccupied.stddev < longestIdle.stddev ? 'better balanced.' : 'NOT better balanced.'),
      ],
    };
  },
};

// ---- overflow between branches ---------------------------------------------------------------------------------

const OVERFLOW_TENANT = 'acme';
const MSK = routingDomainId(OVERFLOW_TENANT, 'msk');
const NSK = routingDomainId(OVERFLOW_TENANT, 'nsk');

export function overflowSpec(options: ScenarioOptions & { addBranches: boolean; afterMs?: number }): SimulationSpec {
  const { durationMs, seed, addBranches } = options;
  const queues: QueueInput[] = [
    {
      queueId: 'msk-support',
      branchId: 'msk',
      name: 'Moscow support',
      requiredSkills: [{ skillId: 'support', minLevel: 1 }],
      wrapUpMs: 10_000,
      expansion: addBranches
        ? [{ afterMs: options.afterMs ?? 10_000, action: { kind: 'branches', branchIds: ['nsk'] } }]
        : [],
    },
    {
      queueId: 'nsk-support',
      branchId: 'nsk',
      name: 'Novosibirsk support',
      requiredSkills: [{ skillId: 'support', minLevel: 1 }],
      wrapUpMs: 10_000,
    },
  ];
  const mskAgents = Array.from({ length: 6 }, (_, i) => `m${i + 1}`);
  const nskAgents = Array.from({ length: 10 }, (_, i) => `n${i + 1}`);
  const agents: AgentInput[] = [
    ...mskAgents.map((agentId) => ({ agentId, branchId: 'msk', name: agentId, skills: { support: 5 } })),
    ...nskAgents.map((agentId) => ({ agentId, branchId: 'nsk', name: agentId, skills: { support: 5 } })),
  ];
  const tenantEvents = tenantEventsOf(
    OVERFLOW_TENANT,
    simpleTenantCommands({
      tenantId: OVERFLOW_TENANT,
      at: SIM_START,
      branches: [
        { branchId: 'msk', timeZone: 'Europe/Moscow' },
        { branchId: 'nsk', timeZone: 'Asia/Novosibirsk' },
      ],
      skills: ['support'],
      queues,
      agents,
    }),
  );
  const stream = (domainId: string, queueId: string, perHour: number): CallerStream => ({
    domainId,
    queueId,
    rate: steadyRate(perHour),
    handle: { kind: 'exponential', meanMs: 180_000 },
    patience: { kind: 'exponential', meanMs: 120_000 },
    callbackAcceptance: 0,
  });
  return {
    name: `overflow/${addBranches ? 'add-branches' : 'local-only'}`,
    seed,
    startAt: SIM_START,
    durationMs,
    drainLimitMs: 30 * MINUTE,
    tenantEvents,
    domainIds: [MSK, NSK],
    // msk: 6 agents for ~150% of their capacity; nsk: 10 agents at ~35%.
    callers: [stream(MSK, 'msk-support', 170), stream(NSK, 'nsk-support', 65)],
    agents: [
      ...mskAgents.map((agentId) => agentPlan(MSK, agentId, { missProbability: 0.02 })),
      ...nskAgents.map((agentId) => agentPlan(NSK, agentId, { missProbability: 0.02 })),
    ],
    messageLatencyMs: 25,
    announceEveryMs: 30_000,
  };
}

const overflow: Scenario = {
  name: 'overflow',
  description:
    'Two branches of one tenant, each its own routing engine, joined by a message bus (25 ms) that carries the ' +
    'domain messages (overflow offers, claims, decisions, outcomes, completions). Moscow: 6 agents for ~150% load; ' +
    'Novosibirsk: 10 agents at ~35%. Same callers with and without a bullseye step adding Novosibirsk after 10 s.',
  run(options) {
    const variants = [false, true].map((addBranches) => ({
      label: addBranches ? 'add-branches' : 'local-only',
      result: simulate(overflowSpec({ ...options, addBranches })),
    }));
    const rows: string[][] = [];
    for (const { label, result } of variants) {
      for (const queue of result.queues) {
        const c = queue.counters;
        rows.push([
          `${label} ${queue.queueId}`,
          String(c.offered),
          String(c.answered),
          String(c.answeredRemotely),
          String(c.abandoned),
          percent(serviceLevel(c)),
          seconds(c.answered > 0 ? c.answerWaitSumMs / c.answered : null),
        ]);
      }
    }
    const msk = (label: string) =>
      variants.find((v) => v.label === label)!.result.queues.find((q) => q.queueId === 'msk-support')!.counters;
    const nsk = (label: string) =>
      variants.find((v) => v.label === label)!.result.queues.find((q) => q.queueId === 'nsk-support')!.counters;
    return {
      scenario: 'overflow',
      description: this.description,
      variants,
      comparison: { headers: ['variant / queue', 'offered', 'answered', 'by nsk', 'abandoned', 'SL', 'ASA s'], rows },
      findings: [
        `msk-support SL ${percent(serviceLevel(msk('local-only')))} local-only -> ${percent(serviceLevel(msk('add-branches')))} with add-branches ` +
          `(${msk('add-branches').answeredRemotely} calls answered in nsk; abandons ${msk('local-only').abandoned} -> ${msk('add-branches').abandoned}); ` +
          `nsk-support SL ${percent(serviceLevel(nsk('local-only')))} -> ${percent(serviceLevel(nsk('add-branches')))}.`,
      ],
    };
  },
};

// ---- estimated wait --------------------------------------------------------------------------------------------

const EWT_TENANT = 'ewt';
const EWT_DOMAIN = routingDomainId(EWT_TENANT, 'hq');

export function ewtSpec(options: ScenarioOptions & { load: 'steady' | 'time-varying' }): SimulationSpec {
  const { durationMs, seed } = options;
  const agents: AgentInput[] = Array.from({ length: 15 }, (_, i) => ({
    agentId: `e${String(i + 1).padStart(2, '0')}`,
    branchId: 'hq',
    name: `Agent ${i + 1}`,
    skills: { general: 5 },
  }));
  const tenantEvents = tenantEventsOf(
    EWT_TENANT,
    simpleTenantCommands({
      tenantId: EWT_TENANT,
      at: SIM_START,
      branches: [{ branchId: 'hq', timeZone: 'Europe/Moscow' }],
      skills: ['general'],
      queues: [
        {
          queueId: 'general',
          branchId: 'hq',
          name: 'General',
          requiredSkills: [{ skillId: 'general', minLevel: 1 }],
          wrapUpMs: 10_000,
        },
      ],
      agents,
    }),
  );
  // 15 agents at 180 s + 10 s wrap-up serve ~280 calls an hour; steady runs at ~96%, the varying day peaks at ~120%.
  const rate = options.load === 'steady' ? steadyRate(270) : morningWithPeak(220, durationMs);
  return {
    name: `ewt/${options.load}`,
    seed,
    startAt: SIM_START,
    durationMs,
    drainLimitMs: 30 * MINUTE,
    tenantEvents,
    domainIds: [EWT_DOMAIN],
    callers: [
      {
        domainId: EWT_DOMAIN,
        queueId: 'general',
        rate,
        handle: { kind: 'exponential', meanMs: 180_000 },
        patience: { kind: 'exponential', meanMs: 300_000 },
        callbackAcceptance: 0,
      },
    ],
    agents: agents.map((agent) =>
      agentPlan(EWT_DOMAIN, agent.agentId, { ringDelay: { kind: 'uniform', minMs: 1_000, maxMs: 3_000 } }),
    ),
    messageLatencyMs: 20,
    announceEveryMs: 30_000,
  };
}

const ewt: Scenario = {
  name: 'ewt',
  description:
    'One queue, 15 agents, heavy load: steady (~96%) and a time-varying day (ramp, +50% peak above capacity). ' +
    "Each predictor's estimate at arrival is scored against the realised wait of answered callers (RASE, lower is " +
    'better), with the honest announcement and the predictor the queue chose.',
  run(options) {
    const variants = (['steady', 'time-varying'] as const).map((load) => ({
      label: load,
      result: simulate(ewtSpec({ ...options, load })),
    }));
    const rows = variants.map(({ label, result }) => {
      const queue = result.queues.find((q) => q.queueId === 'general')!;
      const c = queue.counters;
      return [
        label,
        String(c.answered),
        seconds(c.answered > 0 ? c.answerWaitSumMs / c.answered : null),
        ratio(c.accuracy['queue-length'].rase),
        ratio(c.accuracy['head-of-line'].rase),
        ratio(c.accuracy['last-to-enter-service'].rase),
        ratio(c.accuracy.announced.rase),
        queue.chosenPredictor ?? '-',
        String(c.reannouncements),
        String(c.repeatedTotals),
      ];
    });
    const findings = variants.map(({ label, result }) => {
      const c = result.queues.find((q) => q.queueId === 'general')!.counters;
      const best = (['queue-length', 'head-of-line', 'last-to-enter-service'] as const)
        .map((name) => ({ name, rase: c.accuracy[name].rase }))
        .filter((entry): entry is { name: (typeof entry)['name']; rase: number } => entry.rase !== null)
        .sort((a, b) => a.rase - b.rase)[0];
      return `${label}: most accurate at arrival ${best?.name ?? '-'} (RASE ${ratio(best?.rase)}); ${c.reannouncements} re-announcements, ${c.repeatedTotals} repeated totals.`;
    });
    return {
      scenario: 'ewt',
      description: this.description,
      variants,
      comparison: {
        headers: ['load', 'answered', 'ASA s', 'RASE QL', 'HOL', 'LES', 'told', 'chosen', 're-announced', 'repeats'],
        rows,
      },
      findings,
    };
  },
};

export const SCENARIOS: Readonly<Record<string, Scenario>> = { demo, strategies, overflow, ewt };

export function formatOutcome(outcome: ScenarioOutcome, details = true): string {
  const parts = [`== scenario ${outcome.scenario} ==`, outcome.description, ''];
  for (const { label, result } of outcome.variants) {
    parts.push(`-- ${label} --`, formatRunLine(result), '', formatQueues(result), '');
    if (details) parts.push(formatAgents(result), '');
  }
  if (outcome.comparison !== undefined)
    parts.push('-- comparison --', formatTable(outcome.comparison.headers, outcome.comparison.rows), '');
  parts.push(...outcome.findings.map((finding) => `* ${finding}`), '', REPORT_LEGEND);
  return parts.join('\n');
}
