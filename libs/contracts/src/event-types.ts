/**
 * Registry of the event types: for each CloudEvents type, its topic, protobuf codec, subject and partition key.
 * Producers encode through it and consumers decode through it, so a type can only ever appear on its own topic.
 */
import * as agentV1 from './generated/callcenter/agent/v1/agent';
import * as callV1 from './generated/callcenter/call/v1/call';
import * as queueV1 from './generated/callcenter/queue/v1/queue';
import { AGENT_LIFECYCLE_TOPIC, CALL_LIFECYCLE_TOPIC, QUEUE_CONFIG_TOPIC } from './topics';

/** How to carry one event type on Kafka. */
export interface EventDefinition<T> {
  /** CloudEvents type (header ce_type), `cc.<area>.v<N>.<Message>`, e.g. "cc.call.v1.CallArrived". */
  readonly type: string;
  /** Fully qualified protobuf message name of the payload, e.g. "callcenter.call.v1.CallArrived". */
  readonly protoName: string;
  /** Topic the event is published on. */
  readonly topic: string;
  /** Protobuf-encodes a payload. */
  encode(data: T): Uint8Array;
  /** Decodes a protobuf payload; throws on malformed bytes. */
  decode(bytes: Uint8Array): T;
  /** CloudEvents subject (header ce_subject): the id of the thing the event is about, e.g. the call id. */
  subject(data: T): string;
  /** Kafka message key (partition key): events with the same key keep their order. */
  key(data: T): string;
}

/** The part of a ts-proto message codec the registry needs. */
interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

function defineEvent<T>(
  area: string,
  version: string,
  message: string,
  topic: string,
  codec: MessageCodec<T>,
  id: (data: T) => string,
): EventDefinition<T> {
  return {
    type: `cc.${area}.${version}.${message}`,
    protoName: `callcenter.${area}.${version}.${message}`,
    topic,
    encode: (data) => codec.encode(data).finish(),
    decode: (bytes) => codec.decode(bytes),
    subject: id,
    key: id,
  };
}

const callId = (data: { callId: string }): string => data.callId;
const agentId = (data: { agentId: string }): string => data.agentId;
const queueId = (data: { queueId: string }): string => data.queueId;

// Call lifecycle: subject and key are the call id.
export const CallArrivedEvent = defineEvent(
  'call',
  'v1',
  'CallArrived',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallArrived,
  callId,
);
export const CallQueuedEvent = defineEvent('call', 'v1', 'CallQueued', CALL_LIFECYCLE_TOPIC, callV1.CallQueued, callId);
export const CallLeftQueueEvent = defineEvent(
  'call',
  'v1',
  'CallLeftQueue',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallLeftQueue,
  callId,
);
export const CallOfferedEvent = defineEvent(
  'call',
  'v1',
  'CallOffered',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallOffered,
  callId,
);
export const CallAnsweredEvent = defineEvent(
  'call',
  'v1',
  'CallAnswered',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallAnswered,
  callId,
);
export const CallTransferredEvent = defineEvent(
  'call',
  'v1',
  'CallTransferred',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallTransferred,
  callId,
);
export const CallAbandonedEvent = defineEvent(
  'call',
  'v1',
  'CallAbandoned',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallAbandoned,
  callId,
);
export const CallEndedEvent = defineEvent('call', 'v1', 'CallEnded', CALL_LIFECYCLE_TOPIC, callV1.CallEnded, callId);

// Agent lifecycle: subject and key are the agent id.
export const AgentLoggedInEvent = defineEvent(
  'agent',
  'v1',
  'AgentLoggedIn',
  AGENT_LIFECYCLE_TOPIC,
  agentV1.AgentLoggedIn,
  agentId,
);
export const AgentStateChangedEvent = defineEvent(
  'agent',
  'v1',
  'AgentStateChanged',
  AGENT_LIFECYCLE_TOPIC,
  agentV1.AgentStateChanged,
  agentId,
);
export const AgentLoggedOutEvent = defineEvent(
  'agent',
  'v1',
  'AgentLoggedOut',
  AGENT_LIFECYCLE_TOPIC,
  agentV1.AgentLoggedOut,
  agentId,
);

