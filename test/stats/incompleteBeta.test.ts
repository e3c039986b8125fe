import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isPipelineError } from '../../src/index.js';
import {
  incompleteBeta,
  inverseIncompleteBeta,
  logBeta,
  logGamma,
} from '../../src/stats/incompleteBeta.js';

// Internal special functions (not exported from the package), tested here because the intervals
// stand on them.

/** P(Binomial(n, x) ≥ k) summed term by term: equals I_x(k, n − k + 1) for integer shapes. */
function binomialUpperTail(k: number, n: number, x: number): number {
  let total = 0;
  let coefficient = 1; // C(n, 0)
  for (let j = 0; j <= n; j += 1) {
    if (j >= k) total += coefficient * x ** j * (1 - x) ** (n - j);
    coefficient = (coefficient * (n - j)) / (j + 1);
  }
  return total;
}

describe('logGamma and logBeta', () => {
  it('match factorials', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n += 1) {
      expect(logGamma(n)).toBeCloseTo(Math.log(factorial), 12);
      factorial *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });

  it('keeps B(a, b) = B(b, a) and the recurrence B(a + 1, b) = B(a, b)·a/(a + b) for large shapes', () => {
    for (const [a, b] of [
      [0.5, 1e7],
      [12.5, 3e6],
      [4.5e6, 5.5e6],
    ] as const) {
      expect(logBeta(a, b)).toBe(logBeta(b, a));
      expect(logBeta(a + 1, b) - logBeta(a, b)).toBeCloseTo(Math.log(a / (a + b)), 9);
    }
  });
});

describe('incompleteBeta', () => {
  it('equals the binomial tail for integer shapes', () => {
    for (const n of [1, 2, 5, 13, 30]) {
      for (let k = 1; k <= n; k += 1) {
        for (const x of [0.01, 0.2, 0.5, 0.77, 0.999]) {
          expect(incompleteBeta(x, k, n - k + 1)).toBeCloseTo(binomialUpperTail(k, n, x), 13);
        }
      }
    }
  });

  it('has the closed forms I_x(1, 1) = x, I_x(a, 1) = x^a and I_½(a, a) = ½', () => {
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(incompleteBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 14);
    for (const a of [0.5, 2, 40.5]) expect(incompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 14);
    // Near the mean of large shapes the continued fraction needs ~√a terms, each rounded.
    expect(incompleteBeta(0.5, 1e5, 1e5)).toBeCloseTo(0.5, 12);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });

  it('rejects parameters outside its domain', () => {
    for (const [x, a, b] of [
      [-0.1, 1, 1],
      [0.5, 0, 1],
      [0.5, 1, Number.NaN],
      [0.5, Number.POSITIVE_INFINITY, 1],
    ] as const) {
      let error: unknown;
      try {
        incompleteBeta(x, a, b);
      } catch (caught) {
        error = caught;
      }
      expect(isPipelineError(error)).toBe(true);
    }
  });
});

describe('inverseIncompleteBeta', () => {
  // statsmodels, statsmodels/stats/tests/test_proportion.py::test_binom_test: R's binom.test(51,
  // 235) Clopper–Pearson limits, which are Beta quantiles: lower = Beta(x, n − x + 1) at α/2,
  // upper = Beta(x + 1, n − x) at 1 − α/2. statsmodels checks them to decimal = 13.
  it('reproduces R binom.test(51, 235) to 13 decimals (statsmodels test_proportion.py)', () => {
    const x = 51;
    const n = 235;
    const decimals = 13;
    const close = (actual: number, expected: number) =>
      expect(Math.abs(actual - expected)).toBeLessThan(1.5 * 10 ** -decimals);
    // alternative = "two.sided": conf.int [0.1660633298083073, 0.2752683640289254]
    close(inverseIncompleteBeta(0.025, x, n - x + 1), 0.1660633298083073);
    close(inverseIncompleteBeta(0.975, x + 1, n - x), 0.2752683640289254);
    // alternative = "less": conf.int [0, 0.2659460862574313]; "greater": [0.1735252778065201, 1]
    close(inverseIncompleteBeta(0.95, x + 1, n - x), 0.2659460862574313);
    close(inverseIncompleteBeta(0.05, x, n - x + 1), 0.1735252778065201);
  });

  // statsmodels/stats/tests/results/results_proportion.py, column "exact" of binom.confint (the
  // same Clopper–Pearson limits), compared there to decimal = 6; shown with 8 or more digits.
  it.each([
    [18, 20, 0.6830172859809176, 0.9876514728297052],
    [4, 20, 0.05733399705003284, 0.436614002996668],
    [4, 200, 0.005475565879556443, 0.05041360908989634],
    [190, 200, 0.9099724622986486, 0.975765834527891],
    [1, 30, 8.435709e-4, 0.17216946],
    [29, 30, 0.8278305, 0.9991564],
  ])('gives the Clopper–Pearson interval of %i of %i (R binom "exact")', (x, n, lower, upper) => {
    expect(Math.abs(inverseIncompleteBeta(0.025, x, n - x + 1) - lower)).toBeLessThan(6e-8);
    expect(Math.abs(inverseIncompleteBeta(0.975, x + 1, n - x) - upper)).toBeLessThan(6e-8);
  });

  it('has the closed forms of Beta(1, 1) and Beta(a, 1)', () => {
    expect(inverseIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(inverseIncompleteBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** (1 / 2.5), 14);
    expect(inverseIncompleteBeta(0, 2, 3)).toBe(0);
    expect(inverseIncompleteBeta(1, 2, 3)).toBe(1);
  });

  const shape = fc.oneof(
    fc.double({ min: 0.5, max: 20, noNaN: true }),
    fc.integer({ min: 0, max: 1_000_000 }).map((k) => k + 0.5),
  );
  const probability = fc.oneof(
    fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
    fc.constantFrom(0.005, 0.025, 0.05, 0.5, 0.95, 0.975, 0.995),
  );

  test.prop([probability, shape, shape])(
    'inverts incompleteBeta: p lies between I at x ∓ 1e-12 relative (plus an ulp at 1)',
    (p, a, b) => {
      const x = inverseIncompleteBeta(p, a, b);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      // The quantile is as precise as min(x, 1 − x) allows; a double near 1 has ulps of 1.1e-16.
      const delta = 1e-12 * Math.min(x, 1 - x) + 2.3e-16;
      // incompleteBeta has its own rounding: 1e-12 of the smaller tail.
      const slack = 1e-12 * Math.min(p, 1 - p);
      expect(incompleteBeta(Math.max(0, x - delta), a, b)).toBeLessThanOrEqual(p + slack);
      expect(incompleteBeta(Math.min(1, x + delta), a, b)).toBeGreaterThanOrEqual(p - slack);
    },
  );
});
