import { PipelineError } from '../errors/PipelineError.js';
import { readNumbers, shown } from './validate.js';

/** Throws unless q is a probability in [0, 1]. */
function readProbability(q: unknown, where: string): number {
  if (typeof q !== 'number' || !(q >= 0 && q <= 1)) {
    throw new PipelineError(
      'invalid_options',
      [
        {
          code:
            typeof q === 'number' && Number.isFinite(q)
              ? q < 0
                ? 'too_small'
                : 'too_big'
              : 'invalid_type',
          path: ['q'],
          message: `Expected q between 0 and 1 (0.5 for the median), received ${shown(q)}`,
        },
      ],
      { where },
    );
  }
  return q;
}

/**
 * The q-quantile of values that are already sorted in ascending order, by linear interpolation
 * between order statistics: numpy's default method (`'linear'`, Hyndman and Fan's type 7, also
 * R's default). With n values, h = (n − 1)q; the result lies between the ⌊h⌋-th and the
 * ⌈h⌉-th value (0-based), at the fraction h − ⌊h⌋ of the way.
 *
 * The interpolation is numpy's: from the lower value below the midpoint and from the upper value
 * above it, so that the result never leaves the two values it interpolates and q = 0 and q = 1
 * give the minimum and the maximum exactly. Constant time; the values are not checked (sorted,
 * finite) — use {@link quantile} for unchecked input.
 *
 * @param sorted - finite numbers in ascending order
 * @param q - the probability, in [0, 1]
 * @returns the quantile, or `null` when there are no values
 * @throws {@link PipelineError} `invalid_options` (path `['q']`) when q is not in [0, 1]
 *
 * @example
 * ```ts
 * quantileSorted([1, 2, 3, 4], 0.5); //=> 2.5
 * quantileSorted([1, 2, 3, 4], 0.9); //=> 3.7 (h = 2.7)
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  const probability = readProbability(q, 'quantileSorted');
  return interpolate(sorted, probability);
}

/**
 * {@link quantileSorted} without the check on q, for callers that validated it once.
 *
 * @example
 * ```ts
 * interpolate(Float64Array.of(2, 4, 5, 9), 0.25); //=> 3.5
 * ```
 */
export function interpolate(sorted: ArrayLike<number>, q: number): number | null {
  const count = sorted.length;
  if (count === 0) return null;
  const h = (count - 1) * q;
  const below = Math.floor(h);
  const low = sorted[below] as number;
  if (below >= count - 1) return low;
  const high = sorted[below + 1] as number;
  const fraction = h - below;
  const difference = high - low;
  if (!Number.isFinite(difference)) {
    // Values of opposite signs near ±1.8e308: the difference overflows, a weighted sum does not.
    return Math.min(high, Math.max(low, low * (1 - fraction) + high * fraction));
  }
  // numpy's _lerp: interpolating from the nearer end keeps the result within [low, high].
  return fraction >= 0.5 ? high - difference * (1 - fraction) : low + difference * fraction;
}

/**
 * The q-quantile of a list of numbers, by linear interpolation between order statistics: numpy's
 * default `np.quantile(values, q)` (method `'linear'`, Hyndman and Fan's type 7, R's default
 * `quantile(type = 7)`). With n values sorted, h = (n − 1)q and the result lies the fraction
 * h − ⌊h⌋ of the way from the ⌊h⌋-th to the next value (0-based). The median of an even count is
 * the mean of the two middle values.
 *
 * Sorts a copy (O(n log n)); the input is not mutated and need not be sorted. For several
 * percentiles of one list, {@link summarizeDurations} sorts once.
 *
 * @param values - finite numbers, in any order
 * @param q - the probability, in [0, 1] (0.5 for the median)
 * @returns the quantile, or `null` for an empty list
 * @throws {@link PipelineError} `invalid_options` for q outside [0, 1] (path `['q']`) or a value
 *   that is not a finite number (path `['values', i]`)
 *
 * @example
 * ```ts
 * quantile([10, 7, 4, 3, 2, 1], 0.5); //=> 3.5
 * quantile([3, 1, 2], 0.25); //=> 1.5
 * quantile([], 0.5); //=> null
 * ```
 */
export function quantile(values: readonly number[], q: number): number | null {
  const probability = readProbability(q, 'quantile');
  const checked = readNumbers(values, 'values', 'quantile', false);
  return interpolate(Float64Array.from(checked).sort(), probability);
}
