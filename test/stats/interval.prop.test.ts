import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { type Interval, jeffreysInterval, wilsonInterval } from '../../src/index.js';

/** Trials and successes: small samples often, up to a million now and then. */
const proportion = fc
  .oneof(
    { arbitrary: fc.integer({ min: 0, max: 60 }), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: 1_000_000 }), weight: 1 },
  )
  .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials)));

/** Confidence levels from 1% to 99.99%. */
const anyConfidence = fc.double({ min: 0.01, max: 0.9999, noNaN: true });
/** The usual levels: the Jeffreys interval is centred on the posterior median, not on x/n. */
const usualConfidence = fc.double({ min: 0.5, max: 0.9999, noNaN: true });

function expectProperInterval(interval: Interval | null, x: number, n: number): void {
  if (n === 0) {
    expect(interval).toBeNull();
    return;
  }
  expect(interval).not.toBeNull();
  const { lower, upper } = interval as Interval;
  expect(Number.isNaN(lower) || Number.isNaN(upper)).toBe(false);
  expect(lower).toBeGreaterThanOrEqual(0);
  expect(upper).toBeLessThanOrEqual(1);
  expect(lower).toBeLessThanOrEqual(x / n);
  expect(upper).toBeGreaterThanOrEqual(x / n);
}

const methods = [
  ['wilsonInterval', wilsonInterval, anyConfidence],
  ['jeffreysInterval', jeffreysInterval, usualConfidence],
] as const;

for (const [name, interval, confidence] of methods) {
  describe(`${name} properties`, () => {
    test.prop([proportion, confidence])(
      'lies in [0, 1], contains x/n, and is null only for 0 trials',
      ([x, n], level) => {
        expectProperInterval(interval(x, n, { confidence: level }), x, n);
      },
    );

    test.prop([proportion, confidence, confidence])(
      'is wider at a higher confidence (and contains the narrower one)',
      ([x, n], a, b) => {
        fc.pre(n > 0 && Math.abs(a - b) >= 1e-3);
        const [low, high] = a < b ? [a, b] : [b, a];
        const narrow = interval(x, n, { confidence: low }) as Interval;
        const wide = interval(x, n, { confidence: high }) as Interval;
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper);
        expect(wide.upper - wide.lower).toBeGreaterThan(narrow.upper - narrow.lower);
      },
    );

    test.prop([proportion, confidence])('mirrors: x of n is 1 − (n − x of n)', ([x, n], level) => {
      fc.pre(n > 0);
      const left = interval(x, n, { confidence: level }) as Interval;
      const right = interval(n - x, n, { confidence: level }) as Interval;
      expect(left.lower).toBeCloseTo(1 - right.upper, 12);
      expect(left.upper).toBeCloseTo(1 - right.lower, 12);
    });
  });
}
