import { type DigestAlgorithm, digestHash } from './digest-algorithm';

export interface DigestResponseInput {
  algorithm: DigestAlgorithm;
  /** H(username:realm:password), hex. */
  ha1: string;
  method: string;
  /** The digest-uri of the credentials (the request-URI as the client saw it). */
  uri: string;
  nonce: string;
  /** qop=auth: nonce count (8 hex digits) and client nonce. Absent: the RFC 2069 form, kept for test vectors. */
  qop?: { nc: string; cnonce: string };
}

/** request-digest of RFC 2617 §3.2.2.1 / RFC 7616 §3.4.1 for qop=auth (or none): hex, lower case. */
export function digestResponse(input: DigestResponseInput): string {
  const ha2 = digestHash(input.algorithm, `${input.method}:${input.uri}`);
  const middle = input.qop ? `${input.nonce}:${input.qop.nc}:${input.qop.cnonce}:auth` : input.nonce;
  return digestHash(input.algorithm, `${input.ha1}:${middle}:${ha2}`);
}
