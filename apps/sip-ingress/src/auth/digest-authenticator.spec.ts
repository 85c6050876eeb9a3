import { createRequest, SipHeaders } from '@cc/sip';
import { type DigestAlgorithm, ha1 } from './digest-algorithm';
import { DigestAuthenticator, type DigestVerification, isStaleFailure } from './digest-authenticator';
import { digestResponse } from './digest-response';

const REALM = 'demo.cc.local';
const SECRET = 'authenticator-test-secret-0123456789';
const users: Record<string, string> = { '1001': 'demo-1001' };
const ha1Of = (username: string, algorithm: DigestAlgorithm) =>
  users[username] === undefined ? undefined : ha1(username, REALM, users[username], algorithm);

let counter = 0;
const random = (size: number) => Buffer.alloc(size, ++counter);

function authenticator(options: Partial<ConstructorParameters<typeof DigestAuthenticator>[0]> = {}) {
  return new DigestAuthenticator({ secret: SECRET, startedAt: 0, random, ...options });
}

function nonceOf(challenge: string): string {
  const match = /nonce="([^"]+)"/.exec(challenge);
  if (!match) throw new Error(`no nonce in ${challenge}`);
  return match[1];
}

interface ClientAnswer {
  nonce: string;
  username?: string;
  password?: string;
  algorithm?: DigestAlgorithm;
  nc?: number;
  realm?: string;
  method?: string;
}

