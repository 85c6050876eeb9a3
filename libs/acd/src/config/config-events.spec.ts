import { agentWithDefaults } from './agent-defaults';
import {
  applyConfigEvent,
  applyConfigEvents,
  type ConfigEvent,
  emptyTenantConfig,
  isTenantDefined,
} from './config-events';
import {
  agentDefined,
  basics,
  branchDefined,
  eventOf,
  given,
  queueDefined,
  salesQueue,
  TENANT_ID,
  tenantDefined,
} from './config-spec-kit';
import { queueWithDefaults } from './queue-defaults';

describe('configuration evolve', () => {
  it('starts empty at version 0, not defined', () => {
    const config = emptyTenantConfig(TENANT_ID);
    expect(config).toEqual({
      tenantId: TENANT_ID,
      name: '',
      currency: '',
      version: 0,
      branches: {},
      skills: {},
      queues: {},
      agents: {},
      partners: {},
      notReadyReasons: {},
    });
    expect(isTenantDefined(config)).toBe(false);
  });

  it('Given TenantDefined, the tenant is defined with its name and currency at version 1', () => {
    const config = given(tenantDefined);
    expect(config).toMatchObject({ name: 'Acme', currency: 'EUR', version: 1 });
    expect(isTenantDefined(config)).toBe(true);
  });

  it('takes the version of each event', () => {
    expect(given(...basics).version).toBe(basics.length);
  });

  it('Given definitions of every kind, they are all in the configuration', () => {
    const config = given(
      ...basics,
      { type: 'NotReadyReasonDefined', reason: { code: 'lunch', name: 'Lunch' } },
      queueDefined(salesQueue('msk-sales')),
      agentDefined({ agentId: '1001', branchId: 'msk', name: 'Anna', skills: { sales: 8 } }),
    );
    expect(Object.keys(config.branches)).toEqual(['msk', 'nsk']);
    expect(Object.keys(config.skills)).toEqual(['sales', 'support', 'billing']);
    expect(Object.keys(config.partners)).toEqual(['outsourcer']);
    expect(config.notReadyReasons['lunch']).toEqual({ code: 'lunch', name: 'Lunch' });
    expect(config.queues['msk-sales']).toEqual(queueWithDefaults(salesQueue('msk-sales')));
    expect(config.agents['1001'].skills).toEqual({ sales: 8 });
  });

  it('Given a queue and QueueRemoved, the queue is gone', () => {
    const config = given(...basics, queueDefined(salesQueue('msk-sales')), {
      type: 'QueueRemoved',
      queueId: 'msk-sales',
    });
    expect(config.queues['msk-sales']).toBeUndefined();
    expect(config.version).toBe(basics.length + 2);
  });

  it('Given an agent and AgentRemoved, the agent is gone', () => {
    const config = given(...basics, agentDefined({ agentId: '1001', branchId: 'msk', name: 'Anna', skills: {} }), {
      type: 'AgentRemoved',
      agentId: '1001',
    });
    expect(config.agents['1001']).toBeUndefined();
  });

  it('Given an agent, AgentSkillsChanged and AgentGroupsChanged replace the skills and groups, keeping the rest', () => {
    const config = given(
      ...basics,
      agentDefined({ agentId: '1001', branchId: 'msk', name: 'Anna', skills: { sales: 8 }, languages: ['en'] }),
      { type: 'AgentSkillsChanged', agentId: '1001', skills: { billing: 4 } },
      { type: 'AgentGroupsChanged', agentId: '1001', groups: ['team-a'] },
    );
    expect(config.agents['1001']).toEqual({
      agentId: '1001',
      branchId: 'msk',
      name: 'Anna',
      skills: { billing: 4 },
      languages: ['en'],
      groups: ['team-a'],
      capacity: { voice: 1 },
    });
  });

  it('mutates and returns the same configuration object, but never an entry an earlier event carried', () => {
    const config = given(...basics);
    const defined = eventOf(
      {
        type: 'AgentDefined',
        agent: agentWithDefaults({ agentId: '1001', branchId: 'msk', name: 'Anna', skills: { sales: 8 } }),
      },
      basics.length + 1,
    );
    const changed = eventOf({ type: 'AgentSkillsChanged', agentId: '1001', skills: { support: 2 } }, basics.length + 2);
    expect(applyConfigEvents(config, [defined, changed])).toBe(config);
    expect(defined.type === 'AgentDefined' && defined.agent.skills).toEqual({ sales: 8 });
    expect(config.agents['1001'].skills).toEqual({ support: 2 });
  });

  it('Given a branch, BranchDefined again replaces it', () => {
    const config = given(tenantDefined, branchDefined('msk'), branchDefined('msk', 'Europe/Samara'));
    expect(config.branches['msk'].timeZone).toBe('Europe/Samara');
  });

  it('throws on an event type it does not know', () => {
    const stranger = { ...eventOf(tenantDefined, 1), type: 'TenantExploded' } as unknown as ConfigEvent;
    expect(() => applyConfigEvent(emptyTenantConfig(TENANT_ID), stranger)).toThrow('TenantExploded');
  });
});
