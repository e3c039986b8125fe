import type { Interval, IntervalOptions } from './interval.js';
import { probit } from './normalQuantile.js';
import { readConfidence, readProportion } from './validate.js';

/**
 * The Wilson score interval for a proportion (Wilson 1927): the proportions p for which
 * |x/n − p| ≤ z·√(p(1 − p)/n), with z the standard normal quantile at 1 − (1 − confidence)/2.
 *
 * It is the library's default interval for rates: unlike the textbook normal ("Wald") interval
 * it stays inside [0, 1], is not empty at 0 or n successes, and covers close to its nominal level
 * for small samples (Brown, Cai and DasGupta 2001). Formula as statsmodels'
 * `proportion_confint(method='wilson')` and R's `binom::binom.confint(method='wilson')`; the limits
 * are clipped to [0, 1], and 0 successes give a lower limit of exactly 0 (n successes an upper
 * limit of exactly 1). Constant time.
 *
 * @param successes - the number of successes x, an integer in [0, trials]
 * @param trials - the number of trials n, a non-negative integer
 * @param options - `confidence`: the level, strictly between 0 and 1 (default 0.95)
 * @returns the interval, or `null` for 0 trials (there is no rate to bound)
 * @throws {@link PipelineError} `invalid_options` for a count that is negative, not an integer or
 *   not finite (path `['successes']` or `['trials']`), more successes than trials (path
 *   `['successes']`), or a confidence outside (0, 1) (path `['confidence']`)
 *
 * @example
 * ```ts
 * wilsonInterval(18, 20); // ≈ { lower: 0.69897, upper: 0.97213 }
 * wilsonInterval(0, 10); // ≈ { lower: 0, upper: 0.27753 }
 * wilsonInterval(0, 0); //=> null
 * ```
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  options?: IntervalOptions,
): Interval | null {
  const { successes: x, trials: n } = readProportion(successes, trials, 'wilsonInterval');
  const confidence = readConfidence(options, 'wilsonInterval');
  if (n === 0) return null;
  // The upper quantile through the lower tail: (1 − confidence)/2 is where the precision is.
  const z = -probit((1 - confidence) / 2);
  const estimate = x / n;
  const z2 = z * z;
  const shrink = 1 + z2 / n;
  const center = (estimate + z2 / (2 * n)) / shrink;
  const halfWidth = (z * Math.sqrt((estimate * (1 - estimate)) / n + z2 / (4 * n * n))) / shrink;
  return {
    lower: x === 0 ? 0 : Math.max(0, center - halfWidth),
    upper: x === n ? 1 : Math.min(1, center + halfWidth),
  };
}
