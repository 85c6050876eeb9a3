import { SipSyntaxError } from './params';

export interface CSeq {
  seq: number;
  method: string;
}

/** Parses a CSeq value; the number must be below 2**31 (RFC 3261 §8.1.1.5). Throws SipSyntaxError. */
export function parseCSeq(value: string): CSeq {
  const match = /^\s*(\d{1,10})\s+([A-Za-z0-9\-.!%*_+`'~]+)\s*$/.exec(value);
  if (!match) throw new SipSyntaxError(`Malformed CSeq: ${value.slice(0, 60)}`);
  const seq = Number(match[1]);
  if (seq >= 2 ** 31) throw new SipSyntaxError('CSeq number too large');
  return { seq, method: match[2] };
}

export function formatCSeq(cseq: CSeq): string {
  return `${cseq.seq} ${cseq.method}`;
}

/** A non-negative integer header (Max-Forwards, Expires, Content-Length), leading zeros allowed. */
export function parseNonNegative(value: string, max: number): number {
  const text = value.trim();
  if (!/^\d{1,10}$/.test(text)) throw new SipSyntaxError(`Not a number: ${text.slice(0, 20)}`);
  const n = Number(text);
  if (n > max) throw new SipSyntaxError(`Value too large: ${text}`);
  return n;
}
