import { decideConfig } from './config-decider';
import { applyConfigEvent, type ConfigEvent, emptyTenantConfig } from './config-events';
import {
  DEMO_AGENT_IDS,
  DEMO_DIDS,
  DEMO_IVR_DID,
  DEMO_TENANT_ID,
  demoAgentPassword,
  demoTenantCommands,
  demoTenantConfig,
  demoTenantEvents,
} from './demo-tenant';
import { MISSED_OFFER_REASON, type QueueConfig } from './routing-config';

const AT = Date.UTC(2026, 0, 1);

describe('the demo tenant', () => {
  it('Given nothing, When the demo commands are decided in order, Then each is accepted with one event, versions 1..n', () => {
    const config = emptyTenantConfig(DEMO_TENANT_ID);
    const events: ConfigEvent[] = [];
    for (const command of demoTenantCommands(AT)) {
      const decision = decideConfig(command, config);
      if (!decision.ok)
        throw new Error(
          `${command.type} refused: ${decision.error.code} ${decision.error.field}: ${decision.error.message}`,
        );
      expect(decision.events).toHaveLength(1);
      for (const event of decision.events) {
        expect(event).toMatchObject({ tenantId: 'demo', at: AT, actor: 'seed' });
        events.push(event);
        applyConfigEvent(config, event);
      }
    }
    expect(events.map((event) => event.version)).toEqual(events.map((_, index) => index + 1));
    expect(events).toEqual(demoTenantEvents(AT));
  });

  it('Given the demo seeded, When it is seeded again, Then nothing changes', () => {
    const config = demoTenantConfig(AT);
    for (const command of demoTenantCommands(AT + 60_000)) {
      expect(decideConfig(command, config)).toEqual({ ok: true, events: [] });
    }
  });

  const demo = demoTenantConfig(AT);

  it('is "Demo Retail" in RUB with branches msk and nsk in their time zones', () => {
    expect(demo).toMatchObject({ tenantId: 'demo', name: 'Demo Retail', currency: 'RUB' });
    expect(demo.branches).toEqual({
      msk: { branchId: 'msk', name: 'Moscow', timeZone: 'Europe/Moscow' },
      nsk: { branchId: 'nsk', name: 'Novosibirsk', timeZone: 'Asia/Novosibirsk' },
    });
  });

  it('has skills sales, support and billing, a partner centre and the not-ready reasons', () => {
    expect(Object.keys(demo.skills).sort()).toEqual(['billing', 'sales', 'support']);
    expect(demo.partners['partner']).toMatchObject({ trunkUri: 'sip:overflow@partner.demo.invalid' });
    expect(Object.keys(demo.notReadyReasons).sort()).toEqual(
      ['break', 'lunch', 'meeting', MISSED_OFFER_REASON, 'training'].sort(),
    );
  });

  it('has sales, support and billing queues per branch at 80% in 20 s, short abandon 5 s, wrap-up 15 s', () => {
    expect(Object.keys(demo.queues).sort()).toEqual([
      'msk-billing',
      'msk-sales',
      'msk-support',
      'nsk-billing',
      'nsk-sales',
      'nsk-support',
    ]);
    for (const queue of Object.values(demo.queues)) {
      expect(queue).toMatchObject({
        branchId: queue.queueId.slice(0, 3),
        channel: 'voice',
        serviceLevel: { thresholdMs: 20_000, targetPercent: 80 },
        shortAbandonMs: 5_000,
        wrapUpMs: 15_000,
      });
    }
  });

  it('has a bullseye: support relaxes at 30 s, adds the other branch at 60 s and the partner at 180 s, sticky 20 s', () => {
    const support: QueueConfig = demo.queues['msk-support'];
    expect(support.expansion).toEqual([
      { afterMs: 30_000, action: { kind: 'relax-skill-levels', minLevel: 1 } },
      { afterMs: 60_000, action: { kind: 'branches', branchIds: ['nsk'] } },
      { afterMs: 180_000, action: { kind: 'partner', partnerId: 'partner' } },
    ]);
    expect(support.stickyAgentWaitMs).toBe(20_000);
    expect(demo.queues['nsk-support'].expansion[1].action).toEqual({ kind: 'branches', branchIds: ['msk'] });
    expect(demo.queues['msk-billing'].expansion).toContainEqual({ afterMs: 120_000, action: { kind: 'callback' } });
    expect(demo.queues['msk-sales'].strategy).toBe('most-skilled');
    expect(Object.values(demo.queues).some((queue) => queue.strategy === 'least-occupied')).toBe(true);
  });

  it('has agents 1001-1010 in msk and 2001-2010 in nsk with mixed skills, some speaking English, in teams', () => {
    const agents = Object.values(demo.agents);
    expect(agents).toHaveLength(20);
    expect(DEMO_AGENT_IDS).toEqual(agents.map((agent) => agent.agentId));
    for (const agent of agents) {
      expect(agent.branchId).toBe(agent.agentId.startsWith('1') ? 'msk' : 'nsk');
      expect(Number(agent.agentId) % 1000).toBeGreaterThanOrEqual(1);
      expect(Number(agent.agentId) % 1000).toBeLessThanOrEqual(10);
    }
    expect(agents.filter((agent) => agent.languages.includes('en')).length).toBeGreaterThan(0);
    expect(new Set(agents.flatMap((agent) => agent.groups))).toEqual(new Set(['team-a', 'team-b']));
  });

  it('lets every queue be served at its required level by agents of its own branch', () => {
    for (const queue of Object.values(demo.queues)) {
      const able = Object.values(demo.agents).filter(
        (agent) =>
          agent.branchId === queue.branchId &&
          queue.requiredSkills.every((requirement) => (agent.skills[requirement.skillId] ?? 0) >= requirement.minLevel),
      );
      expect({ queue: queue.queueId, able: able.length >= 3 }).toEqual({ queue: queue.queueId, able: true });
    }
  });

  it('routes its DIDs to existing queues and the IVR number to the IVR', () => {
    expect(DEMO_DIDS['+74950000001']).toEqual({ kind: 'queue', queueId: 'msk-sales' });
    expect(DEMO_DIDS['+74950000002']).toEqual({ kind: 'queue', queueId: 'msk-support' });
    expect(DEMO_DIDS['+73830000001']).toEqual({ kind: 'queue', queueId: 'nsk-support' });
    expect(DEMO_DIDS[DEMO_IVR_DID]).toEqual({ kind: 'ivr' });
    expect(DEMO_IVR_DID).toBe('+74950000000');
    for (const route of Object.values(DEMO_DIDS)) {
      if (route.kind === 'queue') expect(demo.queues[route.queueId]).toBeDefined();
    }
  });

  it('gives agent 1001 the SIP password demo-1001', () => {
    expect(demoAgentPassword('1001')).toBe('demo-1001');
  });
});
