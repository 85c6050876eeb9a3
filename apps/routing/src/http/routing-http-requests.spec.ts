import {
  agentWithDefaults,
  type ConfigCommand,
  type DefineAgent,
  type DefineQueue,
  queueWithDefaults,
  type RoutingCommand,
  routingDomainId,
} from '@cc/acd';
import { routingV1 } from '@cc/contracts';
import { RoutingApiError } from '../api/routing-api-error';
import { fromProtoChangeConfig, toProtoChangeConfig } from '../codec/config-command-codec';
import { fromProtoCommand, toProtoCommand } from '../codec/routing-command-codec';
import {
  changeAgentGroupsWrite,
  changeAgentSkillsWrite,
  commandOrigin,
  DEFAULT_ACTOR,
  defineAgentWrite,
  defineNotReadyReasonWrite,
  defineQueueWrite,
  defineTenantWrite,
  expectedVersionOf,
  interactionOf,
  removeQueueWrite,
  routingHeadersOf,
} from './routing-http-requests';

const AT = Date.UTC(2026, 10, 23, 9, 0, 0);
const TENANT = 'acme';

/** A queue body as the console sends it: every field the engine knows. */
function fullQueue(): Record<string, unknown> {
  return {
    queueId: 'msk-sales',
    branchId: 'msk',
    name: 'Sales (Moscow)',
    channel: 'voice',
    requiredSkills: [{ skillId: 'sales', minLevel: 3 }],
    language: 'ru',
    agentGroups: ['team-a'],
    strategy: 'most-skilled',
    priority: 60,
    agingPointsPerMinute: 1.5,
    vipPriorityBoost: 25,
    serviceLevel: { thresholdMs: 20_000, targetPercent: 80 },
    shortAbandonMs: 5_000,
    wrapUpMs: 10_000,
    ringTimeoutMs: 15_000,
    stickyAgentWaitMs: 30_000,
    expansion: [
      { afterMs: 30_000, action: { kind: 'relax-skill-levels', minLevel: 1 } },
      { afterMs: 60_000, action: { kind: 'branches', branchIds: ['nsk'] } },
    ],
    whenNoAgentLoggedIn: { kind: 'voicemail' },
    whenEstimatedWaitAbove: { thresholdMs: 600_000, action: { kind: 'partner', partnerId: 'callpro' } },
    waitPredictor: 'head-of-line',
  };
}

function refusal(fn: () => unknown): RoutingApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RoutingApiError) return error;
    throw error;
  }
  throw new Error('expected a RoutingApiError');
}

/** The command as the decider receives it: through ChangeConfig on the wire, as RoutingGateway sends it. */
function overTheWire(command: ConfigCommand): ConfigCommand {
  const message = toProtoChangeConfig(command, 'c-1');
  return fromProtoChangeConfig(routingV1.ChangeConfig.decode(routingV1.ChangeConfig.encode(message).finish()));
}

