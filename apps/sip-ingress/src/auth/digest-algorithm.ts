import { createHash } from 'node:crypto';

/**
 * The digest algorithms the ingress offers and accepts: SHA-256 (RFC 7616, RFC 8760) first, MD5 (RFC 2617) for the
 * many phones that know nothing else. The "-sess" variants and SHA-512-256 are not offered.
 */
export const DIGEST_ALGORITHMS = ['SHA-256', 'MD5'] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

const NODE_HASH: Readonly<Record<DigestAlgorithm, string>> = { 'SHA-256': 'sha256', MD5: 'md5' };

/** The algorithm token of a challenge or credentials, case-insensitively; absent means MD5 (RFC 2617 §3.2.1). */
export function digestAlgorithmOf(token: string | undefined): DigestAlgorithm | undefined {
  if (token === undefined) return 'MD5';
  const upper = token.trim().toUpperCase();
  return DIGEST_ALGORITHMS.find((algorithm) => algorithm === upper);
}

/** H(text) in lower-case hex. */
export function digestHash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(NODE_HASH[algorithm]).update(text, 'utf8').digest('hex');
}

/**
 * HA1 = H(username ":" realm ":" password): what is stored instead of the password. It authenticates only in this
 * realm, so a realm change makes every stored HA1 useless.
 */
export function ha1(username: string, realm: string, password: string, algorithm: DigestAlgorithm): string {
  return digestHash(algorithm, `${username}:${realm}:${password}`);
}

/** Both HA1s the ingress stores per credential, one per algorithm it offers. */
export type Ha1Set = Readonly<Record<DigestAlgorithm, string>>;

export function ha1Set(username: string, realm: string, password: string): Ha1Set {
  return { 'SHA-256': ha1(username, realm, password, 'SHA-256'), MD5: ha1(username, realm, password, 'MD5') };
}
