/**
 * The event envelope: CloudEvents 1.0 attributes carried in Kafka headers (Kafka protocol binding, binary content
 * mode), with the protobuf payload as the message value. See docs/topics.md for the header table.
 */
import { eventDefinitionFor, type EventDataByType, type EventDefinition, type EventType } from './event-types';
import { DLQ_SUFFIX, isDlqTopic } from './topics';

/** An event with its metadata. `data` is the decoded payload. */
export interface EventEnvelope<T> {
  /** Unique event id (UUID); consumers deduplicate on it. Header ce_id. */
  id: string;
  /** CloudEvents type, e.g. "cc.call.v1.CallArrived". Header ce_type. */
  type: string;
  /** URI-reference of the producer, e.g. "/cc/sip-ingress/branch-msk-1". Header ce_source. */
  source: string;
  /** What the event is about (call id, agent id, queue id). Header ce_subject. */
  subject?: string;
  /** When the fact happened, RFC 3339 (e.g. "2025-03-01T09:15:02.125Z"). Header ce_time. */
  time: string;
  /** Tenant (client company). Header ce_tenantid. Mandatory. */
  tenantId: string;
  /** Id shared by every event of one business flow (e.g. the call id, or the id of the originating request). */
  correlationId?: string;
  /** Id of the event or command that directly caused this event. */
  causationId?: string;
  /** Who caused the event: "agent:<id>", "supervisor:<id>", "system:<service>", "customer". */
  actor?: string;
  /** W3C trace context of the producing span. */
  traceparent?: string;
  /** W3C trace state. */
  tracestate?: string;
  /** Payload. */
  data: T;
}

/** The envelope's metadata without the payload. */
export type EventMetadata = Omit<EventEnvelope<unknown>, 'data'>;

/** Kafka header values as clients deliver them (kafkajs: Buffer, string, arrays of them, or undefined). */
export type HeaderValue = string | Uint8Array | readonly (string | Uint8Array)[] | undefined;
/** Kafka headers as clients deliver them. */
export type KafkaHeaders = Readonly<Record<string, HeaderValue>>;

/** CloudEvents spec version this platform writes and reads. */
export const CLOUDEVENTS_SPEC_VERSION = '1.0';
/** Content type of every payload. */
export const PROTOBUF_CONTENT_TYPE = 'application/protobuf';
/** Content types accepted on read (the second is a common legacy spelling). */
const ACCEPTED_CONTENT_TYPES = [PROTOBUF_CONTENT_TYPE, 'application/x-protobuf'];

/** Names of the Kafka headers the envelope uses. */
export const HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  subject: 'ce_subject',
  tenantId: 'ce_tenantid',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  actor: 'ce_actor',
  contentType: 'content-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** Why an envelope or payload was rejected; consumers put it in the dlq_reason header. */
export type EnvelopeErrorReason =
  | 'missing ce_specversion'
  | 'unsupported specversion'
  | 'missing ce_id'
  | 'missing ce_type'
  | 'missing ce_source'
  | 'missing ce_time'
  | 'invalid ce_time'
  | 'missing tenant id'
  | 'tenant mismatch'
  | 'unsupported content-type'
  | 'unknown event type'
  | 'event type not allowed on topic'
  | 'missing partition key'
  | 'undecodable payload';

