import { interpolate } from './quantile.js';
import { readNumbers } from './validate.js';

/**
 * What {@link summarizeDurations} returns: the count, the mean and the usual percentiles of a list
 * of durations in days. Every statistic is `null` when there are no durations (empty is not zero).
 *
 * @example
 * ```ts
 * const summary: DurationSummary = summarizeDurations([2, 4, 9, 5]);
 * summary.median; //=> 4.5
 * ```
 */
export interface DurationSummary {
  /** How many durations there are. */
  readonly count: number;
  /** The arithmetic mean, or `null` when there are none. */
  readonly mean: number | null;
  /** The median (the mean of the two middle values for an even count), or `null`. */
  readonly median: number | null;
  /** The 75th percentile, or `null`. */
  readonly p75: number | null;
  /** The 90th percentile, or `null`. */
  readonly p90: number | null;
  /** The shortest duration, or `null`. */
  readonly min: number | null;
  /** The longest duration, or `null`. */
  readonly max: number | null;
}

/**
 * Summarises durations in days (time to advance, time in stage, cycle time): count, mean, median,
 * 75th and 90th percentiles, minimum and maximum.
 *
 * The percentiles are {@link quantile}'s: linear interpolation between order statistics, numpy's
 * default (type 7), so the median of an even count is the mean of the two middle values. The
 * durations are all observed: for durations that may still be running (open journeys), use
 * {@link kaplanMeier}, which accounts for the censoring.
 *
 * Sorts one copy (O(n log n)); the input is not mutated.
 *
 * @param days - durations in days: finite, non-negative numbers in any order
 * @returns the summary; count 0 and `null` statistics for an empty list
 * @throws {@link PipelineError} `invalid_options` (path `['days', i]`) for a duration that is not a
 *   finite number or is negative
 *
 * @example
 * ```ts
 * summarizeDurations([2, 4, 9, 5]);
 * //=> { count: 4, mean: 5, median: 4.5, p75: 6, p90: 7.800000000000001, min: 2, max: 9 }
 * summarizeDurations([]);
 * //=> { count: 0, mean: null, median: null, p75: null, p90: null, min: null, max: null }
 * ```
 */
export function summarizeDurations(days: readonly number[]): DurationSummary {
  const checked = readNumbers(days, 'days', 'summarizeDurations', true);
  return summarizeSorted(Float64Array.from(checked).sort());
}

/** The summary of no values: count 0 and nulls. */
export const EMPTY_SUMMARY: DurationSummary = Object.freeze({
  count: 0,
  mean: null,
  median: null,
  p75: null,
  p90: null,
  min: null,
  max: null,
});

/**
 * {@link summarizeDurations} for values already sorted ascending (not checked), each divided by
 * `scale` on output (86,400,000 turns milliseconds into days). The sum runs in sorted order, so
 * the same values always give the same mean. O(n).
 */
export function summarizeSorted(sorted: Float64Array, scale = 1): DurationSummary {
  const count = sorted.length;
  if (count === 0) return EMPTY_SUMMARY;
  let total = 0;
  for (let index = 0; index < count; index += 1) total += sorted[index] as number;
  let mean = total / count;
  if (!Number.isFinite(mean)) {
    // The sum passed 1.8e308. A running mean never leaves [min, max], so it cannot overflow.
    mean = 0;
    sorted.forEach((value, index) => {
      mean += (value - mean) / (index + 1);
    });
    mean = Math.min(sorted[count - 1] as number, Math.max(sorted[0] as number, mean));
  }
  return {
    count,
    mean: mean / scale,
    median: (interpolate(sorted, 0.5) as number) / scale,
    p75: (interpolate(sorted, 0.75) as number) / scale,
    p90: (interpolate(sorted, 0.9) as number) / scale,
    min: (sorted[0] as number) / scale,
    max: (sorted[count - 1] as number) / scale,
  };
}
