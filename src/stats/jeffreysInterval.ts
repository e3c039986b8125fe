import { inverseIncompleteBeta } from './incompleteBeta.js';
import type { Interval, IntervalOptions } from './interval.js';
import { readConfidence, readProportion } from './validate.js';

/**
 * The Jeffreys interval for a proportion: the equal-tailed credible interval of the posterior
 * Beta(x + ½, n − x + ½) under the Jeffreys prior Beta(½, ½), read as a confidence interval.
 * Its limits are the (1 − confidence)/2 and 1 − (1 − confidence)/2 quantiles of that Beta.
 *
 * Brown, Cai and DasGupta (2001) recommend it with the Wilson interval for small samples. At the
 * edges this library follows their modification: the lower limit is exactly 0 when x = 0 and the
 * upper limit exactly 1 when x = n (the plain Beta quantiles would exclude the observed 0 or 1).
 * Elsewhere the limits agree with statsmodels' `proportion_confint(method='jeffreys')`.
 * The interval is centred on the posterior median, not on x/n: at a very low confidence level
 * (below about one half) it can leave x/n outside; at the usual levels it contains it.
 *
 * The quantiles come from the inverse of the regularized incomplete beta function (accurate to
 * about 1e-13 for n below 10⁵, 1e-12 up to 10⁷): each costs a few evaluations of a continued
 * fraction with O(√n) terms.
 *
 * @param successes - the number of successes x, an integer in [0, trials]
 * @param trials - the number of trials n, a non-negative integer
 * @param options - `confidence`: the level, strictly between 0 and 1 (default 0.95)
 * @returns the interval, or `null` for 0 trials
 * @throws {@link PipelineError} `invalid_options` for a count that is negative, not an integer or
 *   not finite (path `['successes']` or `['trials']`), more successes than trials (path
 *   `['successes']`), or a confidence outside (0, 1) (path `['confidence']`)
 *
 * @example
 * ```ts
 * jeffreysInterval(4, 20); // ≈ { lower: 0.07152, upper: 0.40823 }
 * jeffreysInterval(0, 10); // ≈ { lower: 0, upper: 0.21720 }
 * jeffreysInterval(0, 0); //=> null
 * ```
 */
export function jeffreysInterval(
  successes: number,
  trials: number,
  options?: IntervalOptions,
): Interval | null {
  const { successes: x, trials: n } = readProportion(successes, trials, 'jeffreysInterval');
  const confidence = readConfidence(options, 'jeffreysInterval');
  if (n === 0) return null;
  const tail = (1 - confidence) / 2;
  const a = x + 0.5;
  const b = n - x + 0.5;
  return {
    lower: x === 0 ? 0 : inverseIncompleteBeta(tail, a, b),
    // The upper quantile of Beta(a, b) is one minus the lower quantile of Beta(b, a): solving in
    // the small tail keeps the precision that 1 − tail would round away.
    upper: x === n ? 1 : 1 - inverseIncompleteBeta(tail, b, a),
  };
}
