import type { IntervalOptions } from './interval.js';
import { probit } from './normalQuantile.js';
import { fail, readArray, readConfidence, readNumbers, shown } from './validate.js';

/**
 * What {@link kaplanMeier} returns: one row per distinct time (events and censorings alike, as
 * R's `survfit` reports them), as parallel arrays, plus the median.
 *
 * @example
 * ```ts
 * const result: KaplanMeierResult = kaplanMeier([3, 5, 5, 8], [true, true, false, true]);
 * result.survival; //=> [0.75, 0.5, 0]
 * ```
 */
export interface KaplanMeierResult {
  /** The distinct times, ascending. */
  times: number[];
  /** How many were at risk just before each time: those whose duration is at least the time. */
  atRisk: number[];
  /** How many events (observed ends) happened at each time. */
  events: number[];
  /** How many were censored (still running when last seen) at each time. */
  censored: number[];
  /** The estimated probability of lasting beyond each time, S(t). */
  survival: number[];
  /** The lower limit of the pointwise log(−log) interval, or `null` where it is undefined. */
  lower: (number | null)[];
  /** The upper limit of the pointwise log(−log) interval, or `null` where it is undefined. */
  upper: (number | null)[];
  /** The first time at which the survival is at most one half, or `null` if it never is. */
  median: number | null;
}

/**
 * A product is rounded once per factor; a curve that is exactly one half in exact arithmetic
 * (4 subjects, 2 events) must count as reaching it. R's `quantile.survfit` compares with the
 * same tolerance, √ε ≈ 1.5e-8.
 */
