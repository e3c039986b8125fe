import { describe, expect, it } from 'vitest';
import { cumulativeIncidence } from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

describe('cumulativeIncidence', () => {
  // statsmodels, statsmodels/duration/tests/test_survfunc.py::test_incidence: the estimates of
  // R's cmprsk::cuminc(ftime, fstat) (statsmodels' CumIncidencefuncRight), one row per distinct
  // time 1, 2, 4, 6, 7, 8, 9; fstat 0 is censored. Compared there with assert_allclose
  // (rtol 1e-7) to values printed with 8 decimals.
  it('reproduces statsmodels test_incidence (R cmprsk cuminc)', () => {
    const ftime = [1, 1, 2, 4, 4, 4, 6, 6, 7, 8, 9, 9, 9, 1, 2, 2, 4, 4];
    const fstat = [1, 1, 1, 2, 2, 2, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const result = cumulativeIncidence(
      ftime,
      fstat.map((status) => (status === 0 ? null : String(status))),
    );
    expect(result.times).toEqual([1, 2, 4, 6, 7, 8, 9]);
    expect(result.causes).toEqual(['1', '2', '3']);
    const cinc: Record<string, number[]> = {
      '1': [0.11111111, 0.17037037, 0.17037037, 0.17037037, 0.17037037, 0.17037037, 0.17037037],
      '2': [0, 0, 0.20740741, 0.20740741, 0.20740741, 0.20740741, 0.20740741],
      '3': [0, 0, 0, 0.17777778, 0.26666667, 0.26666667, 0.26666667],
    };
    for (const cause of result.causes) {
      const expected = cinc[cause] ?? [];
      const actual = result.incidence[cause] ?? [];
      expect(actual).toHaveLength(expected.length);
      actual.forEach((value, i) => {
        expect(value).toBeCloseTo(expected[i] as number, 8);
      });
    }
    expect(result.atRisk).toEqual([18, 15, 12, 7, 5, 4, 3]);
    expect(result.events['1']).toEqual([2, 1, 0, 0, 0, 0, 0]);
    expect(result.censored).toEqual([1, 2, 2, 0, 0, 1, 3]);
  });

  it('uses S(t−) for every cause at a tied time (hand-checked)', () => {
    // Durations 10 won, 20 lost, 20 censored, 30 won, 40 censored; n = 5.
    // t = 10: n = 5, won 1: F_won = 1 · 1/5 = 0.2; S = 4/5 = 0.8.
    // t = 20: n = 4 (the censoring at 20 is at risk), lost 1: F_lost = 0.8 · 1/4 = 0.2;
    //   S = 0.8 · 3/4 = 0.6.
    // t = 30: n = 2, won 1: F_won = 0.2 + 0.6 · 1/2 = 0.5; S = 0.6 · 1/2 = 0.3.
    // t = 40: n = 1, censored: nothing changes. 0.5 + 0.2 + 0.3 = 1.
    const result = cumulativeIncidence([10, 20, 20, 30, 40], ['won', 'lost', null, 'won', null]);
    expect(result.times).toEqual([10, 20, 30, 40]);
    expect(result.atRisk).toEqual([5, 4, 2, 1]);
    expect(result.censored).toEqual([0, 1, 0, 1]);
    expect(result.causes).toEqual(['lost', 'won']);
    expect(result.events).toEqual({ lost: [0, 1, 0, 0], won: [1, 0, 1, 0] });
    expect(result.incidence['won']?.map((v) => Number(v.toFixed(12)))).toEqual([
      0.2, 0.2, 0.5, 0.5,
    ]);
    expect(result.incidence['lost']?.map((v) => Number(v.toFixed(12)))).toEqual([0, 0.2, 0.2, 0.2]);
    expect(result.survival.map((v) => Number(v.toFixed(12)))).toEqual([0.8, 0.6, 0.3, 0.3]);
  });

  it('splits a tie between causes by their counts, from the same S(t−)', () => {
    // t = 1: n = 4, one won and one lost together: each 1 · 1/4; S = 2/4.
    // t = 2: n = 2, one won: F_won = 1/4 + 1/2 · 1/2 = 1/2; S = 1/4.
    const result = cumulativeIncidence([1, 1, 2, 3], ['won', 'lost', 'won', null]);
    expect(result.incidence).toEqual({ lost: [0.25, 0.25, 0.25], won: [0.25, 0.5, 0.5] });
    expect(result.survival).toEqual([0.5, 0.25, 0.25]);
  });

  it('with one cause, incidence is one minus Kaplan–Meier', () => {
    const result = cumulativeIncidence([2, 3, 3, 5], ['won', 'won', null, 'won']);
    result.survival.forEach((s, i) => {
      expect((result.incidence['won']?.[i] ?? 0) + s).toBeCloseTo(1, 15);
    });
  });

  it('keeps unusual cause names as plain keys', () => {
    const result = cumulativeIncidence([1, 2], ['__proto__', 'constructor']);
    expect(Object.keys(result.incidence)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(result.incidence)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result.incidence, '__proto__')?.value).toEqual([
      0.5, 0.5,
    ]);
    // JSON.parse defines "__proto__" as an own key too, so the result survives a round trip.
    const parsed = JSON.parse(JSON.stringify(result)) as { incidence: Record<string, number[]> };
    expect(Object.entries(parsed.incidence)).toEqual([
      ['__proto__', [0.5, 0.5]],
      ['constructor', [0, 0.5]],
    ]);
  });

  it('returns empty columns for no durations, and no causes when all are censored', () => {
    expect(cumulativeIncidence([], [])).toEqual({
      times: [],
      atRisk: [],
      censored: [],
      causes: [],
      events: {},
      incidence: {},
      survival: [],
    });
    const censored = cumulativeIncidence([1, 2], [null, null]);
    expect(censored.causes).toEqual([]);
    expect(censored.survival).toEqual([1, 1]);
  });

  it('does not mutate its inputs', () => {
    const durations = [3, 1, 2];
    const causes = ['won', null, 'lost'];
    cumulativeIncidence(durations, causes);
    expect(durations).toEqual([3, 1, 2]);
    expect(causes).toEqual(['won', null, 'lost']);
  });

  it.each([
    ['a negative duration', [1, -2], ['won', 'won'], 'too_small', ['durations', 1]],
    ['a NaN duration', [Number.NaN], ['won'], 'invalid_type', ['durations', 0]],
    ['too few causes', [1, 2], ['won'], 'invalid_length', ['causes']],
    [
      'an undefined cause',
      [1, 2],
      ['won', undefined as unknown as null],
      'invalid_type',
      ['causes', 1],
    ],
    ['a numeric cause', [1, 2], [1 as unknown as string, null], 'invalid_type', ['causes', 0]],
  ])('rejects %s', (_label, durations, causes, code, path) => {
    const error = thrown(() => cumulativeIncidence(durations, causes));
    expect(error.code).toBe('invalid_options');
    expect(issueCodesAndPaths(error)).toEqual([{ code, path }]);
    expect(error.message).toMatch(/^cumulativeIncidence: /);
  });
});
