import { createHash } from 'node:crypto';
import { chooseDigestChallenge, digestAuthorization, parseDigestChallenge } from './digest-client';
import { parseAuthParams } from './auth-params';

describe('digest client', () => {
  it('answers the RFC 2617 §3.5 example (MD5, qop=auth)', () => {
    const challenge = parseDigestChallenge(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", ' +
        'opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    )!;
    const value = digestAuthorization(
      challenge,
      { username: 'Mufasa', password: 'Circle Of Life' },
      { method: 'GET', uri: '/dir/index.html' },
      { cnonce: '0a4f113b', nc: 1 },
    );
    const params = parseAuthParams(value)!.params;
    expect(params.get('response')).toBe('6629fae49393a05397450978507c4ef1');
    expect(params.get('nc')).toBe('00000001');
    expect(params.get('opaque')).toBe('5ccc069c403ebaf9f0171e9517f40e41');
    expect(value).toMatch(/qop=auth, nc=00000001/);
  });

  it('answers the RFC 7616 §3.9.1 example with SHA-256', () => {
    const challenge = parseDigestChallenge(
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, ' +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    )!;
    const value = digestAuthorization(
      challenge,
      { username: 'Mufasa', password: 'Circle of Life' },
      { method: 'GET', uri: '/dir/index.html' },
      { cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ', nc: 1 },
    );
    expect(parseAuthParams(value)!.params.get('response')).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });

  it('answers a challenge without qop in the RFC 2069 form', () => {
    const challenge = parseDigestChallenge('Digest realm="r", nonce="n"')!;
    const value = digestAuthorization(challenge, { username: 'u', password: 'p' }, { method: 'INVITE', uri: 'sip:x' });
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    expect(parseAuthParams(value)!.params.get('response')).toBe(md5(`${md5('u:r:p')}:n:${md5('INVITE:sip:x')}`));
    expect(value).not.toMatch(/qop|cnonce/);
  });

  it('prefers SHA-256 among the challenges offered and skips what it cannot answer', () => {
    expect(
      chooseDigestChallenge([
        'Digest realm="r", nonce="a", algorithm=MD5, qop="auth"',
        'Digest realm="r", nonce="b", algorithm=SHA-256, qop="auth"',
      ])?.nonce,
    ).toBe('b');
    expect(chooseDigestChallenge(['Basic realm="r"', 'Digest realm="r", nonce="c", qop="auth-int"'])).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="r", nonce="n", algorithm=SHA-512-256')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="r", nonce="n", stale=TRUE')?.stale).toBe(true);
  });
});
