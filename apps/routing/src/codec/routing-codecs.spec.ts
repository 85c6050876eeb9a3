import {
  type ConfigCommand,
  type ConfigEvent,
  type ConfigEventType,
  decideConfigSequence,
  emptyTenantConfig,
  type OverflowOffer,
  RoutingEngine,
  type RoutingCommand,
  type RoutingCommandType,
  type RoutingEvent,
  type RoutingEventType,
  routingDomainId,
} from '@cc/acd';
import { EVENT_DEFINITIONS, type EventType, routingV1 } from '@cc/contracts';
import { CONFIG_EVENT_TYPES, fromProtoConfigEvent, toProtoConfigEvent } from './config-event-codec';
import { fromProtoCommand, ROUTING_COMMAND_TYPES, toProtoCommand } from './routing-command-codec';
import { fromProtoEvent, ROUTING_EVENT_TYPES, toProtoEvent } from './routing-event-codec';

const T0 = Date.UTC(2026, 10, 23, 6, 0, 0);
const TENANT = 'acme';
const MSK = routingDomainId(TENANT, 'msk');
const NSK = routingDomainId(TENANT, 'nsk');
const sec = (s: number): number => T0 + s * 1000;

/** Encodes with the generated message's own encode(...).finish() and decodes it back. */
function wire(type: EventType, message: unknown): unknown {
  const name = type.replace(/^cc\.routing\.v1\./, '');
  const codec = (routingV1 as unknown as Record<string, routingV1.MessageFns<unknown>>)[name];
  expect(codec).toBeDefined();
  expect(EVENT_DEFINITIONS[type].protoName).toBe(`callcenter.routing.v1.${name}`);
  return codec!.decode(codec!.encode(message).finish());
}

function tenantConfigEvents(): ConfigEvent[] {
  const base = { tenantId: TENANT, at: T0, actor: 'test' };
  const commands: ConfigCommand[] = [
    { ...base, type: 'DefineTenant', name: 'Acme', currency: 'RUB' },
    { ...base, type: 'DefineBranch', branch: { branchId: 'msk', name: 'Moscow', timeZone: 'Europe/Moscow' } },
    { ...base, type: 'DefineBranch', branch: { branchId: 'nsk', name: 'Novosibirsk', timeZone: 'Asia/Novosibirsk' } },
    { ...base, type: 'DefineSkill', skill: { skillId: 'sales', name: 'Sales' } },
    { ...base, type: 'DefineSkill', skill: { skillId: 'billing', name: 'Billing' } },
    { ...base, type: 'DefinePartner', partner: { partnerId: 'partner', name: 'Partner', trunkUri: 'sip:o@p.invalid' } },
    { ...base, type: 'DefineNotReadyReason', reason: { code: 'break', name: 'Break' } },
    { ...base, type: 'DefineNotReadyReason', reason: { code: 'missed-offer', name: 'Missed offer' } },
    {
      ...base,
      type: 'DefineQueue',
      queue: {
        queueId: 'sales',
        branchId: 'msk',
        name: 'Sales',
        requiredSkills: [{ skillId: 'sales', minLevel: 3 }],
        expansion: [
          { afterMs: 30_000, action: { kind: 'relax-skill-levels', minLevel: 1 } },
          { afterMs: 60_000, action: { kind: 'branches', branchIds: ['nsk'] } },
          { afterMs: 600_000, action: { kind: 'partner', partnerId: 'partner' } },
        ],
        whenEstimatedWaitAbove: { thresholdMs: 3_600_000, action: { kind: 'voicemail' } },
      },
    },
    {
      ...base,
      type: 'DefineQueue',
      queue: {
        queueId: 'billing',
        branchId: 'msk',
        name: 'Billing',
        requiredSkills: [{ skillId: 'billing', minLevel: 1 }],
      },
    },
    {
      ...base,
      type: 'DefineAgent',
      agent: { agentId: 'a1', branchId: 'msk', name: 'A1', skills: { sales: 5, billing: 2 }, languages: ['ru'] },
    },
    {
      ...base,
      type: 'DefineAgent',
      agent: { agentId: 'a2', branchId: 'msk', name: 'A2', skills: { sales: 1 }, languages: ['ru', 'en'] },
    },
    { ...base, type: 'ChangeAgentSkills', agentId: 'a2', skills: { sales: 2, billing: 7 } },
    { ...base, type: 'ChangeAgentGroups', agentId: 'a2', groups: ['team-a'] },
    { ...base, type: 'RemoveQueue', queueId: 'billing' },
    { ...base, type: 'DefineAgent', agent: { agentId: 'gone', branchId: 'msk', name: 'Gone', skills: {} } },
    { ...base, type: 'RemoveAgent', agentId: 'gone' },
  ];
  const decision = decideConfigSequence(commands, emptyTenantConfig(TENANT));
  if (!decision.ok) throw new Error(`refused ${decision.command.type}: ${decision.error.message}`);
  return decision.events;
}

