import type { KaplanMeierResult } from '../stats/kaplanMeier.js';
import { logLogInterval } from '../stats/kaplanMeier.js';
import { probit } from '../stats/normalQuantile.js';
import { interpolate } from '../stats/quantile.js';
import type { DurationSummary } from '../stats/summarizeDurations.js';

// The calculators' statistics over lists that may hold a million durations: computed on sorted
// typed arrays without copies, with the same definitions as the public functions in stats/
// (type-7 quantiles, product-limit curve with the log(−log) interval), which tests hold them to.

const EMPTY: DurationSummary = {
  count: 0,
  mean: null,
  median: null,
  p75: null,
  p90: null,
  min: null,
  max: null,
};

/** The summary of sorted values, each divided by `scale` (86,400,000 turns milliseconds into days). */
export function summarizeSorted(sorted: Float64Array, scale = 1): DurationSummary {
  const count = sorted.length;
  if (count === 0) return EMPTY;
  let total = 0;
  for (let index = 0; index < count; index += 1) total += sorted[index] as number;
  return {
    count,
    mean: total / count / scale,
    median: (interpolate(sorted, 0.5) as number) / scale,
    p75: (interpolate(sorted, 0.75) as number) / scale,
    p90: (interpolate(sorted, 0.9) as number) / scale,
    min: (sorted[0] as number) / scale,
    max: (sorted[count - 1] as number) / scale,
  };
}

/** The summary of whole numbers kept as a histogram (value → how many), e.g. activities per journey. */
export function summarizeHistogram(histogram: ReadonlyMap<number, number>): DurationSummary {
  const values = [...histogram.keys()].sort((a, b) => a - b);
  let count = 0;
  let total = 0;
  for (const value of values) {
    const times = histogram.get(value) as number;
    count += times;
    total += value * times;
  }
  if (count === 0) return EMPTY;
  // The k-th smallest value (0-based), read off the cumulative counts.
  const nth = (rank: number): number => {
    let seen = 0;
    for (const value of values) {
      seen += histogram.get(value) as number;
      if (rank < seen) return value;
    }
    return values[values.length - 1] as number;
  };
  const quantile = (q: number): number => {
    const h = (count - 1) * q;
    const below = Math.floor(h);
    const low = nth(below);
    if (below >= count - 1) return low;
    const high = nth(below + 1);
    const fraction = h - below;
    return fraction >= 0.5 ? high - (high - low) * (1 - fraction) : low + (high - low) * fraction;
  };
  return {
    count,
    mean: total / count,
    median: quantile(0.5),
    p75: quantile(0.75),
    p90: quantile(0.9),
    min: values[0] as number,
    max: values[values.length - 1] as number,
  };
}

/**
 * The Kaplan–Meier estimate from sorted event and sorted censoring times, merged in one pass: the
 * same estimator as `kaplanMeier` (ties in one factor, a censoring at t at risk at t, Greenwood,
 * log(−log) interval, median = first time with S ≤ ½). The median comes from the full curve; the
 * returned table keeps at most `maxRows` rows, evenly spaced by subjects passed, each row exact,
 * with `events` and `censored` summed over the rows it stands for (so they still add up).
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
  let nextKeep = total / maxRows;
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
    if (died > 0) {
      survival *= (atRisk - died) / atRisk;
      if (died < atRisk) greenwood += died / (atRisk * (atRisk - died));
    }
    if (result.median === null && survival <= 0.5 + Math.sqrt(Number.EPSILON))
      result.median = time / scale;
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
      while (nextKeep <= passed) nextKeep += total / maxRows;
    }
  }
  return result;
}
