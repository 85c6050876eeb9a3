import {
  type EventDefinition,
  type EventEnvelope,
  type EventMetadata,
  envelopeToHeaders,
  eventDefinitionFor,
  headersToEnvelope,
} from '@cc/contracts';
import { randomUUID } from 'node:crypto';
import { type LogRecord, type OutgoingRecord } from '../log/event-log';
import { type ConsumedEvent } from './consumed-event';

/** What a producer says about one event; the bus fills in id, time, source and type. */
export interface PublishRequest<T = unknown> {
  event: EventDefinition<T>;
  data: T;
  tenantId: string;
  /** Partition key; defaults to the definition's key of the data (e.g. the call id, the routing domain). */
  key?: string;
  subject?: string;
  correlationId?: string;
  causationId?: string;
  actor?: string;
  id?: string;
  time?: Date;
}

export type EventRegistry = (type: string) => EventDefinition<unknown> | undefined;

export class DecodeFailure extends Error {
  constructor(
    message: string,
    readonly reason: 'undecodable' | 'unknown-event-type',
  ) {
    super(message);
    this.name = 'DecodeFailure';
  }
}

/** Turns publish requests into log records (CloudEvents binary mode) and log records back into events. */
export class EventCodec {
  constructor(
    private readonly source: string,
    private readonly registry: EventRegistry = eventDefinitionFor,
  ) {}

  encode<T>(request: PublishRequest<T>, extraHeaders: Record<string, string> = {}): OutgoingRecord {
    const { event, data } = request;
    if (!request.tenantId) throw new Error(`event ${event.type} has no tenant id: every event belongs to a tenant`);
    const envelope: Omit<EventEnvelope<T>, 'data'> = {
      id: request.id ?? randomUUID(),
      type: event.type,
      source: this.source,
      subject: request.subject ?? event.subject(data),
      time: isoTime(request.time),
      tenantId: request.tenantId,
      correlationId: request.correlationId,
      causationId: request.causationId,
      actor: request.actor,
    };
    return {
      topic: event.topic,
      key: request.key ?? event.key(data),
      value: Buffer.from(event.encode(data)),
      headers: Object.assign(envelopeToHeaders(envelope), extraHeaders), // a fresh object: no copy needed
    };
  }

  decode(record: LogRecord): ConsumedEvent {
    let meta: EventMetadata;
    try {
      meta = headersToEnvelope(record.headers);
    } catch (error) {
      throw new DecodeFailure(`bad envelope: ${error instanceof Error ? error.message : String(error)}`, 'undecodable');
    }
    const definition = this.registry(meta.type);
    if (!definition) throw new DecodeFailure(`unknown event type ${meta.type}`, 'unknown-event-type');
    if (definition.topic !== record.topic) {
      throw new DecodeFailure(`event type ${meta.type} does not belong on topic ${record.topic}`, 'undecodable');
    }
    let data: unknown;
    try {
      data = definition.decode(new Uint8Array(record.value.buffer, record.value.byteOffset, record.value.byteLength));
    } catch (error) {
      throw new DecodeFailure(
        `payload of ${meta.type} is not valid protobuf: ${error instanceof Error ? error.message : String(error)}`,
        'undecodable',
      );
    }
    return {
      envelope: { ...meta, data },
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      key: record.key,
    };
  }
}

let lastTimeMs = Number.NaN;
let lastTimeText = '';

/**
 * The RFC 3339 time of an envelope (now, unless given). Formatting a date costs more than the rest of the envelope,
 * and a busy publisher stamps many events within the same millisecond, so the last one formatted is kept.
 */
function isoTime(time: Date | undefined): string {
  const ms = time === undefined ? Date.now() : time.getTime();
  if (ms !== lastTimeMs) {
    lastTimeText = new Date(ms).toISOString(); // throws RangeError for an invalid date, as before
    lastTimeMs = ms;
  }
  return lastTimeText;
}
