import {
  decodeEvent,
  encodeEvent,
  EnvelopeError,
  envelopeToHeaders,
  headersToEnvelope,
  type EnvelopeErrorReason,
  type EventMetadata,
  type KafkaHeaders,
} from './envelope';
import {
  AgentLoggedInEvent,
  CallArrivedEvent,
  CallEndedEvent,
  RoutingInteractionQueuedEvent,
  RoutingQueueInteractionCommand,
} from './event-types';
import { sampleEvents } from './testing/sample-events';

const samples = sampleEvents();

const metadata: EventMetadata = {
  id: '0b9f1d1e-8a53-4a43-9c0a-2a9fdb1d7d10',
  type: 'cc.call.v1.CallArrived',
  source: '/cc/sip-ingress/branch-msk-1',
  subject: samples['cc.call.v1.CallArrived'].callId,
  time: '2025-03-01T09:15:02.125Z',
  tenantId: 'tenant-acme',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  actor: 'system:sip-ingress',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  tracestate: 'congo=t61rcWkgMzE',
};

function expectReason(action: () => unknown, reason: EnvelopeErrorReason): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EnvelopeError);
  expect((caught as EnvelopeError).reason).toBe(reason);
  expect((caught as EnvelopeError).name).toBe('EnvelopeError');
}

describe('envelope headers (CloudEvents Kafka binding, binary mode)', () => {
  it('writes the CloudEvents headers, content type and trace context', () => {
    expect(envelopeToHeaders(metadata)).toEqual({
      ce_specversion: '1.0',
      ce_id: metadata.id,
      ce_type: metadata.type,
      ce_source: metadata.source,
      ce_subject: metadata.subject,
      ce_time: metadata.time,
      ce_tenantid: 'tenant-acme',
      ce_correlationid: 'corr-1',
      ce_causationid: 'cause-1',
      ce_actor: 'system:sip-ingress',
      'content-type': 'application/protobuf',
      traceparent: metadata.traceparent,
      tracestate: metadata.tracestate,
    });
  });

  it('round-trips the envelope', () => {
    expect(headersToEnvelope(envelopeToHeaders(metadata))).toEqual(metadata);
  });

  it('round-trips a minimal envelope without optional attributes', () => {
    const minimal: EventMetadata = { id: 'e1', type: 't', source: '/s', time: '2025-03-01T09:15:02Z', tenantId: 'x' };
    const headers = envelopeToHeaders(minimal);
    expect(Object.keys(headers).sort()).toEqual(
      ['ce_id', 'ce_source', 'ce_specversion', 'ce_tenantid', 'ce_time', 'ce_type', 'content-type'].sort(),
    );
    expect(headersToEnvelope(headers)).toEqual(minimal);
  });

  it('reads header values delivered as bytes or repeated headers (kafkajs shapes)', () => {
    const asBuffers: Record<string, Buffer | Buffer[]> = {};
    for (const [name, value] of Object.entries(envelopeToHeaders(metadata))) asBuffers[name] = Buffer.from(value);
    asBuffers['ce_actor'] = [Buffer.from('agent:7'), Buffer.from('agent:8')];
    expect(headersToEnvelope(asBuffers)).toEqual({ ...metadata, actor: 'agent:7' });
  });

  const valid = envelopeToHeaders(metadata);
  const without = (name: string): KafkaHeaders => {
    const copy: Record<string, string> = { ...valid };
    delete copy[name];
    return copy;
  };

  it.each<[string, KafkaHeaders, EnvelopeErrorReason]>([
    ['no ce_specversion', without('ce_specversion'), 'missing ce_specversion'],
    ['specversion 0.3', { ...valid, ce_specversion: '0.3' }, 'unsupported specversion'],
    ['no ce_id', without('ce_id'), 'missing ce_id'],
    ['empty ce_id', { ...valid, ce_id: '' }, 'missing ce_id'],
    ['no ce_type', without('ce_type'), 'missing ce_type'],
    ['no ce_source', without('ce_source'), 'missing ce_source'],
    ['no ce_time', without('ce_time'), 'missing ce_time'],
    ['a ce_time that is not RFC 3339', { ...valid, ce_time: '01.03.2025 09:15' }, 'invalid ce_time'],
    ['an impossible ce_time', { ...valid, ce_time: '2025-13-45T99:15:02Z' }, 'invalid ce_time'],
    ['no tenant', without('ce_tenantid'), 'missing tenant id'],
    ['a JSON content type', { ...valid, 'content-type': 'application/json' }, 'unsupported content-type'],
    ['no headers at all', {}, 'missing ce_specversion'],
  ])('rejects %s', (_case, headers, reason) => {
    expectReason(() => headersToEnvelope(headers), reason);
  });

  it('accepts content-type parameters and the legacy protobuf media type', () => {
    expect(headersToEnvelope({ ...valid, 'content-type': 'application/protobuf; proto=x' }).id).toBe(metadata.id);
    expect(headersToEnvelope({ ...valid, 'content-type': 'application/x-protobuf' }).id).toBe(metadata.id);
    expect(headersToEnvelope(without('content-type')).id).toBe(metadata.id);
  });
});

