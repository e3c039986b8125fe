import { describe, expect, it } from 'vitest';
import {
  defineScoringModel,
  type FitSample,
  type LearnFitModelOptions,
  learnFitModel,
  scoreLead,
} from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

/** `count` samples with `source`, the first `converted` of them converted. */
const group = (source: string | undefined, count: number, converted: number): FitSample[] =>
  Array.from({ length: count }, (_, index) => ({
    attributes: source === undefined ? {} : { source },
    converted: index < converted,
  }));

// A: 20 (15 converted), B: 30 (6), C: 4 (2), missing: 6 (1) → 60 samples, 24 converted, 36 not.
// With minCount 10, C and missing are rare and pooled: (other) has 10 samples, 3 converted.
const history = [
  ...group('A', 20, 15),
  ...group('B', 30, 6),
  ...group('C', 4, 2),
  ...group(undefined, 6, 1),
];

describe('learnFitModel', () => {
  it('learns smoothed naive-Bayes log-odds per value, as points from 0 to maxPoints', () => {
    const learned = learnFitModel(history, { fields: ['source'] });
    // K = 2 kept values + the pool = 3, α = 1:
    // w(A) = ln((15+1)/(24+3)) − ln((5+1)/(36+3)) = ln(624/162)
    // w(B) = ln((6+1)/27) − ln((24+1)/39) = ln(273/675)
    // w(other) = ln((3+1)/27) − ln((7+1)/39) = ln(156/216)
    const wA = Math.log(624 / 162);
    const wB = Math.log(273 / 675);
    const wOther = Math.log(156 / 216);
    expect(
      learned.fields[0]?.values.map((value) => [value.value, value.count, value.converted]),
    ).toEqual([
      ['B', 30, 6],
      ['A', 20, 15],
      ['(other)', 10, 3],
    ]);
    const logOdds = learned.fields[0]?.values.map((value) => value.logOdds) ?? [];
    expect(logOdds[0]).toBeCloseTo(wB, 12);
    expect(logOdds[1]).toBeCloseTo(wA, 12);
    expect(logOdds[2]).toBeCloseTo(wOther, 12);
    expect(learned.fields[0]?.pooled).toEqual(['C', null]);
    // B is the worst value (0 points), A the best (100); other: (wOther − wB) / (wA − wB) × 100 = 25.73
    expect(learned.fit.rules).toEqual([
      { id: 'source="A"', when: { field: 'source', op: '=', value: 'A' }, points: 100 },
      {
        id: 'source other',
        when: { field: 'source', op: 'notIn', value: ['B', 'A'] },
        points: 25.73,
      },
    ]);
    expect(learned.pointsPerLogOdds).toBeCloseTo(100 / (wA - wB), 12);
    // ln(24/36) + w(B): the log-odds of a lead with 0 points
    expect(learned.intercept).toBeCloseTo(Math.log(24 / 36) + wB, 12);
    expect([learned.samples, learned.converted, learned.baseRate]).toEqual([60, 24, 0.4]);
  });

  it('gives an ordinary fit component: rare, missing and unseen values score as the pool', () => {
    const learned = learnFitModel(history, { fields: ['source'] });
    const model = defineScoringModel({ fit: learned.fit, threshold: 50 });
    const total = (attributes: Record<string, unknown>) =>
      scoreLead(model, { attributes }, { asOf: '2026-01-01' }).total;
    expect(
      [{ source: 'A' }, { source: 'B' }, { source: 'C' }, {}, { source: 'Z' }].map(total),
    ).toEqual([100, 0, 25.73, 25.73, 25.73]);
  });

  it('keeps missing as a value of its own when it is common, and pools nothing it cannot weigh', () => {
    const data = [...group('A', 30, 20), ...group(undefined, 30, 5), ...group('C', 2, 2)];
    const learned = learnFitModel(data, { fields: ['source'], minCount: 5 });
    // the pool (C: 2 samples, both converted) is below minCount: log-odds 0, never a certainty
    expect(learned.fields[0]?.values.at(-1)).toMatchObject({
      value: '(other)',
      count: 2,
      converted: 2,
      logOdds: 0,
    });
    const ids = learned.fit.rules.map((rule) => rule.id);
    expect(ids).toContain('source="A"');
    const other = learned.fit.rules.find((rule) => rule.id === 'source other');
    expect(other?.when).toEqual({
      all: [
        { field: 'source', op: 'notIn', value: ['A'] },
        { field: 'source', op: 'exists' },
      ],
    });
  });

  it('never claims certainty on sparse counts: every value keeps a probability inside (0, 1)', () => {
    // A value seen 10 times, always converted; another 10 times, never.
    const data = [...group('always', 10, 10), ...group('never', 10, 0), ...group('mixed', 40, 10)];
    const learned = learnFitModel(data, { fields: ['source'] });
    for (const value of learned.fields[0]?.values ?? []) {
      const logOdds = learned.intercept + value.points / learned.pointsPerLogOdds;
      const probability = 1 / (1 + Math.exp(-logOdds));
      expect(Number.isFinite(value.logOdds)).toBe(true);
      expect(probability).toBeGreaterThan(0.01);
      expect(probability).toBeLessThan(0.99);
    }
  });

  it('refuses a cold start with a typed error', () => {
    const tooFew = thrown(() => learnFitModel(history.slice(0, 40), { fields: ['source'] }));
    expect([tooFew.code, issueCodesAndPaths(tooFew)]).toEqual([
      'insufficient_data',
      [{ code: 'insufficient_data', path: [] }],
    ]);
    expect(tooFew.message).toContain('40 samples');
    const oneSided = thrown(() => learnFitModel(group('A', 80, 5), { fields: ['source'] }));
    expect(oneSided.code).toBe('insufficient_data');
    // the floor can be lowered on purpose
    expect(
      learnFitModel(group('A', 8, 4), { fields: ['source'], minSamples: 8, minPerClass: 4 })
        .samples,
    ).toBe(8);
  });

  it('rejects bad samples and options with their paths', () => {
    const cases: [() => unknown, string, { code: string; path: unknown[] }][] = [
      [
        () => learnFitModel(history, { fields: [] }),
        'invalid_options',
        { code: 'too_small', path: ['fields'] },
      ],
      [
        () => learnFitModel(history, { fields: ['source'], smoothing: 0 }),
        'invalid_options',
        { code: 'too_small', path: ['smoothing'] },
      ],
      [
        () => learnFitModel(history, { fields: ['source'], typo: 1 } as LearnFitModelOptions),
        'invalid_options',
        { code: 'unrecognized_keys', path: ['typo'] },
      ],
      [
        () =>
          learnFitModel([{ attributes: {}, converted: 'yes' } as unknown as FitSample], {
            fields: ['x'],
          }),
        'invalid_samples',
        { code: 'invalid_type', path: [0, 'converted'] },
      ],
      [
        () =>
          learnFitModel([...history, { attributes: { source: { a: 1 } }, converted: true }], {
            fields: ['source'],
          }),
        'invalid_samples',
        { code: 'invalid_type', path: [60, 'attributes', 'source'] },
      ],
    ];
    for (const [run, code, issue] of cases) {
      const error = thrown(run);
      expect([error.code, issueCodesAndPaths(error)]).toEqual([code, [issue]]);
    }
  });

  it('does not change its input', () => {
    const before = structuredClone(history);
    learnFitModel(history, { fields: ['source'] });
    expect(history).toEqual(before);
  });
});
