/**
 * The JSON shapes the REST facade accepts: the engine's inputs (libs/acd: QueueInput, AgentInput, BranchConfig...,
 * InteractionRequest), checked for what the trip to the deciders cannot carry. The gateway sends every command as
 * protobuf, which has no "missing" list, no 1.5 in an int32, no unknown enum name and no unknown field: a body that
 * is wrong in those ways would reach the decider changed (or not at all), so it is refused here with the field's
 * path in the body. The values themselves (ranges, references, time zones...) are the deciders' to judge.
 */
import {
  CHANNELS,
  type AgentInput,
  type BranchConfig,
  type InteractionRequest,
  type NotReadyReason,
  type PartnerConfig,
  type QueueInput,
  ROUTING_STRATEGIES,
  type SkillConfig,
  WAIT_PREDICTOR_CHOICES,
} from '@cc/acd';
import { RoutingApiError } from '../api/routing-api-error';

export type Shape =
  | { type: 'string' }
  | { type: 'integer'; min: number; max: number }
  | { type: 'number' }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[]; code: string; what: string }
  | { type: 'list'; item: Shape }
  | { type: 'map'; value: Shape; keys?: Extract<Shape, { type: 'enum' }> }
  | { type: 'object'; fields: Fields }
  /** An object whose `kind` says which fields it has. */
  | { type: 'variant'; code: string; what: string; cases: Readonly<Record<string, Fields>> };

interface Field {
  shape: Shape;
  required: boolean;
}
type Fields = Readonly<Record<string, Field>>;

// Shape builders --------------------------------------------------------------------------------------------------

