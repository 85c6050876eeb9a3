import { formatAuthParams, type SipRequest } from '@cc/sip';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey } from './derived-key';
import { DIGEST_ALGORITHMS, type DigestAlgorithm } from './digest-algorithm';
import { type DigestCredentials, parseDigestCredentials } from './digest-credentials';
import { checkNonce, issueNonce, NONCE_SALT_BYTES } from './digest-nonce';
import { digestResponse } from './digest-response';
import { NonceCounts } from './nonce-counts';

/**
 * Why credentials were not accepted:
 * - missing: no Digest credentials for this realm (challenge);
 * - malformed, unsupported-algorithm, unsupported-qop: credentials we cannot check (answer 400, or challenge);
 * - unknown-user, bad-response: wrong user or password (answer exactly alike, so user names cannot be probed);
 * - stale, replayed: the password was right but the nonce is old, foreign or its count was used already:
 *   challenge again with stale=true, which a client answers without asking its user.
 */
export type DigestFailure =
  | 'missing'
  | 'malformed'
  | 'unsupported-algorithm'
  | 'unsupported-qop'
  | 'unknown-user'
  | 'bad-response'
  | 'stale'
  | 'replayed';

export type DigestResult =
  { ok: true; username: string; algorithm: DigestAlgorithm } | { ok: false; reason: DigestFailure };

/**
 * registrar: 401 with WWW-Authenticate, the client answers with Authorization (REGISTER);
 * proxy: 407 with Proxy-Authenticate, answered with Proxy-Authorization (INVITE and other requests).
 */
export type ChallengeKind = 'registrar' | 'proxy';

export interface DigestChallenge {
  status: 401 | 407;
  reason: string;
  headers: Array<[string, string]>;
}

/** The stored HA1 of a user for an algorithm; undefined when there is no such user. */
export type Ha1Lookup = (username: string, algorithm: DigestAlgorithm) => string | undefined;

export interface DigestVerification {
  method: string;
  /** Every Authorization (or Proxy-Authorization) value of the request. */
  authorization: readonly string[];
  realm: string;
  now: number;
  ha1Of: Ha1Lookup;
}

export interface DigestAuthenticatorOptions {
  /** The ingress's secret: nonces are MACed under a key derived from it. */
  secret: string;
  /** When this process started: nonces issued before it have lost their counts and are challenged again. */
  startedAt: number;
  /** How long a nonce is good for; later its user is challenged again with stale=true. Default 5 minutes. */
  nonceLifetimeMs?: number;
  /** Nonces whose counts are remembered at most (bounded memory). Default 100 000. */
  maxTrackedNonces?: number;
  random?: (size: number) => Buffer;
  /**
   * Challenges offered, in this order. Clients should take the first they support (RFC 7616 §3.7), but many phones
   * and test tools take the first one whatever it is, so deployments choose: SHA-256 first for strength, MD5
   * first for old phones. Credentials in any supported algorithm are verified either way. Default SHA-256, MD5.
   */
  algorithms?: readonly DigestAlgorithm[];
}

export const DEFAULT_NONCE_LIFETIME_MS = 300_000;

/**
 * HTTP Digest for SIP (RFC 3261 §22, RFC 2617, RFC 7616, RFC 8760): challenges offering SHA-256 then MD5 with
 * qop=auth, and verification against stored HA1s, never passwords. Nonces are stateless (see issueNonce); the only
 * state is the bounded table of nonce counts. The clock comes in with every call.
 */
export class DigestAuthenticator {
  private readonly algorithms: readonly DigestAlgorithm[];
  private readonly key: Buffer;
  private readonly lifetimeMs: number;
  private readonly counts: NonceCounts;
  private readonly random: (size: number) => Buffer;

  constructor(options: DigestAuthenticatorOptions) {
    this.key = deriveKey(options.secret, 'digest-nonce');
    this.lifetimeMs = options.nonceLifetimeMs ?? DEFAULT_NONCE_LIFETIME_MS;
    this.counts = new NonceCounts(options.maxTrackedNonces ?? 100_000, options.startedAt);
    this.random = options.random ?? randomBytes;
    this.algorithms = options.algorithms ?? DIGEST_ALGORITHMS;
  }

  /** The 401 or 407 answer: one challenge per algorithm, in the configured order (RFC 7616 §3.7), one fresh nonce. */
  challenge(options: { kind: ChallengeKind; realm: string; now: number; stale?: boolean }): DigestChallenge {
    const nonce = issueNonce(this.key, options.realm, options.now, this.random(NONCE_SALT_BYTES));
    const header = options.kind === 'registrar' ? 'WWW-Authenticate' : 'Proxy-Authenticate';
    const headers = this.algorithms.map((algorithm): [string, string] => [
      header,
      challengeValue(options.realm, nonce, algorithm, options.stale === true),
    ]);
    return options.kind === 'registrar'
      ? { status: 401, reason: 'Unauthorized', headers }
      : { status: 407, reason: 'Proxy Authentication Required', headers };
  }

  /** Checks the request's credentials for the realm; on success the nonce count is used up. */
  verify(input: DigestVerification): DigestResult {
    let failure: DigestFailure = 'missing';
    let credentials: DigestCredentials | undefined;
    for (const value of input.authorization) {
      const parsed = parseDigestCredentials(value);
      if (parsed === undefined) continue;
      if (parsed.ok && parsed.credentials.realm === input.realm) {
        credentials = parsed.credentials;
        break;
      }
      if (!parsed.ok && (parsed.realm === undefined || parsed.realm === input.realm)) failure = parsed.reason;
    }
    if (credentials === undefined) return { ok: false, reason: failure };

    const ha1 = input.ha1Of(credentials.username, credentials.algorithm);
    if (ha1 === undefined) return { ok: false, reason: 'unknown-user' };
    const expected = digestResponse({
      algorithm: credentials.algorithm,
      ha1,
      method: input.method,
      uri: credentials.uri,
      nonce: credentials.nonce,
      qop: { nc: credentials.nc, cnonce: credentials.cnonce },
    });
    if (!sameHex(expected, credentials.response)) return { ok: false, reason: 'bad-response' };

    const nonce = checkNonce(this.key, input.realm, credentials.nonce, input.now, this.lifetimeMs);
    if (nonce.kind !== 'fresh') return { ok: false, reason: 'stale' };
    const count = this.counts.accept(credentials.nonce, nonce.issuedAt, credentials.ncValue);
    if (count === 'replayed') return { ok: false, reason: 'replayed' };
    if (count === 'forgotten') return { ok: false, reason: 'stale' };
    return { ok: true, username: credentials.username, algorithm: credentials.algorithm };
  }

  /** verify() on a request's Authorization (registrar) or Proxy-Authorization (proxy) values. */
  verifyRequest(request: SipRequest, kind: ChallengeKind, realm: string, now: number, ha1Of: Ha1Lookup): DigestResult {
    const authorization = request.headers.getAll(kind === 'registrar' ? 'authorization' : 'proxy-authorization');
    return this.verify({ method: request.method, authorization, realm, now, ha1Of });
  }
}

/** True when the failure is answered with a new challenge carrying stale=true. */
export function isStaleFailure(result: DigestResult): boolean {
  return !result.ok && (result.reason === 'stale' || result.reason === 'replayed');
}

function challengeValue(realm: string, nonce: string, algorithm: DigestAlgorithm, stale: boolean): string {
  const params = new Map([
    ['realm', realm],
    ['nonce', nonce],
    ['algorithm', algorithm],
    ['qop', 'auth'],
  ]);
  if (stale) params.set('stale', 'true');
  return formatAuthParams({ scheme: 'Digest', params });
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
