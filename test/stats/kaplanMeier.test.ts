import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

/** Element-wise |actual − expected| ≤ tolerance, nulls matching nulls. */
function expectCloseArray(
  actual: readonly (number | null)[],
  expected: readonly (number | null)[],
  tolerance: number,
): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, index) => {
    const want = expected[index];
    if (want === null || want === undefined) expect(value).toBeNull();
    else expect(Math.abs((value ?? Number.NaN) - want)).toBeLessThanOrEqual(tolerance);
  });
}

/** Rows of a Survival.jl reference: time, n_risk, n_event, n_censor, surv, lower, upper. */
type Row = [number, number, number, number, number, number, number];

function expectTable(result: ReturnType<typeof kaplanMeier>, rows: readonly Row[]): void {
  expect(result.times).toEqual(rows.map((row) => row[0]));
  expect(result.atRisk).toEqual(rows.map((row) => row[1]));
  expect(result.events).toEqual(rows.map((row) => row[2]));
  expect(result.censored).toEqual(rows.map((row) => row[3]));
  // R printed 15 significant digits.
  expectCloseArray(
    result.survival,
    rows.map((row) => row[4]),
    1e-14,
  );
  expectCloseArray(
    result.lower,
    rows.map((row) => row[5]),
    1e-13,
  );
  expectCloseArray(
    result.upper,
    rows.map((row) => row[6]),
    1e-13,
  );
}

describe('kaplanMeier against R survfit (conf.type = "log-log")', () => {
  // JuliaStats/Survival.jl, test/data/refs/leukemia_data.csv (R's aml data) and
  // test/data/refs/leukemia_km.csv, written by test/data/refs/generate_refs.R with
  // survfit(Surv(time, status) ~ 1, conf.type = "log-log"). Ties (two events at 5, 8 and 23) and
  // censorings at event times (13 and 45): a censoring at t is still at risk at t.
  const leukemia = {
    time: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
    status: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
  };
  const leukemiaKm: Row[] = [
    [5, 23, 2, 0, 0.91304347826087, 0.694947537532059, 0.977515669900713],
    [8, 21, 2, 0, 0.826086956521739, 0.600610411237199, 0.930903558387115],
    [9, 19, 1, 0, 0.782608695652174, 0.554211506668729, 0.903207489881887],
    [12, 18, 1, 0, 0.739130434782609, 0.509209438754219, 0.873375781697676],
    [13, 17, 1, 1, 0.695652173913043, 0.465641749762004, 0.841721291391763],
    [16, 15, 0, 1, 0.695652173913043, 0.465641749762004, 0.841721291391763],
    [18, 14, 1, 0, 0.645962732919255, 0.413952950717117, 0.805307764482079],
    [23, 13, 2, 0, 0.546583850931677, 0.319250413971187, 0.726449173820633],
    [27, 11, 1, 0, 0.496894409937888, 0.275565628012137, 0.684213788447816],
    [28, 10, 0, 1, 0.496894409937888, 0.275565628012137, 0.684213788447816],
    [30, 9, 1, 0, 0.44168391994479, 0.227381168462543, 0.637092687459888],
    [31, 8, 1, 0, 0.386473429951691, 0.182836618648628, 0.58747691441794],
    [33, 7, 1, 0, 0.331262939958592, 0.141825693481738, 0.535273789989068],
    [34, 6, 1, 0, 0.276052449965493, 0.104441343233593, 0.480284660416562],
    [43, 5, 1, 0, 0.220841959972395, 0.0709966489828616, 0.422167443380925],
    [45, 4, 1, 1, 0.165631469979296, 0.0421142812615769, 0.360361360273183],
    [48, 2, 1, 0, 0.082815734989648, 0.00695596679853646, 0.286760367980918],
    [161, 1, 0, 1, 0.082815734989648, 0.00695596679853646, 0.286760367980918],
  ];

  it('reproduces the aml (leukemia) table of Survival.jl leukemia_km.csv', () => {
    const result = kaplanMeier(
      leukemia.time,
      leukemia.status.map((status) => status === 1),
    );
    expectTable(result, leukemiaKm);
    // R: median 27 (the first time with survival ≤ 0.5, 0.4969 there).
    expect(result.median).toBe(27);
  });

  // The same repository, test/data/refs/ovarian_data.csv (futime, fustat) and ovarian_km.csv.
  const ovarian = {
    futime: [
      59, 115, 156, 421, 431, 448, 464, 475, 477, 563, 638, 744, 769, 770, 803, 855, 1040, 1106,
      1129, 1206, 1227, 268, 329, 353, 365, 377,
    ],
    fustat: [1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0],
  };
  const ovarianKm: Row[] = [
    [59, 26, 1, 0, 0.961538461538462, 0.756944289177586, 0.994491156943218],
    [115, 25, 1, 0, 0.923076923076923, 0.726029773211991, 0.980187805018525],
    [156, 24, 1, 0, 0.884615384615385, 0.683583441871182, 0.961256635371551],
    [268, 23, 1, 0, 0.846153846153846, 0.640434805840609, 0.939293810946659],
    [329, 22, 1, 0, 0.807692307692308, 0.5981137736046, 0.915076666502974],
    [353, 21, 1, 0, 0.769230769230769, 0.556919789001685, 0.889052023744989],
    [365, 20, 1, 0, 0.730769230769231, 0.516885735287984, 0.861502559637418],
    [377, 19, 0, 1, 0.730769230769231, 0.516885735287984, 0.861502559637418],
    [421, 18, 0, 1, 0.730769230769231, 0.516885735287984, 0.861502559637418],
    [431, 17, 1, 0, 0.687782805429864, 0.470772195419574, 0.830319561602528],
    [448, 16, 0, 1, 0.687782805429864, 0.470772195419574, 0.830319561602528],
    [464, 15, 1, 0, 0.641930618401207, 0.422402494114822, 0.796121361435785],
    [475, 14, 1, 0, 0.596078431372549, 0.376676946848099, 0.760207070302569],
    [477, 13, 0, 1, 0.596078431372549, 0.376676946848099, 0.760207070302569],
    [563, 12, 1, 0, 0.54640522875817, 0.327859017130065, 0.720675534038363],
    [638, 11, 1, 0, 0.496732026143791, 0.282054664292128, 0.679210083341876],
    [744, 10, 0, 1, 0.496732026143791, 0.282054664292128, 0.679210083341876],
    [769, 9, 0, 1, 0.496732026143791, 0.282054664292128, 0.679210083341876],
    [770, 8, 0, 1, 0.496732026143791, 0.282054664292128, 0.679210083341876],
    [803, 7, 0, 1, 0.496732026143791, 0.282054664292128, 0.679210083341876],
    [855, 6, 0, 1, 0.496732026143791, 0.282054664292128, 0.679210083341876],
    [1040, 5, 0, 1, 0.496732026143791, 0.282054664292128, 0.679210083341876],
    [1106, 4, 0, 1, 0.496732026143791, 0.282054664292128, 0.679210083341876],
    [1129, 3, 0, 1, 0.496732026143791, 0.282054664292128, 0.679210083341876],
    [1206, 2, 0, 1, 0.496732026143791, 0.282054664292128, 0.679210083341876],
    [1227, 1, 0, 1, 0.496732026143791, 0.282054664292128, 0.679210083341876],
  ];

  it('reproduces the ovarian table of Survival.jl ovarian_km.csv', () => {
    const result = kaplanMeier(
      ovarian.futime,
      ovarian.fustat.map((status) => status === 1),
    );
    expectTable(result, ovarianKm);
    expect(result.median).toBe(638);
  });
});

