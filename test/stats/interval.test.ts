import { describe, expect, it } from 'vitest';
import { jeffreysInterval, normalQuantile, wilsonInterval } from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

/** |actual − expected| < 1.5 · 10^−decimals, numpy's assert_almost_equal(decimal=...). */
function expectAlmostEqual(actual: number, expected: number, decimals: number): void {
  expect(Math.abs(actual - expected)).toBeLessThan(1.5 * 10 ** -decimals);
}

// statsmodels, statsmodels/stats/tests/results/results_proportion.py (used by
// statsmodels/stats/tests/test_proportion.py::test_confint_proportion): R's
// binom::binom.confint(x, n, tol = 1e-8) at 95%, column "wilson" (the 11th of res_binom_methods).
// statsmodels compares to decimal = 6; the rows with all digits agree with ours to 1e-12, the rows
// printed with 7 or 8 digits to their last digit.
const wilsonReference: [x: number, n: number, lower: number, upper: number, decimals: number][] = [
  [18, 20, 0.6989663547715128, 0.972133518786232, 12],
  [4, 20, 0.0806576625797981, 0.4160174322518935, 12],
  [4, 200, 0.00780442641634947, 0.05028708690582643, 12],
  [190, 200, 0.910421851861224, 0.972617354399236, 12],
  [1, 30, 5.90859e-3, 0.16670391, 8],
  [29, 30, 0.8332961, 0.9940914, 7],
  [0, 30, 0, 0.11351339, 8], // "this ci_low clips one negative value to 0"
  [30, 30, 0.8864866, 1, 7], // "this ci_upp clips one value > 1"
];

// The same file, column "bayes": binom.bayes with the Jeffreys prior Beta(½, ½), which
// statsmodels checks against proportion_confint(method='jeffreys') — the equal-tailed Beta
// quantiles. statsmodels skips this column for x = 0, x = n and n = 30 ("something is strange in
// extreme case"; (190, 200) has a NaN lower limit there), so only these three rows are references.
// Ours agree to 5e-12 (R's root finder ran with tol = 1e-8); statsmodels asks for decimal = 6.
const jeffreysReference: [x: number, n: number, lower: number, upper: number][] = [
  [18, 20, 0.716146742695748, 0.97862751197755],
  [4, 20, 0.07152005247873425, 0.4082257625169254],
  [4, 200, 0.00678759879519299, 0.0468465669668423],
];

describe('wilsonInterval', () => {
  it.each(wilsonReference)(
    '%i of %i matches R binom (statsmodels test_proportion.py)',
    (x, n, lower, upper, decimals) => {
      const interval = wilsonInterval(x, n);
      expect(interval).not.toBeNull();
      expectAlmostEqual(interval?.lower ?? Number.NaN, lower, decimals);
      expectAlmostEqual(interval?.upper ?? Number.NaN, upper, decimals);
    },
  );

  it('0 of 10: lower exactly 0, upper z²/(n + z²)', () => {
    // At x = 0 the centre (z²/2n)/(1 + z²/n) equals the half-width z·√(z²/4n²)/(1 + z²/n), so
    // the limits are 0 and twice the centre: z²/(n + z²) = 3.841458820694124/13.841458820694124.
    const z = normalQuantile(0.975);
    const interval = wilsonInterval(0, 10);
    expect(interval?.lower).toBe(0);
    expect(interval?.upper).toBeCloseTo((z * z) / (10 + z * z), 15);
    expect(interval?.upper).toBeCloseTo(0.2775328, 7);
  });

  it('10 of 10: upper exactly 1, lower n/(n + z²)', () => {
    const z = normalQuantile(0.975);
    const interval = wilsonInterval(10, 10);
    expect(interval?.upper).toBe(1);
    expect(interval?.lower).toBeCloseTo(10 / (10 + z * z), 15);
  });

  it('0 trials have no rate to bound: null', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(0, 0, { confidence: 0.5 })).toBeNull();
  });

  it('is symmetric: x of n mirrors n − x of n', () => {
    const left = wilsonInterval(3, 17);
    const right = wilsonInterval(14, 17);
    expect(left?.lower).toBeCloseTo(1 - (right?.upper ?? Number.NaN), 15);
    expect(left?.upper).toBeCloseTo(1 - (right?.lower ?? Number.NaN), 15);
  });

  it('takes the confidence level from the options (90% is narrower than 95%)', () => {
    const ninety = wilsonInterval(4, 20, { confidence: 0.9 });
    const ninetyFive = wilsonInterval(4, 20);
    expect(ninetyFive).toEqual(wilsonInterval(4, 20, { confidence: 0.95 }));
    expect(ninety?.lower).toBeGreaterThan(ninetyFive?.lower ?? Number.NaN);
    expect(ninety?.upper).toBeLessThan(ninetyFive?.upper ?? Number.NaN);
  });

  it('handles a million trials', () => {
    const interval = wilsonInterval(123_456, 1_000_000);
    expect(interval?.lower).toBeLessThan(0.123456);
    expect(interval?.upper).toBeGreaterThan(0.123456);
    expect((interval?.upper ?? 0) - (interval?.lower ?? 0)).toBeCloseTo(
      2 * 1.96 * Math.sqrt((0.123456 * 0.876544) / 1e6),
      5,
    );
  });
});

