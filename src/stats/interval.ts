/**
 * A two-sided confidence interval for a proportion: `lower ≤ upper`, both in [0, 1].
 *
 * @example
 * ```ts
 * const interval: Interval = { lower: 0.18, upper: 0.42 };
 * ```
 */
export interface Interval {
  /** The lower limit. */
  readonly lower: number;
  /** The upper limit. */
  readonly upper: number;
}

/**
 * Options of the interval functions ({@link wilsonInterval}, {@link jeffreysInterval}, and the
 * pointwise band of {@link kaplanMeier}).
 *
 * @example
 * ```ts
 * const options: IntervalOptions = { confidence: 0.9 };
 * ```
 */
export interface IntervalOptions {
  /** The confidence level, strictly between 0 and 1. Default 0.95. */
  readonly confidence?: number;
}

export { jeffreysInterval } from './jeffreysInterval.js';
export { wilsonInterval } from './wilsonInterval.js';