const string: Shape = { type: 'string' };
const int32: Shape = { type: 'integer', min: -2_147_483_648, max: 2_147_483_647 };
const int64: Shape = { type: 'integer', min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
const double: Shape = { type: 'number' };
const boolean: Shape = { type: 'boolean' };
const oneOf = (values: readonly string[], code: string, what: string) =>
  ({ type: 'enum', values, code, what }) as const satisfies Shape;
const list = (item: Shape): Shape => ({ type: 'list', item });
const object = (fields: Record<string, Shape | Field>): Shape => ({ type: 'object', fields: fieldsOf(fields) });
const required = (shape: Shape): Field => ({ shape, required: true });

function fieldsOf(fields: Record<string, Shape | Field>): Fields {
  const out: Record<string, Field> = {};
  for (const [key, field] of Object.entries(fields))
    out[key] = 'shape' in field ? field : { shape: field, required: false };
  return out;
}

// The engine's inputs ---------------------------------------------------------------------------------------------

const CHANNEL = oneOf(CHANNELS, 'invalid-channel', 'channel');

const SKILL_REQUIREMENT = object({ skillId: required(string), minLevel: required(int32) });

const OVERFLOW_CASES = {
  branches: fieldsOf({ branchIds: required(list(string)) }),
  queue: fieldsOf({ queueId: required(string) }),
  partner: fieldsOf({ partnerId: required(string) }),
  voicemail: fieldsOf({}),
  callback: fieldsOf({}),
};
const OVERFLOW_ACTION: Shape = { type: 'variant', code: 'invalid-overflow', what: 'overflow', cases: OVERFLOW_CASES };
const EXPANSION_ACTION: Shape = {
  type: 'variant',
  code: 'invalid-overflow',
  what: 'expansion action',
  cases: { 'relax-skill-levels': fieldsOf({ minLevel: required(int32) }), ...OVERFLOW_CASES },
};

const QUEUE: Shape = object({
  queueId: required(string),
  branchId: required(string),
  name: required(string),
  channel: CHANNEL,
  requiredSkills: required(list(SKILL_REQUIREMENT)),
  language: string,
  agentGroups: list(string),
  strategy: oneOf(ROUTING_STRATEGIES, 'invalid-strategy', 'routing strategy'),
  priority: int32,
  agingPointsPerMinute: double,
  vipPriorityBoost: int32,
  serviceLevel: object({ thresholdMs: int64, targetPercent: double }),
  shortAbandonMs: int64,
  wrapUpMs: int64,
  ringTimeoutMs: int64,
  stickyAgentWaitMs: int64,
  expansion: list(object({ afterMs: required(int64), action: required(EXPANSION_ACTION) })),
  whenNoAgentLoggedIn: OVERFLOW_ACTION,
  whenEstimatedWaitAbove: object({ thresholdMs: required(int64), action: required(OVERFLOW_ACTION) }),
  waitPredictor: oneOf(WAIT_PREDICTOR_CHOICES, 'invalid-wait-predictor', 'wait predictor'),
});

/** skillId -> level. */
const SKILLS: Shape = { type: 'map', value: int32 };

const AGENT: Shape = object({
  agentId: required(string),
  branchId: required(string),
  name: required(string),
  skills: required(SKILLS),
  languages: list(string),
  groups: list(string),
  capacity: { type: 'map', value: int32, keys: CHANNEL },
});

/** Channel and kind may be left out: voice, inbound (as UNSPECIFIED in the gRPC API). */
const INTERACTION: Shape = object({
  interactionId: required(string),
  queueId: required(string),
  channel: CHANNEL,
  kind: oneOf(['inbound', 'callback'], 'invalid-kind', 'interaction kind'),
  customerAddress: string,
  customerId: string,
  vip: boolean,
  language: string,
  extraSkills: list(SKILL_REQUIREMENT),
  priorityBoost: int32,
});

/** The request bodies of the REST facade, and what each decodes to. */
export interface RoutingBodies {
  tenant: { name: string; currency: string };
  branch: BranchConfig;
  skill: SkillConfig;
  partner: PartnerConfig;
  reason: NotReadyReason;
  queue: QueueInput;
  agent: AgentInput;
  agentSkills: { skills: Record<string, number> };
  agentGroups: { groups: string[] };
  interaction: Omit<InteractionRequest, 'channel' | 'kind'> & Partial<Pick<InteractionRequest, 'channel' | 'kind'>>;
}

export const BODY_SHAPES: { readonly [K in keyof RoutingBodies]: { shape: Shape; what: string } } = {
  tenant: { shape: object({ name: required(string), currency: required(string) }), what: 'tenant' },
  branch: {
    shape: object({ branchId: required(string), name: required(string), timeZone: required(string) }),
    what: 'branch',
  },
  skill: { shape: object({ skillId: required(string), name: required(string) }), what: 'skill' },
  partner: {
    shape: object({ partnerId: required(string), name: required(string), trunkUri: required(string) }),
    what: 'partner',
  },
  reason: { shape: object({ code: required(string), name: required(string) }), what: 'not-ready reason' },
  queue: { shape: QUEUE, what: 'queue' },
  agent: { shape: AGENT, what: 'agent' },
  agentSkills: {
    shape: object({ skills: required(SKILLS) }),
    what: 'agent\'s skills, {"skills": {"<skillId>": level}}',
  },
  agentGroups: { shape: object({ groups: required(list(string)) }), what: 'agent\'s groups, {"groups": [...]}' },
  interaction: { shape: INTERACTION, what: 'interaction' },
};

// Checking --------------------------------------------------------------------------------------------------------

/**
 * The value if it has the shape, as a copy without the fields that are null (JSON's "not set"); otherwise a
 * RoutingApiError (invalid argument) naming the first offending path, e.g. "serviceLevel.thresholdMs".
 */
export function checkBody<K extends keyof RoutingBodies>(kind: K, body: unknown): RoutingBodies[K] {
  const { shape, what } = BODY_SHAPES[kind];
  if (!isObject(body)) {
    throw new RoutingApiError(
      'invalid-shape',
      `The request body must be a JSON object (the ${what}), got ${shown(body)}.`,
    );
  }
  return check(shape, body, '') as RoutingBodies[K];
}

function check(shape: Shape, value: unknown, path: string): unknown {
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') throw wrongType(path, 'a string', value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(path, 'true or false', value);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(path, 'a number', value);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(path, 'a whole number', value);
      if (!Number.isInteger(value)) {
        throw new RoutingApiError('invalid-number', `${path} must be a whole number, got ${shown(value)}.`, path);
      }
      if (value < shape.min || value > shape.max) {
        throw new RoutingApiError(
          'invalid-number',
          `${path} must be from ${shape.min} to ${shape.max}, got ${shown(value)}.`,
          path,
        );
      }
      return value;
    case 'enum':
      if (typeof value !== 'string' || !shape.values.includes(value)) {
        throw new RoutingApiError(
          shape.code,
          `${path} must be a ${shape.what}: ${shape.values.join(', ')}; got ${shown(value)}.`,
          path,
        );
      }
      return value;
    case 'list':
      if (!Array.isArray(value)) throw wrongType(path, 'a list', value);
      return value.map((item, index) => check(shape.item, item, `${path}[${index}]`));
    case 'map': {
      if (!isObject(value)) throw wrongType(path, 'an object (key -> value)', value);
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const itemPath = join(path, key);
        if (shape.keys !== undefined && !shape.keys.values.includes(key)) {
          throw new RoutingApiError(
            shape.keys.code,
            `${path} names "${key}"; a ${shape.keys.what} is one of ${shape.keys.values.join(', ')}.`,
            itemPath,
          );
        }
        out[key] = check(shape.value, item, itemPath);
      }
      return out;
    }
    case 'object':
      if (!isObject(value)) throw wrongType(path, 'an object', value);
      return checkFields(shape.fields, value, path, new Set());
    case 'variant': {
      if (!isObject(value)) throw wrongType(path, 'an object with a kind', value);
      const kinds = Object.keys(shape.cases);
      const kind = value['kind'];
      if (typeof kind !== 'string' || !Object.hasOwn(shape.cases, kind)) {
        throw new RoutingApiError(
          shape.code,
          `${join(path, 'kind')} must be the kind of ${shape.what}: ${kinds.join(', ')}; got ${shown(kind)}.`,
          join(path, 'kind'),
        );
      }
      return { kind, ...checkFields(shape.cases[kind]!, value, path, new Set(['kind'])) };
    }
    default: {
      const unexpected: never = shape;
      throw new Error(`Unknown shape ${JSON.stringify(unexpected)}`);
    }
  }
}

function checkFields(
  fields: Fields,
  value: Record<string, unknown>,
  path: string,
  known: Set<string>,
): Record<string, unknown> {
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(fields, key) && !known.has(key)) {
      const expected = Object.keys(fields);
      throw new RoutingApiError(
        'unknown-field',
        `${join(path, key)} is not a field here${expected.length > 0 ? `; the fields are ${expected.join(', ')}` : ''}.`,
        join(path, key),
      );
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const item = value[key];
    const fieldPath = join(path, key);
    if (item === undefined || item === null) {
      if (field.required) throw new RoutingApiError('missing-field', `${fieldPath} is required.`, fieldPath);
      continue;
    }
    out[key] = check(field.shape, item, fieldPath);
  }
  return out;
}

function wrongType(path: string, expected: string, value: unknown): RoutingApiError {
  return new RoutingApiError('invalid-shape', `${path} must be ${expected}, got ${shown(value)}.`, path);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
