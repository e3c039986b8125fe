import { describe, expect, it } from 'vitest';
import { quantile, summarizeDurations } from '../../src/index.js';
import { quantileSorted } from '../../src/stats/quantile.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

describe('quantile', () => {
  // numpy's docstring of np.quantile (numpy/lib/_function_base_impl.py), method 'linear':
  // a = [[10, 7, 4], [3, 2, 1]]; np.quantile(a, 0.5) == 3.5, along axis 0 [6.5, 4.5, 2.5],
  // along axis 1 [7., 2.].
  it('matches the examples of numpy.quantile', () => {
    expect(quantile([10, 7, 4, 3, 2, 1], 0.5)).toBe(3.5);
    expect([quantile([10, 3], 0.5), quantile([7, 2], 0.5), quantile([4, 1], 0.5)]).toEqual([
      6.5, 4.5, 2.5,
    ]);
    expect([quantile([10, 7, 4], 0.5), quantile([3, 2, 1], 0.5)]).toEqual([7, 2]);
  });

  // numpy/lib/tests/test_function_base.py, TestQuantile.test_basic and test_max_ulp.
  it('matches numpy TestQuantile.test_basic: arange(8) * 0.5', () => {
    const x = Array.from({ length: 8 }, (_, i) => i * 0.5);
    expect(quantile(x, 0)).toBe(0);
    expect(quantile(x, 1)).toBe(3.5);
    expect(quantile(x, 0.5)).toBe(1.75);
  });

  it('matches numpy TestQuantile.test_max_ulp: quantile([0, 0.2, 0.4], 0.45) within 1 ulp of 0.18', () => {
    const value = quantile([0.0, 0.2, 0.4], 0.45) as number;
    const ulp = 2 ** (Math.floor(Math.log2(0.18)) - 52);
    expect(Math.abs(value - 0.18)).toBeLessThanOrEqual(ulp);
  });

  it('interpolates between order statistics, h = (n − 1)q', () => {
    // sorted [2, 4, 5, 9]: q = 0.9 gives h = 2.7, 5 + 0.7 · (9 − 5) = 7.8
    expect(quantile([2, 4, 9, 5], 0.9)).toBeCloseTo(7.8, 14);
    // q = 0.25 gives h = 0.75, 2 + 0.75 · 2 = 3.5
    expect(quantile([9, 5, 4, 2], 0.25)).toBe(3.5);
    expect(quantile([42], 0.3)).toBe(42);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(quantile([1, 100, 3, 4], 0.5)).toBe(3.5);
    expect(quantile([5, 5, 6, 6], 0.5)).toBe(5.5);
  });

  it('returns null for an empty list (a median of nothing is null)', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantileSorted([], 0)).toBeNull();
  });

  it('does not overflow between values of opposite signs near the largest double', () => {
    // numpy returns -inf here (b − (b − a)/2 with b − a = inf); the weighted sum stays finite.
    expect(quantile([-Number.MAX_VALUE, Number.MAX_VALUE], 0.5)).toBe(0);
    expect(quantile([-Number.MAX_VALUE, Number.MAX_VALUE], 1)).toBe(Number.MAX_VALUE);
  });

  it('does not mutate or require sorted input', () => {
    const values = [3, 1, 2];
    expect(quantile(values, 0)).toBe(1);
    expect(values).toEqual([3, 1, 2]);
  });

  it('quantileSorted reads already-sorted values in constant time', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted(Float64Array.of(1, 2, 3, 4), 1)).toBe(4);
  });

  it.each([
    [[1, 2], -0.1, 'too_small', ['q']],
    [[1, 2], 1.5, 'too_big', ['q']],
    [[1, 2], Number.NaN, 'invalid_type', ['q']],
    [[1, 2], 50, 'too_big', ['q']],
    [[1, Number.NaN], 0.5, 'invalid_type', ['values', 1]],
    [[Number.POSITIVE_INFINITY], 0.5, 'invalid_type', ['values', 0]],
    [[1, '2' as unknown as number], 0.5, 'invalid_type', ['values', 1]],
  ])('rejects %j at q = %d', (values, q, code, path) => {
    const error = thrown(() => quantile(values, q));
    expect(error.code).toBe('invalid_options');
    expect(issueCodesAndPaths(error)).toEqual([{ code, path }]);
  });

  it('quantileSorted checks q too', () => {
    expect(issueCodesAndPaths(thrown(() => quantileSorted([1], 2)))).toEqual([
      { code: 'too_big', path: ['q'] },
    ]);
  });
});

describe('summarizeDurations', () => {
  it('summarises a list: numpy percentiles, mean, min and max', () => {
    // sorted [2, 4, 5, 9]: median (4 + 5)/2, p75 at h = 2.25, p90 at h = 2.7
    expect(summarizeDurations([2, 4, 9, 5])).toEqual({
      count: 4,
      mean: 5,
      median: 4.5,
      p75: 6,
      // numpy gives 7.800000000000001 too: 9 − 4 · (1 − 0.7000000000000002)
      p90: 7.800000000000001,
      min: 2,
      max: 9,
    });
  });

  it('gives count 0 and nulls for no durations', () => {
    expect(summarizeDurations([])).toEqual({
      count: 0,
      mean: null,
      median: null,
      p75: null,
      p90: null,
      min: null,
      max: null,
    });
  });

  it('summarises one duration as itself', () => {
    expect(summarizeDurations([3.25])).toEqual({
      count: 1,
      mean: 3.25,
      median: 3.25,
      p75: 3.25,
      p90: 3.25,
      min: 3.25,
      max: 3.25,
    });
  });

  it('keeps the mean finite when the sum would overflow', () => {
    expect(summarizeDurations([Number.MAX_VALUE, Number.MAX_VALUE]).mean).toBe(Number.MAX_VALUE);
  });

  it('does not mutate its input', () => {
    const days = [9, 1, 4];
    summarizeDurations(days);
    expect(days).toEqual([9, 1, 4]);
  });

  it.each([
    [[1, -2], 'too_small', ['days', 1]],
    [[Number.NaN], 'invalid_type', ['days', 0]],
    [[1, 2, Number.NEGATIVE_INFINITY], 'invalid_type', ['days', 2]],
    ['1,2' as unknown as number[], 'invalid_type', ['days']],
  ])('rejects %j', (days, code, path) => {
    const error = thrown(() => summarizeDurations(days));
    expect(error.code).toBe('invalid_options');
    expect(issueCodesAndPaths(error)).toEqual([{ code, path }]);
    expect(error.message).toMatch(/^summarizeDurations: /);
  });
});
