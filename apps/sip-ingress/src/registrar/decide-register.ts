import { type SipEndpoint } from '@cc/sip';
import { type AddressOfRecord, type Binding, type RegistrationChange, remainingSeconds } from './binding';
import { type RegistrarPolicy } from './registrar-policy';

/** One Contact of a REGISTER, parsed. */
export interface ContactSpec {
  uri: string;
  /** The contact's expires parameter, seconds; undefined when absent or not a number. */
  expires?: number;
  q?: string;
  instanceId?: string;
  regId?: string;
}

/** What the registrar needs of a REGISTER, already parsed and authenticated for `aor`. */
export interface RegisterRequest {
  aor: AddressOfRecord;
  callId: string;
  cseq: number;
  /** The Expires header, seconds; undefined when absent or not a number. */
  expires?: number;
  /** `*` (remove every binding), the contacts to bind, or none (a query of the current bindings). */
  contacts: 'wildcard' | readonly ContactSpec[];
  source: SipEndpoint;
  userAgent?: string;
}

export interface RegisterResponse {
  status: number;
  reason: string;
  headers: Array<[string, string]>;
}

export type RegisterDecision =
  | { ok: true; bindings: Binding[]; changes: RegistrationChange[]; response: RegisterResponse }
  | { ok: false; response: RegisterResponse };

/** The binding's identity: the phone instance when it says (RFC 5626 §6), else its contact URI. */
export function bindingKey(binding: { contactUri: string; instanceId?: string; regId?: string }): string {
  if (binding.instanceId !== undefined) return `instance:${binding.instanceId}:${binding.regId ?? ''}`;
  return `uri:${comparableUri(binding.contactUri)}`;
}

/**
 * The URI as RFC 3261 §19.1.4 compares it, near enough for bindings: scheme, host and parameters are
 * case-insensitive, the user part is not.
 */
export function comparableUri(uri: string): string {
  const at = uri.indexOf('@');
  const colon = uri.indexOf(':');
  if (at < 0) return uri.toLowerCase();
  return `${uri.slice(0, colon + 1).toLowerCase()}${uri.slice(colon + 1, at)}${uri.slice(at).toLowerCase()}`;
}

/** A change before the count of bindings left is known. */
type PendingChange = RegistrationChange extends infer C ? (C extends unknown ? Omit<C, 'bindingsLeft'> : never) : never;

const OUT_OF_ORDER: RegisterDecision = {
  ok: false,
  response: { status: 500, reason: 'Out of Order Request', headers: [] },
};

/**
 * RFC 3261 §10.3 steps 6 to 8 for one address-of-record: the bindings after the REGISTER and the 200 OK listing
 * them, or the refusal (nothing changed then):
 * - `Contact: *` must come alone with `Expires: 0` (else 400) and removes every binding;
 * - each contact's interval is its expires parameter, else the Expires header, else the default; a non-zero
 *   interval below the minimum fails the whole request with 423 and Min-Expires; a longer one is shortened;
 * - a binding with the request's Call-ID and a CSeq not lower than the request's means the request is old or
 *   repeated: the whole update is aborted (500). Another Call-ID (the phone restarted) always updates;
 * - interval 0 removes the contact, anything else adds or refreshes it. Past the per-AOR limit the least recently
 *   refreshed bindings go.
 * The 200 OK carries every current contact with its remaining seconds (and its q, +sip.instance, reg-id).
 */
export function decideRegister(
  current: readonly Binding[],
  request: RegisterRequest,
  now: number,
  policy: RegistrarPolicy,
): RegisterDecision {
  if (request.contacts === 'wildcard') return decideWildcard(current, request, now);

  const intervals = request.contacts.map((contact) => contact.expires ?? request.expires ?? policy.defaultExpires);
  if (intervals.some((seconds) => seconds > 0 && seconds < policy.minExpires)) {
    return {
      ok: false,
      response: { status: 423, reason: 'Interval Too Brief', headers: [['Min-Expires', String(policy.minExpires)]] },
    };
  }

  const bindings = new Map(current.map((binding) => [bindingKey(binding), binding]));
  const pending: PendingChange[] = [];
  for (const [i, contact] of request.contacts.entries()) {
    const key = bindingKey({ contactUri: contact.uri, instanceId: contact.instanceId, regId: contact.regId });
    const existing = bindings.get(key);
    if (existing !== undefined && existing.callId === request.callId && existing.cseq >= request.cseq) {
      return OUT_OF_ORDER;
    }
    const seconds = Math.min(intervals[i], policy.maxExpires);
    if (seconds === 0) {
      if (existing !== undefined) {
        bindings.delete(key);
        pending.push({ kind: 'unregistered', binding: existing, cause: 'request' });
      }
      continue;
    }
    const binding: Binding = {
      aor: request.aor,
      contactUri: contact.uri,
      ...optional({ instanceId: contact.instanceId, regId: contact.regId, q: contact.q }),
      callId: request.callId,
      cseq: request.cseq,
      registeredAt: existing?.registeredAt ?? now,
      refreshedAt: now,
      expiresAt: now + seconds * 1000,
      source: request.source,
      ...optional({ userAgent: request.userAgent }),
    };
    bindings.set(key, binding);
    pending.push(existing ? { kind: 'refreshed', binding, previous: existing } : { kind: 'registered', binding });
  }

  const kept = [...bindings.values()].sort((a, b) => b.refreshedAt - a.refreshedAt);
  const dropped = kept.splice(policy.maxBindingsPerAor);
  const left = kept.length;
  const changes: RegistrationChange[] = pending
    .filter((change) => !dropped.includes(change.binding))
    .map((change) => ({ ...change, bindingsLeft: left }));
  for (const binding of dropped) changes.push({ kind: 'unregistered', binding, cause: 'limit', bindingsLeft: left });
  return { ok: true, bindings: kept, changes, response: okResponse(kept, now) };
}

function decideWildcard(current: readonly Binding[], request: RegisterRequest, now: number): RegisterDecision {
  if (request.expires !== 0) {
    return { ok: false, response: { status: 400, reason: 'Wildcard Contact Needs Expires 0', headers: [] } };
  }
  if (current.some((binding) => binding.callId === request.callId && binding.cseq >= request.cseq)) return OUT_OF_ORDER;
  const changes = current.map((binding): RegistrationChange => ({
    kind: 'unregistered',
    binding,
    cause: 'wildcard',
    bindingsLeft: 0,
  }));
  return { ok: true, bindings: [], changes, response: okResponse([], now) };
}

/** 200 OK to a REGISTER: one Contact per current binding with the seconds it has left. */
export function okResponse(bindings: readonly Binding[], now: number): RegisterResponse {
  return {
    status: 200,
    reason: 'OK',
    headers: bindings.map((binding) => ['Contact', contactValue(binding, now)]),
  };
}

function contactValue(binding: Binding, now: number): string {
  let value = `<${binding.contactUri}>;expires=${remainingSeconds(binding, now)}`;
  if (binding.q !== undefined) value += `;q=${binding.q}`;
  if (binding.instanceId !== undefined) value += `;+sip.instance="${binding.instanceId}"`;
  if (binding.regId !== undefined) value += `;reg-id=${binding.regId}`;
  return value;
}

function optional<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
