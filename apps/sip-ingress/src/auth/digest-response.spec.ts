import { digestAlgorithmOf, digestHash, ha1, ha1Set } from './digest-algorithm';
import { digestResponse } from './digest-response';

describe('digest response (published test vectors)', () => {
  it('computes RFC 2617 §3.5 (MD5, qop=auth)', () => {
    const key = ha1('Mufasa', 'testrealm@host.com', 'Circle Of Life', 'MD5');
    expect(key).toBe('939e7578ed9e3c518a452acee763bce9');
    expect(
      digestResponse({
        algorithm: 'MD5',
        ha1: key,
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        qop: { nc: '00000001', cnonce: '0a4f113b' },
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  const rfc7616 = {
    method: 'GET',
    uri: '/dir/index.html',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    qop: { nc: '00000001', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ' },
  };

  it('computes RFC 7616 §3.9.1 with MD5', () => {
    const key = ha1('Mufasa', 'http-auth@example.org', 'Circle of Life', 'MD5');
    expect(digestResponse({ ...rfc7616, algorithm: 'MD5', ha1: key })).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('computes RFC 7616 §3.9.1 with SHA-256', () => {
    const key = ha1('Mufasa', 'http-auth@example.org', 'Circle of Life', 'SHA-256');
    expect(digestResponse({ ...rfc7616, algorithm: 'SHA-256', ha1: key })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });

  it('computes the RFC 2069 form without qop: H(HA1:nonce:HA2)', () => {
    const key = ha1('Mufasa', 'testrealm@host.com', 'CircleOfLife', 'MD5');
    const nonce = 'dcd98b7102dd2f0e8b11d0f600bfb0c093';
    const ha2 = digestHash('MD5', 'GET:/dir/index.html');
    expect(digestResponse({ algorithm: 'MD5', ha1: key, method: 'GET', uri: '/dir/index.html', nonce })).toBe(
      digestHash('MD5', `${key}:${nonce}:${ha2}`),
    );
  });
});

describe('digest algorithms', () => {
  it('reads the algorithm token case-insensitively, absent meaning MD5', () => {
    expect(digestAlgorithmOf(undefined)).toBe('MD5');
    expect(digestAlgorithmOf('sha-256')).toBe('SHA-256');
    expect(digestAlgorithmOf('MD5-sess')).toBeUndefined();
    expect(digestAlgorithmOf('SHA-512-256')).toBeUndefined();
  });

  it('stores one HA1 per offered algorithm', () => {
    expect(ha1Set('1001', 'demo.cc.local', 'demo-1001')).toEqual({
      'SHA-256': ha1('1001', 'demo.cc.local', 'demo-1001', 'SHA-256'),
      MD5: ha1('1001', 'demo.cc.local', 'demo-1001', 'MD5'),
    });
  });
});
