import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { quantile, summarizeDurations } from '../../src/index.js';

/** Finite doubles of every magnitude and sign, and lists with many ties. */
const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -0),
);
const values = fc.array(value, { minLength: 1, maxLength: 40 });
const probability = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 0.5, 1),
);
const durations = fc.array(
  fc.oneof(
    fc.double({ min: 0, max: 3650, noNaN: true }),
    fc.integer({ min: 0, max: 30 }),
    fc.constant(Number.MAX_VALUE),
  ),
  { maxLength: 60 },
);

describe('quantile properties', () => {
  test.prop([values, probability, probability])('is monotone in q', (list, a, b) => {
    const [low, high] = a <= b ? [a, b] : [b, a];
    expect(quantile(list, low) as number).toBeLessThanOrEqual(quantile(list, high) as number);
  });

  test.prop([values, probability])(
    'lies between the minimum and the maximum, never NaN',
    (list, q) => {
      const result = quantile(list, q) as number;
      expect(Number.isNaN(result)).toBe(false);
      expect(result).toBeGreaterThanOrEqual(Math.min(...list));
      expect(result).toBeLessThanOrEqual(Math.max(...list));
    },
  );

  test.prop([values])('gives the minimum at q = 0 and the maximum at q = 1', (list) => {
    // === rather than toBe: 0 and −0 are the same minimum.
    expect(quantile(list, 0) === Math.min(...list)).toBe(true);
    expect(quantile(list, 1) === Math.max(...list)).toBe(true);
  });

  test.prop([
    values.chain((list) =>
      fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
    ),
    probability,
  ])('does not depend on the order of the values, nor change them', ([list, shuffled], q) => {
    const before = [...list];
    expect(quantile(shuffled, q)).toBe(quantile(list, q));
    expect(list).toEqual(before);
  });
});

describe('summarizeDurations properties', () => {
  test.prop([durations])('orders its statistics and agrees with quantile', (days) => {
    const summary = summarizeDurations(days);
    expect(summary.count).toBe(days.length);
    if (days.length === 0) {
      expect(summary.mean).toBeNull();
      return;
    }
    const { mean, median, p75, p90, min, max } = summary as { [K in keyof typeof summary]: number };
    for (const statistic of [mean, median, p75, p90, min, max])
      expect(Number.isFinite(statistic)).toBe(true);
    expect(min).toBeLessThanOrEqual(median);
    expect(median).toBeLessThanOrEqual(p75);
    expect(p75).toBeLessThanOrEqual(p90);
    expect(p90).toBeLessThanOrEqual(max);
    // The mean is between the extremes, up to the rounding of the sum.
    expect(mean).toBeGreaterThanOrEqual(min * (1 - 1e-12));
    expect(mean).toBeLessThanOrEqual(max * (1 + 1e-12));
    expect(median).toBe(quantile(days, 0.5));
    expect(p90).toBe(quantile(days, 0.9));
  });
});
