import { describe, expect, it } from 'vitest';
import { calibrateThreshold, type ScoreSample } from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

const history: ScoreSample[] = [
  { score: 90, converted: true },
  { score: 80, converted: true },
  { score: 80, converted: false },
  { score: 60, converted: false },
  { score: 40, converted: true },
  { score: 20, converted: false },
];

describe('calibrateThreshold', () => {
  it('builds the table Marketing and Sales sit down with', () => {
    const result = calibrateThreshold(history, { thresholds: [75, 50, 95] });
    // base rate 3 / 6 = 0.5
    expect([result.samples, result.converted, result.baseRate]).toEqual([6, 3, 0.5]);
    expect(result.rows).toEqual([
      // ≥ 50: 90✓ 80✓ 80✗ 60✗ → 4 leads, 2 converted; below: 40✓ 20✗ → 1 / 2
      {
        threshold: 50,
        volume: 4,
        share: 4 / 6,
        converted: 2,
        precision: 0.5,
        recall: 2 / 3,
        conversionBelow: 0.5,
        lift: 1,
      },
      // ≥ 75: 90✓ 80✓ 80✗ → 3, 2 converted; below: 60✗ 40✓ 20✗ → 1 / 3; lift (2/3) / 0.5
      {
        threshold: 75,
        volume: 3,
        share: 0.5,
        converted: 2,
        precision: 2 / 3,
        recall: 2 / 3,
        conversionBelow: 1 / 3,
        lift: 4 / 3,
      },
      // ≥ 95: nobody passes: precision and lift are empty, not zero
      {
        threshold: 95,
        volume: 0,
        share: 0,
        converted: 0,
        precision: null,
        recall: 0,
        conversionBelow: 0.5,
        lift: null,
      },
    ]);
  });

  it('computes the ROC AUC by hand: 6.5 of 9 pairs ordered, the tie counting ½', () => {
    // converted 90, 80, 40 against not 80, 60, 20:
    // 90 beats all three (3); 80 ties 80 (½) and beats 60, 20 (2); 40 beats only 20 (1) → 6.5 / 9
    expect(calibrateThreshold(history).auc).toBe(6.5 / 9);
    expect(calibrateThreshold(history.map((s) => ({ ...s, score: -s.score }))).auc).toBe(2.5 / 9);
  });

  it('uses every distinct score as a threshold by default', () => {
    expect(calibrateThreshold(history).rows.map((row) => row.threshold)).toEqual([
      20, 40, 60, 80, 90,
    ]);
  });

  it('recommends the lowest threshold that reaches a precision', () => {
    const result = calibrateThreshold(history, { targetPrecision: 0.6 });
    // precision: ≥20 0.5, ≥40 0.6, ≥60 0.5, ≥80 0.667, ≥90 1
    expect(result.recommend).toMatchObject({ threshold: 40, by: 'precision' });
    expect(calibrateThreshold(history, { targetPrecision: 1 }).recommend?.threshold).toBe(90);
  });

  it('recommends the highest threshold that still gives Sales the volume asked for', () => {
    // volume: ≥20 6, ≥40 5, ≥60 4, ≥80 3, ≥90 1
    expect(calibrateThreshold(history, { targetVolume: 3 }).recommend).toMatchObject({
      threshold: 80,
      by: 'volume',
    });
    expect(calibrateThreshold(history, { targetShare: 0.8 }).recommend).toMatchObject({
      threshold: 40,
      by: 'share',
    });
    expect(calibrateThreshold(history, { targetVolume: 7 }).recommend).toBeNull();
  });

  it("recommends by Youden's J without a target", () => {
    // J = recall − false-positive rate: ≥20 1−1=0, ≥40 1−2/3=1/3, ≥60 2/3−2/3=0, ≥80 2/3−1/3=1/3, ≥90 1/3−0=1/3;
    // ties go to the higher threshold
    expect(calibrateThreshold(history).recommend).toMatchObject({ threshold: 90, by: 'youden' });
  });

  it('is empty, not zero, without samples or without one of the outcomes', () => {
    expect(calibrateThreshold([], { thresholds: [50] })).toEqual({
      samples: 0,
      converted: 0,
      baseRate: null,
      auc: null,
      rows: [
        {
          threshold: 50,
          volume: 0,
          share: null,
          converted: 0,
          precision: null,
          recall: null,
          conversionBelow: null,
          lift: null,
        },
      ],
      recommend: null,
    });
    const allWon = calibrateThreshold([
      { score: 1, converted: true },
      { score: 2, converted: true },
    ]);
    expect([allWon.auc, allWon.recommend]).toEqual([null, null]);
  });

  it('does not change its input', () => {
    const samples = history.map((sample) => ({ ...sample }));
    const thresholds = [75, 50];
    calibrateThreshold(samples, { thresholds });
    expect([samples, thresholds]).toEqual([history, [75, 50]]);
  });

  it('rejects bad samples and options with their paths', () => {
    const cases: [() => unknown, string, { code: string; path: unknown[] }][] = [
      [
        () => calibrateThreshold([{ score: Number.NaN, converted: true }]),
        'invalid_samples',
        { code: 'invalid_type', path: [0, 'score'] },
      ],
      [
        () => calibrateThreshold([{ score: 1, converted: 1 } as unknown as ScoreSample]),
        'invalid_samples',
        { code: 'invalid_type', path: [0, 'converted'] },
      ],
      [
        () => calibrateThreshold(history, { targetPrecision: 1.5 }),
        'invalid_options',
        { code: 'out_of_range', path: ['targetPrecision'] },
      ],
      [
        () => calibrateThreshold(history, { targetVolume: 2, targetPrecision: 0.5 }),
        'invalid_options',
        { code: 'too_many_targets', path: ['targetPrecision'] },
      ],
      [
        () => calibrateThreshold(history, { thresholds: [50, Number.POSITIVE_INFINITY] }),
        'invalid_options',
        { code: 'invalid_type', path: ['thresholds', 1] },
      ],
    ];
    for (const [run, code, issue] of cases) {
      const error = thrown(run);
      expect([error.code, issueCodesAndPaths(error)]).toEqual([code, [issue]]);
    }
  });
});
