/**
 * REST inputs of the directory -> typed inputs of SipDirectoryService. Pure. Every refusal is a
 * SipDirectoryException naming the field as written in the body ("outbound.port", "allowedSources[1]") or the path
 * parameter ("tenantId").
 */
import { parseSipUri } from '@cc/sip';
import { DEFAULT_OUTBOUND_CALLER_ID, type OutboundCallerIdPolicy } from './caller-id';
import {
  type DidInput,
  type SipTransport,
  type TenantInput,
  TRUNK_KINDS,
  type TrunkInput,
  type TrunkKind,
} from './directory-model';
import { isIpLiteral, parseAddressRange } from './ip-address';
import { DIALLED_CHARACTERS, isE164, type NumberRule } from './number-rules';
import { type SipDirectoryErrorCode, SipDirectoryException } from './sip-directory.exception';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_RULES = 50;
const MAX_SOURCES = 100;

type Fields = Record<string, unknown>;

function fail(code: SipDirectoryErrorCode, message: string, field: string): never {
  throw new SipDirectoryException(code, message, field);
}

function objectOf(value: unknown, field: string, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('invalid-field', `${what} must be a JSON object.`, field);
  }
  return value as Fields;
}

/** The body's keys must all be known: a misspelt optional field would otherwise be silently ignored. */
function onlyKeys(fields: Fields, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(fields)) {
    if (!known.includes(key)) {
      fail(
        'invalid-field',
        `${prefix}${key} is not a field of this request; known: ${known.join(', ')}.`,
        `${prefix}${key}`,
      );
    }
  }
}

function stringOf(fields: Fields, key: string, field: string): string {
  const value = fields[key];
  if (value === undefined || value === null || value === '') fail('missing-field', `${field} is required.`, field);
  if (typeof value !== 'string') fail('invalid-field', `${field} must be a string.`, field);
  return value;
}

function optionalString(fields: Fields, key: string, field: string): string | undefined {
  return fields[key] === undefined || fields[key] === null ? undefined : stringOf(fields, key, field);
}

function idOf(value: string, field: string, what: string): string {
  if (!ID.test(value)) {
    fail(
      'invalid-id',
      `${field} must be a ${what} id: letters, digits, ".", "_" or "-", at most 64, got "${value}".`,
      field,
    );
  }
  return value;
}

// Path parameters -------------------------------------------------------------------------------------------------

export function tenantIdParam(value: string): string {
  return idOf(value, 'tenantId', 'tenant');
}

export function agentIdParam(value: string): string {
  return idOf(value, 'agentId', 'agent');
}

export function trunkIdParam(value: string): string {
  return idOf(value, 'trunkId', 'trunk');
}

/** A SIP domain in lower case, without a trailing dot; IP addresses are not domains (see the default tenant). */
export function domainParam(value: string): string {
  const domain = value.trim().toLowerCase().replace(/\.$/, '');
  const labels = domain.split('.');
  if (
    isIpLiteral(domain) ||
    domain.length > 253 ||
    labels.length < 2 ||
    !labels.every((label) => HOST_LABEL.test(label))
  ) {
    fail('invalid-domain', `domain must be a host name such as "demo.cc.local", got "${value}".`, 'domain');
  }
  return domain;
}

/** A DID: E.164, "+" and 7 to 15 digits (separators allowed and dropped). */
export function numberParam(value: string): string {
  const number = value.trim().replace(/[\s\-().]/g, '');
  if (!isE164(number))
    fail('invalid-number', `number must be an E.164 number such as +74950000001, got "${value}".`, 'number');
  return number;
}

// Bodies ----------------------------------------------------------------------------------------------------------

