import { decideConfigSequence } from '../config/config-decider';
import { type AgentState } from './routing-events';
import { type AgentPool, MAX_AGENT_POOLS, poolFor } from './agent-pools';
import { type Requirements, profileFits } from './eligibility';
import { queueRequirements } from './dispatch';
import { queueStatus } from './queries';
import { type RoutingCommand } from './routing-commands';
import { type RoutingEngine } from './routing-engine';
import { type RoutingDomainState } from './routing-state';
import { agent, cmd, engineWith, expectOk, queue, TENANT, tenantEvents, T0 } from './routing-spec-kit';
import { fromSnapshot, toSnapshot } from './snapshot';
import { servingAgents } from './waiting-position';

const config = tenantEvents(
  [
    queue('msk-sales', 'sales', { requiredSkills: [{ skillId: 'sales', minLevel: 4 }] }),
    queue('msk-support', 'support', { language: 'en' }),
    queue('msk-billing', 'billing', { agentGroups: ['finance'], strategy: 'most-skilled' }),
    queue('msk-any', 'sales', { requiredSkills: [] }),
  ],
  ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008'].map((id, i) =>
    agent(id, i % 3 === 0 ? { sales: 2 + i, billing: 3 } : { sales: 9 - i, support: 1 + i }, {
      languages: i % 2 === 0 ? ['ru'] : ['ru', 'en'],
      groups: i % 4 === 0 ? ['finance'] : [],
    }),
  ),
);
const QUEUES = ['msk-sales', 'msk-support', 'msk-billing', 'msk-any'];
const AGENTS = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008'];

/** What a pool must say, counted the slow way: every logged-in agent who fits. */
function countedByHand(state: RoutingDomainState, requirements: Requirements) {
  const byState: Record<AgentState, number> = {
    LoggedOut: 0,
    Available: 0,
    Reserved: 0,
    Busy: 0,
    WrapUp: 0,
    NotReady: 0,
  };
  const available: string[] = [];
  for (const runtime of state.agents.values()) {
    const profile = state.config.agents[runtime.agentId];
    if (profile !== undefined && profileFits(profile, requirements)) byState[runtime.state] += 1;
  }
  // The order agents became available is the order of the domain's available index.
  for (const agentId of state.availableBySkill.get('*') ?? []) {
    const profile = state.config.agents[agentId];
    if (profile !== undefined && profileFits(profile, requirements)) available.push(agentId);
  }
  return { byState, available };
}

function poolFigures(pool: AgentPool) {
  return { byState: { ...pool.byState }, available: [...pool.available.keys()] };
}

/** The requirement sets the engine asks about: each queue's, and each queue's at any level (queue status). */
function requirementSets(state: RoutingDomainState): Requirements[] {
  return QUEUES.flatMap((queueId) => {
    const requirements = queueRequirements(state.queues.get(queueId)!);
    const anyLevel = requirements.requiredSkills.map(({ skillId }) => ({ skillId, minLevel: 1 }));
    return [requirements, { ...requirements, requiredSkills: anyLevel }];
  });
}

