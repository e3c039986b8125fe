import { incompleteBeta, logGamma } from './incompleteBeta.js';
import { fail, readCount, shown } from './validate.js';

/**
 * P(Bin(n, p) ≥ k) without input checks: I_p(k, n − k + 1) for 1 ≤ k ≤ n.
 */
export function upperTail(trials: number, probability: number, atLeast: number): number {
  if (atLeast <= 0) return 1;
  if (atLeast > trials || probability <= 0) return 0;
  if (probability >= 1) return 1;
  return incompleteBeta(probability, atLeast, trials - atLeast + 1);
}

/**
 * P(Bin(n, p) = k) without input checks, through logarithms so that large n does not overflow.
 */
export function binomialMass(trials: number, probability: number, count: number): number {
  if (count < 0 || count > trials) return 0;
  if (probability <= 0) return count === 0 ? 1 : 0;
  if (probability >= 1) return count === trials ? 1 : 0;
  const logCoefficient = logGamma(trials + 1) - logGamma(count + 1) - logGamma(trials - count + 1);
  return Math.exp(
    logCoefficient + count * Math.log(probability) + (trials - count) * Math.log1p(-probability),
  );
}

/**
 * The upper tail of the binomial distribution: the probability of at least `atLeast` successes in
 * `trials` independent trials that each succeed with `probability`.
 *
 * Computed as the regularized incomplete beta function I_p(k, n − k + 1) (the identity between the
 * binomial and beta distributions), so large `trials` cost O(√n), not O(n). Relative accuracy about
 * 1e-14.
 *
 * @param trials - the number of trials, a non-negative integer
 * @param probability - the success probability of each trial, in [0, 1]
 * @param atLeast - the number of successes, a non-negative integer
 * @returns P(Bin(trials, probability) ≥ atLeast), in [0, 1]
 * @throws {@link PipelineError} `invalid_options` (path `['trials']`, `['probability']` or
 *   `['atLeast']`) for counts that are not non-negative integers or a probability outside [0, 1]
 *
 * @example
 * ```ts
 * binomialTail(4, 0.5, 2); //=> 0.6875 (11 of the 16 equally likely outcomes)
 * binomialTail(55, 0.25, 10); //=> 0.911…
 * ```
 */
export function binomialTail(trials: number, probability: number, atLeast: number): number {
  const where = 'binomialTail';
  const n = readCount(trials, 'trials', where);
  const k = readCount(atLeast, 'atLeast', where);
  if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
    fail(
      where,
      typeof probability === 'number' && Number.isFinite(probability)
        ? probability < 0
          ? 'too_small'
          : 'too_big'
        : 'invalid_type',
      ['probability'],
      `Expected a probability between 0 and 1, received ${shown(probability)}`,
    );
  }
  return upperTail(n, probability, k);
}