describe('encodeEvent / decodeEvent', () => {
  const data = samples['cc.call.v1.CallEnded'];
  const input = {
    id: 'evt-1',
    source: '/cc/sip-ingress/branch-msk-1',
    time: '2025-03-01T09:21:00.000Z',
    tenantId: data.tenantId,
    correlationId: data.callId,
    data,
  };

  it('encodes onto the definition topic, keyed and subjected by call id', () => {
    const encoded = encodeEvent(CallEndedEvent, input);
    expect(encoded.topic).toBe('cc.call.lifecycle.v1');
    expect(encoded.key).toBe(data.callId);
    expect(encoded.headers).toMatchObject({
      ce_type: 'cc.call.v1.CallEnded',
      ce_subject: data.callId,
      ce_tenantid: data.tenantId,
      'content-type': 'application/protobuf',
    });
  });

  it('round-trips through Kafka-shaped headers and value', () => {
    const encoded = encodeEvent(CallEndedEvent, input);
    const decoded = decodeEvent(encoded.headers, Buffer.from(encoded.value), encoded.topic);
    expect(decoded).toEqual({ ...input, type: 'cc.call.v1.CallEnded', subject: data.callId });
    if (decoded.type === 'cc.call.v1.CallEnded') expect(decoded.data.talkMs).toBe(245_000);
  });

  it('accepts an event read back from its dead-letter topic', () => {
    const encoded = encodeEvent(CallEndedEvent, input);
    expect(decodeEvent(encoded.headers, encoded.value, 'cc.call.lifecycle.v1.dlq').type).toBe('cc.call.v1.CallEnded');
  });

  it('rejects an event type on a topic it does not belong to', () => {
    const encoded = encodeEvent(CallEndedEvent, input);
    expectReason(
      () => decodeEvent(encoded.headers, encoded.value, 'cc.agent.lifecycle.v1'),
      'event type not allowed on topic',
    );
  });

  it('rejects unknown event types', () => {
    const encoded = encodeEvent(CallEndedEvent, input);
    expectReason(
      () => decodeEvent({ ...encoded.headers, ce_type: 'cc.call.v1.CallVanished' }, encoded.value),
      'unknown event type',
    );
  });

  it('rejects payloads that are not protobuf of the type', () => {
    const encoded = encodeEvent(CallEndedEvent, input);
    // Field 3 (call_id) declared 100 bytes long, but the message ends after 2.
    expectReason(() => decodeEvent(encoded.headers, new Uint8Array([0x1a, 0x64, 0x41, 0x42])), 'undecodable payload');
    expectReason(() => decodeEvent(encoded.headers, Buffer.from('{"json":true}')), 'undecodable payload');
  });

  it('rejects a payload whose tenant differs from the header tenant', () => {
    const other = CallEndedEvent.encode({ ...data, tenantId: 'tenant-other' });
    const encoded = encodeEvent(CallEndedEvent, input);
    expectReason(() => decodeEvent(encoded.headers, other), 'tenant mismatch');
  });

  it('refuses to encode without a tenant, with a mismatching tenant, or without a key', () => {
    expectReason(() => encodeEvent(CallEndedEvent, { ...input, tenantId: '' }), 'missing tenant id');
    expectReason(() => encodeEvent(CallEndedEvent, { ...input, data: { ...data, tenantId: '' } }), 'missing tenant id');
    expectReason(() => encodeEvent(CallEndedEvent, { ...input, tenantId: 'tenant-other' }), 'tenant mismatch');
    expectReason(
      () => encodeEvent(CallEndedEvent, { ...input, data: { ...data, callId: '' } }),
      'missing partition key',
    );
    expectReason(() => encodeEvent(CallEndedEvent, { ...input, time: 'yesterday' }), 'invalid ce_time');
  });

  it('takes the time from the payload occurred_at when the producer gives none', () => {
    const { time: _time, ...withoutTime } = input;
    expect(encodeEvent(CallEndedEvent, withoutTime).headers['ce_time']).toBe('2025-03-01T09:15:02.125Z');
    const { occurredAt: _occurredAt, ...dataWithoutTime } = data;
    expectReason(() => encodeEvent(CallEndedEvent, { ...withoutTime, data: dataWithoutTime }), 'missing ce_time');
  });

  it('lets the producer override the subject, and keys agent events by agent id', () => {
    const agent = samples['cc.agent.v1.AgentLoggedIn'];
    const encoded = encodeEvent(AgentLoggedInEvent, { ...input, data: agent, subject: 'custom' });
    expect(encoded.topic).toBe('cc.agent.lifecycle.v1');
    expect(encoded.key).toBe(agent.agentId);
    expect(encoded.headers['ce_subject']).toBe('custom');
    expect(CallArrivedEvent.topic).toBe('cc.call.lifecycle.v1');
  });
});