const MEDIAN_TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * The Kaplan–Meier (product-limit) estimate of a survival curve from right-censored durations:
 * for time in stage with journeys still open at `asOf`, say, S(t) is the probability that a
 * journey is still in the stage after t days.
 *
 * - One row per distinct time, for events and censorings alike (R's `survfit` table).
 * - Tied events are handled in one factor: S(t) = S(t−) · (1 − d/n), with d the events at t and
 *   n those at risk just before t.
 * - A duration censored at t is still at risk at t (it was seen to last until t): it counts in
 *   n at t and leaves after.
 * - Greenwood's variance, Var(log S(t)) = Σ d/(n(n − d)), and the pointwise interval on the
 *   log(−log) scale ("exponential Greenwood", R's `conf.type = "log-log"`, also lifelines'
 *   default): S^exp(±z·σ/|log S|), with σ² the Greenwood sum. It stays inside (0, 1).
 *   It is `null` where it is undefined: while S(t) = 1 (no event yet: log(−log 1) does not
 *   exist, and R reports NA there too) and where S(t) = 0 (the last subject at risk had the event,
 *   so the variance is infinite).
 * - The median is the first time at which S(t) ≤ ½ (within 1.5e-8 rounding), `null` when the curve
 *   never gets there. R reports the midpoint to the next event time when the curve is exactly ½
 *   over an interval (durations 1, 2, 3, 4 give 2.5 there, 2 here).
 *
 * Sorts once: O(n log n). The inputs are not mutated.
 *
 * @param durations - durations (e.g. in days): finite, non-negative
 * @param observed - one flag per duration: `true` if the end was observed (an event), `false` if
 *   the duration was censored (still running when last seen)
 * @param options - `confidence`: the level of the pointwise interval (default 0.95)
 * @returns the table and the median; empty arrays and a `null` median for empty input
 * @throws {@link PipelineError} `invalid_options` for a duration that is not a finite number or is
 *   negative (path `['durations', i]`), a flag that is not a boolean (path `['observed', i]`), a
 *   length mismatch (path `['observed']`), or a confidence outside (0, 1) (path `['confidence']`)
 *
 * @example
 * ```ts
 * const result = kaplanMeier([3, 5, 5, 8, 9], [true, true, false, true, false]);
 * result.times; //=> [3, 5, 8, 9]
 * result.atRisk; //=> [5, 4, 2, 1]
 * result.survival; // ≈ [0.8, 0.6, 0.3, 0.3]
 * result.median; //=> 8
 * ```
 */
export function kaplanMeier(
  durations: readonly number[],
  observed: readonly boolean[],
  options?: IntervalOptions,
): KaplanMeierResult {
  const where = 'kaplanMeier';
  const times = readNumbers(durations, 'durations', where, true);
  const flags = readArray(observed, 'observed', times.length, 'duration', where);
  flags.forEach((flag, index) => {
    if (typeof flag !== 'boolean') {
      fail(
        where,
        'invalid_type',
        ['observed', index],
        `Expected a boolean, received ${shown(flag)}`,
      );
    }
  });
  const confidence = readConfidence(options, where);
  const events: number[] = [];
  const censored: number[] = [];
  times.forEach((time, index) => {
    (flags[index] === true ? events : censored).push(time);
  });
  return kaplanMeierSorted(new Float64Array(events).sort(), new Float64Array(censored).sort(), {
    scale: 1,
    confidence,
    maxRows: Number.POSITIVE_INFINITY,
  });
}

/**
 * The estimator itself, for sorted event times and sorted censoring times (merged in one pass,
 * O(n)). Times are divided by `scale` on output (86,400,000 turns milliseconds into days). The
 * median comes from the full curve; the table keeps at most `maxRows` rows, evenly spaced by
 * subjects passed, each row exact, with `events` and `censored` summed over the rows it stands
 * for (so they still add up). With `maxRows` infinite it is R's `survfit` table.
 */
export function kaplanMeierSorted(
  events: Float64Array,
  censored: Float64Array,
  options: { readonly scale: number; readonly confidence: number; readonly maxRows: number },
): KaplanMeierResult {
  const { scale, maxRows } = options;
  const z = -probit((1 - options.confidence) / 2);
  const total = events.length + censored.length;
  const result: KaplanMeierResult = {
    times: [],
    atRisk: [],
    events: [],
    censored: [],
    survival: [],
    lower: [],
    upper: [],
    median: null,
  };
  let atRisk = total;
  let survival = 1;
  let greenwood = 0;
  let e = 0;
  let c = 0;
  let pendingEvents = 0;
  let pendingCensored = 0;
  // Keep a row each time another `step` subjects have passed (every row when maxRows is infinite).
  const step = Number.isFinite(maxRows) ? total / maxRows : 0;
  let nextKeep = step;
  while (e < events.length || c < censored.length) {
    const nextEvent = e < events.length ? (events[e] as number) : Number.POSITIVE_INFINITY;
    const nextCensored = c < censored.length ? (censored[c] as number) : Number.POSITIVE_INFINITY;
    const time = nextEvent < nextCensored ? nextEvent : nextCensored;
    let died = 0;
    while (e < events.length && events[e] === time) {
      died += 1;
      e += 1;
    }
    let left = 0;
    while (c < censored.length && censored[c] === time) {
      left += 1;
      c += 1;
    }
    const riskHere = atRisk;
    // Tied events in one factor; a censoring at t is still at risk at t (it leaves after).
    if (died > 0) {
      survival *= (atRisk - died) / atRisk;
      // d = n empties the curve; its Greenwood term is infinite, and no row follows it.
      if (died < atRisk) greenwood += died / (atRisk * (atRisk - died));
    }
    if (result.median === null && survival <= 0.5 + MEDIAN_TOLERANCE) result.median = time / scale;
    atRisk -= died + left;
    pendingEvents += died;
    pendingCensored += left;
    const passed = total - atRisk;
    if (passed >= nextKeep || atRisk === 0) {
      const limits = logLogInterval(survival, greenwood, z);
      result.times.push(time / scale);
      result.atRisk.push(riskHere);
      result.events.push(pendingEvents);
      result.censored.push(pendingCensored);
      result.survival.push(survival);
      result.lower.push(limits?.lower ?? null);
      result.upper.push(limits?.upper ?? null);
      pendingEvents = 0;
      pendingCensored = 0;
      if (step > 0) while (nextKeep <= passed) nextKeep += step;
    }
  }
  return result;
}

/**
 * The log(−log) interval around S with Greenwood sum σ²: log(−log S) ± z·σ/|log S| mapped back,
 * i.e. S^exp(z·σ/|log S|) and S^exp(−z·σ/|log S|). Undefined (`null`) at S = 1 and S = 0.
 *
 * @example
 * ```ts
 * logLogInterval(0.75, 1 / 12, 1.959963984540054); // ≈ { lower: 0.1279, upper: 0.9605 }
 * logLogInterval(1, 0, 1.96); //=> null
 * ```
 */
export function logLogInterval(
  survival: number,
  greenwood: number,
  z: number,
): { lower: number; upper: number } | null {
  if (!(survival > 0 && survival < 1)) return null;
  const logSurvival = Math.log(survival);
  const spread = (z * Math.sqrt(greenwood)) / -logSurvival;
  return {
    lower: Math.exp(logSurvival * Math.exp(spread)),
    upper: Math.exp(logSurvival * Math.exp(-spread)),
  };
}
