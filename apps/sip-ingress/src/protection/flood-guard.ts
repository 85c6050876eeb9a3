import { LruMap } from './lru-map';
import { fullBucket, type RateBudget, takeToken, type TokenBucket } from './token-bucket';

/** How much a source address is trusted: a trunk's allowed source, an agent phone's, or anybody. */
export type SourceTrust = 'trunk' | 'agent' | 'unknown';

/** INVITEs create calls (and cost media and routing work): they have a budget of their own. */
export type RequestClass = 'invite' | 'other';

export interface FloodPolicy {
  /** Source addresses tracked at most; past that the least recently seen is forgotten (bounded memory). */
  maxSources: number;
  budgets: Readonly<Record<SourceTrust, Readonly<Record<RequestClass, RateBudget>>>>;
  /** A source refused `rejections` times within `windowMs` is ignored for `durationMs`. Trunks are never banned. */
  ban: { rejections: number; windowMs: number; durationMs: number };
}

/**
 * Defaults sized for a contact centre: a whole office of phones may sit behind one NAT address (so an agent source
 * gets a large budget), carriers send many calls per second, an unknown address gets little.
 */
export const DEFAULT_FLOOD_POLICY: FloodPolicy = {
  maxSources: 50_000,
  budgets: {
    trunk: { invite: { ratePerSecond: 500, burst: 1000 }, other: { ratePerSecond: 2000, burst: 4000 } },
    agent: { invite: { ratePerSecond: 20, burst: 50 }, other: { ratePerSecond: 200, burst: 400 } },
    unknown: { invite: { ratePerSecond: 2, burst: 5 }, other: { ratePerSecond: 20, burst: 60 } },
  },
  ban: { rejections: 20, windowMs: 10_000, durationMs: 600_000 },
};

export type FloodVerdict =
  { kind: 'pass' } | { kind: 'limited'; retryAfterMs: number } | { kind: 'banned'; until: number };

interface SourceState {
  buckets: Record<RequestClass, TokenBucket>;
  rejections: number;
  windowStart: number;
  bannedUntil: number;
}

/**
 * Per-source-address token buckets with a ban window. The clock comes in with every call. Memory is bounded by
 * `maxSources`: under a flood of spoofed addresses the oldest states (and their bans) are forgotten first.
 */
export class FloodGuard {
  private readonly sources: LruMap<string, SourceState>;

  constructor(private readonly policy: FloodPolicy = DEFAULT_FLOOD_POLICY) {
    this.sources = new LruMap(policy.maxSources);
  }

  /** Sources currently tracked (never more than maxSources). */
  get trackedSources(): number {
    return this.sources.size;
  }

  /** True while the address is banned: the transport may drop its packets before parsing them. */
  isBanned(address: string, now: number): boolean {
    const state = this.sources.peek(address);
    return state !== undefined && state.bannedUntil > now;
  }

  /** Counts one request of the address against its budget. */
  check(address: string, trust: SourceTrust, requestClass: RequestClass, now: number): FloodVerdict {
    const state = this.stateOf(address, trust, now);
    if (state.bannedUntil > now) return { kind: 'banned', until: state.bannedUntil };
    const budget = this.policy.budgets[trust][requestClass];
    const take = takeToken(state.buckets[requestClass], budget, now);
    state.buckets[requestClass] = take.bucket;
    if (take.taken) return { kind: 'pass' };
    return this.reject(state, trust, now) ?? { kind: 'limited', retryAfterMs: take.retryAfterMs };
  }

  /** Counts a refusal decided elsewhere (a scanner, a forbidden request) towards the address's ban. */
  strike(address: string, trust: SourceTrust, now: number): FloodVerdict {
    const state = this.stateOf(address, trust, now);
    if (state.bannedUntil > now) return { kind: 'banned', until: state.bannedUntil };
    return this.reject(state, trust, now) ?? { kind: 'pass' };
  }

  private reject(state: SourceState, trust: SourceTrust, now: number): FloodVerdict | undefined {
    if (trust === 'trunk') return undefined;
    const { rejections, windowMs, durationMs } = this.policy.ban;
    if (now - state.windowStart >= windowMs) {
      state.windowStart = now;
      state.rejections = 0;
    }
    state.rejections++;
    if (state.rejections < rejections) return undefined;
    state.bannedUntil = now + durationMs;
    state.rejections = 0;
    state.windowStart = now;
    return { kind: 'banned', until: state.bannedUntil };
  }

  private stateOf(address: string, trust: SourceTrust, now: number): SourceState {
    let state = this.sources.get(address);
    if (state === undefined) {
      const budgets = this.policy.budgets[trust];
      state = {
        buckets: { invite: fullBucket(budgets.invite, now), other: fullBucket(budgets.other, now) },
        rejections: 0,
        windowStart: now,
        bannedUntil: 0,
      };
      this.sources.set(address, state);
    }
    return state;
  }
}
