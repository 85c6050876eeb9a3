import { randomBytes } from 'node:crypto';
import { SipHeaders } from './headers';
import { type SipRequest, type SipResponse } from './message';
import { reasonPhrase } from './reason-phrases';

export interface ResponseOptions {
  /** To tag to add when the request's To has none (every response but 100 from a UAS carries one). */
  toTag?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  contentType?: string;
}

/**
 * A response to a request (RFC 3261 §8.2.6): Via (all), From, To (+ tag), Call-ID and CSeq copied, and for 18x/2xx
 * to a dialog-creating request the Record-Route too.
 */
export function createResponse(
  request: SipRequest,
  status: number,
  reason?: string,
  options: ResponseOptions = {},
): SipResponse {
  const headers = new SipHeaders();
  for (const via of request.headers.getAll('via')) headers.append('Via', via);
  const from = request.headers.get('from');
  if (from !== undefined) headers.append('From', from);
  const to = request.headers.get('to');
  if (to !== undefined)
    headers.append('To', options.toTag && !/;\s*tag\s*=/i.test(to) ? `${to};tag=${options.toTag}` : to);
  const callId = request.headers.get('call-id');
  if (callId !== undefined) headers.append('Call-ID', callId);
  const cseq = request.headers.get('cseq');
  if (cseq !== undefined) headers.append('CSeq', cseq);
  if (status > 100 && status < 300 && (request.method === 'INVITE' || request.method === 'SUBSCRIBE')) {
    for (const route of request.headers.getAll('record-route')) headers.append('Record-Route', route);
  }
  for (const [name, value] of options.headers ?? []) headers.append(name, value);
  if (options.body && options.body.length > 0) headers.set('Content-Type', options.contentType ?? 'application/sdp');
  return {
    kind: 'response',
    status,
    reason: reason ?? reasonPhrase(status),
    headers,
    body: options.body ?? Buffer.alloc(0),
  };
}

/** Random ids from a pooled buffer: a branch, tag or Call-ID per message adds up at hundreds of calls a second. */
let pool = Buffer.alloc(0);
let poolOffset = 0;
function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

/** A new RFC 3261 branch: the magic cookie and 64 random bits. */
export function generateBranch(): string {
  return `z9hG4bK${randomHex(8)}`;
}

export function generateTag(): string {
  return randomHex(6);
}

export function generateCallId(host: string): string {
  return `${randomHex(12)}@${host}`;
}
