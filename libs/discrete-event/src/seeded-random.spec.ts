import { mulberry32, Rng, streamSeed } from './seeded-random';

describe('seeded random numbers', () => {
  it('repeats the same draws for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it('samples distinct items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const sampled = new Rng(5).sampleOf(items, 10);
    expect(sampled).toHaveLength(10);
    expect(new Set(sampled).size).toBe(10);
    expect(sampled.every((item) => items.includes(item))).toBe(true);
  });

  it('gives independent streams per label', () => {
    expect(streamSeed(1, 'callers/0')).not.toBe(streamSeed(1, 'callers/1'));
    expect(streamSeed(1, 'callers/0')).not.toBe(streamSeed(2, 'callers/0'));
    expect(Rng.stream(1, 'x').uniform()).toBe(Rng.stream(1, 'x').uniform());
  });
});
