import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { type ProgramEconomics, programEconomics } from '../../src/index.js';
import { nonFinitePaths } from '../helpers.js';
import { asOfArb, journeysArb, pipeline } from '../metrics/arbitraries.js';
import { centsOfAmount, keysArb, permute, spendArb } from './arbitraries.js';

const RUNS = 200;

const optionsArb = fc.record(
  { asOf: asOfArb, skipped: fc.constantFrom<'implied' | 'strict'>('implied', 'strict') },
  { requiredKeys: [] },
);

describe('programEconomics', () => {
  test.prop([journeysArb({ maxLength: 30 }), spendArb, optionsArb], { numRuns: RUNS })(
    'total spend, and the sum of the programs’ spend, equal the input spend exactly',
    (journeys, spend, options) => {
      const cents = spend.reduce((sum, line) => sum + centsOfAmount(line.amount as string), 0n);
      const expected = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
      const result = programEconomics(pipeline, journeys, spend, options);
      expect(result.total.spend.toFixed(2)).toBe(expected);
      const programs = result.programs.reduce(
        (sum, row) => sum + centsOfAmount(row.spend.toFixed(2)),
        0n,
      );
      expect(programs).toBe(cents);
      expect(result.total.spendLines).toBe(spend.length);
      expect(nonFinitePaths(result)).toEqual([]);
    },
  );

  test.prop(
    [journeysArb({ maxLength: 20 }), journeysArb({ maxLength: 20 }), spendArb, optionsArb],
    { numRuns: RUNS },
  )(
    'cost per entry never increases with more entries at the same spend',
    (journeys, more, spend, options) => {
      const before = programEconomics(pipeline, journeys, spend, options);
      const after = programEconomics(pipeline, [...journeys, ...more], spend, options);
      const rows: [ProgramEconomics, ProgramEconomics | undefined][] = [
        [before.total, after.total],
        ...before.programs.map((row): [ProgramEconomics, ProgramEconomics | undefined] => [
          row,
          after.programs.find((other) => other.program === row.program),
        ]),
      ];
      for (const [old, now] of rows) {
        if (!now) throw new Error(`program ${String(old.program)} disappeared`);
        expect(now.spend.equals(old.spend)).toBe(true);
        old.stages.forEach((stage, index) => {
          const later = now.stages[index];
          expect(later?.entries).toBeGreaterThanOrEqual(stage.entries);
          if (stage.costPerEntry !== null) {
            expect(later?.costPerEntry?.lte(stage.costPerEntry)).toBe(true);
          }
        });
        if (old.acquisitionCost !== null)
          expect(now.acquisitionCost?.lte(old.acquisitionCost)).toBe(true);
      }
    },
  );

  test.prop([journeysArb({ maxLength: 30 }), spendArb, optionsArb, keysArb, keysArb], {
    numRuns: RUNS,
  })(
    'does not depend on the order of the journeys or of the spend lines',
    (journeys, spend, options, a, b) => {
      expect(
        JSON.stringify(
          programEconomics(pipeline, permute(journeys, a), permute(spend, b), options),
        ),
      ).toBe(JSON.stringify(programEconomics(pipeline, journeys, spend, options)));
    },
  );

  test.prop([journeysArb({ maxLength: 30 }), spendArb, optionsArb], { numRuns: RUNS })(
    'counts every journey once, entries never increase along the pipeline, rates in [0, 1]',
    (journeys, spend, options) => {
      const { programs, total } = programEconomics(pipeline, journeys, spend, options);
      expect(total.journeys + total.outsidePeriods + total.unstaged).toBe(journeys.length);
      for (const row of [...programs, total]) {
        if (options.skipped !== 'strict') {
          row.stages.forEach((stage, index) => {
            if (index > 0)
              expect(stage.entries).toBeLessThanOrEqual(row.stages[index - 1]?.entries ?? 0);
          });
        }
        const { rate, interval } = row.conversion;
        if (rate !== null) {
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1);
          expect(interval.lower).toBeLessThanOrEqual(rate);
          expect(interval.upper).toBeGreaterThanOrEqual(rate);
        }
        expect(row.spendWithoutJourneys.lte(row.spend)).toBe(true);
      }
    },
  );
});