describe('REST requests -> RoutingGateway', () => {
  describe('headers', () => {
    it('reads X-Actor, Idempotency-Key and If-Match (first of a repeated header)', () => {
      expect(
        routingHeadersOf({ 'x-actor': 'supervisor:7', 'idempotency-key': ['k-1', 'k-2'], 'if-match': '"3"' }),
      ).toEqual({
        actor: 'supervisor:7',
        idempotencyKey: 'k-1',
        ifMatch: '"3"',
      });
    });

    it('defaults the actor to the console and takes the idempotency key as the command id', () => {
      expect(commandOrigin({})).toEqual({ actor: DEFAULT_ACTOR });
      expect(commandOrigin({ actor: '  ', idempotencyKey: ' ' })).toEqual({ actor: 'supervisor:console' });
      expect(commandOrigin({ actor: 'agent:a1', idempotencyKey: 'k-1' })).toEqual({
        actor: 'agent:a1',
        commandId: 'k-1',
      });
    });

    it.each([
      ['"12"', 12],
      ['12', 12],
      ['W/"12"', 12],
      ['"0"', 0],
      ['*', undefined],
      [undefined, undefined],
    ])('reads If-Match %s as expected version %s', (ifMatch, expected) => {
      expect(expectedVersionOf(ifMatch, undefined)).toBe(expected);
    });

    it('refuses an If-Match that is no version', () => {
      const error = refusal(() => expectedVersionOf('"abc"', undefined));

      expect(error).toMatchObject({ code: 'invalid-number', field: 'If-Match', kind: 'invalid-argument' });
    });

    it("takes the body's expectedVersion, and refuses one that disagrees with If-Match", () => {
      expect(expectedVersionOf(undefined, 7)).toBe(7);
      expect(expectedVersionOf('"7"', 7)).toBe(7);
      expect(refusal(() => expectedVersionOf('"7"', 8))).toMatchObject({
        code: 'invalid-number',
        field: 'expectedVersion',
      });
      expect(refusal(() => expectedVersionOf(undefined, 1.5))).toMatchObject({ field: 'expectedVersion' });
      expect(refusal(() => expectedVersionOf(undefined, '7'))).toMatchObject({ field: 'expectedVersion' });
    });
  });

  describe('configuration changes', () => {
    it("builds DefineQueue: the path id fills in the body's, actor, version and command id from the headers", () => {
      const { queueId: _, ...body } = fullQueue();

      const write = defineQueueWrite(
        TENANT,
        'msk-sales',
        body,
        { actor: 'supervisor:7', ifMatch: '"4"', idempotencyKey: 'k' },
        AT,
      );

      expect(write.origin).toEqual({ commandId: 'k' });
      expect(write.command).toEqual({
        type: 'DefineQueue',
        tenantId: TENANT,
        at: AT,
        actor: 'supervisor:7',
        expectedVersion: 4,
        queue: fullQueue(),
      });
    });

    it('takes expectedVersion from the body, not as part of the definition', () => {
      const write = defineQueueWrite(TENANT, 'msk-sales', { ...fullQueue(), expectedVersion: 9 }, {}, AT);

      expect(write.command.expectedVersion).toBe(9);
      expect(write.command.actor).toBe(DEFAULT_ACTOR);
      expect(write.command.queue).toEqual(fullQueue());
      expect(write.origin).toEqual({});
    });

    it("refuses a body whose id is not the path's", () => {
      const error = refusal(() => defineQueueWrite(TENANT, 'msk-support', fullQueue(), {}, AT));

      expect(error).toMatchObject({ code: 'invalid-id', field: 'queueId', kind: 'invalid-argument' });
    });

    it('reaches the decider unchanged: a full queue survives the trip over ChangeConfig', () => {
      const { command } = defineQueueWrite(TENANT, 'msk-sales', fullQueue(), {}, AT);

      const received = overTheWire(command) as DefineQueue;

      expect(received).toMatchObject({ type: 'DefineQueue', tenantId: TENANT, at: AT, actor: DEFAULT_ACTOR });
      expect(queueWithDefaults(received.queue)).toEqual(queueWithDefaults(command.queue));
    });

    it('reaches the decider with the defaults of a minimal queue', () => {
      const body = { branchId: 'msk', name: 'Sales', requiredSkills: [] };
      const { command } = defineQueueWrite(TENANT, 'msk-sales', body, {}, AT);

      const received = overTheWire(command) as DefineQueue;

      expect(queueWithDefaults(received.queue)).toEqual(queueWithDefaults(command.queue));
      expect(received.queue.serviceLevel).toBeUndefined();
      expect(received.queue.strategy).toBeUndefined();
    });

    it('drops null fields (JSON\'s "not set")', () => {
      const { command } = defineQueueWrite(
        TENANT,
        'msk-sales',
        { ...fullQueue(), language: null, whenNoAgentLoggedIn: null },
        {},
        AT,
      );

      expect('language' in command.queue).toBe(false);
      expect('whenNoAgentLoggedIn' in command.queue).toBe(false);
    });

    it('builds DefineAgent, which reaches the decider unchanged', () => {
      const body = {
        branchId: 'msk',
        name: 'Anna',
        skills: { sales: 5, 'lang-en': 3 },
        languages: ['ru', 'en'],
        groups: ['team-a'],
        capacity: { voice: 1, chat: 3 },
      };

      const { command } = defineAgentWrite(TENANT, 'a1', body, {}, AT);
      const received = overTheWire(command) as DefineAgent;

      expect(command.agent).toEqual({ agentId: 'a1', ...body });
      expect(agentWithDefaults(received.agent)).toEqual(agentWithDefaults(command.agent));
    });

    it('builds DefineTenant and DefineNotReadyReason', () => {
      expect(defineTenantWrite(TENANT, { name: 'Acme', currency: 'RUB' }, { ifMatch: '"0"' }, AT).command).toEqual({
        type: 'DefineTenant',
        tenantId: TENANT,
        at: AT,
        actor: DEFAULT_ACTOR,
        expectedVersion: 0,
        name: 'Acme',
        currency: 'RUB',
      });
      expect(defineNotReadyReasonWrite(TENANT, 'lunch', { name: 'Lunch' }, {}, AT).command).toMatchObject({
        type: 'DefineNotReadyReason',
        reason: { code: 'lunch', name: 'Lunch' },
      });
    });

    it('builds RemoveQueue from the path and If-Match', () => {
      expect(removeQueueWrite(TENANT, 'msk-sales', { ifMatch: '"5"', actor: 'supervisor:7' }, AT).command).toEqual({
        type: 'RemoveQueue',
        tenantId: TENANT,
        at: AT,
        actor: 'supervisor:7',
        expectedVersion: 5,
        queueId: 'msk-sales',
      });
    });

    it('builds ChangeAgentSkills and ChangeAgentGroups from {skills} and {groups}', () => {
      expect(changeAgentSkillsWrite(TENANT, 'a1', { skills: { sales: 7 } }, {}, AT).command).toMatchObject({
        type: 'ChangeAgentSkills',
        agentId: 'a1',
        skills: { sales: 7 },
      });
      expect(changeAgentGroupsWrite(TENANT, 'a1', { groups: [], expectedVersion: 3 }, {}, AT).command).toMatchObject({
        type: 'ChangeAgentGroups',
        agentId: 'a1',
        groups: [],
        expectedVersion: 3,
      });
      expect(refusal(() => changeAgentGroupsWrite(TENANT, 'a1', ['team-a'], {}, AT))).toMatchObject({
        code: 'invalid-shape',
      });
      expect(refusal(() => changeAgentSkillsWrite(TENANT, 'a1', { skills: { sales: '7' } }, {}, AT))).toMatchObject({
        code: 'invalid-shape',
        field: 'skills.sales',
      });
    });
  });

  describe("what the trip over protobuf could not carry is refused with the body's path", () => {
    const queueWith = (changes: Record<string, unknown>) => () =>
      defineQueueWrite(TENANT, 'msk-sales', { ...fullQueue(), ...changes }, {}, AT);

    it.each<[string, Record<string, unknown>, string, string]>([
      ['a missing required list', { requiredSkills: undefined }, 'missing-field', 'requiredSkills'],
      ['a fractional int32', { priority: 1.5 }, 'invalid-number', 'priority'],
      ['an int32 out of range', { vipPriorityBoost: 2 ** 31 }, 'invalid-number', 'vipPriorityBoost'],
      ['a string for a number', { serviceLevel: { thresholdMs: '20s' } }, 'invalid-shape', 'serviceLevel.thresholdMs'],
      ['an unknown channel', { channel: 'fax' }, 'invalid-channel', 'channel'],
      ['an unknown strategy', { strategy: 'random' }, 'invalid-strategy', 'strategy'],
      ['an unknown wait predictor', { waitPredictor: 'magic' }, 'invalid-wait-predictor', 'waitPredictor'],
      [
        'an unknown overflow',
        { whenNoAgentLoggedIn: { kind: 'hang-up' } },
        'invalid-overflow',
        'whenNoAgentLoggedIn.kind',
      ],
      [
        'a field of another overflow kind',
        { whenNoAgentLoggedIn: { kind: 'queue', queueId: 'q', partnerId: 'p' } },
        'unknown-field',
        'whenNoAgentLoggedIn.partnerId',
      ],
      ['a missing skill id', { requiredSkills: [{ minLevel: 2 }] }, 'missing-field', 'requiredSkills[0].skillId'],
      [
        'a bad expansion step',
        { expansion: [{ afterMs: 1_000, action: { kind: 'relax-skill-levels', minLevel: 'low' } }] },
        'invalid-shape',
        'expansion[0].action.minLevel',
      ],
      ['a misspelt field', { serviceLvl: {} }, 'unknown-field', 'serviceLvl'],
      ['a list that is not one', { agentGroups: 'team-a' }, 'invalid-shape', 'agentGroups'],
    ])('%s', (_, changes, code, field) => {
      const error = refusal(queueWith(changes));

      expect(error.code).toBe(code);
      expect(error.kind).toBe('invalid-argument');
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
    });

    it('refuses a body that is not a JSON object', () => {
      const error = refusal(() => defineQueueWrite(TENANT, 'msk-sales', ['msk-sales'], {}, AT));

      expect(error).toMatchObject({ code: 'invalid-shape', kind: 'invalid-argument', field: undefined });
      expect(error.message).toMatch(/JSON object \(the queue\)/);
    });

    it('refuses an agent capacity for a channel that does not exist', () => {
      const body = { branchId: 'msk', name: 'Anna', skills: {}, capacity: { voice: 1, fax: 1 } };

      expect(refusal(() => defineAgentWrite(TENANT, 'a1', body, {}, AT))).toMatchObject({
        code: 'invalid-channel',
        field: 'capacity.fax',
      });
    });

    it('refuses an agent without skills (the engine requires the record)', () => {
      expect(refusal(() => defineAgentWrite(TENANT, 'a1', { branchId: 'msk', name: 'Anna' }, {}, AT))).toMatchObject({
        code: 'missing-field',
        field: 'skills',
      });
    });
  });

  describe('interactions', () => {
    it('defaults channel and kind to voice and inbound', () => {
      expect(interactionOf({ interactionId: 'call-1', queueId: 'msk-sales' })).toEqual({
        interactionId: 'call-1',
        queueId: 'msk-sales',
        channel: 'voice',
        kind: 'inbound',
      });
    });

    it('reaches the routing domain unchanged', () => {
      const interaction = interactionOf({
        interactionId: 'chat-1',
        queueId: 'msk-chat',
        channel: 'chat',
        kind: 'callback',
        customerAddress: '+79990000000',
        customerId: 'crm-42',
        vip: true,
        language: 'en',
        extraSkills: [{ skillId: 'lang-en', minLevel: 2 }],
        priorityBoost: 10,
      });
      const command: RoutingCommand = { type: 'QueueInteraction', commandId: 'c-1', at: AT, interaction };

      const { type, message } = toProtoCommand(routingDomainId(TENANT, 'msk'), TENANT, command);
      const wire = routingV1.QueueInteraction.decode(
        routingV1.QueueInteraction.encode(message as routingV1.QueueInteraction).finish(),
      );

      expect(fromProtoCommand(type, wire)).toEqual(command);
    });

    it('refuses an interaction without a queue or with an unknown kind', () => {
      expect(refusal(() => interactionOf({ interactionId: 'call-1' }))).toMatchObject({
        code: 'missing-field',
        field: 'queueId',
      });
      expect(refusal(() => interactionOf({ interactionId: 'c', queueId: 'q', kind: 'outbound' }))).toMatchObject({
        code: 'invalid-kind',
        field: 'kind',
      });
    });
  });
});
