import { parseAuthParams } from '@cc/sip';
import { type DigestAlgorithm, digestAlgorithmOf } from './digest-algorithm';

/** The parameters of one Authorization / Proxy-Authorization value with the Digest scheme, checked for shape. */
export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm: DigestAlgorithm;
  /** nonce-count, as sent (8 hex digits) and as a number. */
  nc: string;
  ncValue: number;
  cnonce: string;
}

export type CredentialsParse =
  | { ok: true; credentials: DigestCredentials }
  | { ok: false; reason: 'malformed' | 'unsupported-algorithm' | 'unsupported-qop'; realm?: string };

/** Parses a Digest credentials value; undefined when it is another scheme (Basic, Bearer...). */
export function parseDigestCredentials(value: string): CredentialsParse | undefined {
  const parsed = parseAuthParams(value);
  if (parsed === undefined) return /^\s*digest\s/i.test(value) ? { ok: false, reason: 'malformed' } : undefined;
  if (parsed.scheme.toLowerCase() !== 'digest') return undefined;
  const param = (name: string) => parsed.params.get(name);
  const realm = param('realm');
  const fail = (reason: 'malformed' | 'unsupported-algorithm' | 'unsupported-qop'): CredentialsParse =>
    realm === undefined ? { ok: false, reason } : { ok: false, reason, realm };

  const username = param('username');
  const nonce = param('nonce');
  const uri = param('uri');
  const response = param('response');
  if (!username || realm === undefined || !nonce || !uri || !response) return fail('malformed');
  // RFC 7616 userhash hides the user name behind a hash; the stored credentials are looked up by plain name.
  if (param('userhash')?.toLowerCase() === 'true' || param('username*') !== undefined) return fail('malformed');
  const algorithm = digestAlgorithmOf(param('algorithm'));
  if (algorithm === undefined) return fail('unsupported-algorithm');
  if (param('qop')?.toLowerCase() !== 'auth') return fail('unsupported-qop');
  const nc = param('nc');
  const cnonce = param('cnonce');
  if (nc === undefined || !/^[0-9a-fA-F]{8}$/.test(nc) || !cnonce) return fail('malformed');
  if (!/^[0-9a-fA-F]+$/.test(response)) return fail('malformed');
  return {
    ok: true,
    credentials: { username, realm, nonce, uri, response, algorithm, nc, ncValue: parseInt(nc, 16), cnonce },
  };
}
