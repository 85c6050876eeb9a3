import { type SipMessage } from './message';
import { DEFAULT_MAX_MESSAGE_BYTES, findHeadEnd, parseHead, type SipParseError } from './parser';

export type StreamItem =
  | { kind: 'message'; message: SipMessage }
  /** fatal: the framing is lost (no usable Content-Length, or too large), so the connection must be closed. */
  | { kind: 'error'; error: SipParseError; fatal: boolean }
  /** A CRLF CRLF keepalive ping (RFC 5626 §3.5.1), to be answered with a single CRLF. */
  | { kind: 'keepalive' };

/**
 * Splits a TCP byte stream into SIP messages (RFC 3261 §18.3): Content-Length is mandatory and frames each body.
 * Bodies may arrive in pieces; a head larger than the limit ends the stream.
 */
export class SipStreamDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private failed = false;
  private readonly maxMessageBytes: number;

  constructor(options: { maxMessageBytes?: number } = {}) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** Bytes received and not yet part of a whole message. */
  get pending(): number {
    return this.buffer.length;
  }

  push(chunk: Buffer): StreamItem[] {
    if (this.failed) return [];
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const items: StreamItem[] = [];
    for (;;) {
      const keepalive = this.skipLineEnds();
      if (keepalive) items.push({ kind: 'keepalive' });
      if (this.buffer.length === 0) return items;
      const headEnd = findHeadEnd(this.buffer, 0);
      if (headEnd === undefined) {
        if (this.buffer.length > this.maxMessageBytes) return this.fatal(items, 'Message head too large', 513);
        return items;
      }
      const head = parseHead(this.buffer.toString('utf8', 0, headEnd.start));
      if (!head.ok) {
        // Framing needs only Content-Length: a bad header costs the message, not the connection.
        const length = head.fatal ? undefined : declaredLength(this.buffer.toString('latin1', 0, headEnd.start));
        if (length === undefined) {
          this.failed = true;
          items.push({ kind: 'error', error: head.error, fatal: true });
          return items;
        }
        if (this.buffer.length < headEnd.bodyStart + length) return items;
        this.buffer = this.buffer.subarray(headEnd.bodyStart + length);
        items.push({ kind: 'error', error: head.error, fatal: false });
        continue;
      }
      const { message, contentLength } = head.head;
      if (contentLength === undefined) {
        this.failed = true;
        const error: SipParseError =
          message.kind === 'request'
            ? { reason: 'Content-Length is mandatory on stream transports', status: 400, request: message }
            : { reason: 'Content-Length is mandatory on stream transports' };
        items.push({ kind: 'error', error, fatal: true });
        return items;
      }
      if (headEnd.bodyStart + contentLength > this.maxMessageBytes) {
        this.failed = true;
        const error: SipParseError =
          message.kind === 'request'
            ? { reason: 'Message too large', status: 513, request: message }
            : { reason: 'Message too large' };
        items.push({ kind: 'error', error, fatal: true });
        return items;
      }
      const end = headEnd.bodyStart + contentLength;
      if (this.buffer.length < end) return items;
      message.body = Buffer.from(this.buffer.subarray(headEnd.bodyStart, end));
      this.buffer = this.buffer.subarray(end);
      items.push({ kind: 'message', message });
    }
  }

  private skipLineEnds(): boolean {
    let i = 0;
    while (i < this.buffer.length && (this.buffer[i] === 0x0d || this.buffer[i] === 0x0a)) i++;
    if (i === 0) return false;
    const doubled = i >= 4 || (i >= 2 && this.buffer[0] === 0x0a && this.buffer[1] === 0x0a);
    this.buffer = this.buffer.subarray(i);
    return doubled;
  }

  private fatal(items: StreamItem[], reason: string, status: number): StreamItem[] {
    this.failed = true;
    items.push({ kind: 'error', error: { reason, status }, fatal: true });
    return items;
  }
}

/** Content-Length of a head that failed to parse for another reason, when it is unambiguous. */
function declaredLength(head: string): number | undefined {
  const values = [...head.matchAll(/^(?:content-length|l)[ \t]*:[ \t]*(\S*)[ \t]*$/gim)].map((m) => m[1]);
  if (values.length !== 1 || !/^\d{1,9}$/.test(values[0])) return undefined;
  return Number(values[0]);
}
