import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { extractTraceContext, type HeaderCarrier } from './propagation';
import { platformTracer } from './tracing';

/**
 * Messaging semantic-convention attribute names. They are still "incubating" upstream, so they are spelled here
 * rather than imported from the unstable entry point.
 */
export const MessagingAttribute = {
  SYSTEM: 'messaging.system',
  DESTINATION_NAME: 'messaging.destination.name',
  OPERATION_TYPE: 'messaging.operation.type',
  KAFKA_MESSAGE_KEY: 'messaging.kafka.message.key',
  CONSUMER_GROUP_NAME: 'messaging.consumer.group.name',
  DESTINATION_PARTITION_ID: 'messaging.destination.partition.id',
  KAFKA_OFFSET: 'messaging.kafka.offset',
  MESSAGE_ID: 'messaging.message.id',
} as const;

export interface MessagingSpanAttributes {
  /** Topic, e.g. `cc.routing.log.v1`. */
  topic: string;
  /** `kafka` (default) or the embedded bus. */
  system?: string;
  key?: string;
  group?: string;
  partition?: number;
  offset?: string | number | bigint;
  messageId?: string;
  /** Anything else worth recording (tenant id, event type). */
  attributes?: Attributes;
}

/**
 * Runs `fn` in a PRODUCER span (child of the active span): headers injected inside `fn` with
 * `injectTraceContext` carry this span, so the consumer's span joins the same trace.
 */
export function withProducerSpan<T>(name: string, attributes: MessagingSpanAttributes, fn: (span: Span) => T): T {
  return runInSpan(name, SpanKind.PRODUCER, context.active(), messagingAttributes(attributes, 'send'), fn);
}

/** Runs `fn` in a CONSUMER span whose parent is the trace context found in the message headers. */
export function withConsumerSpan<T>(
  name: string,
  headers: HeaderCarrier,
  attributes: MessagingSpanAttributes,
  fn: (span: Span) => T,
): T {
  return runInSpan(
    name,
    SpanKind.CONSUMER,
    extractTraceContext(headers),
    messagingAttributes(attributes, 'process'),
    fn,
  );
}

/** Starts a span of `kind` under `parent`, runs `fn` in it (sync or async), records a failure, ends the span. */
export function runInSpan<T>(
  name: string,
  kind: SpanKind,
  parent: Context,
  attributes: Attributes,
  fn: (span: Span) => T,
): T {
  const span = platformTracer().startSpan(name, { kind, attributes }, parent);
  const fail = (error: unknown) => {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  };
  let result: T;
  try {
    result = context.with(trace.setSpan(parent, span), fn, undefined, span);
  } catch (error) {
    fail(error);
    span.end();
    throw error;
  }
  if (isPromiseLike(result)) {
    return Promise.resolve(result).then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        fail(error);
        span.end();
        throw error;
      },
    ) as T;
  }
  span.end();
  return result;
}

function messagingAttributes(a: MessagingSpanAttributes, operation: 'send' | 'process'): Attributes {
  const attributes: Attributes = {
    ...a.attributes,
    [MessagingAttribute.SYSTEM]: a.system ?? 'kafka',
    [MessagingAttribute.DESTINATION_NAME]: a.topic,
    [MessagingAttribute.OPERATION_TYPE]: operation,
  };
  if (a.key !== undefined) attributes[MessagingAttribute.KAFKA_MESSAGE_KEY] = a.key;
  if (a.group !== undefined) attributes[MessagingAttribute.CONSUMER_GROUP_NAME] = a.group;
  if (a.partition !== undefined) attributes[MessagingAttribute.DESTINATION_PARTITION_ID] = String(a.partition);
  if (a.offset !== undefined) attributes[MessagingAttribute.KAFKA_OFFSET] = Number(a.offset);
  if (a.messageId !== undefined) attributes[MessagingAttribute.MESSAGE_ID] = a.messageId;
  return attributes;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
