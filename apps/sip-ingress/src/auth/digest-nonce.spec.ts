import { deriveKey } from './derived-key';
import { checkNonce, issueNonce, NONCE_SALT_BYTES } from './digest-nonce';

const key = deriveKey('nonce-test-secret-0123456789', 'digest-nonce');
const salt = Buffer.alloc(NONCE_SALT_BYTES, 7);

describe('stateless nonces', () => {
  it('are verifiable by the key alone until they expire', () => {
    const nonce = issueNonce(key, 'demo.cc.local', 1_000_000, salt);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{40}$/);
    expect(checkNonce(key, 'demo.cc.local', nonce, 1_000_000, 300_000)).toEqual({ kind: 'fresh', issuedAt: 1_000_000 });
    expect(checkNonce(key, 'demo.cc.local', nonce, 1_299_999, 300_000).kind).toBe('fresh');
    expect(checkNonce(key, 'demo.cc.local', nonce, 1_300_000, 300_000)).toEqual({
      kind: 'expired',
      issuedAt: 1_000_000,
    });
    expect(checkNonce(key, 'demo.cc.local', nonce, 999_999, 300_000).kind).toBe('expired');
  });

  it('are foreign under another key or realm, or when altered', () => {
    const nonce = issueNonce(key, 'demo.cc.local', 1_000_000, salt);
    expect(
      checkNonce(deriveKey('another-secret-0123456789', 'digest-nonce'), 'demo.cc.local', nonce, 1_000_000, 300_000)
        .kind,
    ).toBe('foreign');
    expect(checkNonce(key, 'acme.example', nonce, 1_000_000, 300_000).kind).toBe('foreign');
    const altered = `${nonce.slice(0, 5)}${nonce[5] === 'A' ? 'B' : 'A'}${nonce.slice(6)}`;
    expect(checkNonce(key, 'demo.cc.local', altered, 1_000_000, 300_000).kind).toBe('foreign');
    expect(checkNonce(key, 'demo.cc.local', 'short', 1_000_000, 300_000).kind).toBe('foreign');
    expect(checkNonce(key, 'demo.cc.local', 'not base64!', 1_000_000, 300_000).kind).toBe('foreign');
  });

  it('differ per salt, so two challenges in one millisecond are different', () => {
    expect(issueNonce(key, 'r', 5, salt)).not.toBe(issueNonce(key, 'r', 5, Buffer.alloc(NONCE_SALT_BYTES, 8)));
    expect(() => issueNonce(key, 'r', 5, Buffer.alloc(3))).toThrow(RangeError);
  });
});
