import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const key = randomBytes(32);

  it('opens what it sealed for the same owner, and never shows the plaintext', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('trunk-password', 'demo/partner');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('trunk-password');
    expect(box.open(sealed, 'demo/partner')).toBe('trunk-password');
    expect(box.seal('trunk-password', 'demo/partner')).not.toBe(sealed);
  });

  it('refuses another owner, another key and altered values', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('secret', 'demo/partner');
    expect(box.open(sealed, 'other/partner')).toBeUndefined();
    expect(new SecretBox(randomBytes(32)).open(sealed, 'demo/partner')).toBeUndefined();
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(box.open(`v1:${bytes.toString('base64')}`, 'demo/partner')).toBeUndefined();
    expect(box.open('v0:abc', 'demo/partner')).toBeUndefined();
    expect(box.open('v1:', 'demo/partner')).toBeUndefined();
  });

  it('needs a 256-bit key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(RangeError);
  });
});
