import { type SipHeaders } from './headers';

/**
 * A SIP request (RFC 3261 §7.1). The request-URI is kept as its text: it is parsed on demand with parseUri, and
 * forwarded byte for byte when nobody changed it.
 */
export interface SipRequest {
  readonly kind: 'request';
  /** Method token as received, case-sensitive ("INVITE"; "RE%47IST%45R" is an unknown method, not REGISTER). */
  method: string;
  /** Request-URI text, e.g. "sip:+74950000001@127.0.0.1:5060;user=phone". */
  uri: string;
  headers: SipHeaders;
  /** Body bytes, exactly Content-Length of them; empty when there is none. */
  body: Buffer;
}

/** A SIP response (RFC 3261 §7.2). */
export interface SipResponse {
  readonly kind: 'response';
  /** Status code, 100..699. */
  status: number;
  /** Reason phrase, possibly empty or UTF-8. */
  reason: string;
  headers: SipHeaders;
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

/** The methods this stack understands; any other token is an extension method (answered 501 by a UAS). */
export const KNOWN_METHODS = [
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
  'PRACK',
  'SUBSCRIBE',
  'MESSAGE',
] as const;
export type KnownMethod = (typeof KNOWN_METHODS)[number];

/** Where a message came from or goes to. */
export interface SipEndpoint {
  transport: 'udp' | 'tcp';
  address: string;
  port: number;
}

export function isRequest(message: SipMessage): message is SipRequest {
  return message.kind === 'request';
}

export function isResponse(message: SipMessage): message is SipResponse {
  return message.kind === 'response';
}

export function createRequest(method: string, uri: string, headers: SipHeaders, body?: Buffer): SipRequest {
  return { kind: 'request', method, uri, headers, body: body ?? Buffer.alloc(0) };
}

export function createResponseMessage(status: number, reason: string, headers: SipHeaders, body?: Buffer): SipResponse {
  return { kind: 'response', status, reason, headers, body: body ?? Buffer.alloc(0) };
}
