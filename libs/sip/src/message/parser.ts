import { canonicalHeaderName, SipHeaders } from './headers';
import { type SipMessage, type SipRequest } from './message';

/** Why a message could not be read, and the answer it deserves when it is a request that can be answered. */
export interface SipParseError {
  reason: string;
  /** Status to answer with (400, 505, 513...) when the message is a request read far enough to build a response. */
  status?: number;
  /** The request as far as it was read (start line and headers), when status is set. */
  request?: SipRequest;
}

export type ParseResult = { ok: true; message: SipMessage } | { ok: false; error: SipParseError };

/** Largest datagram or stream message read by default; larger ones are answered 513. */
export const DEFAULT_MAX_MESSAGE_BYTES = 65_535;

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const SIP_VERSION = 'SIP/2.0';

/** What the head of a message (start line and headers) holds, before the body is taken. */
export interface ParsedHead {
  message: SipMessage;
  /** Content-Length as declared; undefined when absent. */
  contentLength?: number;
}

export type HeadResult = { ok: true; head: ParsedHead } | { ok: false; error: SipParseError; fatal: boolean };

/**
 * Reads one SIP message from a UDP datagram (RFC 3261 §7, §18.3). Bytes after Content-Length are noise and are
 * ignored; without Content-Length the body is the rest of the datagram. Never throws.
 */
export function parseMessage(data: Buffer, maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES): ParseResult {
  const headEnd = findHeadEnd(data, 0);
  if (headEnd === undefined) {
    const head = parseHead(data.toString('utf8'));
    if (!head.ok) return { ok: false, error: head.error };
    return fail('Headers not terminated by an empty line', head.head.message, 400);
  }
  const head = parseHead(data.toString('utf8', 0, headEnd.start));
  if (data.length > maxMessageBytes) {
    const request = head.ok ? head.head.message : head.error.request;
    return request ? fail('Message too large', request, 513) : { ok: false, error: { reason: 'Message too large' } };
  }
  if (!head.ok) return { ok: false, error: head.error };
  const { message, contentLength } = head.head;
  const available = data.length - headEnd.bodyStart;
  if (contentLength === undefined) {
    message.body = Buffer.from(data.subarray(headEnd.bodyStart));
  } else if (contentLength > available) {
    return fail(`Content-Length ${contentLength} exceeds the ${available} bytes received`, message, 400);
  } else {
    message.body = Buffer.from(data.subarray(headEnd.bodyStart, headEnd.bodyStart + contentLength));
  }
  return { ok: true, message };
}

function fail(reason: string, message: SipMessage, status: number): ParseResult {
  if (message.kind === 'request') return { ok: false, error: { reason, status, request: message } };
  return { ok: false, error: { reason } };
}

