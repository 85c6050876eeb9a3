import type { ConfigCommand, QueueInput } from './config-commands';
import { decideConfig } from './config-decider';
import { basics, by, eventOf, given, queueDefined, salesQueue } from './config-spec-kit';
import { queueWithDefaults } from './queue-defaults';

function defineQueue(queue: QueueInput): ConfigCommand {
  return { ...by, type: 'DefineQueue', queue };
}

describe('decideConfig: DefineQueue and RemoveQueue', () => {
  it('Given branch msk and skill sales, When a queue is defined, Then QueueDefined with the defaults filled in', () => {
    const decision = decideConfig(defineQueue(salesQueue('msk-sales')), given(...basics));
    expect(decision).toEqual({
      ok: true,
      events: [eventOf({ type: 'QueueDefined', queue: queueWithDefaults(salesQueue('msk-sales')) }, basics.length + 1)],
    });
  });

  it('Given a queue, When the identical definition comes again (defaults spelled out or not), Then no events', () => {
    const config = given(...basics, queueDefined(salesQueue('msk-sales')));
    expect(decideConfig(defineQueue(salesQueue('msk-sales')), config)).toEqual({ ok: true, events: [] });
    expect(decideConfig(defineQueue(queueWithDefaults(salesQueue('msk-sales'))), config)).toEqual({
      ok: true,
      events: [],
    });
  });

  it('Given a queue, When it is defined with another strategy, Then QueueDefined replaces it', () => {
    const config = given(...basics, queueDefined(salesQueue('msk-sales')));
    const decision = decideConfig(defineQueue(salesQueue('msk-sales', { strategy: 'round-robin' })), config);
    expect(decision).toMatchObject({
      ok: true,
      events: [{ type: 'QueueDefined', queue: { strategy: 'round-robin' } }],
    });
  });

  it('Given a queue of msk, When it is defined in nsk, Then queue-branch-changed', () => {
    const config = given(...basics, queueDefined(salesQueue('sales')));
    const decision = decideConfig(defineQueue(salesQueue('sales', { branchId: 'nsk' })), config);
    expect(decision).toMatchObject({ ok: false, error: { code: 'queue-branch-changed', field: 'branchId' } });
  });

  it.each<[string, Partial<QueueInput>, string, string]>([
    ['an unknown branch', { branchId: 'spb' }, 'unknown-branch', 'branchId'],
    ['an id with capitals', { queueId: 'MSK-Sales' }, 'invalid-id', 'queueId'],
    ['an empty name', { name: ' ' }, 'invalid-name', 'name'],
    [
      'an unknown skill',
      {
        requiredSkills: [
          { skillId: 'sales', minLevel: 5 },
          { skillId: 'vip', minLevel: 1 },
        ],
      },
      'unknown-skill',
      'requiredSkills[1].skillId',
    ],
    [
      'a skill twice',
      {
        requiredSkills: [
          { skillId: 'sales', minLevel: 5 },
          { skillId: 'sales', minLevel: 1 },
        ],
      },
      'duplicate-value',
      'requiredSkills[1].skillId',
    ],
    ['level 0', { requiredSkills: [{ skillId: 'sales', minLevel: 0 }] }, 'invalid-level', 'requiredSkills[0].minLevel'],
    [
      'level 11',
      { requiredSkills: [{ skillId: 'sales', minLevel: 11 }] },
      'invalid-level',
      'requiredSkills[0].minLevel',
    ],
    [
      'level 2.5',
      { requiredSkills: [{ skillId: 'sales', minLevel: 2.5 }] },
      'invalid-level',
      'requiredSkills[0].minLevel',
    ],
    ['an empty language', { language: '' }, 'invalid-language', 'language'],
    ['a blank agent group', { agentGroups: ['team-a', ''] }, 'invalid-group', 'agentGroups[1]'],
    ['an agent group twice', { agentGroups: ['team-a', 'team-a'] }, 'duplicate-value', 'agentGroups[1]'],
    ['priority 101', { priority: 101 }, 'invalid-priority', 'priority'],
    ['priority -1', { priority: -1 }, 'invalid-priority', 'priority'],
    ['negative aging', { agingPointsPerMinute: -1 }, 'invalid-number', 'agingPointsPerMinute'],
    ['VIP boost 200', { vipPriorityBoost: 200 }, 'invalid-priority', 'vipPriorityBoost'],
    [
      'a negative service level threshold',
      { serviceLevel: { thresholdMs: -20_000 } },
      'invalid-duration',
      'serviceLevel.thresholdMs',
    ],
    [
      'a service level target of 120%',
      { serviceLevel: { targetPercent: 120 } },
      'invalid-percent',
      'serviceLevel.targetPercent',
    ],
    ['a fractional short abandon', { shortAbandonMs: 4.5 }, 'invalid-duration', 'shortAbandonMs'],
    ['a negative wrap-up', { wrapUpMs: -1 }, 'invalid-duration', 'wrapUpMs'],
    ['a ring timeout of 0', { ringTimeoutMs: 0 }, 'invalid-duration', 'ringTimeoutMs'],
    ['a negative sticky wait', { stickyAgentWaitMs: -5 }, 'invalid-duration', 'stickyAgentWaitMs'],
  ])('Given the basics, When a queue has %s, Then %s at %s', (_what, more, code, field) => {
    const decision = decideConfig(defineQueue(salesQueue('msk-sales', more)), given(...basics));
    expect(decision).toMatchObject({ ok: false, error: { code, field } });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['channel "fax"', { channel: 'fax' }, 'invalid-channel', 'channel'],
    ['strategy "random"', { strategy: 'random' }, 'invalid-strategy', 'strategy'],
    ['wait predictor "oracle"', { waitPredictor: 'oracle' }, 'invalid-wait-predictor', 'waitPredictor'],
    ['required skills that are not a list', { requiredSkills: { sales: 5 } }, 'invalid-shape', 'requiredSkills'],
    ['a priority in quotes', { priority: '50' }, 'invalid-priority', 'priority'],
    ['no required skills at all', { requiredSkills: undefined }, 'invalid-shape', 'requiredSkills'],
    ['a service level that is a number', { serviceLevel: 80 }, 'invalid-shape', 'serviceLevel'],
  ])('Given the basics, When a queue (from JSON) has %s, Then %s at %s', (_what, more, code, field) => {
    const queue = { ...salesQueue('msk-sales'), ...more } as unknown as QueueInput;
    expect(decideConfig(defineQueue(queue), given(...basics))).toMatchObject({ ok: false, error: { code, field } });
  });

  it('Given the basics, When a queue has no required skills, Then it is accepted (any agent of the branch)', () => {
    const decision = decideConfig(defineQueue(salesQueue('msk-general', { requiredSkills: [] })), given(...basics));
    expect(decision).toMatchObject({ ok: true, events: [{ type: 'QueueDefined' }] });
  });

  it('Given the basics, When a queue has a language, groups and a fractional aging, Then they are kept', () => {
    const decision = decideConfig(
      defineQueue(salesQueue('msk-sales-en', { language: 'en', agentGroups: ['team-a'], agingPointsPerMinute: 0.5 })),
      given(...basics),
    );
    expect(decision).toMatchObject({
      ok: true,
      events: [{ queue: { language: 'en', agentGroups: ['team-a'], agingPointsPerMinute: 0.5 } }],
    });
  });

  describe('RemoveQueue', () => {
    it('Given a queue, When it is removed, Then QueueRemoved', () => {
      const config = given(...basics, queueDefined(salesQueue('msk-sales')));
      expect(decideConfig({ ...by, type: 'RemoveQueue', queueId: 'msk-sales' }, config)).toEqual({
        ok: true,
        events: [eventOf({ type: 'QueueRemoved', queueId: 'msk-sales' }, basics.length + 2)],
      });
    });

    it('Given no such queue, When it is removed, Then unknown-queue', () => {
      const decision = decideConfig({ ...by, type: 'RemoveQueue', queueId: 'msk-sales' }, given(...basics));
      expect(decision).toMatchObject({ ok: false, error: { code: 'unknown-queue', field: 'queueId' } });
    });

    it('Given queue B overflows into queue A, When A is removed, Then queue-referenced naming B', () => {
      const config = given(
        ...basics,
        queueDefined(salesQueue('msk-a')),
        queueDefined(salesQueue('msk-b', { whenNoAgentLoggedIn: { kind: 'queue', queueId: 'msk-a' } })),
      );
      const decision = decideConfig({ ...by, type: 'RemoveQueue', queueId: 'msk-a' }, config);
      expect(decision).toMatchObject({ ok: false, error: { code: 'queue-referenced', field: 'queueId' } });
      expect(decision.ok ? '' : decision.error.message).toContain('"msk-b"');
    });

    it('Given B overflowed into A and no longer does, When A is removed, Then QueueRemoved', () => {
      const config = given(
        ...basics,
        queueDefined(salesQueue('msk-a')),
        queueDefined(salesQueue('msk-b', { whenNoAgentLoggedIn: { kind: 'queue', queueId: 'msk-a' } })),
        queueDefined(salesQueue('msk-b')),
      );
      expect(decideConfig({ ...by, type: 'RemoveQueue', queueId: 'msk-a' }, config)).toMatchObject({
        ok: true,
        events: [{ type: 'QueueRemoved', queueId: 'msk-a' }],
      });
    });
  });
});
