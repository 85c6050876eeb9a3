/**
 * Small helpers shared by the routing codecs: reading a decoded protobuf message defensively (every reader names the
 * field it rejects), timestamps, enums, and the proto3 convention that an empty string / 0 / absent message means
 * "not set" (the engine's `undefined`).
 */
import { type EpochMs } from '@cc/acd';

/** A decoding failure: says which field of which message was wrong. */
export class ProtoDecodeError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ProtoDecodeError';
  }
}

/** The decoded message as an object, or a clear error. */
export function asMessage(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
    throw new ProtoDecodeError(field, `expected a message, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A required sub-message (proto3 messages are optional on the wire: absent is an error here). */
export function requiredMessage(parent: Record<string, unknown>, key: string, field: string): Record<string, unknown> {
  const value = parent[key];
  if (value === undefined || value === null) throw new ProtoDecodeError(field, 'is missing');
  return asMessage(value, field);
}

/** An optional sub-message: absent = undefined. */
export function optionalMessage(
  parent: Record<string, unknown>,
  key: string,
  field: string,
): Record<string, unknown> | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  return asMessage(value, field);
}

export function str(parent: Record<string, unknown>, key: string, field: string): string {
  const value = parent[key];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new ProtoDecodeError(field, `expected a string, got ${describe(value)}`);
  return value;
}

/** A string the .proto says is always set (ids, idempotency keys): empty is an error. */
export function requiredStr(parent: Record<string, unknown>, key: string, field: string): string {
  const value = str(parent, key, field);
  if (value === '') throw new ProtoDecodeError(field, 'is empty');
  return value;
}

/** A string where empty means "not set": the engine's undefined. */
export function optionalStr(parent: Record<string, unknown>, key: string, field: string): string | undefined {
  const value = str(parent, key, field);
  return value === '' ? undefined : value;
}

export function num(parent: Record<string, unknown>, key: string, field: string): number {
  const value = parent[key];
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ProtoDecodeError(field, `expected a finite number, got ${describe(value)}`);
  }
  return value;
}

export function bool(parent: Record<string, unknown>, key: string, field: string): boolean {
  const value = parent[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new ProtoDecodeError(field, `expected a boolean, got ${describe(value)}`);
  return value;
}

export function strings(parent: Record<string, unknown>, key: string, field: string): string[] {
  const value = parent[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ProtoDecodeError(field, `expected a list, got ${describe(value)}`);
  return value.map((item, index) => {
    if (typeof item !== 'string')
      throw new ProtoDecodeError(`${field}[${index}]`, `expected a string, got ${describe(item)}`);
    return item;
  });
}

export function messages(parent: Record<string, unknown>, key: string, field: string): Record<string, unknown>[] {
  const value = parent[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ProtoDecodeError(field, `expected a list, got ${describe(value)}`);
  return value.map((item, index) => asMessage(item, `${field}[${index}]`));
}

/** Engine time (ms since the epoch, UTC) as ts-proto's google.protobuf.Timestamp (a Date). */
export function toTimestamp(at: EpochMs): Date {
  return new Date(at);
}

export function optionalToTimestamp(at: EpochMs | undefined): Date | undefined {
  return at === undefined ? undefined : toTimestamp(at);
}

/** A timestamp the .proto says is always set (occurred_at, enqueued_at, deadlines). */
export function requiredTime(parent: Record<string, unknown>, key: string, field: string): EpochMs {
  const value = optionalTime(parent, key, field);
  if (value === undefined) throw new ProtoDecodeError(field, 'is missing');
  return value;
}

/** A timestamp where absent means "not applicable". */
export function optionalTime(parent: Record<string, unknown>, key: string, field: string): EpochMs | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new ProtoDecodeError(field, `expected a timestamp, got ${describe(value)}`);
  }
  return value.getTime();
}

/** A two-way mapping between engine strings and a generated proto enum (0 = UNSPECIFIED never in it). */
export class EnumMapping<E extends string, P extends number> {
  private readonly toEngine = new Map<number, E>();

  constructor(
    private readonly name: string,
    private readonly toProtoMap: Readonly<Record<E, P>>,
  ) {
    for (const [engine, proto] of Object.entries(toProtoMap) as [E, P][]) this.toEngine.set(proto, engine);
  }

  toProto(value: E): P {
    const proto = this.toProtoMap[value];
    if (proto === undefined) throw new Error(`${this.name}: no proto value for "${String(value)}"`);
    return proto;
  }

  /** The engine value; `fallback` (if given) stands for UNSPECIFIED (0), as the .proto comment says. */
  fromProto(parent: Record<string, unknown>, key: string, field: string, fallback?: E): E {
    const value = parent[key] ?? 0;
    if (typeof value !== 'number')
      throw new ProtoDecodeError(field, `expected a ${this.name} value, got ${describe(value)}`);
    if (value === 0 && fallback !== undefined) return fallback;
    const engine = this.toEngine.get(value);
    if (engine === undefined) {
      throw new ProtoDecodeError(
        field,
        `${this.name} ${value === 0 ? 'is UNSPECIFIED' : `value ${value} is not known`}`,
      );
    }
    return engine;
  }

  /** UNSPECIFIED (0) = undefined. */
  optionalFromProto(parent: Record<string, unknown>, key: string, field: string): E | undefined {
    const value = parent[key] ?? 0;
    return value === 0 ? undefined : this.fromProto(parent, key, field);
  }
}

/** Copies only the defined properties, so that decoded engine values never carry `key: undefined`. */
export function defined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = item;
  return out as T;
}

export function unreachable(value: never, what: string): never {
  throw new Error(`Unknown ${what}: ${JSON.stringify(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