// Queue configuration: subject and key are the queue id.
export const QueueConfiguredEvent = defineEvent(
  'queue',
  'v1',
  'QueueConfigured',
  QUEUE_CONFIG_TOPIC,
  queueV1.QueueConfigured,
  queueId,
);
export const QueueRemovedEvent = defineEvent(
  'queue',
  'v1',
  'QueueRemoved',
  QUEUE_CONFIG_TOPIC,
  queueV1.QueueRemoved,
  queueId,
);

/** Payload type of each event type, for typed consumers (`switch (event.type)` over {@link ContractEvent}). */
export interface EventDataByType {
  'cc.call.v1.CallArrived': callV1.CallArrived;
  'cc.call.v1.CallQueued': callV1.CallQueued;
  'cc.call.v1.CallLeftQueue': callV1.CallLeftQueue;
  'cc.call.v1.CallOffered': callV1.CallOffered;
  'cc.call.v1.CallAnswered': callV1.CallAnswered;
  'cc.call.v1.CallTransferred': callV1.CallTransferred;
  'cc.call.v1.CallAbandoned': callV1.CallAbandoned;
  'cc.call.v1.CallEnded': callV1.CallEnded;
  'cc.agent.v1.AgentLoggedIn': agentV1.AgentLoggedIn;
  'cc.agent.v1.AgentStateChanged': agentV1.AgentStateChanged;
  'cc.agent.v1.AgentLoggedOut': agentV1.AgentLoggedOut;
  'cc.queue.v1.QueueConfigured': queueV1.QueueConfigured;
  'cc.queue.v1.QueueRemoved': queueV1.QueueRemoved;
}

/** Every registered CloudEvents type. */
export type EventType = keyof EventDataByType;

/** A decoded event payload tagged with its type: a discriminated union over every registered event. */
export type ContractEvent = { [K in EventType]: { type: K; data: EventDataByType[K] } }[EventType];

/** Every registered event definition, keyed by CloudEvents type. */
export const EVENT_DEFINITIONS: { readonly [K in EventType]: EventDefinition<EventDataByType[K]> } = {
  'cc.call.v1.CallArrived': CallArrivedEvent,
  'cc.call.v1.CallQueued': CallQueuedEvent,
  'cc.call.v1.CallLeftQueue': CallLeftQueueEvent,
  'cc.call.v1.CallOffered': CallOfferedEvent,
  'cc.call.v1.CallAnswered': CallAnsweredEvent,
  'cc.call.v1.CallTransferred': CallTransferredEvent,
  'cc.call.v1.CallAbandoned': CallAbandonedEvent,
  'cc.call.v1.CallEnded': CallEndedEvent,
  'cc.agent.v1.AgentLoggedIn': AgentLoggedInEvent,
  'cc.agent.v1.AgentStateChanged': AgentStateChangedEvent,
  'cc.agent.v1.AgentLoggedOut': AgentLoggedOutEvent,
  'cc.queue.v1.QueueConfigured': QueueConfiguredEvent,
  'cc.queue.v1.QueueRemoved': QueueRemovedEvent,
};

/** Every registered event definition, in registry order. */
export function allEventDefinitions(): EventDefinition<unknown>[] {
  return Object.values(EVENT_DEFINITIONS) as EventDefinition<unknown>[];
}

/** True if `type` is a registered CloudEvents type. */
export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_DEFINITIONS, type);
}

/** The definition of a CloudEvents type, or undefined if the type is unknown. */
export function eventDefinitionFor(type: string): EventDefinition<unknown> | undefined {
  return isEventType(type) ? (EVENT_DEFINITIONS[type] as EventDefinition<unknown>) : undefined;
}

/** The CloudEvents types published on `topic` (empty for unknown topics). */
export function eventTypesOfTopic(topic: string): EventType[] {
  return (Object.keys(EVENT_DEFINITIONS) as EventType[]).filter((type) => EVENT_DEFINITIONS[type].topic === topic);
}
