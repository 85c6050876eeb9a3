/** A request budget: `ratePerSecond` sustained, up to `burst` at once. */
export interface RateBudget {
  ratePerSecond: number;
  burst: number;
}

/** Tokens left and when they were last counted. */
export interface TokenBucket {
  tokens: number;
  at: number;
}

export function fullBucket(budget: RateBudget, now: number): TokenBucket {
  return { tokens: budget.burst, at: now };
}

/** The bucket refilled up to `now` (a clock that went back refills nothing). */
export function refill(bucket: TokenBucket, budget: RateBudget, now: number): TokenBucket {
  const elapsedMs = Math.max(0, now - bucket.at);
  const tokens = Math.min(budget.burst, bucket.tokens + (elapsedMs * budget.ratePerSecond) / 1000);
  return { tokens, at: Math.max(bucket.at, now) };
}

export type Take = { taken: true; bucket: TokenBucket } | { taken: false; bucket: TokenBucket; retryAfterMs: number };

/** Takes one token if there is one; otherwise says how long until there will be. */
export function takeToken(bucket: TokenBucket, budget: RateBudget, now: number): Take {
  const filled = refill(bucket, budget, now);
  if (filled.tokens >= 1) return { taken: true, bucket: { tokens: filled.tokens - 1, at: filled.at } };
  const retryAfterMs =
    budget.ratePerSecond > 0 ? Math.ceil(((1 - filled.tokens) * 1000) / budget.ratePerSecond) : Infinity;
  return { taken: false, bucket: filled, retryAfterMs };
}