/** A message that is not a valid event of this platform. Not retryable: send the message to the DLQ. */
export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';

  constructor(
    readonly reason: EnvelopeErrorReason,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${reason}: ${detail}` : reason, options);
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** True if `value` is an RFC 3339 date-time, as CloudEvents requires for ce_time. */
export function isRfc3339(value: string): boolean {
  return RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

/** The CloudEvents Kafka headers (binary mode) of an envelope. Optional attributes are omitted when empty. */
export function envelopeToHeaders(envelope: EventMetadata): Record<string, string> {
  const headers: Record<string, string> = {
    [HEADERS.specversion]: CLOUDEVENTS_SPEC_VERSION,
    [HEADERS.id]: envelope.id,
    [HEADERS.type]: envelope.type,
    [HEADERS.source]: envelope.source,
    [HEADERS.time]: envelope.time,
    [HEADERS.tenantId]: envelope.tenantId,
    [HEADERS.contentType]: PROTOBUF_CONTENT_TYPE,
  };
  const optional: [string, string | undefined][] = [
    [HEADERS.subject, envelope.subject],
    [HEADERS.correlationId, envelope.correlationId],
    [HEADERS.causationId, envelope.causationId],
    [HEADERS.actor, envelope.actor],
    [HEADERS.traceparent, envelope.traceparent],
    [HEADERS.tracestate, envelope.tracestate],
  ];
  for (const [name, value] of optional) {
    if (value) headers[name] = value;
  }
  return headers;
}

const utf8 = new TextDecoder('utf-8');

/** One header as a string: bytes are read as UTF-8, the first of repeated headers wins, empty means absent. */
export function headerValue(headers: KafkaHeaders, name: string): string | undefined {
  let value = headers[name];
  if (Array.isArray(value)) value = value[0];
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : utf8.decode(value as Uint8Array);
  return text === '' ? undefined : text;
}

function required(headers: KafkaHeaders, name: string, reason: EnvelopeErrorReason): string {
  const value = headerValue(headers, name);
  if (value === undefined) throw new EnvelopeError(reason);
  return value;
}

/** Reads and validates the envelope from Kafka headers. Throws {@link EnvelopeError} on invalid input. */
export function headersToEnvelope(headers: KafkaHeaders): EventMetadata {
  const specversion = required(headers, HEADERS.specversion, 'missing ce_specversion');
  if (specversion !== CLOUDEVENTS_SPEC_VERSION) throw new EnvelopeError('unsupported specversion', specversion);
  const contentType = headerValue(headers, HEADERS.contentType);
  if (contentType !== undefined) {
    const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
    if (!ACCEPTED_CONTENT_TYPES.includes(mediaType)) throw new EnvelopeError('unsupported content-type', contentType);
  }
  const id = required(headers, HEADERS.id, 'missing ce_id');
  const type = required(headers, HEADERS.type, 'missing ce_type');
  const source = required(headers, HEADERS.source, 'missing ce_source');
  const time = required(headers, HEADERS.time, 'missing ce_time');
  if (!isRfc3339(time)) throw new EnvelopeError('invalid ce_time', time);
  const tenantId = required(headers, HEADERS.tenantId, 'missing tenant id');

  const envelope: EventMetadata = { id, type, source, time, tenantId };
  const subject = headerValue(headers, HEADERS.subject);
  if (subject !== undefined) envelope.subject = subject;
  const correlationId = headerValue(headers, HEADERS.correlationId);
  if (correlationId !== undefined) envelope.correlationId = correlationId;
  const causationId = headerValue(headers, HEADERS.causationId);
  if (causationId !== undefined) envelope.causationId = causationId;
  const actor = headerValue(headers, HEADERS.actor);
  if (actor !== undefined) envelope.actor = actor;
  const traceparent = headerValue(headers, HEADERS.traceparent);
  if (traceparent !== undefined) envelope.traceparent = traceparent;
  const tracestate = headerValue(headers, HEADERS.tracestate);
  if (tracestate !== undefined) envelope.tracestate = tracestate;
  return envelope;
}

/** A decoded event of any registered type: narrow on `type` to get a typed `data`. */
export type ContractEnvelope = {
  [K in EventType]: Omit<EventEnvelope<EventDataByType[K]>, 'type'> & { type: K };
}[EventType];

/** An event ready for Kafka: topic, key, headers and value. */
export interface EncodedEvent {
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: Uint8Array;
}

/**
 * Envelope fields a producer supplies. The type comes from the definition; the subject defaults to the definition's
 * subject of the payload; the time defaults to the payload's occurred_at.
 */
export type EnvelopeInput<T> = Omit<EventEnvelope<T>, 'type' | 'subject' | 'time'> & {
  subject?: string;
  time?: string;
};

function payloadTenant(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const tenantId = (data as { tenantId?: unknown }).tenantId;
  return typeof tenantId === 'string' && tenantId !== '' ? tenantId : undefined;
}

function payloadTime(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const occurredAt = (data as { occurredAt?: unknown }).occurredAt;
  return occurredAt instanceof Date && !Number.isNaN(occurredAt.getTime()) ? occurredAt.toISOString() : undefined;
}

/**
 * Encodes an event for publishing: the CloudEvents headers, the partition key and the protobuf value, on the
 * definition's topic. Throws {@link EnvelopeError} if the tenant is missing or differs from the payload's
 * tenant_id, the time is not RFC 3339, or the partition key is empty.
 */
export function encodeEvent<T>(definition: EventDefinition<T>, envelope: EnvelopeInput<T>): EncodedEvent {
  if (!envelope.tenantId) throw new EnvelopeError('missing tenant id', definition.type);
  const dataTenant = payloadTenant(envelope.data);
  if (dataTenant === undefined) throw new EnvelopeError('missing tenant id', `${definition.type} payload tenant_id`);
  if (dataTenant !== envelope.tenantId) {
    throw new EnvelopeError('tenant mismatch', `envelope ${envelope.tenantId}, payload ${dataTenant}`);
  }
  if (!envelope.id) throw new EnvelopeError('missing ce_id');
  if (!envelope.source) throw new EnvelopeError('missing ce_source');
  const time = envelope.time ?? payloadTime(envelope.data);
  if (time === undefined) throw new EnvelopeError('missing ce_time', `${definition.type}: no time and no occurred_at`);
  if (!isRfc3339(time)) throw new EnvelopeError('invalid ce_time', time);
  const key = definition.key(envelope.data);
  if (!key) throw new EnvelopeError('missing partition key', definition.type);
  const { data, ...metadata } = envelope;
  const headers = envelopeToHeaders({
    ...metadata,
    type: definition.type,
    time,
    subject: envelope.subject ?? definition.subject(data),
  });
  return { topic: definition.topic, key, headers, value: definition.encode(data) };
}

/**
 * Decodes a Kafka message into a typed envelope. When `topic` is given, the event type must belong to it (or to the
 * topic whose DLQ it is). Throws {@link EnvelopeError} for bad headers, unknown types, a type on the wrong topic,
 * a payload that is not valid protobuf of its type, or a payload tenant that differs from the header's.
 */
export function decodeEvent(
  headers: KafkaHeaders,
  value: Uint8Array | null | undefined,
  topic?: string,
): ContractEnvelope {
  const metadata = headersToEnvelope(headers);
  const definition = eventDefinitionFor(metadata.type);
  if (!definition) throw new EnvelopeError('unknown event type', metadata.type);
  if (topic !== undefined) {
    const sourceTopic = isDlqTopic(topic) ? topic.slice(0, -DLQ_SUFFIX.length) : topic;
    if (definition.topic !== sourceTopic) {
      throw new EnvelopeError('event type not allowed on topic', `${metadata.type} on ${topic}`);
    }
  }
  let data: unknown;
  try {
    data = definition.decode(value ?? new Uint8Array(0));
  } catch (error) {
    throw new EnvelopeError('undecodable payload', `${metadata.type}: ${(error as Error).message}`, { cause: error });
  }
  const dataTenant = payloadTenant(data);
  if (dataTenant !== undefined && dataTenant !== metadata.tenantId) {
    throw new EnvelopeError('tenant mismatch', `header ${metadata.tenantId}, payload ${dataTenant}`);
  }
  return { ...metadata, data } as ContractEnvelope;
}