let counter = 0;
const c = <T extends RoutingCommand['type']>(type: T, s: number, rest: object = {}): RoutingCommand =>
  ({ type, commandId: `cmd-${++counter}`, at: sec(s), ...rest }) as RoutingCommand;

/** Runs the real engine through a day's worth of routing and returns every command and event. */
function engineScenario(): { commands: RoutingCommand[]; events: RoutingEvent[] } {
  const engine = new RoutingEngine(MSK);
  const commands: RoutingCommand[] = tenantConfigEvents().map((event) => ({
    type: 'ApplyConfig',
    commandId: `config-${event.version}`,
    at: event.at,
    event,
  }));
  const call = (id: string, s: number, more: object = {}): RoutingCommand =>
    c('QueueInteraction', s, {
      interaction: {
        interactionId: id,
        queueId: 'sales',
        channel: 'voice',
        kind: 'inbound',
        customerAddress: '+79160000001',
        ...more,
      },
    });
  commands.push(
    c('LogInAgent', 1, { agentId: 'a1', extension: '101' }),
    c('LogInAgent', 1, { agentId: 'a2', initialState: 'NotReady' }),
    call('i1', 2, {
      customerId: 'crm-1',
      vip: true,
      language: 'ru',
      priorityBoost: 5,
      extraSkills: [{ skillId: 'sales', minLevel: 2 }],
    }),
    c('AcceptOffer', 4, { interactionId: 'i1', agentId: 'a1' }),
    c('MakeAgentNotReady', 5, { agentId: 'a1', reasonCode: 'break' }),
    call('i2', 6),
    c('AnnounceWait', 7, { interactionId: 'i2' }),
    c('CompleteInteraction', 60, { interactionId: 'i1' }),
    c('AdvanceTime', 200),
    c('MakeAgentReady', 201, { agentId: 'a1' }),
    c('RejectOffer', 202, { interactionId: 'i2', agentId: 'a1' }),
    call('i3', 203),
    c('RequestCallback', 204, { interactionId: 'i3', callbackAddress: '+79160000003' }),
    c('AbandonInteraction', 205, { interactionId: 'i2' }),
    c('AdvanceTime', 300),
    c('AdvanceTime', 900),
    c('MakeAgentReady', 901, { agentId: 'a2' }),
    c('LogOutAgent', 902, { agentId: 'a1' }),
    c('ReceiveOverflowOffer', 903, { offer: sampleOffer() }),
    c('ReceiveOverflowWithdrawal', 950, { interactionId: 'n1', homeDomainId: NSK }),
  );
  const events: RoutingEvent[] = [];
  for (const command of commands) {
    const decision = engine.execute(command);
    if (decision.ok) events.push(...decision.events);
  }
  return { commands, events };
}

function sampleOffer(): OverflowOffer {
  return {
    interactionId: 'n1',
    homeDomainId: NSK,
    channel: 'chat',
    queueId: 'nsk-sales',
    requiredSkills: [{ skillId: 'sales', minLevel: 1 }],
    language: 'en',
    agentGroups: ['team-a'],
    strategy: 'most-skilled',
    priority: 12.5,
    agingPointsPerMinute: 0.5,
    enqueuedAt: sec(800),
    customerAddress: '+79160000009',
    customerId: 'crm-9',
    vip: true,
  };
}

