import { hkdfSync } from 'node:crypto';

/**
 * A 256-bit key for one purpose, derived from the ingress's one configured secret (HKDF-SHA-256), so the nonce MAC
 * key and the key that encrypts trunk passwords never are the same bytes.
 */
export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `cc.sip-ingress.${purpose}`, 32));
}
