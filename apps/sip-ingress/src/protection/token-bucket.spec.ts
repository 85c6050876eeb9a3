import { fullBucket, refill, takeToken } from './token-bucket';

const budget = { ratePerSecond: 2, burst: 3 };

describe('token bucket', () => {
  it('allows a burst, then refuses and says when the next token comes', () => {
    let bucket = fullBucket(budget, 0);
    for (let i = 0; i < 3; i++) {
      const take = takeToken(bucket, budget, 0);
      expect(take.taken).toBe(true);
      bucket = take.bucket;
    }
    const refused = takeToken(bucket, budget, 0);
    expect(refused).toEqual({ taken: false, bucket: { tokens: 0, at: 0 }, retryAfterMs: 500 });
  });

  it('refills at the sustained rate up to the burst', () => {
    const empty = { tokens: 0, at: 0 };
    expect(refill(empty, budget, 250).tokens).toBeCloseTo(0.5);
    expect(takeToken(empty, budget, 500).taken).toBe(true);
    expect(refill(empty, budget, 60_000).tokens).toBe(3);
  });

  it('gives nothing back when the clock goes backwards', () => {
    expect(refill({ tokens: 1, at: 1000 }, budget, 0)).toEqual({ tokens: 1, at: 1000 });
  });
});
