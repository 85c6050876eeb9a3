import { type CSeq, parseCSeq, parseNonNegative } from './cseq';
import { type SipMessage, type SipRequest } from './message';
import { parseNameAddr } from './name-addr';
import { parseVia, type Via } from './via';

/** Typed reads of the headers every message has. They throw SipSyntaxError when the header is malformed. */
export function callIdOf(message: SipMessage): string {
  return message.headers.get('call-id') ?? '';
}

export function cseqOf(message: SipMessage): CSeq {
  return parseCSeq(message.headers.get('cseq') ?? '');
}

export function topViaOf(message: SipMessage): Via {
  const value = message.headers.getAll('via')[0];
  return parseVia(value ?? '');
}

export function fromTagOf(message: SipMessage): string | undefined {
  return parseNameAddr(message.headers.get('from') ?? '').params.get('tag') ?? undefined;
}

export function toTagOf(message: SipMessage): string | undefined {
  return parseNameAddr(message.headers.get('to') ?? '').params.get('tag') ?? undefined;
}

/** Max-Forwards; undefined when absent (RFC 2543 peers) or overlarge (treated as absent, RFC 4475 §3.1.2.4). */
export function maxForwardsOf(request: SipRequest): number | undefined {
  const value = request.headers.get('max-forwards');
  if (value === undefined) return undefined;
  try {
    return parseNonNegative(value, 255);
  } catch {
    return undefined;
  }
}

/** Expires header in seconds, or undefined (overlarge values are the caller's default). */
export function expiresOf(message: SipMessage): number | undefined {
  const value = message.headers.get('expires');
  if (value === undefined) return undefined;
  try {
    return parseNonNegative(value, 2 ** 32 - 1);
  } catch {
    return undefined;
  }
}
