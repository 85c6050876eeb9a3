import { createHash, randomBytes } from 'node:crypto';
import { formatAuthParams, parseAuthParams } from './auth-params';

/** Digest algorithms a client can answer with (RFC 7616, RFC 8760), in the order they are preferred. */
const SUPPORTED = ['SHA-256', 'MD5'] as const;
type ClientAlgorithm = (typeof SUPPORTED)[number];

/** A WWW-Authenticate or Proxy-Authenticate challenge a client can answer. */
export interface DigestChallengeParams {
  realm: string;
  nonce: string;
  algorithm: ClientAlgorithm;
  /** qop=auth offered: the answer carries nc and cnonce. */
  qopAuth: boolean;
  opaque?: string;
  stale: boolean;
}

export interface DigestClientCredentials {
  username: string;
  password: string;
}

/** The challenge to answer among a response's values: the strongest algorithm we support; undefined when none. */
export function chooseDigestChallenge(values: readonly string[]): DigestChallengeParams | undefined {
  const offered = values.flatMap((value) => {
    const challenge = parseDigestChallenge(value);
    return challenge ? [challenge] : [];
  });
  return SUPPORTED.map((algorithm) => offered.find((c) => c.algorithm === algorithm)).find((c) => c !== undefined);
}

/** One challenge value; undefined when it is not Digest, lacks realm or nonce, or asks for what we cannot do. */
export function parseDigestChallenge(value: string): DigestChallengeParams | undefined {
  const auth = parseAuthParams(value);
  if (!auth || auth.scheme.toLowerCase() !== 'digest') return undefined;
  const realm = auth.params.get('realm');
  const nonce = auth.params.get('nonce');
  if (realm === undefined || nonce === undefined) return undefined;
  const algorithm = (auth.params.get('algorithm') ?? 'MD5').toUpperCase();
  if (!(SUPPORTED as readonly string[]).includes(algorithm)) return undefined;
  const qop = auth.params.get('qop');
  const qops = qop === undefined ? [] : qop.split(',').map((q) => q.trim().toLowerCase());
  // A challenge that only takes auth-int (integrity of the body) is not answered.
  if (qop !== undefined && !qops.includes('auth')) return undefined;
  return {
    realm,
    nonce,
    algorithm: algorithm as ClientAlgorithm,
    qopAuth: qops.includes('auth'),
    opaque: auth.params.get('opaque'),
    stale: (auth.params.get('stale') ?? '').toLowerCase() === 'true',
  };
}

/**
 * The Authorization / Proxy-Authorization value answering a challenge (RFC 2617 §3.2.2, RFC 7616 §3.4) for a
 * request: uri is its Request-URI; with qop=auth the nonce count and client nonce are part of the answer.
 */
export function digestAuthorization(
  challenge: DigestChallengeParams,
  credentials: DigestClientCredentials,
  request: { method: string; uri: string },
  options: { cnonce?: string; nc?: number } = {},
): string {
  const hash = (text: string) =>
    createHash(challenge.algorithm === 'SHA-256' ? 'sha256' : 'md5')
      .update(text, 'utf8')
      .digest('hex');
  const ha1 = hash(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  const ha2 = hash(`${request.method}:${request.uri}`);
  const params = new Map<string, string>([
    ['username', credentials.username],
    ['realm', challenge.realm],
    ['nonce', challenge.nonce],
    ['uri', request.uri],
  ]);
  let response: string;
  if (challenge.qopAuth) {
    const nc = (options.nc ?? 1).toString(16).padStart(8, '0');
    const cnonce = options.cnonce ?? randomBytes(12).toString('hex');
    response = hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
    params.set('response', response);
    params.set('algorithm', challenge.algorithm);
    params.set('qop', 'auth');
    params.set('nc', nc);
    params.set('cnonce', cnonce);
  } else {
    response = hash(`${ha1}:${challenge.nonce}:${ha2}`);
    params.set('response', response);
    params.set('algorithm', challenge.algorithm);
  }
  if (challenge.opaque !== undefined) params.set('opaque', challenge.opaque);
  return formatAuthParams({ scheme: 'Digest', params }, ['algorithm', 'qop', 'nc']);
}