describe('jeffreysInterval', () => {
  it.each(jeffreysReference)(
    '%i of %i matches R binom.bayes (statsmodels test_proportion.py)',
    (x, n, lower, upper) => {
      const interval = jeffreysInterval(x, n);
      expectAlmostEqual(interval?.lower ?? Number.NaN, lower, 10);
      expectAlmostEqual(interval?.upper ?? Number.NaN, upper, 10);
    },
  );

  it('0 of n: the lower limit is exactly 0; n of n: the upper limit is exactly 1', () => {
    expect(jeffreysInterval(0, 10)?.lower).toBe(0);
    expect(jeffreysInterval(10, 10)?.upper).toBe(1);
    // The other limit is still the Beta quantile: 0 of 10 and 10 of 10 mirror each other.
    expect(jeffreysInterval(0, 10)?.upper).toBeCloseTo(
      1 - (jeffreysInterval(10, 10)?.lower ?? 0),
      14,
    );
    expect(jeffreysInterval(0, 10)?.upper).toBeCloseTo(0.2171963, 7);
  });

  it('x = n/2 gives an interval symmetric about one half', () => {
    const interval = jeffreysInterval(7, 14);
    expect((interval?.lower ?? 0) + (interval?.upper ?? 0)).toBeCloseTo(1, 14);
  });

  it('0 trials: null', () => {
    expect(jeffreysInterval(0, 0)).toBeNull();
  });

  it('is close to Wilson for a large sample', () => {
    const jeffreys = jeffreysInterval(4_000, 10_000);
    const wilson = wilsonInterval(4_000, 10_000);
    expect(jeffreys?.lower).toBeCloseTo(wilson?.lower ?? 0, 4);
    expect(jeffreys?.upper).toBeCloseTo(wilson?.upper ?? 0, 4);
  });
});

describe('interval input checks', () => {
  const functions = [
    ['wilsonInterval', wilsonInterval],
    ['jeffreysInterval', jeffreysInterval],
  ] as const;

  const bad: [
    label: string,
    run: (f: typeof wilsonInterval) => unknown,
    code: string,
    path: (string | number)[],
  ][] = [
    ['negative successes', (f) => f(-1, 10), 'too_small', ['successes']],
    ['fractional successes', (f) => f(1.5, 10), 'invalid_type', ['successes']],
    ['NaN successes', (f) => f(Number.NaN, 10), 'invalid_type', ['successes']],
    ['infinite trials', (f) => f(1, Number.POSITIVE_INFINITY), 'invalid_type', ['trials']],
    ['negative trials', (f) => f(0, -3), 'too_small', ['trials']],
    ['fractional trials', (f) => f(0, 2.5), 'invalid_type', ['trials']],
    ['a string count', (f) => f('3' as unknown as number, 10), 'invalid_type', ['successes']],
    ['more successes than trials', (f) => f(11, 10), 'too_big', ['successes']],
    ['confidence 0', (f) => f(1, 10, { confidence: 0 }), 'too_small', ['confidence']],
    ['confidence 1', (f) => f(1, 10, { confidence: 1 }), 'too_big', ['confidence']],
    [
      'confidence 95 (a percentage)',
      (f) => f(1, 10, { confidence: 95 }),
      'too_big',
      ['confidence'],
    ],
    ['confidence NaN', (f) => f(1, 10, { confidence: Number.NaN }), 'invalid_type', ['confidence']],
    [
      'confidence Infinity',
      (f) => f(1, 10, { confidence: Number.POSITIVE_INFINITY }),
      'invalid_type',
      ['confidence'],
    ],
    [
      'a misspelt option',
      (f) => f(1, 10, { confidance: 0.9 } as never),
      'unrecognized_keys',
      ['confidance'],
    ],
    ['options that are not an object', (f) => f(1, 10, 0.9 as never), 'invalid_type', []],
  ];

  for (const [name, f] of functions) {
    it.each(bad)(`${name}: %s`, (_label, run, code, path) => {
      const error = thrown(() => run(f));
      expect(error.code).toBe('invalid_options');
      expect(issueCodesAndPaths(error)).toEqual([{ code, path }]);
      expect(error.message).toMatch(new RegExp(`^${name}: `));
    });
  }

  it('says what it expected and what it received', () => {
    expect(thrown(() => wilsonInterval(11, 10)).message).toBe(
      'wilsonInterval: Expected successes to be at most trials (10), received 11 at successes',
    );
    expect(thrown(() => jeffreysInterval(1, 10, { confidence: 95 })).message).toBe(
      'jeffreysInterval: Expected confidence strictly between 0 and 1 (e.g. 0.95), received 95 at confidence',
    );
  });
});