export function tenantBody(body: unknown): TenantInput {
  const fields = objectOf(body, 'body', 'The tenant');
  onlyKeys(fields, ['realm'], '');
  const realm = stringOf(fields, 'realm', 'realm');
  if (realm.length > 128 || !/^[\x21-\x7e]+$/.test(realm) || /["\\]/.test(realm)) {
    fail('invalid-realm', 'realm must be printable ASCII without spaces, quotes or backslashes, at most 128.', 'realm');
  }
  return { realm };
}

export function didBody(body: unknown): DidInput {
  const fields = objectOf(body, 'body', 'The DID');
  onlyKeys(fields, ['branchId', 'queueId'], '');
  return {
    branchId: idOf(stringOf(fields, 'branchId', 'branchId'), 'branchId', 'branch'),
    queueId: idOf(stringOf(fields, 'queueId', 'queueId'), 'queueId', 'queue'),
  };
}

export function passwordBody(body: unknown): string {
  const fields = objectOf(body, 'body', 'The credentials');
  onlyKeys(fields, ['password'], '');
  return passwordOf(stringOf(fields, 'password', 'password'), 'password');
}

function passwordOf(password: string, field: string): string {
  const control = [...password].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (password.length < 8 || password.length > 128 || control) {
    fail('invalid-password', `${field} must be 8 to 128 characters without control characters.`, field);
  }
  return password;
}

export function deskPhoneBody(body: unknown): string {
  const fields = objectOf(body, 'body', 'The desk phone');
  onlyKeys(fields, ['uri'], '');
  return sipUriOf(stringOf(fields, 'uri', 'uri'), 'uri');
}

function sipUriOf(value: string, field: string): string {
  const uri = value.trim();
  try {
    parseSipUri(uri);
  } catch {
    fail('invalid-uri', `${field} must be a SIP URI such as sip:1001@192.0.2.10:5060, got "${value}".`, field);
  }
  return uri;
}

const TRUNK_KEYS = [
  'kind',
  'branchId',
  'allowedSources',
  'inboundAuth',
  'outbound',
  'callerNumberRules',
  'calledNumberRules',
  'outboundCallerId',
] as const;

export function trunkBody(body: unknown): TrunkInput {
  const fields = objectOf(body, 'body', 'The trunk');
  onlyKeys(fields, TRUNK_KEYS, '');
  const kind = stringOf(fields, 'kind', 'kind');
  if (!(TRUNK_KINDS as readonly string[]).includes(kind))
    fail('invalid-field', `kind must be one of ${TRUNK_KINDS.join(', ')}.`, 'kind');
  const branch = optionalString(fields, 'branchId', 'branchId');
  return {
    kind: kind as TrunkKind,
    branchId: branch === undefined ? null : idOf(branch, 'branchId', 'branch'),
    allowedSources: allowedSourcesOf(fields['allowedSources']),
    inboundAuth: inboundAuthOf(fields['inboundAuth']),
    outbound: outboundOf(fields['outbound']),
    callerNumberRules: rulesOf(fields['callerNumberRules'], 'callerNumberRules'),
    calledNumberRules: rulesOf(fields['calledNumberRules'], 'calledNumberRules'),
    outboundCallerId: outboundCallerIdOf(fields['outboundCallerId']),
  };
}

function arrayOf(value: unknown, field: string, max: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail('invalid-field', `${field} must be a list.`, field);
  if (value.length > max) fail('invalid-field', `${field} may have at most ${max} entries.`, field);
  return value;
}

function allowedSourcesOf(value: unknown): string[] {
  const sources = arrayOf(value, 'allowedSources', MAX_SOURCES).map((entry, i) => {
    const field = `allowedSources[${i}]`;
    const range = typeof entry === 'string' ? parseAddressRange(entry) : undefined;
    if (range === undefined) {
      fail(
        'invalid-address',
        `${field} must be an IPv4 or IPv6 address or CIDR block (host bits zero), got ${JSON.stringify(entry)}.`,
        field,
      );
    }
    return range.text;
  });
  return [...new Set(sources)];
}

function inboundAuthOf(value: unknown): TrunkInput['inboundAuth'] {
  if (value === undefined || value === null) return null;
  const fields = objectOf(value, 'inboundAuth', 'inboundAuth');
  onlyKeys(fields, ['username', 'password'], 'inboundAuth.');
  const username = idOf(stringOf(fields, 'username', 'inboundAuth.username'), 'inboundAuth.username', 'user');
  const password = optionalString(fields, 'password', 'inboundAuth.password');
  return password === undefined ? { username } : { username, password: passwordOf(password, 'inboundAuth.password') };
}

function outboundOf(value: unknown): TrunkInput['outbound'] {
  if (value === undefined || value === null) return null;
  const fields = objectOf(value, 'outbound', 'outbound');
  onlyKeys(fields, ['host', 'port', 'transport', 'username', 'password'], 'outbound.');
  const host = hostOf(stringOf(fields, 'host', 'outbound.host'), 'outbound.host');
  const port = fields['port'] ?? 5060;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    fail('invalid-field', 'outbound.port must be a port number, 1 to 65535.', 'outbound.port');
  }
  const transport = fields['transport'] ?? 'udp';
  if (transport !== 'udp' && transport !== 'tcp')
    fail('invalid-field', 'outbound.transport must be udp or tcp.', 'outbound.transport');
  const outbound: NonNullable<TrunkInput['outbound']> = { host, port, transport: transport as SipTransport };
  const username = optionalString(fields, 'username', 'outbound.username');
  if (username !== undefined) outbound.username = idOf(username, 'outbound.username', 'user');
  if (fields['password'] === null) outbound.password = null;
  else {
    const password = optionalString(fields, 'password', 'outbound.password');
    if (password !== undefined) {
      if (username === undefined)
        fail('missing-field', 'outbound.username is required with outbound.password.', 'outbound.username');
      outbound.password = passwordOf(password, 'outbound.password');
    }
  }
  return outbound;
}

