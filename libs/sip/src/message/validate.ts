import { parseCSeq } from './cseq';
import { type SipRequest, type SipResponse } from './message';
import { parseNameAddr } from './name-addr';
import { SipSyntaxError } from './params';
import { isSipUri, parseUri } from './uri';
import { MAGIC_COOKIE, parseVia } from './via';

/** A request the front door refuses, with the response it gets. */
export interface RequestProblem {
  status: number;
  reason: string;
  headers?: Array<[string, string]>;
}

/** Methods this stack implements (the Allow header of a 405/501 and of OPTIONS answers). */
export const ALLOWED_METHODS = [
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'OPTIONS',
  'REGISTER',
  'REFER',
  'NOTIFY',
  'INFO',
  'UPDATE',
] as const;

/** Option tags (Require/Supported) this stack implements. */
export const SUPPORTED_OPTIONS = ['replaces', 'norefersub'] as const;

export interface ValidateOptions {
  /** The element forwards requests (a B2BUA's outbound side): Max-Forwards 0 is 483. */
  forwarding?: boolean;
  /** The element is a registrar for this request: To of a REGISTER must be a SIP AOR. */
  registrar?: boolean;
  supportedOptions?: readonly string[];
}

const MANDATORY = [
  ['via', 'Via'],
  ['from', 'From'],
  ['to', 'To'],
  ['call-id', 'Call-ID'],
  ['cseq', 'CSeq'],
] as const;

const SINGLE = [
  ['from', 'From'],
  ['to', 'To'],
  ['call-id', 'Call-ID'],
  ['cseq', 'CSeq'],
  ['max-forwards', 'Max-Forwards'],
] as const;

/**
 * The semantic checks a UAS makes before it acts on a request (RFC 3261 §8.2; the verdicts of RFC 4475 §3.1.2 and
 * §3.3). Returns the response the request deserves, or undefined when it may be processed.
 */
export function validateRequest(request: SipRequest, options: ValidateOptions = {}): RequestProblem | undefined {
  for (const [key, name] of MANDATORY) {
    if (!request.headers.has(key)) return bad(`Missing ${name} header`);
  }
  for (const [key, name] of SINGLE) {
    if (request.headers.count(key) > 1) return bad(`More than one ${name} header`);
  }
  let cseqMethod: string;
  try {
    for (const via of request.headers.getAll('via')) parseVia(via);
    parseNameAddr(request.headers.get('from')!);
    parseNameAddr(request.headers.get('to')!);
    for (const contact of request.headers.getAll('contact')) if (contact.trim() !== '*') parseNameAddr(contact);
    cseqMethod = parseCSeq(request.headers.get('cseq')!).method;
  } catch (error) {
    return bad(error instanceof SipSyntaxError ? error.message : 'Malformed header');
  }
  const known = (ALLOWED_METHODS as readonly string[]).includes(request.method);
  if (cseqMethod !== request.method) {
    return known ? bad('CSeq method does not match the request method') : notImplemented();
  }
  let uri;
  try {
    uri = parseUri(request.uri);
  } catch (error) {
    return bad(error instanceof SipSyntaxError ? `Bad Request-URI: ${error.message}` : 'Bad Request-URI');
  }
  if (!isSipUri(uri) && uri.scheme !== 'tel') return { status: 416, reason: 'Unsupported URI Scheme' };
  if (isSipUri(uri) && uri.headers.size > 0) return bad('Headers are not allowed in the Request-URI');
  if (!known) return notImplemented();
  const branch = parseVia(request.headers.getAll('via')[0]).params.get('branch');
  if (branch === MAGIC_COOKIE) return bad('Via branch is only the magic cookie');
  const maxForwards = request.headers.get('max-forwards');
  if (maxForwards !== undefined && !/^\s*\d+\s*$/.test(maxForwards)) return bad('Invalid Max-Forwards');
  if (options.forwarding && maxForwards !== undefined && Number(maxForwards) === 0 && request.method !== 'OPTIONS') {
    return { status: 483, reason: 'Too Many Hops' };
  }
  const supported = options.supportedOptions ?? SUPPORTED_OPTIONS;
  const unsupported = request.headers
    .getAll('require')
    .map((t) => t.trim())
    .filter((t) => t !== '' && !supported.includes(t.toLowerCase()));
  if (unsupported.length > 0 && request.method !== 'ACK' && request.method !== 'CANCEL') {
    return { status: 420, reason: 'Bad Extension', headers: [['Unsupported', unsupported.join(', ')]] };
  }
  if (options.registrar && request.method === 'REGISTER') {
    try {
      if (!isSipUri(parseUri(parseNameAddr(request.headers.get('to')!).uri)))
        return bad('To of a REGISTER must be a SIP URI');
    } catch {
      return bad('To of a REGISTER must be a SIP URI');
    }
  }
  if (request.method === 'INVITE') return sessionProblem(request);
  return undefined;
}

/**
 * Whether a response can be matched to a transaction: its Via, From, To, Call-ID and CSeq must be readable. A
 * response that is not is dropped (RFC 4475 §3.1.2.5, §3.1.2.19); returns why, or undefined.
 */
export function responseProblem(response: SipResponse): string | undefined {
  for (const [key, name] of MANDATORY) {
    if (!response.headers.has(key)) return `Missing ${name} header`;
  }
  try {
    parseVia(response.headers.getAll('via')[0]);
    parseNameAddr(response.headers.get('from')!);
    parseNameAddr(response.headers.get('to')!);
    parseCSeq(response.headers.get('cseq')!);
  } catch (error) {
    return error instanceof SipSyntaxError ? error.message : 'Malformed header';
  }
  return undefined;
}

function sessionProblem(request: SipRequest): RequestProblem | undefined {
  const accept = request.headers.getAll('accept').map((t) => t.split(';')[0].trim().toLowerCase());
  if (accept.length > 0 && !accept.some((t) => t === 'application/sdp' || t === 'application/*' || t === '*/*')) {
    return { status: 406, reason: 'Not Acceptable', headers: [['Warning', '399 - "application/sdp is required"']] };
  }
  if (request.body.length === 0) return undefined;
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/sdp') return undefined;
  if (type.startsWith('multipart/') && /content-type:\s*application\/sdp/i.test(request.body.toString('latin1')))
    return undefined;
  return { status: 415, reason: 'Unsupported Media Type', headers: [['Accept', 'application/sdp']] };
}

function bad(reason: string): RequestProblem {
  return { status: 400, reason };
}

function notImplemented(): RequestProblem {
  return { status: 501, reason: 'Not Implemented', headers: [['Allow', ALLOWED_METHODS.join(', ')]] };
}