/** What a phone sends back: Authorization for REGISTER sip:demo.cc.local. */
function answer(a: ClientAnswer): string {
  const username = a.username ?? '1001';
  const algorithm = a.algorithm ?? 'SHA-256';
  const realm = a.realm ?? REALM;
  const nc = (a.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = 'c0ffee';
  const uri = 'sip:demo.cc.local';
  const response = digestResponse({
    algorithm,
    ha1: ha1(username, realm, a.password ?? 'demo-1001', algorithm),
    method: a.method ?? 'REGISTER',
    uri,
    nonce: a.nonce,
    qop: { nc, cnonce },
  });
  return (
    `Digest username="${username}", realm="${realm}", nonce="${a.nonce}", uri="${uri}", ` +
    `response="${response}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="${cnonce}"`
  );
}

function verification(authorization: string[], now: number): DigestVerification {
  return { method: 'REGISTER', authorization, realm: REALM, now, ha1Of };
}

describe('DigestAuthenticator', () => {
  it('challenges with SHA-256 first, then MD5, qop=auth, one fresh nonce', () => {
    const challenge = authenticator().challenge({ kind: 'registrar', realm: REALM, now: 1000 });
    expect(challenge.status).toBe(401);
    expect(challenge.reason).toBe('Unauthorized');
    expect(challenge.headers.map(([name]) => name)).toEqual(['WWW-Authenticate', 'WWW-Authenticate']);
    const [sha256, md5] = challenge.headers.map(([, value]) => value);
    expect(sha256).toMatch(/^Digest realm="demo\.cc\.local", nonce="[A-Za-z0-9_-]+", algorithm=SHA-256, qop="auth"$/);
    expect(md5).toContain('algorithm=MD5');
    expect(nonceOf(sha256)).toBe(nonceOf(md5));
  });

  it('challenges a proxy request with 407 and Proxy-Authenticate, stale=true when asked, realm quoted', () => {
    const challenge = authenticator().challenge({ kind: 'proxy', realm: 'a"b', now: 1000, stale: true });
    expect(challenge.status).toBe(407);
    expect(challenge.headers[0][0]).toBe('Proxy-Authenticate');
    expect(challenge.headers[0][1]).toContain('realm="a\\"b"');
    expect(challenge.headers[0][1]).toMatch(/, stale=true$/);
  });

  it('accepts the right password with SHA-256 and with MD5', () => {
    const auth = authenticator();
    const nonce = nonceOf(auth.challenge({ kind: 'registrar', realm: REALM, now: 1000 }).headers[0][1]);
    expect(auth.verify(verification([answer({ nonce })], 2000))).toEqual({
      ok: true,
      username: '1001',
      algorithm: 'SHA-256',
    });
    expect(auth.verify(verification([answer({ nonce, algorithm: 'MD5', nc: 2 })], 2000))).toEqual({
      ok: true,
      username: '1001',
      algorithm: 'MD5',
    });
  });

  it('refuses a wrong password and an unknown user', () => {
    const auth = authenticator();
    const nonce = nonceOf(auth.challenge({ kind: 'registrar', realm: REALM, now: 1000 }).headers[0][1]);
    expect(auth.verify(verification([answer({ nonce, password: 'guess' })], 2000))).toEqual({
      ok: false,
      reason: 'bad-response',
    });
    expect(auth.verify(verification([answer({ nonce, username: '9999' })], 2000))).toEqual({
      ok: false,
      reason: 'unknown-user',
    });
    // The response binds the method: a REGISTER's answer does not authenticate an INVITE.
    expect(auth.verify({ ...verification([answer({ nonce })], 2000), method: 'INVITE' })).toEqual({
      ok: false,
      reason: 'bad-response',
    });
  });

  it('calls an expired nonce stale, only when the password was right', () => {
    const auth = authenticator();
    const nonce = nonceOf(auth.challenge({ kind: 'registrar', realm: REALM, now: 1000 }).headers[0][1]);
    const result = auth.verify(verification([answer({ nonce })], 1000 + 300_000));
    expect(result).toEqual({ ok: false, reason: 'stale' });
    expect(isStaleFailure(result)).toBe(true);
    expect(auth.verify(verification([answer({ nonce, password: 'guess' })], 1000 + 300_000))).toEqual({
      ok: false,
      reason: 'bad-response',
    });
    const shortLived = authenticator({ nonceLifetimeMs: 10 });
    const quick = nonceOf(shortLived.challenge({ kind: 'registrar', realm: REALM, now: 0 }).headers[0][1]);
    expect(shortLived.verify(verification([answer({ nonce: quick })], 10))).toEqual({ ok: false, reason: 'stale' });
  });

  it('treats a nonce it did not issue (another secret, a made-up one) as stale', () => {
    const other = new DigestAuthenticator({ secret: 'another-secret-0123456789', startedAt: 0 });
    const foreign = nonceOf(other.challenge({ kind: 'registrar', realm: REALM, now: 1000 }).headers[0][1]);
    expect(authenticator().verify(verification([answer({ nonce: foreign })], 2000))).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(authenticator().verify(verification([answer({ nonce: 'made-up' })], 2000))).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  it('verifies a nonce issued by another instance with the same secret', () => {
    const issuer = authenticator();
    const nonce = nonceOf(issuer.challenge({ kind: 'registrar', realm: REALM, now: 1000 }).headers[0][1]);
    expect(authenticator({ startedAt: 500 }).verify(verification([answer({ nonce })], 2000)).ok).toBe(true);
    expect(authenticator({ startedAt: 1500 }).verify(verification([answer({ nonce })], 2000))).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  it('refuses a replayed nonce count', () => {
    const auth = authenticator();
    const nonce = nonceOf(auth.challenge({ kind: 'registrar', realm: REALM, now: 1000 }).headers[0][1]);
    const first = answer({ nonce, nc: 1 });
    expect(auth.verify(verification([first], 2000)).ok).toBe(true);
    const replay = auth.verify(verification([first], 2001));
    expect(replay).toEqual({ ok: false, reason: 'replayed' });
    expect(isStaleFailure(replay)).toBe(true);
    expect(auth.verify(verification([answer({ nonce, nc: 2 })], 2002)).ok).toBe(true);
  });

  it('remembers a bounded number of nonces and re-challenges the forgotten ones', () => {
    const auth = authenticator({ maxTrackedNonces: 2 });
    const nonces = [1000, 1001, 1002].map((now) =>
      nonceOf(auth.challenge({ kind: 'registrar', realm: REALM, now }).headers[0][1]),
    );
    for (const nonce of nonces) expect(auth.verify(verification([answer({ nonce })], 2000)).ok).toBe(true);
    expect(auth.verify(verification([answer({ nonce: nonces[0], nc: 2 })], 2000))).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(auth.verify(verification([answer({ nonce: nonces[2], nc: 2 })], 2000)).ok).toBe(true);
  });

  it('says what is wrong with unusable credentials', () => {
    const auth = authenticator();
    const nonce = nonceOf(auth.challenge({ kind: 'registrar', realm: REALM, now: 1000 }).headers[0][1]);
    const good = answer({ nonce });
    expect(auth.verify(verification([], 2000))).toEqual({ ok: false, reason: 'missing' });
    expect(auth.verify(verification(['Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='], 2000))).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(auth.verify(verification([answer({ nonce, realm: 'elsewhere' })], 2000))).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(auth.verify(verification([good.replace(/, nc=\w+/, '')], 2000))).toEqual({ ok: false, reason: 'malformed' });
    expect(auth.verify(verification(['Digest username="1001, realm=x'], 2000))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(auth.verify(verification([good.replace(/username="1001", /, '')], 2000))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(auth.verify(verification([good.replace('algorithm=SHA-256', 'algorithm=SHA-512-256')], 2000))).toEqual({
      ok: false,
      reason: 'unsupported-algorithm',
    });
    expect(auth.verify(verification([good.replace('qop=auth', 'qop=auth-int')], 2000))).toEqual({
      ok: false,
      reason: 'unsupported-qop',
    });
    expect(auth.verify(verification([good.replace(', qop=auth', '')], 2000))).toEqual({
      ok: false,
      reason: 'unsupported-qop',
    });
  });

  it('picks the credentials of its realm among several', () => {
    const auth = authenticator();
    const nonce = nonceOf(auth.challenge({ kind: 'registrar', realm: REALM, now: 1000 }).headers[0][1]);
    const result = auth.verify(verification([answer({ nonce, realm: 'elsewhere' }), answer({ nonce })], 2000));
    expect(result.ok).toBe(true);
  });

  it('reads Authorization for the registrar and Proxy-Authorization for the proxy', () => {
    const auth = authenticator();
    const nonce = nonceOf(auth.challenge({ kind: 'proxy', realm: REALM, now: 1000 }).headers[0][1]);
    const invite = createRequest(
      'INVITE',
      'sip:+74950000001@demo.cc.local',
      new SipHeaders([['Proxy-Authorization', answer({ nonce, method: 'INVITE' })]]),
    );
    expect(auth.verifyRequest(invite, 'proxy', REALM, 2000, ha1Of)).toMatchObject({ ok: true, username: '1001' });
    expect(auth.verifyRequest(invite, 'registrar', REALM, 2000, ha1Of)).toEqual({ ok: false, reason: 'missing' });
  });
});
