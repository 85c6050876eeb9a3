import {
  allEventDefinitions,
  CallArrivedEvent,
  EVENT_DEFINITIONS,
  eventDefinitionFor,
  eventTypesOfTopic,
  type EventType,
} from './event-types';
import { sampleEvents } from './testing/sample-events';
import { CALL_LIFECYCLE_TOPIC, TOPIC_CATALOG, topicDefinitionOf } from './topics';

const samples = sampleEvents();
const types = Object.keys(EVENT_DEFINITIONS) as EventType[];

describe('event type registry', () => {
  it.each(types)('%s encodes and decodes its payload unchanged', (type) => {
    const definition = eventDefinitionFor(type)!;
    const data = samples[type];
    const bytes = definition.encode(data);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBeGreaterThan(0);
    expect(definition.decode(bytes)).toEqual(data);
  });

  it.each(types)('%s has a subject and key, and a tenant in the payload', (type) => {
    const definition = eventDefinitionFor(type)!;
    const data = samples[type] as { tenantId: string };
    expect(definition.subject(data)).not.toBe('');
    expect(definition.key(data)).not.toBe('');
    expect(data.tenantId).not.toBe('');
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
    ]);
    expect(eventTypesOfTopic('cc.unknown.topic.v1')).toEqual([]);
  });

  it('returns undefined for unknown types (also for Object.prototype names)', () => {
    expect(eventDefinitionFor('cc.call.v1.CallVanished')).toBeUndefined();
    expect(eventDefinitionFor('toString')).toBeUndefined();
    expect(eventDefinitionFor(CallArrivedEvent.type)).toBe(CallArrivedEvent);
    expect(allEventDefinitions()).toHaveLength(types.length);
  });

  it('keys call events by call id', () => {
    const data = samples['cc.call.v1.CallArrived'];
    expect(CallArrivedEvent.key(data)).toBe(data.callId);
    expect(CallArrivedEvent.subject(data)).toBe(data.callId);
  });
});