const at = sec(1000);
const handCommands: RoutingCommand[] = [
  c('ReceiveAgentClaim', 10, { claimId: 'cl1', interactionId: 'i9', agentId: 'b1', agentDomainId: NSK }),
  c('ReceiveClaimDecision', 11, {
    homeDomainId: NSK,
    claimId: 'cl1',
    interactionId: 'n1',
    agentId: 'a1',
    granted: true,
    ringTimeoutMs: 15_000,
  }),
  c('ReceiveClaimDecision', 11, {
    homeDomainId: NSK,
    claimId: 'cl2',
    interactionId: 'n1',
    agentId: 'a1',
    granted: false,
    ringTimeoutMs: 0,
  }),
  c('ReceiveRemoteOfferOutcome', 12, { interactionId: 'i9', agentId: 'b1', agentDomainId: NSK, outcome: 'timed-out' }),
  c('ReceiveRemoteOfferOutcome', 12, { interactionId: 'i9', agentId: 'b1', agentDomainId: NSK, outcome: 'released' }),
  c('ReceiveRemoteCompletion', 13, { homeDomainId: NSK, interactionId: 'n1', agentId: 'a1', wrapUpMs: 5_000 }),
  c('QueueInteraction', 14, {
    interaction: { interactionId: 'e1', queueId: 'mail', channel: 'email', kind: 'callback' },
  }),
];
const handEvents: RoutingEvent[] = [
  {
    type: 'InteractionOverflowed',
    at,
    commandId: 'x1',
    interactionId: 'i1',
    fromQueueId: 'sales',
    action: { kind: 'partner', partnerId: 'partner' },
    reason: 'expansion',
    trunkUri: 'sip:o@p.invalid',
  },
  {
    type: 'InteractionOverflowed',
    at,
    commandId: 'x1',
    interactionId: 'i1',
    fromQueueId: 'sales',
    action: { kind: 'queue', queueId: 'q2' },
    reason: 'no-agent-logged-in',
  },
  {
    type: 'InteractionOverflowed',
    at,
    commandId: 'x1',
    interactionId: 'i1',
    fromQueueId: 'sales',
    action: { kind: 'voicemail' },
    reason: 'estimated-wait',
  },
  { type: 'CallbackOffered', at, commandId: 'x2', interactionId: 'i1' },
  {
    type: 'CallbackRequested',
    at,
    commandId: 'x2',
    interactionId: 'i1',
    callbackInteractionId: 'i1:callback',
    callbackAddress: '+7916',
    queueId: 'sales',
  },
  { type: 'OverflowOfferSent', at, commandId: 'x3', toDomainId: NSK, offer: sampleOffer() },
  { type: 'OverflowOfferWithdrawn', at, commandId: 'x3', toDomainId: NSK, interactionId: 'n1' },
  {
    type: 'RemoteOfferReceived',
    at,
    commandId: 'x3',
    offer: { ...sampleOffer(), language: undefined, customerAddress: undefined, customerId: undefined, vip: undefined },
  },
  { type: 'RemoteOfferDropped', at, commandId: 'x3', interactionId: 'n1', homeDomainId: NSK },
  {
    type: 'AgentClaimed',
    at,
    commandId: 'x4',
    toDomainId: NSK,
    claimId: 'cl1',
    interactionId: 'n1',
    agentId: 'a1',
    claimDeadline: at + 5_000,
  },
  {
    type: 'ClaimDecided',
    at,
    commandId: 'x4',
    toDomainId: NSK,
    claimId: 'cl1',
    interactionId: 'i1',
    agentId: 'b1',
    granted: true,
    ringTimeoutMs: 15_000,
  },
  {
    type: 'RemoteOfferRinging',
    at,
    commandId: 'x4',
    claimId: 'cl1',
    interactionId: 'n1',
    agentId: 'a1',
    ringDeadline: at + 15_000,
  },
  { type: 'ClaimReleased', at, commandId: 'x4', claimId: 'cl1', interactionId: 'n1', agentId: 'a1' },
  {
    type: 'RemoteOfferAnswered',
    at,
    commandId: 'x4',
    toDomainId: NSK,
    interactionId: 'n1',
    agentId: 'a1',
    outcome: 'accepted',
  },
  {
    type: 'RemoteCompletionSent',
    at,
    commandId: 'x5',
    toDomainId: NSK,
    interactionId: 'i1',
    agentId: 'b1',
    wrapUpMs: 10_000,
  },
  {
    type: 'InteractionOffered',
    at,
    commandId: 'x5',
    interactionId: 'i1',
    queueId: 'sales',
    agentId: 'b1',
    agentDomainId: NSK,
    offerId: 'cl1',
    waitedMs: 1_000,
  },
  {
    type: 'InteractionQueued',
    at,
    commandId: 'x6',
    interaction: { interactionId: 'i7', queueId: 'sales', channel: 'sms', kind: 'inbound', customerId: 'crm-7' },
    enqueuedAt: at - 10_000,
    position: 3,
    estimate: { remainingMs: 45_000, waitedMs: 10_000 },
    predictor: 'last-to-enter-service',
    unbounded: false,
    predictions: { 'queue-length': 41_234, 'head-of-line': 50_000, 'last-to-enter-service': 44_000 },
    preferredAgentId: 'a1',
    preferredUntil: at + 20_000,
  },
  {
    type: 'AgentStateChanged',
    at,
    commandId: 'x7',
    agentId: 'a1',
    from: 'Reserved',
    to: 'Busy',
    previousStateMs: 3_000,
  },
];

