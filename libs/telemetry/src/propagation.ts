import { context, propagation, ROOT_CONTEXT, type Context, type TextMapGetter } from '@opentelemetry/api';

/** Message headers as the Kafka client or the embedded bus hand them over. */
export type HeaderValue = string | Buffer | Uint8Array | ReadonlyArray<string | Buffer | Uint8Array> | null | undefined;
export type HeaderCarrier = Readonly<Record<string, HeaderValue>>;

const headerGetter: TextMapGetter<HeaderCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key] ?? carrier[findKey(carrier, key) ?? key];
    if (value === null || value === undefined) return undefined;
    if (Array.isArray(value)) return (value as ReadonlyArray<string | Buffer | Uint8Array>).map(asString);
    return asString(value as string | Buffer | Uint8Array);
  },
};

/** Adds `traceparent` (and `tracestate`) of the active span, or of `from`, to the carrier; returns the carrier. */
export function injectTraceContext<T extends Record<string, string>>(carrier: T, from: Context = context.active()): T {
  propagation.inject(from, carrier);
  return carrier;
}

/** The context a message or request was sent in (to parent the span that handles it). */
export function extractTraceContext(carrier: HeaderCarrier, base: Context = ROOT_CONTEXT): Context {
  return propagation.extract(base, carrier, headerGetter);
}

function asString(value: string | Buffer | Uint8Array): string {
  return typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
}

function findKey(carrier: HeaderCarrier, key: string): string | undefined {
  const lower = key.toLowerCase();
  return Object.keys(carrier).find((k) => k.toLowerCase() === lower);
}
