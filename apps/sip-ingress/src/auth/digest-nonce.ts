import { createHmac, timingSafeEqual } from 'node:crypto';

const TIME_BYTES = 6;
const SALT_BYTES = 9;
const MAC_BYTES = 15;
const NONCE_BYTES = TIME_BYTES + SALT_BYTES + MAC_BYTES;

/**
 * A nonce the server can check without remembering it (RFC 7616 §3.3 suggests time-stamp + MAC): the issue time in
 * ms, random salt and an HMAC-SHA-256 of both and the realm under the server's key, base64url. Any instance with
 * the same key verifies it, also after a restart.
 */
export function issueNonce(key: Buffer, realm: string, now: number, salt: Buffer): string {
  if (salt.length !== SALT_BYTES) throw new RangeError(`nonce salt must be ${SALT_BYTES} bytes`);
  const time = Buffer.alloc(TIME_BYTES);
  time.writeUIntBE(Math.max(0, Math.floor(now)), 0, TIME_BYTES);
  return Buffer.concat([time, salt, mac(key, realm, time, salt)]).toString('base64url');
}

export const NONCE_SALT_BYTES = SALT_BYTES;

export type NonceCheck =
  { kind: 'fresh'; issuedAt: number } | { kind: 'expired'; issuedAt: number } | { kind: 'foreign' };

/** Whether we issued the nonce for this realm (else "foreign": forged, or under another key) and if it is too old. */
export function checkNonce(key: Buffer, realm: string, nonce: string, now: number, lifetimeMs: number): NonceCheck {
  if (!/^[A-Za-z0-9_-]+$/.test(nonce)) return { kind: 'foreign' };
  const bytes = Buffer.from(nonce, 'base64url');
  if (bytes.length !== NONCE_BYTES) return { kind: 'foreign' };
  const time = bytes.subarray(0, TIME_BYTES);
  const salt = bytes.subarray(TIME_BYTES, TIME_BYTES + SALT_BYTES);
  if (!timingSafeEqual(bytes.subarray(TIME_BYTES + SALT_BYTES), mac(key, realm, time, salt)))
    return { kind: 'foreign' };
  const issuedAt = time.readUIntBE(0, TIME_BYTES);
  // A nonce from the future (clock stepped back) is treated like an old one: the client just gets a new nonce.
  const fresh = issuedAt <= now && now - issuedAt < lifetimeMs;
  return { kind: fresh ? 'fresh' : 'expired', issuedAt };
}

function mac(key: Buffer, realm: string, time: Buffer, salt: Buffer): Buffer {
  return createHmac('sha256', key)
    .update(realm, 'utf8')
    .update('\0')
    .update(time)
    .update(salt)
    .digest()
    .subarray(0, MAC_BYTES);
}
