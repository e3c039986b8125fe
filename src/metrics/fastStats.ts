import { interpolate } from '../stats/quantile.js';
import { type DurationSummary, EMPTY_SUMMARY } from '../stats/summarizeDurations.js';

// Summaries of whole numbers kept as histograms (activities per journey), with the same
// definitions as stats/ (type-7 quantiles through the same interpolation).

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
  // The histogram as a sorted list whose k-th value is read off the cumulative counts, so that
  // the quantiles are exactly stats/quantile's interpolation.
  const nth = (rank: number): number => {
    let seen = 0;
    for (const value of values) {
      seen += histogram.get(value) as number;
      if (rank < seen) return value;
    }
    return values[values.length - 1] as number;
  };
  const sorted = new Proxy({ length: count } as ArrayLike<number>, {
    get: (target, key) => (key === 'length' ? target.length : nth(Number(key))),
  });
  const quantile = (q: number) => interpolate(sorted, q) as number;
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