/** Where the head ends: the empty line (CRLF CRLF, or bare LF LF from lenient peers). */
export function findHeadEnd(data: Buffer, from: number): { start: number; bodyStart: number } | undefined {
  const crlf = data.indexOf('\r\n\r\n', from, 'latin1');
  const lf = data.indexOf('\n\n', from, 'latin1');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { start: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { start: lf, bodyStart: lf + 2 };
  return undefined;
}

/** Parses the start line and the header fields (unfolding continuation lines); the body is left empty. */
export function parseHead(text: string): HeadResult {
  const lines = text.split(/\r?\n/);
  let first = 0;
  while (first < lines.length && lines[first] === '') first++;
  const startLine = lines[first] ?? '';
  const start = parseStartLine(startLine);
  if (!('kind' in start)) return { ok: false, error: { reason: start.error }, fatal: false };
  const headers = new SipHeaders();
  let headerError: string | undefined;
  let current: { name: string; value: string } | undefined;
  const flush = () => {
    if (current) headers.append(current.name, current.value.trim());
    current = undefined;
  };
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') break;
    if (line[0] === ' ' || line[0] === '\t') {
      if (current) current.value += ' ' + line.trim();
      else headerError ??= 'Continuation line before any header';
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) {
      headerError ??= `Header line without a name and colon: ${truncate(line)}`;
      continue;
    }
    const name = line.slice(0, colon).trim();
    if (!TOKEN.test(name)) {
      headerError ??= `Invalid header name: ${truncate(name)}`;
      continue;
    }
    current = { name, value: line.slice(colon + 1) };
  }
  flush();
  const message: SipMessage =
    start.kind === 'request'
      ? { kind: 'request', method: start.method, uri: start.uri, headers, body: Buffer.alloc(0) }
      : { kind: 'response', status: start.status, reason: start.reason, headers, body: Buffer.alloc(0) };
  const requestError = (reason: string, status: number, fatal: boolean): HeadResult =>
    message.kind === 'request'
      ? { ok: false, error: { reason, status, request: message }, fatal }
      : { ok: false, error: { reason }, fatal };
  if (start.kind === 'request' && start.version !== SIP_VERSION) {
    return requestError(`SIP version ${truncate(start.version)} not supported`, 505, false);
  }
  if (start.kind === 'request' && start.error) return requestError(start.error, 400, false);
  if (headerError) return requestError(headerError, 400, false);
  const lengths = headers.getAll('content-length');
  if (lengths.length > 1 && new Set(lengths).size > 0) {
    return requestError('More than one Content-Length', 400, true);
  }
  let contentLength: number | undefined;
  if (lengths.length === 1) {
    if (!/^\d{1,9}$/.test(lengths[0]))
      return requestError(`Invalid Content-Length: ${truncate(lengths[0])}`, 400, true);
    contentLength = Number(lengths[0]);
  }
  return { ok: true, head: { message, contentLength } };
}

type StartLine =
  | { kind: 'request'; method: string; uri: string; version: string; error?: string }
  | { kind: 'response'; status: number; reason: string }
  | { error: string };

function parseStartLine(line: string): StartLine {
  if (line.startsWith('SIP/')) {
    const match = /^SIP\/(\d+\.\d+) (\d{3}) (.*)$/.exec(line);
    if (!match) return { error: `Malformed status line: ${truncate(line)}` };
    if (`SIP/${match[1]}` !== SIP_VERSION) return { error: `Unsupported version in ${truncate(line)}` };
    const status = Number(match[2]);
    if (status < 100 || status > 699) return { error: `Status code out of range: ${match[2]}` };
    return { kind: 'response', status, reason: match[3] };
  }
  const firstSpace = line.indexOf(' ');
  if (firstSpace <= 0) return { error: `Malformed request line: ${truncate(line)}` };
  const method = line.slice(0, firstSpace);
  if (!TOKEN.test(method)) return { error: `Invalid method: ${truncate(method)}` };
  const trimmed = line.replace(/[ \t]+$/, '');
  const lastSpace = trimmed.lastIndexOf(' ');
  const version = trimmed.slice(lastSpace + 1);
  if (lastSpace === firstSpace || !version.startsWith('SIP/')) {
    return { error: `Request line without a SIP version: ${truncate(line)}` };
  }
  const uri = trimmed.slice(firstSpace + 1, lastSpace);
  // One space on each side of the Request-URI and no whitespace inside it (RFC 3261 §7.1; RFC 4475 §3.1.2.8-10).
  const error =
    uri.length === 0 || /\s/.test(uri) || line.endsWith(' ')
      ? `Malformed Request-URI or extra whitespace in the request line: ${truncate(line)}`
      : undefined;
  return { kind: 'request', method, uri, version, error };
}

/** Names of headers that must appear exactly once (RFC 3261 §20; RFC 4475 §3.3.8). */
export const SINGLE_VALUE_HEADERS = ['call-id', 'cseq', 'from', 'to', 'max-forwards', 'content-length', 'content-type'];

export function isSingleValueHeader(name: string): boolean {
  return SINGLE_VALUE_HEADERS.includes(canonicalHeaderName(name));
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