const { commands: engineCommands, events: engineEvents } = engineScenario();
const allEvents = [...engineEvents, ...handEvents];
const allCommands = [...engineCommands, ...handCommands];
const allConfigEvents = tenantConfigEvents();

describe('routing event codec', () => {
  it.each(allEvents.map((event, index) => [`${index} ${event.type}`, event] as const))('round-trips %s', (_, event) => {
    const { type, message } = toProtoEvent(MSK, TENANT, event);
    expect(type).toBe(`cc.routing.v1.${event.type}`);
    // WaitPrediction.remaining_ms is int64: the engine's fractional predictions arrive rounded to whole ms.
    const expected =
      event.type === 'InteractionQueued'
        ? {
            ...event,
            predictions: Object.fromEntries(Object.entries(event.predictions).map(([k, v]) => [k, Math.round(v)])),
          }
        : event;
    expect(fromProtoEvent(type, wire(type, message))).toEqual(expected);
  });

  it('covers every RoutingEvent type', () => {
    expect(new Set(allEvents.map((event) => event.type))).toEqual(
      new Set(Object.keys(ROUTING_EVENT_TYPES) as RoutingEventType[]),
    );
  });

  it('rejects bad input, naming the field', () => {
    expect(() => fromProtoEvent('cc.routing.v1.Nope', {})).toThrow(
      'not a routing log event type: "cc.routing.v1.Nope"',
    );
    const { type, message } = toProtoEvent(MSK, TENANT, handEvents[0]!);
    expect(() => fromProtoEvent(type, { ...(message as object), occurredAt: undefined })).toThrow(
      'InteractionOverflowed.occurred_at: is missing',
    );
    expect(() => fromProtoEvent(type, { ...(message as object), reason: 0 })).toThrow(
      'InteractionOverflowed.reason: OverflowReason is UNSPECIFIED',
    );
    expect(() => fromProtoEvent(type, { ...(message as object), action: {} })).toThrow(
      'InteractionOverflowed.action.action: exactly one action must be set',
    );
    expect(() => fromProtoEvent(type, null)).toThrow('InteractionOverflowed: expected a message');
  });
});

describe('routing command codec', () => {
  it.each(allCommands.map((command, index) => [`${index} ${command.type}`, command] as const))(
    'round-trips %s',
    (_, command) => {
      const { type, message } = toProtoCommand(MSK, TENANT, command);
      expect(type).toBe(`cc.routing.v1.${command.type}`);
      expect(fromProtoCommand(type, wire(type, message))).toEqual(command);
    },
  );

  it('covers every RoutingCommand type', () => {
    expect(new Set(allCommands.map((command) => command.type))).toEqual(
      new Set(Object.keys(ROUTING_COMMAND_TYPES) as RoutingCommandType[]),
    );
  });

  it('rejects bad input, naming the field', () => {
    expect(() =>
      fromProtoCommand('cc.routing.v1.AcceptOffer', {
        tenantId: TENANT,
        domainId: MSK,
        commandId: 'c',
        occurredAt: new Date(at),
        agentId: 'a1',
      }),
    ).toThrow('AcceptOffer.interaction_id: is empty');
    expect(() =>
      fromProtoCommand('cc.routing.v1.LogInAgent', {
        tenantId: TENANT,
        domainId: MSK,
        commandId: 'c',
        occurredAt: new Date(at),
        agentId: 'a1',
        initialState: 4,
      }),
    ).toThrow('LogInAgent.initial_state');
  });
});

describe('config event codec', () => {
  it.each(allConfigEvents.map((event) => [`v${event.version} ${event.type}`, event] as const))(
    'round-trips %s',
    (_, event) => {
      const { type, message } = toProtoConfigEvent(event);
      expect(type).toBe(`cc.routing.v1.${event.type}`);
      expect(EVENT_DEFINITIONS[type].topic).toBe('cc.routing.config.v1');
      expect(fromProtoConfigEvent(type, wire(type, message))).toEqual(event);
    },
  );

  it('covers every ConfigEvent type', () => {
    expect(new Set(allConfigEvents.map((event) => event.type))).toEqual(
      new Set(Object.keys(CONFIG_EVENT_TYPES) as ConfigEventType[]),
    );
  });
});
