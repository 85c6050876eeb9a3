/** Up to this many stages the sum is added term by term: exact, and cheaper than the closed form. */
const DIRECT_STAGES = 32;

/** Below this argument the digamma asymptotic series is not accurate enough; the recurrence lifts it. */
const ASYMPTOTIC_FROM = 10;

/**
 * Mean of a sum of exponential stages with rates serviceRate + i * theta, i = 0 .. stages - 1:
 * sum 1 / (serviceRate + i * theta). Long queues use the closed form (psi(x + k) - psi(x)) / theta with
 * x = serviceRate / theta, so a queue of thousands (or a bogus position) costs no more than a short one.
 */
export function exponentialStagesMean(serviceRate: number, theta: number, stages: number): number {
  if (stages <= DIRECT_STAGES || !(theta > 0)) {
    if (!(theta > 0)) return stages / serviceRate;
    let sum = 0;
    for (let i = 0; i < stages; i++) sum += 1 / (serviceRate + i * theta);
    return sum;
  }
  const x = serviceRate / theta;
  if (!Number.isFinite(x)) return stages / serviceRate;
  return digammaDifference(x, stages) / theta;
}

/** psi(x + k) - psi(x) = sum_{i=0}^{k-1} 1 / (x + i), for x > 0 and whole k >= 0. */
export function digammaDifference(x: number, k: number): number {
  let sum = 0;
  let from = x;
  let left = k;
  while (from < ASYMPTOTIC_FROM && left > 0) {
    sum += 1 / from;
    from += 1;
    left -= 1;
  }
  if (left === 0) return sum;
  // psi(y) ~ ln y - 1/(2y) - 1/(12y^2) + 1/(120y^4) - 1/(252y^6), off by under 1e-10 from y = 10; the leading
  // differences are written so that no two nearly equal terms are subtracted, which keeps them accurate when theta
  // is tiny and x huge (the last two are too small to matter there).
  const to = from + left;
  const logTerm = Math.log1p(left / from);
  const firstTerm = left / (2 * from * to);
  const secondTerm = (left * (from + to)) / (12 * from * from * to * to);
  const thirdTerm = (1 / to ** 4 - 1 / from ** 4) / 120;
  const fourthTerm = (1 / from ** 6 - 1 / to ** 6) / 252;
  return sum + logTerm + firstTerm + secondTerm + thirdTerm + fourthTerm;
}
