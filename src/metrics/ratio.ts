import type { Interval } from '../stats/interval.js';
import { wilsonInterval } from '../stats/interval.js';

/**
 * An interval that is always an object, with nulls when there is nothing to estimate from, so
 * `row.interval.lower` never throws.
 *
 * @example
 * ```ts
 * const empty: RateInterval = { lower: null, upper: null };
 * ```
 */
export interface RateInterval {
  /** Lower bound, or null without data. */
  readonly lower: number | null;
  /** Upper bound, or null without data. */
  readonly upper: number | null;
}

/** successes ÷ trials, null for no trials (empty is not zero). */
export const rate = (successes: number, trials: number): number | null =>
  trials > 0 ? successes / trials : null;

/** The Wilson interval of successes ÷ trials as a {@link RateInterval}. */
export function interval(successes: number, trials: number, confidence: number): RateInterval {
  const result: Interval | null = wilsonInterval(successes, trials, { confidence });
  return result ?? { lower: null, upper: null };
}