describe('routing commands and events in the envelope', () => {
  const command = samples['cc.routing.v1.QueueInteraction'];
  const event = samples['cc.routing.v1.InteractionQueued'];
  const envelope = { id: 'evt-2', source: '/cc/routing/0', tenantId: command.tenantId, actor: 'system:sip-ingress' };

  it('puts a command on cc.routing.commands.v1 and its decision on cc.routing.log.v1, same key', () => {
    const encodedCommand = encodeEvent(RoutingQueueInteractionCommand, { ...envelope, data: command });
    const encodedEvent = encodeEvent(RoutingInteractionQueuedEvent, {
      ...envelope,
      causationId: command.commandId,
      data: event,
    });
    expect(encodedCommand).toMatchObject({ topic: 'cc.routing.commands.v1', key: 'tenant-acme/msk' });
    expect(encodedEvent).toMatchObject({ topic: 'cc.routing.log.v1', key: 'tenant-acme/msk' });
    expect(encodedCommand.headers['ce_type']).toBe('cc.routing.v1.QueueInteraction');
    expect(encodedEvent.headers['ce_causationid']).toBe(event.causationId);

    const decoded = decodeEvent(encodedEvent.headers, encodedEvent.value, 'cc.routing.log.v1');
    expect(decoded.type).toBe('cc.routing.v1.InteractionQueued');
    if (decoded.type === 'cc.routing.v1.InteractionQueued') expect(decoded.data).toEqual(event);
  });

  it('rejects a command read from the log topic and an event read from the command topic', () => {
    const encodedCommand = encodeEvent(RoutingQueueInteractionCommand, { ...envelope, data: command });
    const encodedEvent = encodeEvent(RoutingInteractionQueuedEvent, { ...envelope, data: event });
    expectReason(
      () => decodeEvent(encodedCommand.headers, encodedCommand.value, 'cc.routing.log.v1'),
      'event type not allowed on topic',
    );
    expectReason(
      () => decodeEvent(encodedEvent.headers, encodedEvent.value, 'cc.routing.commands.v1'),
      'event type not allowed on topic',
    );
  });
});
