import type { ConfigCommand, QueueInput } from './config-commands';
import { decideConfig } from './config-decider';
import { basics, by, given, queueDefined, salesQueue } from './config-spec-kit';
import type { ExpansionAction, OverflowAction } from './routing-config';

function defineQueue(queue: QueueInput): ConfigCommand {
  return { ...by, type: 'DefineQueue', queue };
}

function withExpansion(queueId: string, ...actions: Array<[number, ExpansionAction]>): QueueInput {
  return salesQueue(queueId, { expansion: actions.map(([afterMs, action]) => ({ afterMs, action })) });
}

describe('decideConfig: expansion (bullseye) and overflow rules', () => {
  it('Given the basics, When a queue has a full bullseye, Then it is accepted', () => {
    const config = given(...basics, queueDefined(salesQueue('msk-backup')));
    const queue = {
      ...withExpansion(
        'msk-sales',
        [30_000, { kind: 'relax-skill-levels', minLevel: 1 }],
        [60_000, { kind: 'branches', branchIds: ['nsk'] }],
        [120_000, { kind: 'queue', queueId: 'msk-backup' }],
        [180_000, { kind: 'partner', partnerId: 'outsourcer' }],
        [240_000, { kind: 'callback' }],
        [300_000, { kind: 'voicemail' }],
      ),
      whenNoAgentLoggedIn: { kind: 'partner', partnerId: 'outsourcer' } as OverflowAction,
      whenEstimatedWaitAbove: { thresholdMs: 300_000, action: { kind: 'callback' } as OverflowAction },
    };
    expect(decideConfig(defineQueue(queue), config)).toMatchObject({ ok: true, events: [{ type: 'QueueDefined' }] });
  });

  it.each<[string, QueueInput, string, string]>([
    [
      'steps out of order',
      withExpansion('msk-sales', [60_000, { kind: 'callback' }], [30_000, { kind: 'voicemail' }]),
      'expansion-out-of-order',
      'expansion[1].afterMs',
    ],
    [
      'two steps at the same time',
      withExpansion('msk-sales', [60_000, { kind: 'callback' }], [60_000, { kind: 'voicemail' }]),
      'expansion-out-of-order',
      'expansion[1].afterMs',
    ],
    [
      'a negative step time',
      withExpansion('msk-sales', [-1, { kind: 'callback' }]),
      'invalid-duration',
      'expansion[0].afterMs',
    ],
    [
      'relaxing to level 0',
      withExpansion('msk-sales', [30_000, { kind: 'relax-skill-levels', minLevel: 0 }]),
      'invalid-level',
      'expansion[0].action.minLevel',
    ],
    [
      'overflow to its own branch',
      withExpansion('msk-sales', [60_000, { kind: 'branches', branchIds: ['nsk', 'msk'] }]),
      'overflow-to-own-branch',
      'expansion[0].action.branchIds[1]',
    ],
    [
      'overflow to an unknown branch',
      withExpansion('msk-sales', [60_000, { kind: 'branches', branchIds: ['spb'] }]),
      'unknown-branch',
      'expansion[0].action.branchIds[0]',
    ],
    [
      'overflow to no branch',
      withExpansion('msk-sales', [60_000, { kind: 'branches', branchIds: [] }]),
      'invalid-overflow',
      'expansion[0].action.branchIds',
    ],
    [
      'overflow to the same branch twice',
      withExpansion('msk-sales', [60_000, { kind: 'branches', branchIds: ['nsk', 'nsk'] }]),
      'duplicate-value',
      'expansion[0].action.branchIds[1]',
    ],
    [
      'overflow to an unknown partner',
      withExpansion('msk-sales', [60_000, { kind: 'partner', partnerId: 'nobody' }]),
      'unknown-partner',
      'expansion[0].action.partnerId',
    ],
    [
      'overflow into itself',
      withExpansion('msk-sales', [60_000, { kind: 'queue', queueId: 'msk-sales' }]),
      'overflow-to-itself',
      'expansion[0].action.queueId',
    ],
    [
      'overflow into an unknown queue',
      salesQueue('msk-sales', { whenNoAgentLoggedIn: { kind: 'queue', queueId: 'msk-nowhere' } }),
      'unknown-queue',
      'whenNoAgentLoggedIn.queueId',
    ],
    [
      'overflow into a queue of another branch',
      salesQueue('msk-sales', {
        whenEstimatedWaitAbove: { thresholdMs: 60_000, action: { kind: 'queue', queueId: 'nsk-sales' } },
      }),
      'overflow-to-other-branch',
      'whenEstimatedWaitAbove.action.queueId',
    ],
    [
      'overflow into a chat queue',
      withExpansion('msk-sales', [60_000, { kind: 'queue', queueId: 'msk-chat' }]),
      'overflow-channel-mismatch',
      'expansion[0].action.queueId',
    ],
    [
      'a negative estimated wait threshold',
      salesQueue('msk-sales', { whenEstimatedWaitAbove: { thresholdMs: -1, action: { kind: 'callback' } } }),
      'invalid-duration',
      'whenEstimatedWaitAbove.thresholdMs',
    ],
  ])('Given queues msk-chat and nsk-sales, When a queue has %s, Then %s at %s', (_what, queue, code, field) => {
    const config = given(
      ...basics,
      queueDefined(salesQueue('msk-chat', { channel: 'chat' })),
      queueDefined(salesQueue('nsk-sales', { branchId: 'nsk' })),
    );
    expect(decideConfig(defineQueue(queue), config)).toMatchObject({ ok: false, error: { code, field } });
  });

  it.each<[string, unknown, string, string]>([
    [
      'relax-skill-levels as the no-agent overflow',
      { kind: 'relax-skill-levels', minLevel: 1 },
      'invalid-overflow',
      'whenNoAgentLoggedIn.kind',
    ],
    ['an unknown kind', { kind: 'teleport' }, 'invalid-overflow', 'whenNoAgentLoggedIn.kind'],
    ['a bare string', 'voicemail', 'invalid-overflow', 'whenNoAgentLoggedIn'],
  ])('When a queue (from JSON) has %s, Then %s at %s', (_what, action, code, field) => {
    const queue = { ...salesQueue('msk-sales'), whenNoAgentLoggedIn: action } as unknown as QueueInput;
    expect(decideConfig(defineQueue(queue), given(...basics))).toMatchObject({ ok: false, error: { code, field } });
  });

  describe('cycles of queue overflows', () => {
    it('Given msk-support overflows into msk-sales, When msk-sales overflows into msk-support, Then overflow-cycle spelled out', () => {
      const config = given(
        ...basics,
        queueDefined(salesQueue('msk-sales')),
        queueDefined(salesQueue('msk-support', { whenNoAgentLoggedIn: { kind: 'queue', queueId: 'msk-sales' } })),
      );
      const decision = decideConfig(
        defineQueue(
          withExpansion(
            'msk-sales',
            [60_000, { kind: 'callback' }],
            [90_000, { kind: 'queue', queueId: 'msk-support' }],
          ),
        ),
        config,
      );
      expect(decision).toMatchObject({
        ok: false,
        error: { code: 'overflow-cycle', field: 'expansion[1].action.queueId' },
      });
      expect(decision.ok ? '' : decision.error.message).toContain('msk-sales -> msk-support -> msk-sales');
    });

    it('Given a -> b -> c through different rules, When c overflows into a, Then the whole cycle is named', () => {
      const config = given(
        ...basics,
        queueDefined(salesQueue('msk-c')),
        queueDefined(
          salesQueue('msk-b', {
            whenEstimatedWaitAbove: { thresholdMs: 1, action: { kind: 'queue', queueId: 'msk-c' } },
          }),
        ),
        queueDefined(withExpansion('msk-a', [10_000, { kind: 'queue', queueId: 'msk-b' }])),
      );
      const decision = decideConfig(
        defineQueue(salesQueue('msk-c', { whenNoAgentLoggedIn: { kind: 'queue', queueId: 'msk-a' } })),
        config,
      );
      expect(decision).toMatchObject({
        ok: false,
        error: { code: 'overflow-cycle', field: 'whenNoAgentLoggedIn.queueId' },
      });
      expect(decision.ok ? '' : decision.error.message).toContain('msk-c -> msk-a -> msk-b -> msk-c');
    });

    it('Given a -> b and a -> c, When c overflows into b (a diamond, no cycle), Then it is accepted', () => {
      const config = given(
        ...basics,
        queueDefined(salesQueue('msk-b')),
        queueDefined(salesQueue('msk-c')),
        queueDefined(
          salesQueue('msk-a', {
            whenNoAgentLoggedIn: { kind: 'queue', queueId: 'msk-b' },
            expansion: [{ afterMs: 1_000, action: { kind: 'queue', queueId: 'msk-c' } }],
          }),
        ),
      );
      const decision = decideConfig(
        defineQueue(salesQueue('msk-c', { whenNoAgentLoggedIn: { kind: 'queue', queueId: 'msk-b' } })),
        config,
      );
      expect(decision).toMatchObject({ ok: true, events: [{ type: 'QueueDefined' }] });
    });

    it('Given msk-a (voice) overflows into msk-b, When msk-b becomes a chat queue, Then overflow-channel-mismatch', () => {
      const config = given(
        ...basics,
        queueDefined(salesQueue('msk-b')),
        queueDefined(salesQueue('msk-a', { whenNoAgentLoggedIn: { kind: 'queue', queueId: 'msk-b' } })),
      );
      const decision = decideConfig(defineQueue(salesQueue('msk-b', { channel: 'chat' })), config);
      expect(decision).toMatchObject({ ok: false, error: { code: 'overflow-channel-mismatch', field: 'channel' } });
    });
  });
});
