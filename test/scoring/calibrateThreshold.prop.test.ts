import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { calibrateThreshold } from '../../src/index.js';

const samples = fc.array(
  fc.record({ score: fc.integer({ min: 0, max: 20 }), converted: fc.boolean() }),
  { maxLength: 60 },
);

/** The Mann–Whitney formulation, pair by pair: P(converted outscores not), ties ½. */
function pairwiseAuc(list: readonly { score: number; converted: boolean }[]): number | null {
  const won = list.filter((s) => s.converted);
  const lost = list.filter((s) => !s.converted);
  if (won.length === 0 || lost.length === 0) return null;
  let sum = 0;
  for (const a of won)
    for (const b of lost) sum += a.score > b.score ? 1 : a.score === b.score ? 0.5 : 0;
  return sum / (won.length * lost.length);
}

describe('calibrateThreshold properties', () => {
  test.prop([samples])('the AUC equals the pairwise Mann–Whitney statistic', (list) => {
    const auc = calibrateThreshold(list).auc;
    const expected = pairwiseAuc(list);
    if (expected === null) expect(auc).toBeNull();
    else expect(auc).toBeCloseTo(expected, 12);
  });

  test.prop([samples, fc.array(fc.integer({ min: -2, max: 22 }), { maxLength: 10 })])(
    'volume and conversions never increase with the threshold; rates lie in [0, 1] or are null',
    (list, thresholds) => {
      const { rows } = calibrateThreshold(list, { thresholds });
      rows.forEach((row, index) => {
        const previous = rows[index - 1];
        if (previous) {
          expect(row.threshold).toBeGreaterThan(previous.threshold);
          expect(row.volume).toBeLessThanOrEqual(previous.volume);
          expect(row.converted).toBeLessThanOrEqual(previous.converted);
        }
        expect(row.volume).toBe(list.filter((s) => s.score >= row.threshold).length);
        for (const rate of [row.share, row.precision, row.recall, row.conversionBelow]) {
          if (rate !== null) {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
        }
      });
    },
  );
});
