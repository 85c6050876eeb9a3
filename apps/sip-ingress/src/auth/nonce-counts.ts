import { LruMap } from '../protection/lru-map';

export type NonceCountCheck = 'ok' | 'replayed' | 'forgotten';

/**
 * Replay protection for qop=auth: per nonce, the highest nonce-count accepted; a request must bring a higher one
 * (RFC 7616 §3.4.5). Memory is bounded: when a nonce is forgotten (evicted), every nonce issued at or before it
 * that is not remembered is "forgotten" too and the client is simply challenged again, so eviction never
 * reopens a replay. Nonces issued before the process started are forgotten the same way.
 */
export class NonceCounts {
  private readonly counts: LruMap<string, { nc: number; issuedAt: number }>;
  private forgottenUpTo: number;

  constructor(capacity: number, startedAt: number) {
    this.forgottenUpTo = startedAt - 1;
    this.counts = new LruMap(capacity, (_nonce, entry) => {
      this.forgottenUpTo = Math.max(this.forgottenUpTo, entry.issuedAt);
    });
  }

  get size(): number {
    return this.counts.size;
  }

  /** Checks and, when ok, records the count. */
  accept(nonce: string, issuedAt: number, nc: number): NonceCountCheck {
    const seen = this.counts.get(nonce);
    if (seen === undefined) {
      if (issuedAt <= this.forgottenUpTo) return 'forgotten';
      this.counts.set(nonce, { nc, issuedAt });
      return 'ok';
    }
    if (nc <= seen.nc) return 'replayed';
    seen.nc = nc;
    return 'ok';
  }
}