describe('kaplanMeier against statsmodels (R survival)', () => {
  // statsmodels, statsmodels/duration/tests/test_survfunc.py: test_survfunc1 (every time has an
  // event) and test_survfunc2 (some times have none), values from R's survival package (the
  // R code is in the file's docstring). statsmodels lists event times only; we also list the
  // censoring-only times, so compare the rows with an event. Tolerance there: 1e-5.
  it('test_survfunc1: ti1, st1', () => {
    const result = kaplanMeier([3, 1, 2, 3, 2, 1, 5, 3], [0, 1, 1, 1, 0, 0, 1, 0].map(Boolean));
    expect(result.times).toEqual([1, 2, 3, 5]);
    expectCloseArray(result.survival, [0.875, 0.7291667, 0.546875, 0], 1e-7);
    expect(result.atRisk).toEqual([8, 6, 4, 1]);
    expect(result.events).toEqual([1, 1, 1, 1]);
    // statsmodels' surv_prob_se is NaN where S = 0: no interval there.
    expect(result.lower[3]).toBeNull();
    expect(result.upper[3]).toBeNull();
  });

  it('test_survfunc2: ti2, st2', () => {
    const result = kaplanMeier(
      [1, 1, 2, 3, 7, 1, 5, 3, 9],
      [0, 1, 0, 0, 1, 0, 1, 0, 1].map(Boolean),
    );
    const withEvents = result.times.flatMap((_, i) => ((result.events[i] ?? 0) > 0 ? [i] : []));
    const pick = <T>(column: readonly T[]) => withEvents.map((i) => column[i] as T);
    expect(pick(result.times)).toEqual([1, 5, 7, 9]);
    expectCloseArray(pick(result.survival), [0.8888889, 0.5925926, 0.2962963, 0], 1e-7);
    expect(pick(result.atRisk)).toEqual([9, 3, 2, 1]);
    expect(pick(result.events)).toEqual([1, 1, 1, 1]);
    // The censoring-only rows (2 and 3) repeat the survival before them.
    expect(result.times).toEqual([1, 2, 3, 5, 7, 9]);
    expect(result.events).toEqual([1, 0, 0, 1, 1, 1]);
    expect(result.censored).toEqual([2, 1, 2, 0, 0, 0]);
  });
});

