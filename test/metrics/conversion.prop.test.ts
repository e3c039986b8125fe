import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  type ConversionOptions,
  type ConversionRow,
  conversion,
  type RateInterval,
} from '../../src/index.js';
import { asOfArb, journeysArb, pipeline, START, STEP, stageIds } from './arbitraries.js';

const RUNS = 250;

/** A rate is null or in [0, 1]; a non-null rate has an interval around it inside [0, 1]. */
function expectRateAndInterval(rate: number | null, interval: RateInterval): void {
  if (rate === null) {
    expect(interval).toEqual({ lower: null, upper: null });
    return;
  }
  const { lower, upper } = interval;
  if (lower === null || upper === null) throw new Error(`No interval around the rate ${rate}`);
  expect(lower).toBeGreaterThanOrEqual(0);
  expect(lower).toBeLessThanOrEqual(rate);
  expect(rate).toBeLessThanOrEqual(upper);
  expect(upper).toBeLessThanOrEqual(1);
}

function expectUnitOrNull(value: number | null): void {
  if (value === null) return;
  expect(value).toBeGreaterThanOrEqual(0);
  expect(value).toBeLessThanOrEqual(1);
}

/** Counts add up, never increase along the pipeline, and every rate is a proportion. */
function expectCohortRows(rows: readonly ConversionRow[]): void {
  expect(rows.map((row) => row.stage)).toEqual(stageIds);
  rows.forEach((row, index) => {
    const isLast = index === rows.length - 1;
    const exited = row.exited ?? Number.NaN;
    const open = row.open ?? Number.NaN;
    expect(row.reached).toBe(row.advanced + row.late + exited + open + (isLast ? row.won : 0));
    if (!isLast) {
      expect(row.won).toBe(0);
      expect((rows[index + 1] as ConversionRow).reached).toBeLessThanOrEqual(row.reached);
    } else {
      expect(row.rate).toBeNull();
      expect(row.resolvedRate).toBeNull();
    }
    expectUnitOrNull(row.rate);
    expectUnitOrNull(row.resolvedRate);
    expectRateAndInterval(row.rate, row.interval);
  });
}

/** Cohort-mode, implied-passage options: asOf, `by: 'origin'`, and maybe within, a window, a confidence. */
const cohortOptionsArb: fc.Arbitrary<ConversionOptions> = fc
  .record(
    {
      asOf: asOfArb,
      within: fc.integer({ min: 0, max: 30 }),
      cohort: fc.record({
        start: fc.integer({ min: 0, max: 240 }),
        length: fc.integer({ min: 0, max: 200 }),
        stage: fc.constantFrom(...stageIds),
      }),
      confidence: fc.constantFrom(0.5, 0.9, 0.95, 0.999),
    },
    { requiredKeys: ['asOf'] },
  )
  .map(({ cohort, ...rest }) => ({
    ...rest,
    by: 'origin',
    ...(cohort && {
      cohort: {
        start: new Date(START + cohort.start * STEP).toISOString(),
        end: new Date(START + (cohort.start + cohort.length) * STEP).toISOString(),
        stage: cohort.stage,
      },
    }),
  }));

describe('conversion (cohort mode, implied passage)', () => {
  test.prop([journeysArb(), cohortOptionsArb], { numRuns: RUNS })(
    'counts add up and never increase, rates and intervals are proportions, groups sum to the whole',
    (journeys, options) => {
      const result = conversion(pipeline, journeys, options);
      expect(result.mode).toBe('cohort');
      expectCohortRows(result.stages);
      expectUnitOrNull(result.overall.rate);
      expectRateAndInterval(result.overall.rate, result.overall.interval);
      expect(result.overall.converted).toBeLessThanOrEqual(result.overall.reached);

      const groups = result.groups ?? [];
      for (const group of groups) {
        expectCohortRows(group.stages);
        expectRateAndInterval(group.overall.rate, group.overall.interval);
        expect(group.overall.converted).toBeLessThanOrEqual(group.overall.reached);
      }
      const sum = (pick: (index: number, rows: readonly ConversionRow[]) => number) =>
        stageIds.map((_, index) =>
          groups.reduce((total, group) => total + pick(index, group.stages), 0),
        );
      const row = (rows: readonly ConversionRow[], index: number) => rows[index] as ConversionRow;
      expect(sum((index, rows) => row(rows, index).reached)).toEqual(
        result.stages.map((stage) => stage.reached),
      );
      expect(sum((index, rows) => row(rows, index).advanced)).toEqual(
        result.stages.map((stage) => stage.advanced),
      );
      expect(groups.reduce((total, group) => total + group.overall.reached, 0)).toBe(
        result.overall.reached,
      );
      expect(groups.reduce((total, group) => total + group.overall.converted, 0)).toBe(
        result.overall.converted,
      );
    },
  );
});

describe('conversion options are monotone', () => {
  test.prop(
    [
      journeysArb(),
      asOfArb,
      fc.integer({ min: 0, max: 30 }),
      fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    ],
    { numRuns: RUNS },
  )('a higher `within` never lowers `advanced`', (journeys, asOf, low, extra) => {
    const tight = conversion(pipeline, journeys, { asOf, within: low });
    // No `within` at all is the highest: every advance counts.
    const loose = conversion(pipeline, journeys, {
      asOf,
      ...(extra !== undefined && { within: low + extra }),
    });
    tight.stages.forEach((row, index) => {
      const other = loose.stages[index] as ConversionRow;
      expect(row.reached).toBe(other.reached);
      expect(row.advanced).toBeLessThanOrEqual(other.advanced);
      expect(row.advanced + row.late).toBe(other.advanced + other.late);
    });
    expect(tight.overall.converted).toBeLessThanOrEqual(loose.overall.converted);
  });

  test.prop([journeysArb(), asOfArb], { numRuns: RUNS })(
    "`skipped: 'strict'` never gives a higher reached count than implied",
    (journeys, asOf) => {
      const implied = conversion(pipeline, journeys, { asOf, by: 'origin' });
      const strict = conversion(pipeline, journeys, { asOf, by: 'origin', skipped: 'strict' });
      strict.stages.forEach((row, index) => {
        expect(row.reached).toBeLessThanOrEqual((implied.stages[index] as ConversionRow).reached);
      });
      expect(strict.overall.reached).toBeLessThanOrEqual(implied.overall.reached);
    },
  );
});
