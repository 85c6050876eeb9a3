/**
 * The demo tenant (see the README): the one contact centre that `npm start` seeds on an empty data folder and that
 * the tests, benchmarks and new users meet. Everything about it lives here.
 */
import type { AgentInput, ConfigCommand, QueueInput } from './config-commands';
import { decideConfigSequence } from './config-decider';
import { type ConfigEvent, emptyTenantConfig } from './config-events';
import { type Channel, type EpochMs, MISSED_OFFER_REASON, type TenantConfig } from './routing-config';

export const DEMO_TENANT_ID = 'demo';
export const DEMO_PARTNER_ID = 'partner';
export const DEMO_IVR_DID = '+74950000000';

/** Where a dialled number (E.164) of the demo goes. */
export type DemoDidRoute = { kind: 'queue'; queueId: string } | { kind: 'ivr' };

export const DEMO_DIDS: Readonly<Record<string, DemoDidRoute>> = {
  '+74950000001': { kind: 'queue', queueId: 'msk-sales' },
  '+74950000002': { kind: 'queue', queueId: 'msk-support' },
  '+73830000001': { kind: 'queue', queueId: 'nsk-support' },
  [DEMO_IVR_DID]: { kind: 'ivr' },
};

/** The SIP digest password of a demo agent (user = agent number): "demo-<number>". For the demo only. */
export function demoAgentPassword(agentId: string): string {
  return `demo-${agentId}`;
}

const ACTOR = 'seed';

type BranchId = 'msk' | 'nsk';

const BRANCHES: ReadonlyArray<{ branchId: BranchId; name: string; timeZone: string; other: BranchId }> = [
  { branchId: 'msk', name: 'Moscow', timeZone: 'Europe/Moscow', other: 'nsk' },
  { branchId: 'nsk', name: 'Novosibirsk', timeZone: 'Asia/Novosibirsk', other: 'msk' },
];

/** Service level 80% in 20 s, short abandon 5 s, wrap-up 15 s on every demo queue. */
const QUEUE_TIMES = {
  serviceLevel: { thresholdMs: 20_000, targetPercent: 80 },
  shortAbandonMs: 5_000,
  wrapUpMs: 15_000,
  ringTimeoutMs: 15_000,
} as const;

/** A realistic bullseye per queue. Support comes before billing, whose overflow names it. */
function branchQueues(branchId: BranchId, branchName: string, other: BranchId): QueueInput[] {
  return [
    {
      queueId: `${branchId}-sales`,
      branchId,
      name: `${branchName} sales`,
      requiredSkills: [{ skillId: 'sales', minLevel: 3 }],
      strategy: 'most-skilled',
      priority: 70,
      vipPriorityBoost: 30,
      ...QUEUE_TIMES,
      expansion: [
        { afterMs: 30_000, action: { kind: 'relax-skill-levels', minLevel: 1 } },
        { afterMs: 60_000, action: { kind: 'branches', branchIds: [other] } },
      ],
      whenNoAgentLoggedIn: { kind: 'branches', branchIds: [other] },
      whenEstimatedWaitAbove: { thresholdMs: 600_000, action: { kind: 'callback' } },
    },
    {
      queueId: `${branchId}-support`,
      branchId,
      name: `${branchName} support`,
      requiredSkills: [{ skillId: 'support', minLevel: 4 }],
      strategy: 'longest-idle',
      priority: 60,
      ...QUEUE_TIMES,
      stickyAgentWaitMs: 20_000,
      expansion: [
        { afterMs: 30_000, action: { kind: 'relax-skill-levels', minLevel: 1 } },
        { afterMs: 60_000, action: { kind: 'branches', branchIds: [other] } },
        { afterMs: 180_000, action: { kind: 'partner', partnerId: DEMO_PARTNER_ID } },
      ],
      whenNoAgentLoggedIn: { kind: 'partner', partnerId: DEMO_PARTNER_ID },
    },
    {
      queueId: `${branchId}-billing`,
      branchId,
      name: `${branchName} billing`,
      requiredSkills: [{ skillId: 'billing', minLevel: 3 }],
      strategy: 'least-occupied',
      priority: 40,
      ...QUEUE_TIMES,
      expansion: [
        { afterMs: 60_000, action: { kind: 'relax-skill-levels', minLevel: 1 } },
        { afterMs: 120_000, action: { kind: 'callback' } },
      ],
      // With no billing agent logged in, the branch's support team takes billing calls.
      whenNoAgentLoggedIn: { kind: 'queue', queueId: `${branchId}-support` },
    },
  ];
}

type DemoAgentRow = [
  agentId: string,
  name: string,
  skills: Record<string, number>,
  languages: string[],
  groups: string[],
  capacity?: Partial<Record<Channel, number>>,
];