describe('kaplanMeier by hand', () => {
  it('handles ties in one factor and keeps a censoring at t at risk at t', () => {
    // n = 5. t = 3: 1 event of 5 → 4/5 = 0.8. t = 5: 1 event and 1 censoring, both at risk: 0.8 ·
    // 3/4 = 0.6. t = 8: 2 at risk, 1 event → 0.3. t = 9: censored, 0.3 stays.
    const result = kaplanMeier([3, 5, 5, 8, 9], [true, true, false, true, false]);
    expect(result.times).toEqual([3, 5, 8, 9]);
    expect(result.atRisk).toEqual([5, 4, 2, 1]);
    expect(result.events).toEqual([1, 1, 1, 0]);
    expect(result.censored).toEqual([0, 1, 0, 1]);
    expectCloseArray(result.survival, [0.8, 0.6, 0.3, 0.3], 1e-15);
    expect(result.median).toBe(8);
  });

  it('computes the log(−log) interval from the Greenwood sum', () => {
    // One event of 4: S = 0.75, Greenwood Σ d/(n(n − d)) = 1/12, σ/|log S| = √(1/12)/log(4/3).
    const result = kaplanMeier([1, 2, 2, 2], [true, false, false, false]);
    const z = 1.959963984540054;
    const w = (z * Math.sqrt(1 / 12)) / Math.log(4 / 3);
    expect(result.lower[0]).toBeCloseTo(0.75 ** Math.exp(w), 14);
    expect(result.upper[0]).toBeCloseTo(0.75 ** Math.exp(-w), 14);
    expect(result.lower[0]).toBeCloseTo(0.1279469, 7);
  });

  it('has no interval while S = 1 (before any event) nor where S = 0', () => {
    const result = kaplanMeier([1, 2, 3], [false, true, true]);
    expect(result.survival).toEqual([1, 0.5, 0]);
    expect(result.lower).toEqual([null, expect.any(Number), null]);
    expect(result.upper).toEqual([null, expect.any(Number), null]);
  });

  it('takes the first time with S ≤ ½ as the median, even where the product rounds above ½', () => {
    // S(2) = 3/4 · 2/3 is exactly ½ in exact arithmetic. (R reports 2.5 here: the midpoint of the
    // flat stretch at ½; we report the first time, as documented.)
    expect(kaplanMeier([1, 2, 3, 4], [true, true, true, true]).median).toBe(2);
    const six = kaplanMeier([1, 2, 3, 4, 5, 6], [true, true, true, true, true, true]);
    expect(six.median).toBe(3);
  });

  it('has no median when the curve stays above one half', () => {
    expect(kaplanMeier([1, 2, 3], [true, false, false]).median).toBeNull();
    expect(kaplanMeier([4, 5], [false, false]).median).toBeNull();
  });

  it('returns empty arrays and a null median for no durations', () => {
    expect(kaplanMeier([], [])).toEqual({
      times: [],
      atRisk: [],
      events: [],
      censored: [],
      survival: [],
      lower: [],
      upper: [],
      median: null,
    });
  });

  it('takes the confidence level from the options', () => {
    const wide = kaplanMeier([1, 2, 3, 4], [true, true, false, true], { confidence: 0.99 });
    const narrow = kaplanMeier([1, 2, 3, 4], [true, true, false, true], { confidence: 0.8 });
    expect(wide.lower[0]).toBeLessThan(narrow.lower[0] ?? Number.NaN);
    expect(wide.upper[0]).toBeGreaterThan(narrow.upper[0] ?? Number.NaN);
  });

  it('does not mutate its inputs', () => {
    const durations = [5, 1, 3];
    const observed = [true, false, true];
    kaplanMeier(durations, observed);
    expect(durations).toEqual([5, 1, 3]);
    expect(observed).toEqual([true, false, true]);
  });

  it.each([
    ['a negative duration', [1, 2, 3, -1], [true, true, true, true], 'too_small', ['durations', 3]],
    ['a NaN duration', [1, Number.NaN], [true, true], 'invalid_type', ['durations', 1]],
    ['an infinite duration', [Number.POSITIVE_INFINITY], [true], 'invalid_type', ['durations', 0]],
    ['a shorter observed', [1, 2], [true], 'invalid_length', ['observed']],
    ['a longer observed', [1], [true, false], 'invalid_length', ['observed']],
    [
      'a flag that is not a boolean',
      [1, 2],
      [true, 1 as unknown as boolean],
      'invalid_type',
      ['observed', 1],
    ],
  ])('rejects %s', (_label, durations, observed, code, path) => {
    const error = thrown(() => kaplanMeier(durations, observed));
    expect(error.code).toBe('invalid_options');
    expect(issueCodesAndPaths(error)).toEqual([{ code, path }]);
    expect(error.message).toMatch(/^kaplanMeier: /);
  });

  it('rejects a bad confidence', () => {
    const error = thrown(() => kaplanMeier([1], [true], { confidence: 1.5 }));
    expect(issueCodesAndPaths(error)).toEqual([{ code: 'too_big', path: ['confidence'] }]);
  });
});