/** A seeded mix of commands that move agents between every state and change their skills. */
function day(engine: RoutingEngine, seed: number, count: number, check: () => void): void {
  let x = seed;
  const random = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  let t = 1;
  for (let i = 0; i < count; i++) {
    t += Math.floor(random() * 4);
    const r = random();
    const state = engine.state;
    const reserved = [...state.agents.values()].filter((a) => a.state === 'Reserved');
    const connected = [...state.interactions].filter(([, it]) => it.status === 'connected').map(([id]) => id);
    let command: RoutingCommand;
    if (r < 0.12) command = cmd.login(pick(AGENTS), t, random() < 0.3 ? 'NotReady' : undefined);
    else if (r < 0.18) command = cmd.logout(pick(AGENTS), t);
    else if (r < 0.4) command = cmd.call(`c${i}`, pick(QUEUES), t);
    else if (r < 0.55 && reserved.length > 0) {
      const ringing = pick(reserved);
      command = cmd.accept(ringing.interactionId!, ringing.agentId, t);
    } else if (r < 0.65 && connected.length > 0) command = cmd.complete(pick(connected), t);
    else if (r < 0.72) command = cmd.notReady(pick(AGENTS), 'break', t);
    else if (r < 0.8) command = cmd.ready(pick(AGENTS), t);
    else if (r < 0.86) {
      const change = decideConfigSequence(
        [
          {
            type: 'ChangeAgentSkills',
            tenantId: TENANT,
            at: T0 + t * 1000,
            actor: 'spec',
            agentId: pick(AGENTS),
            skills: random() < 0.5 ? { sales: 1 + Math.floor(random() * 10) } : { support: 3, billing: 5 },
          },
        ],
        structuredClone(state.config),
      );
      if (!change.ok) throw new Error(change.error.message);
      // The same skills again change nothing.
      command = change.events.length > 0 ? cmd.config(change.events[0]) : cmd.tick(t);
    } else command = cmd.tick(t);
    engine.execute(command);
    check();
  }
}

describe('agent pools', () => {
  it('count the logged-in agents who fit a queue by state, through calls, breaks, skill changes and log-outs', () => {
    const engine = engineWith(config);
    let checks = 0;
    day(engine, 5, 600, () => {
      for (const requirements of requirementSets(engine.state)) {
        expect(poolFigures(poolFor(engine.state, requirements))).toEqual(countedByHand(engine.state, requirements));
        checks++;
      }
    });
    expect(checks).toBe(600 * 8);
    expect(engine.state.agents.size).toBeGreaterThan(0);
  });

  it('give the serving and idle agents of a queue for wait estimates, and its agents by state for its status', () => {
    const engine = engineWith(config);
    for (const id of ['1001', '1002', '1003', '1004']) expectOk(engine.execute(cmd.login(id, 0)));
    expectOk(engine.execute(cmd.notReady('1004', 'break', 1)));
    expectOk(engine.execute(cmd.call('c1', 'msk-any', 2)));

    // 1001..1003 serve msk-any (no skill required): one of them is ringing; 1004 is on a break.
    expect(servingAgents(engine.state, queueRequirements(engine.state.queues.get('msk-any')!))).toEqual({
      serving: 3,
      idle: 2,
    });
    expect(queueStatus(engine.state, 'msk-any')?.agents).toEqual({
      Available: 2,
      Reserved: 1,
      Busy: 0,
      WrapUp: 0,
      NotReady: 1,
    });
  });

  it('are not part of a snapshot: a restored domain counts the same', () => {
    const engine = engineWith(config);
    day(engine, 9, 300, () => undefined);
    const restored = fromSnapshot(toSnapshot(engine.state));

    expect(restored.pools.byKey.size).toBe(0);
    for (const requirements of requirementSets(engine.state)) {
      expect(poolFigures(poolFor(restored, requirements))).toEqual(poolFigures(poolFor(engine.state, requirements)));
    }
  });

  it('start again when more requirement sets than MAX_AGENT_POOLS were asked about, and still count right', () => {
    const engine = engineWith(config);
    for (const id of AGENTS) expectOk(engine.execute(cmd.login(id, 0)));
    const sales = queueRequirements(engine.state.queues.get('msk-sales')!);
    for (let i = 0; i <= MAX_AGENT_POOLS; i++) poolFor(engine.state, { ...sales, language: `x-${i}` });

    expect(engine.state.pools.byKey.size).toBeLessThanOrEqual(MAX_AGENT_POOLS);
    day(engine, 13, 200, () => {
      for (const requirements of requirementSets(engine.state)) {
        expect(poolFigures(poolFor(engine.state, requirements))).toEqual(countedByHand(engine.state, requirements));
      }
    });
  });
});
