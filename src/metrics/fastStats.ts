import { type DurationSummary, EMPTY_SUMMARY } from '../stats/summarizeDurations.js';

// The calculators' statistics over lists that may hold a million durations: computed on sorted
// typed arrays without copies, with the same definitions as the public functions in stats/
// (type-7 quantiles), which tests hold them to. The Kaplan–Meier estimator lives in stats/.

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
  if (count === 0) return EMPTY_SUMMARY;
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
