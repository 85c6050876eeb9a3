/**
 * Checks of single values in configuration input. Each returns the error for the first thing wrong, or undefined.
 * Input may come straight from JSON, so the checks accept `unknown` and test the type as well.
 */
import { type ConfigError, configError } from './config-errors';

export const ID_PATTERN = /^[a-z0-9_-]{1,64}$/;
export const MAX_NAME_LENGTH = 200;
export const MIN_LEVEL = 1;
export const MAX_LEVEL = 10;

/** "a.b", "a[2]", or a["key with spaces"]: the path of a value inside the command payload. */
export function fieldPath(base: string | undefined, key: string | number): string {
  if (typeof key === 'number') return `${base ?? ''}[${key}]`;
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return `${base ?? ''}[${JSON.stringify(key)}]`;
  return base === undefined || base === '' ? key : `${base}.${key}`;
}

/** A value as it appears in a message. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkRecord(value: unknown, field: string, what: string): ConfigError | undefined {
  return isRecord(value)
    ? undefined
    : configError('invalid-shape', `${what} must be an object (key -> value), got ${shown(value)}.`, field);
}

export function checkList(value: unknown, field: string, what: string): ConfigError | undefined {
  return Array.isArray(value)
    ? undefined
    : configError('invalid-shape', `${what} must be a list, got ${shown(value)}.`, field);
}

/** Ids: 1..64 of lowercase letters, digits, '-' and '_' (so agent ids may be numbers such as "1001"). */
export function checkId(value: unknown, field: string, what: string): ConfigError | undefined {
  if (typeof value === 'string' && ID_PATTERN.test(value)) return undefined;
  return configError(
    'invalid-id',
    `${what} must be 1 to 64 lowercase letters, digits, '-' or '_' (e.g. "msk-sales"), got ${shown(value)}.`,
    field,
  );
}

export function checkName(value: unknown, field: string, what = 'Name'): ConfigError | undefined {
  if (typeof value === 'string' && value.trim() !== '' && value.length <= MAX_NAME_LENGTH) return undefined;
  return configError(
    'invalid-name',
    `${what} must be a non-empty text of at most ${MAX_NAME_LENGTH} characters.`,
    field,
  );
}

export function isWholeNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** Skill levels, and the minimum levels queues require, are whole numbers 1..10. */
export function checkLevel(value: unknown, field: string): ConfigError | undefined {
  if (isWholeNumberIn(value, MIN_LEVEL, MAX_LEVEL)) return undefined;
  return configError(
    'invalid-level',
    `A skill level must be a whole number from ${MIN_LEVEL} to ${MAX_LEVEL}, got ${shown(value)}.`,
    field,
  );
}

/** Time spans in milliseconds: whole numbers, 0 or more. */
export function checkDuration(value: unknown, field: string, what: string, min = 0): ConfigError | undefined {
  if (isWholeNumberIn(value, min, Number.MAX_SAFE_INTEGER)) return undefined;
  const least = min === 0 ? '0 or more' : `at least ${min}`;
  return configError(
    'invalid-duration',
    `${what} must be a whole number of milliseconds, ${least}, got ${shown(value)}.`,
    field,
  );
}

export function checkPercent(value: unknown, field: string, what: string): ConfigError | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100) return undefined;
  return configError('invalid-percent', `${what} must be a percentage from 0 to 100, got ${shown(value)}.`, field);
}

/** ISO 4217 code: three capital letters. */
export function checkCurrency(value: unknown, field: string): ConfigError | undefined {
  if (typeof value === 'string' && /^[A-Z]{3}$/.test(value)) return undefined;
  return configError(
    'invalid-currency',
    `Currency must be an ISO 4217 code such as "RUB" or "EUR", got ${shown(value)}.`,
    field,
  );
}

/** An IANA time zone as Intl knows it, spelled as Intl spells it (e.g. "Asia/Novosibirsk"). */
export function checkTimeZone(value: unknown, field: string): ConfigError | undefined {
  const invalid = configError(
    'invalid-time-zone',
    `Time zone must be an IANA time zone such as "Europe/Moscow", got ${shown(value)}.`,
    field,
  );
  if (typeof value !== 'string' || value === '') return invalid;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat(undefined, { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return invalid;
  }
  if (resolved !== value && resolved.toLowerCase() === value.toLowerCase()) {
    return configError('invalid-time-zone', `Write the time zone as "${resolved}", not ${shown(value)}.`, field);
  }
  return undefined;
}

/** A BCP 47 language tag such as "ru" or "en-US". */
export function checkLanguage(value: unknown, field: string): ConfigError | undefined {
  const invalid = configError(
    'invalid-language',
    `Language must be a BCP 47 tag such as "ru" or "en-US", got ${shown(value)}.`,
    field,
  );
  if (typeof value !== 'string' || value.trim() === '') return invalid;
  try {
    Intl.getCanonicalLocales(value);
  } catch {
    return invalid;
  }
  return undefined;
}

/** A SIP or SIPS URI such as "sip:overflow@partner.example.net". */
export function checkTrunkUri(value: unknown, field: string): ConfigError | undefined {
  if (typeof value === 'string' && /^sips?:[^\s@]+@[^\s@]+$|^sips?:[^\s@]+$/.test(value) && value.length <= 512) {
    return undefined;
  }
  return configError(
    'invalid-trunk-uri',
    `Trunk must be a SIP URI such as "sip:overflow@partner.example.net", got ${shown(value)}.`,
    field,
  );
}

/** Group names are free-form: any non-empty text of at most 64 characters without leading or trailing blanks. */
export function checkGroup(value: unknown, field: string): ConfigError | undefined {
  if (typeof value === 'string' && value !== '' && value.trim() === value && value.length <= 64) return undefined;
  return configError(
    'invalid-group',
    `A group must be a non-empty name of at most 64 characters without leading or trailing blanks, got ${shown(value)}.`,
    field,
  );
}

/** A list of strings, each checked, none twice. */
export function checkDistinctList(
  value: unknown,
  field: string,
  what: string,
  checkItem: (item: unknown, field: string) => ConfigError | undefined,
): ConfigError | undefined {
  const notList = checkList(value, field, what);
  if (notList !== undefined || !Array.isArray(value)) return notList;
  const seen = new Set<unknown>();
  for (const [index, item] of value.entries()) {
    const itemField = fieldPath(field, index);
    const wrong = checkItem(item, itemField);
    if (wrong !== undefined) return wrong;
    if (seen.has(item)) return configError('duplicate-value', `${what} names ${shown(item)} twice.`, itemField);
    seen.add(item);
  }
  return undefined;
}

/** The first error of several checks, evaluated lazily in order. */
export function firstError(...checks: Array<() => ConfigError | undefined>): ConfigError | undefined {
  for (const check of checks) {
    const error = check();
    if (error !== undefined) return error;
  }
  return undefined;
}
