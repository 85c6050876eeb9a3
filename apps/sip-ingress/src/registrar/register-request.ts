import {
  callIdOf,
  cseqOf,
  expiresOf,
  isSipUri,
  parseNameAddr,
  parseUri,
  type SipEndpoint,
  type SipRequest,
  unquote,
} from '@cc/sip';
import { type AddressOfRecord } from './binding';
import { type ContactSpec, type RegisterRequest, type RegisterResponse } from './decide-register';

/** Whose binding a REGISTER asks to change: the user and host of its To URI (RFC 3261 §10.3 step 5). */
export interface RegisterTarget {
  user: string;
  host: string;
}

export type RegisterParse = { ok: true; request: RegisterRequest } | { ok: false; response: RegisterResponse };

/** The To URI's user and host; undefined when To is not a SIP URI with a user (answer 404 or 400). */
export function registerTargetOf(request: SipRequest): RegisterTarget | undefined {
  try {
    const uri = parseUri(parseNameAddr(request.headers.get('to') ?? '').uri);
    if (!isSipUri(uri) || uri.user === undefined || uri.user === '') return undefined;
    return { user: uri.user, host: uri.host.toLowerCase() };
  } catch {
    return undefined;
  }
}

/**
 * Reads what the registrar needs of an authenticated REGISTER for `aor`: Call-ID, CSeq, Expires, the contacts
 * (or `*`) with their expires, q, +sip.instance and reg-id, the User-Agent, and where it came from. A malformed
 * request gets its 400 here.
 */
export function registerRequestOf(request: SipRequest, aor: AddressOfRecord, source: SipEndpoint): RegisterParse {
  let cseq: number;
  try {
    cseq = cseqOf(request).seq;
  } catch {
    return badRequest('Malformed CSeq');
  }
  const callId = callIdOf(request);
  if (callId === '') return badRequest('Missing Call-ID');
  const values = request.headers.getAll('contact');
  let contacts: RegisterRequest['contacts'];
  if (values.some((value) => value.trim() === '*')) {
    if (values.length !== 1) return badRequest('Wildcard Contact Must Be Alone');
    contacts = 'wildcard';
  } else {
    const specs: ContactSpec[] = [];
    for (const value of values) {
      const spec = contactSpecOf(value);
      if (spec === undefined) return badRequest('Malformed Contact');
      specs.push(spec);
    }
    contacts = specs;
  }
  const parsed: RegisterRequest = { aor, callId, cseq, contacts, source };
  const expires = expiresOf(request);
  if (expires !== undefined) parsed.expires = expires;
  const userAgent = request.headers.get('user-agent');
  if (userAgent !== undefined) parsed.userAgent = userAgent;
  return { ok: true, request: parsed };
}

function contactSpecOf(value: string): ContactSpec | undefined {
  try {
    const address = parseNameAddr(value);
    if (!isSipUri(parseUri(address.uri))) return undefined;
    const spec: ContactSpec = { uri: address.uri };
    const expires = address.params.get('expires');
    // A malformed expires parameter counts as absent: the Expires header or the default applies.
    if (expires !== undefined && expires !== null && /^\d{1,10}$/.test(expires)) spec.expires = Number(expires);
    const q = address.params.get('q');
    if (q !== undefined && q !== null && /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(q)) spec.q = q;
    const instance = address.params.get('+sip.instance');
    if (instance !== undefined && instance !== null) spec.instanceId = unquote(instance);
    const regId = address.params.get('reg-id');
    if (regId !== undefined && regId !== null) spec.regId = regId;
    return spec;
  } catch {
    return undefined;
  }
}

function badRequest(reason: string): RegisterParse {
  return { ok: false, response: { status: 400, reason, headers: [] } };
}