const MSK_AGENTS: readonly DemoAgentRow[] = [
  ['1001', 'Anna Ivanova', { sales: 8, support: 3 }, ['ru', 'en'], ['team-a']],
  ['1002', 'Boris Petrov', { sales: 6 }, ['ru'], ['team-a']],
  ['1003', 'Vera Smirnova', { sales: 4, billing: 5 }, ['ru'], ['team-a']],
  ['1004', 'Gleb Kuznetsov', { support: 9 }, ['ru', 'en'], ['team-b']],
  ['1005', 'Daria Popova', { support: 7, billing: 4 }, ['ru'], ['team-b']],
  ['1006', 'Egor Sokolov', { support: 5 }, ['ru'], ['team-b']],
  ['1007', 'Zhanna Lebedeva', { support: 3, sales: 2 }, ['ru'], ['team-b']],
  ['1008', 'Ivan Kozlov', { billing: 8 }, ['ru', 'en'], ['team-a']],
  ['1009', 'Kira Novikova', { billing: 6, support: 4 }, ['ru'], ['team-b'], { voice: 1, chat: 2 }],
  ['1010', 'Lev Morozov', { sales: 5, support: 5, billing: 5 }, ['ru', 'en'], ['team-a', 'team-b']],
];

const NSK_AGENTS: readonly DemoAgentRow[] = [
  ['2001', 'Maria Volkova', { sales: 7 }, ['ru'], ['team-a']],
  ['2002', 'Nikita Solovyov', { sales: 5, support: 4 }, ['ru', 'en'], ['team-a']],
  ['2003', 'Olga Vasilyeva', { support: 8 }, ['ru'], ['team-b']],
  ['2004', 'Pavel Zaitsev', { support: 6, billing: 3 }, ['ru'], ['team-b']],
  ['2005', 'Raisa Pavlova', { support: 4 }, ['ru', 'en'], ['team-b']],
  ['2006', 'Sergei Semenov', { billing: 7 }, ['ru'], ['team-a']],
  ['2007', 'Tatiana Golubeva', { billing: 5, sales: 3 }, ['ru'], ['team-a']],
  ['2008', 'Ulyana Vinogradova', { support: 2, billing: 2 }, ['ru'], ['team-b']],
  ['2009', 'Fedor Bogdanov', { sales: 9, billing: 4 }, ['ru', 'en'], ['team-a']],
  ['2010', 'Yulia Vorobyova', { support: 7, sales: 3 }, ['ru'], ['team-b'], { voice: 1, chat: 3 }],
];

function demoAgent(branchId: BranchId, [agentId, name, skills, languages, groups, capacity]: DemoAgentRow): AgentInput {
  return { agentId, branchId, name, skills, languages, groups, capacity: capacity ?? { voice: 1 } };
}

/** The agent numbers of the demo: 1001-1010 in msk, 2001-2010 in nsk. */
export const DEMO_AGENT_IDS: readonly string[] = [...MSK_AGENTS, ...NSK_AGENTS].map(([agentId]) => agentId);

/** The commands that define the demo tenant, in an order the decider accepts (actor "seed"). */
export function demoTenantCommands(at: EpochMs): ConfigCommand[] {
  const base = { tenantId: DEMO_TENANT_ID, at, actor: ACTOR };
  return [
    { ...base, type: 'DefineTenant', name: 'Demo Retail', currency: 'RUB' },
    ...BRANCHES.map(({ branchId, name, timeZone }): ConfigCommand => ({
      ...base,
      type: 'DefineBranch',
      branch: { branchId, name, timeZone },
    })),
    ...[
      { skillId: 'sales', name: 'Sales' },
      { skillId: 'support', name: 'Technical support' },
      { skillId: 'billing', name: 'Billing' },
    ].map((skill): ConfigCommand => ({ ...base, type: 'DefineSkill', skill })),
    {
      ...base,
      type: 'DefinePartner',
      partner: {
        partnerId: DEMO_PARTNER_ID,
        name: 'Partner contact centre',
        trunkUri: 'sip:overflow@partner.demo.invalid',
      },
    },
    ...[
      { code: 'break', name: 'Break' },
      { code: 'lunch', name: 'Lunch' },
      { code: 'training', name: 'Training' },
      { code: MISSED_OFFER_REASON, name: 'Missed offer' },
      { code: 'meeting', name: 'Meeting' },
    ].map((reason): ConfigCommand => ({ ...base, type: 'DefineNotReadyReason', reason })),
    ...BRANCHES.flatMap(({ branchId, name, other }) =>
      branchQueues(branchId, name, other).map((queue): ConfigCommand => ({ ...base, type: 'DefineQueue', queue })),
    ),
    ...MSK_AGENTS.map((row): ConfigCommand => ({ ...base, type: 'DefineAgent', agent: demoAgent('msk', row) })),
    ...NSK_AGENTS.map((row): ConfigCommand => ({ ...base, type: 'DefineAgent', agent: demoAgent('nsk', row) })),
  ];
}

/** The events the demo commands decide, one per command, versions 1..n. Throws if the seed no longer validates. */
export function demoTenantEvents(at: EpochMs): ConfigEvent[] {
  return seeded(at).events;
}

/** The demo tenant's configuration as the seed leaves it (a fresh object each call). */
export function demoTenantConfig(at: EpochMs): TenantConfig {
  return seeded(at).config;
}

function seeded(at: EpochMs): { events: ConfigEvent[]; config: TenantConfig } {
  const decision = decideConfigSequence(demoTenantCommands(at), emptyTenantConfig(DEMO_TENANT_ID));
  if (!decision.ok) {
    throw new Error(
      `The demo seed is invalid at ${decision.command.type}: ${decision.error.message} (${decision.error.field ?? '-'})`,
    );
  }
  return decision;
}
