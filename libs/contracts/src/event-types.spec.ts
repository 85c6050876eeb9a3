import {
  allEventDefinitions,
  CallArrivedEvent,
  EVENT_DEFINITIONS,
  eventDefinitionFor,
  eventTypesOfTopic,
  RoutingInteractionQueuedEvent,
  RoutingQueueDefinedEvent,
  RoutingQueueInteractionCommand,
  type EventType,
} from './event-types';
import { sampleEvents } from './testing/sample-events';
import {
  CALL_LIFECYCLE_TOPIC,
  ROUTING_COMMANDS_TOPIC,
  ROUTING_CONFIG_TOPIC,
  ROUTING_LOG_TOPIC,
  TOPIC_CATALOG,
  topicDefinitionOf,
} from './topics';

const samples = sampleEvents();
const types = Object.keys(EVENT_DEFINITIONS) as EventType[];
const takeoverMarkers: EventType[] = ['cc.routing.v1.LogPartitionClaimed', 'cc.routing.v1.ConfigPartitionClaimed'];
const tenantTypes = types.filter((type) => !takeoverMarkers.includes(type));

describe('event type registry', () => {
  it.each(types)('%s encodes and decodes its payload unchanged', (type) => {
    const definition = eventDefinitionFor(type)!;
    const data = samples[type];
    const bytes = definition.encode(data);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBeGreaterThan(0);
    expect(definition.decode(bytes)).toEqual(data);
  });

  it.each(tenantTypes)('%s has a subject and key, and a tenant in the payload', (type) => {
    const definition = eventDefinitionFor(type)!;
    const data = samples[type] as { tenantId: string };
    expect(definition.subject(data)).not.toBe('');
    expect(definition.key(data)).not.toBe('');
    expect(data.tenantId).not.toBe('');
  });

  it.each(takeoverMarkers)('%s belongs to no tenant and is keyed by the partition taken over', (type) => {
    const data = samples[type] as { tenantId: string; partition: number };
    expect(data.tenantId).toBe('');
    expect(eventDefinitionFor(type)!.key(data)).toBe(`partition-${data.partition}`);
  });

  it.each(types)('%s is named cc.<area>.v<N>.<Message> after its protobuf message', (type) => {
    const definition = eventDefinitionFor(type)!;
    expect(definition.type).toBe(type);
    expect(type).toMatch(/^cc\.[a-z-]+\.v[0-9]+\.[A-Z][A-Za-z]+$/);
    expect(definition.protoName).toBe(type.replace(/^cc\./, 'callcenter.'));
  });

  it.each(types)('%s is published on a topic of the catalogue', (type) => {
    const topic = eventDefinitionFor(type)!.topic;
    expect(TOPIC_CATALOG.map((entry) => entry.name)).toContain(topic);
    expect(topicDefinitionOf(topic)).toBeDefined();
  });

  it('gives every catalogue topic at least one event type', () => {
    for (const topic of TOPIC_CATALOG) expect(eventTypesOfTopic(topic.name).length).toBeGreaterThan(0);
  });

  it('lists the call lifecycle types of the call topic', () => {
    expect(eventTypesOfTopic(CALL_LIFECYCLE_TOPIC)).toEqual([
      'cc.call.v1.CallArrived',
      'cc.call.v1.CallQueued',
      'cc.call.v1.CallLeftQueue',
      'cc.call.v1.CallOffered',
      'cc.call.v1.CallAnswered',
      'cc.call.v1.CallTransferred',
      'cc.call.v1.CallAbandoned',
      'cc.call.v1.CallEnded',
      'cc.call.v1.CallRinging',
      'cc.call.v1.CallBridged',
    ]);
    expect(eventTypesOfTopic('cc.unknown.topic.v1')).toEqual([]);
  });

  it('returns undefined for unknown types (also for Object.prototype names)', () => {
    expect(eventDefinitionFor('cc.call.v1.CallVanished')).toBeUndefined();
    expect(eventDefinitionFor('toString')).toBeUndefined();
    expect(eventDefinitionFor(CallArrivedEvent.type)).toBe(CallArrivedEvent);
    expect(allEventDefinitions()).toHaveLength(types.length);
  });

  it('lists the routing configuration events of cc.routing.config.v1', () => {
    expect(eventTypesOfTopic(ROUTING_CONFIG_TOPIC)).toEqual([
      'cc.routing.v1.TenantDefined',
      'cc.routing.v1.BranchDefined',
      'cc.routing.v1.SkillDefined',
      'cc.routing.v1.PartnerDefined',
      'cc.routing.v1.NotReadyReasonDefined',
      'cc.routing.v1.QueueDefined',
      'cc.routing.v1.QueueRemoved',
      'cc.routing.v1.AgentDefined',
      'cc.routing.v1.AgentRemoved',
      'cc.routing.v1.AgentSkillsChanged',
      'cc.routing.v1.AgentGroupsChanged',
      'cc.routing.v1.ConfigPartitionClaimed',
    ]);
  });

  it('lists the routing commands of cc.routing.commands.v1', () => {
    expect(eventTypesOfTopic(ROUTING_COMMANDS_TOPIC)).toEqual([
      'cc.routing.v1.LogInAgent',
      'cc.routing.v1.LogOutAgent',
      'cc.routing.v1.MakeAgentReady',
      'cc.routing.v1.MakeAgentNotReady',
      'cc.routing.v1.QueueInteraction',
      'cc.routing.v1.AcceptOffer',
      'cc.routing.v1.RejectOffer',
      'cc.routing.v1.AbandonInteraction',
      'cc.routing.v1.CompleteInteraction',
      'cc.routing.v1.RequestCallback',
      'cc.routing.v1.AnnounceWait',
      'cc.routing.v1.AdvanceTime',
      'cc.routing.v1.ApplyConfig',
      'cc.routing.v1.ReceiveOverflowOffer',
      'cc.routing.v1.ReceiveOverflowWithdrawal',
      'cc.routing.v1.ReceiveAgentClaim',
      'cc.routing.v1.ReceiveClaimDecision',
      'cc.routing.v1.ReceiveRemoteOfferOutcome',
      'cc.routing.v1.ReceiveRemoteCompletion',
      'cc.routing.v1.ChangeConfig',
    ]);
  });

  it('lists the routing decisions of cc.routing.log.v1', () => {
    expect(eventTypesOfTopic(ROUTING_LOG_TOPIC)).toEqual([
      'cc.routing.v1.ConfigApplied',
      'cc.routing.v1.AgentLoggedIn',
      'cc.routing.v1.AgentLoggedOut',
      'cc.routing.v1.AgentStateChanged',
      'cc.routing.v1.AgentNotReadyPending',
      'cc.routing.v1.InteractionQueued',
      'cc.routing.v1.InteractionOffered',
      'cc.routing.v1.OfferAccepted',
      'cc.routing.v1.OfferRejected',
      'cc.routing.v1.OfferTimedOut',
      'cc.routing.v1.InteractionAbandoned',
      'cc.routing.v1.InteractionCompleted',
      'cc.routing.v1.TargetsExpanded',
      'cc.routing.v1.InteractionOverflowed',
      'cc.routing.v1.CallbackOffered',
      'cc.routing.v1.CallbackRequested',
      'cc.routing.v1.WaitAnnounced',
      'cc.routing.v1.OverflowOfferSent',
      'cc.routing.v1.OverflowOfferWithdrawn',
      'cc.routing.v1.RemoteOfferReceived',
      'cc.routing.v1.RemoteOfferDropped',
      'cc.routing.v1.AgentClaimed',
      'cc.routing.v1.ClaimDecided',
      'cc.routing.v1.RemoteOfferRinging',
      'cc.routing.v1.ClaimReleased',
      'cc.routing.v1.RemoteOfferAnswered',
      'cc.routing.v1.RemoteCompletionSent',
      'cc.routing.v1.LogPartitionClaimed',
    ]);
  });

  it.each(tenantTypes.filter((type) => eventDefinitionFor(type)!.topic === ROUTING_CONFIG_TOPIC))(
    '%s is keyed by tenant id (one version sequence per tenant)',
    (type) => {
      const data = samples[type] as { tenantId: string; version: number; actor: string };
      expect(eventDefinitionFor(type)!.key(data)).toBe(data.tenantId);
      expect(data.version).toBeGreaterThan(0);
      expect(data.actor).not.toBe('');
    },
  );

  it.each(
    tenantTypes.filter(
      (type) =>
        [ROUTING_COMMANDS_TOPIC, ROUTING_LOG_TOPIC].includes(eventDefinitionFor(type)!.topic) &&
        type !== 'cc.routing.v1.ChangeConfig',
    ),
  )('%s is keyed by its routing domain id "<tenant>/<branch>"', (type) => {
    const data = samples[type] as { tenantId: string; domainId: string; commandId?: string; causationId?: string };
    const definition = eventDefinitionFor(type)!;
    expect(definition.key(data)).toBe(data.domainId);
    expect(definition.subject(data)).toBe(data.domainId);
    expect(data.domainId.startsWith(`${data.tenantId}/`)).toBe(true);
    expect(definition.topic === ROUTING_COMMANDS_TOPIC ? data.commandId : data.causationId).toMatch(/.+/);
  });

  it('carries a configuration event unchanged inside ApplyConfig and ConfigApplied', () => {
    const defined = samples['cc.routing.v1.QueueDefined'];
    const roundTrip = <T>(type: EventType, data: T): T =>
      eventDefinitionFor(type)!.decode(eventDefinitionFor(type)!.encode(data)) as T;
    expect(roundTrip('cc.routing.v1.ApplyConfig', samples['cc.routing.v1.ApplyConfig']).event).toEqual({
      queueDefined: defined,
    });
    expect(roundTrip('cc.routing.v1.ConfigApplied', samples['cc.routing.v1.ConfigApplied']).event).toEqual({
      queueDefined: defined,
    });
    expect(RoutingQueueDefinedEvent.key(defined)).toBe('tenant-acme');
    expect(RoutingQueueInteractionCommand.type).toBe('cc.routing.v1.QueueInteraction');
    expect(RoutingInteractionQueuedEvent.protoName).toBe('callcenter.routing.v1.InteractionQueued');
  });

  it('keys configuration changes by tenant id, and replies like their command', () => {
    const change = samples['cc.routing.v1.ChangeConfig'];
    expect(eventDefinitionFor('cc.routing.v1.ChangeConfig')!.key(change)).toBe(change.tenantId);
    expect(change.domainId).toBe(change.tenantId);
    const reply = samples['cc.routing.v1.CommandReply'];
    expect(eventDefinitionFor('cc.routing.v1.CommandReply')!.key(reply)).toBe(reply.domainId);
  });

  it('keys call events by call id', () => {
    const data = samples['cc.call.v1.CallArrived'];
    expect(CallArrivedEvent.key(data)).toBe(data.callId);
    expect(CallArrivedEvent.subject(data)).toBe(data.callId);
  });
});