function hostOf(value: string, field: string): string {
  const host = value.trim().toLowerCase();
  if (isIpLiteral(host)) return host.replace(/^\[|\]$/g, '');
  const labels = host.replace(/\.$/, '').split('.');
  if (host.length > 253 || !labels.every((label) => HOST_LABEL.test(label))) {
    fail('invalid-address', `${field} must be a host name or IP address, got "${value}".`, field);
  }
  return host.replace(/\.$/, '');
}

function rulesOf(value: unknown, field: string): NumberRule[] {
  return arrayOf(value, field, MAX_RULES).map((entry, i) => ruleOf(entry, `${field}[${i}]`));
}

function ruleOf(value: unknown, field: string): NumberRule {
  const fields = objectOf(value, field, field);
  onlyKeys(fields, ['prefix', 'length', 'strip', 'add', 'replace'], `${field}.`);
  const digits = (key: string): string | undefined => {
    const text = fields[key];
    if (text === undefined || text === null) return undefined;
    if (typeof text !== 'string' || text.length > 32 || !DIALLED_CHARACTERS.test(text)) {
      fail(
        'invalid-rule',
        `${field}.${key} must be dial-pad characters with an optional leading +, at most 32.`,
        `${field}.${key}`,
      );
    }
    return text;
  };
  const count = (key: string, min: number): number | undefined => {
    const n = fields[key];
    if (n === undefined || n === null) return undefined;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > 32) {
      fail('invalid-rule', `${field}.${key} must be a whole number from ${min} to 32.`, `${field}.${key}`);
    }
    return n;
  };
  const rule: NumberRule = { prefix: digits('prefix') ?? '' };
  const length = count('length', 1);
  const strip = count('strip', 0);
  const add = digits('add');
  const replace = digits('replace');
  if (replace !== undefined && (strip !== undefined || add !== undefined)) {
    fail('invalid-rule', `${field} replaces the number: strip and add would never apply.`, `${field}.replace`);
  }
  if (length !== undefined) rule.length = length;
  if (strip !== undefined) rule.strip = strip;
  if (add !== undefined) rule.add = add;
  if (replace !== undefined) rule.replace = replace;
  return rule;
}

function outboundCallerIdOf(value: unknown): OutboundCallerIdPolicy {
  if (value === undefined || value === null) return { ...DEFAULT_OUTBOUND_CALLER_ID, rules: [] };
  const field = 'outboundCallerId';
  const fields = objectOf(value, field, field);
  onlyKeys(fields, ['present', 'identity', 'privacy', 'rules'], `${field}.`);
  const present = fields['present'] ?? DEFAULT_OUTBOUND_CALLER_ID.present;
  let presentation: OutboundCallerIdPolicy['present'];
  if (present === 'caller' || present === 'dialled') presentation = present;
  else if (typeof present === 'string' && isE164(present)) presentation = { fixed: present };
  else if (typeof present === 'object' && present !== null && isE164(String((present as Fields)['fixed']))) {
    presentation = { fixed: String((present as Fields)['fixed']) };
  } else {
    fail(
      'invalid-field',
      `${field}.present must be "caller", "dialled" or an E.164 number to present.`,
      `${field}.present`,
    );
  }
  const identity = fields['identity'] ?? DEFAULT_OUTBOUND_CALLER_ID.identity;
  if (identity !== 'from' && identity !== 'p-asserted-identity') {
    fail('invalid-field', `${field}.identity must be "from" or "p-asserted-identity".`, `${field}.identity`);
  }
  const privacy = fields['privacy'] ?? DEFAULT_OUTBOUND_CALLER_ID.privacy;
  if (privacy !== 'none' && privacy !== 'id')
    fail('invalid-field', `${field}.privacy must be "none" or "id".`, `${field}.privacy`);
  return { present: presentation, identity, privacy, rules: rulesOf(fields['rules'], `${field}.rules`) };
}
