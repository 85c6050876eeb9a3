import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encryption at rest of the secrets the ingress must be able to read back (the passwords it answers a trunk's
 * challenge with): AES-256-GCM, a random 96-bit IV per secret, and the owner (tenant/trunk) as additional data so
 * a sealed value copied to another row does not open. Text form "v1:" + base64(iv | tag | ciphertext).
 */
export class SecretBox {
  constructor(
    private readonly key: Buffer,
    private readonly random: (size: number) => Buffer = randomBytes,
  ) {
    if (key.length !== 32) throw new RangeError('SecretBox needs a 256-bit key');
  }

  seal(plaintext: string, owner: string): string {
    const iv = this.random(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(owner, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
  }

  /** The plaintext, or undefined when the value was sealed under another key or owner, or was altered. */
  open(sealed: string, owner: string): string | undefined {
    const [version, payload] = sealed.split(':', 2);
    if (version !== VERSION || payload === undefined) return undefined;
    const bytes = Buffer.from(payload, 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(owner, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
