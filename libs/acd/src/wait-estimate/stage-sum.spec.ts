import { digammaDifference, exponentialStagesMean } from './stage-sum';

function directSum(serviceRate: number, theta: number, stages: number): number {
  let sum = 0;
  for (let i = 0; i < stages; i++) sum += 1 / (serviceRate + i * theta);
  return sum;
}

describe('exponentialStagesMean', () => {
  it('adds short queues term by term: 2 agents of 180 s, patience 120 s, three stages', () => {
    const mu = 1 / 180_000;
    const theta = 1 / 120_000;
    // 90 s + 360/7 s + 36 s
    expect(exponentialStagesMean(2 * mu, theta, 3)).toBeCloseTo(90_000 + 360_000 / 7 + 36_000, 6);
  });

  it.each([
    [2 / 180_000, 1 / 120_000, 33],
    [2 / 180_000, 1 / 120_000, 1_000],
    [50 / 300_000, 1 / 60_000, 5_000],
    [1 / 180_000, 1 / 1e12, 200],
    [0.5 / 180_000, 1 / 10_000, 400],
  ])('matches the direct sum for long queues (rate %p, theta %p, %p stages)', (rate, theta, stages) => {
    const expected = directSum(rate, theta, stages);
    expect(Math.abs(exponentialStagesMean(rate, theta, stages) - expected) / expected).toBeLessThan(1e-8);
  });

  it('costs the same for an absurd position and stays finite', () => {
    const value = exponentialStagesMean(1 / 180_000, 1 / 120_000, 1e12);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(exponentialStagesMean(1 / 180_000, 1 / 120_000, 1e6));
  });

  it('without abandonment every stage takes 1/(s mu)', () => {
    expect(exponentialStagesMean(1 / 1000, 0, 40)).toBeCloseTo(40_000, 9);
  });
});

describe('digammaDifference', () => {
  it('is the harmonic sum for whole arguments', () => {
    // psi(11) - psi(1) = H_10
    expect(digammaDifference(1, 10)).toBeCloseTo(7381 / 2520, 9);
    expect(digammaDifference(7.5, 0)).toBe(0);
  });

  it('agrees with the direct sum above the recurrence threshold', () => {
    expect(digammaDifference(10.25, 100)).toBeCloseTo(directSum(10.25, 1, 100), 9);
  });
});
