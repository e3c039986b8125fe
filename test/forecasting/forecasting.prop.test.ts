import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { solveAbsorbingChain } from '../../src/forecasting/absorbingChain.js';
import {
  forecastAccuracy,
  type JourneyEventInput,
  type JourneyInput,
  type OutcomeKind,
  pipelineCoverage,
  pipelineWaterfall,
  presets,
  pushRate,
  salesVelocity,
  stageWinProbabilities,
  weightedPipeline,
} from '../../src/index.js';
import { nonFinitePaths } from '../helpers.js';

// Journeys with a random close-date history on a small day grid, so that forecasts, outcomes,
// period bounds and snapshots often fall on the same instant.
const pipeline = presets.buyingPipeline;
const stageIds = pipeline.stages.map((stage) => stage.id);
const DAY = 86_400_000;
const BASE = Date.UTC(2026, 0, 1);
const GRID = 60;
const dayArb = fc.integer({ min: 0, max: GRID });
/** A day on the grid, as an ISO date, epoch ms or a Date (every input form). */
const timeOf = (day: number, form: number) => {
  const ms = BASE + day * DAY;
  return form === 0 ? new Date(ms).toISOString().slice(0, 10) : form === 1 ? ms : new Date(ms);
};
const formArb = fc.integer({ min: 0, max: 2 });
const amountArb = fc.option(
  fc.oneof(
    fc.integer({ min: 0, max: 100_000 }).map(String),
    fc.constantFrom('0.01', '1234.56', '99.9'),
  ),
  { nil: undefined },
);

const eventArb: fc.Arbitrary<JourneyEventInput> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ stage: fc.constantFrom(...stageIds), day: dayArb, form: formArb }).map(
      ({ stage, day, form }): JourneyEventInput => ({
        type: 'stage',
        stage,
        at: timeOf(day, form),
      }),
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ day: dayArb, close: dayArb, amount: amountArb, form: formArb })
      .map(
        ({ day, close, amount, form }): JourneyEventInput =>
          amount === undefined
            ? { type: 'forecast', at: timeOf(day, form), closeDate: timeOf(close, form) }
            : { type: 'forecast', at: timeOf(day, form), closeDate: timeOf(close, form), amount },
      ),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        outcome: fc.constantFrom<OutcomeKind>('won', 'lost', 'disqualified', 'recycled'),
        day: dayArb,
        form: formArb,
      })
      .map(
        ({ outcome, day, form }): JourneyEventInput => ({
          type: 'outcome',
          outcome,
          at: timeOf(day, form),
        }),
      ),
  },
);

const journeysArb: fc.Arbitrary<JourneyInput[]> = fc
  .array(
    fc.record({
      events: fc.array(eventArb, { maxLength: 8 }),
      amount: amountArb,
      category: fc.constantFrom('pipeline', 'best_case', 'commit', undefined),
    }),
    { maxLength: 25 },
  )
  .map((bodies) =>
    bodies.map(({ events, amount, category }, index) => ({
      id: `j${index}`,
      events,
      ...(amount !== undefined && { amount }),
      ...(category !== undefined && { attributes: { forecastCategory: category } }),
    })),
  );

const periodArb = fc
  .record({
    start: dayArb,
    length: fc.integer({ min: 0, max: 30 }),
    snapshotShift: fc.integer({ min: -5, max: 30 }),
  })
  .map(({ start, length, snapshotShift }) => {
    const snapshot = Math.min(start + snapshotShift, start + length - 1);
    return {
      period: { start: timeOf(start, 0), end: timeOf(start + length, 0) },
      snapshot: length > 0 ? timeOf(snapshot, 1) : undefined,
    };
  });

const RUNS = 200;

describe('pushRate', () => {
  test.prop([journeysArb, periodArb], { numRuns: RUNS })(
    'won + lost + pushed = committed, by count and by value',
    (journeys, { period, snapshot }) => {
      const result = pushRate(
        pipeline,
        journeys,
        snapshot === undefined ? { period } : { period, snapshot },
      );
      expect(result.won + result.lost + result.pushed).toBe(result.committed);
      expect(
        result.wonValue.plus(result.lostValue).plus(result.pushedValue).eq(result.committedValue),
      ).toBe(true);
      expect(result.pushedDeals.length).toBe(result.pushed);
      if (result.rate !== null) expect(result.rate >= 0 && result.rate <= 1).toBe(true);
      expect(nonFinitePaths(result)).toEqual([]);
    },
  );
});

describe('pipelineWaterfall', () => {
  test.prop([journeysArb, periodArb], { numRuns: RUNS })(
    'start + created + pulled in − won − lost − pushed out = end, exactly',
    (journeys, { period }) => {
      const w = pipelineWaterfall(pipeline, journeys, period);
      const flows = ['created', 'pulledIn'] as const;
      const exits = ['won', 'lost', 'pushedOut'] as const;
      const count =
        w.openAtStart.count +
        flows.reduce((total, name) => total + w[name].count, 0) -
        exits.reduce((total, name) => total + w[name].count, 0);
      expect(count).toBe(w.openAtEnd.count);
      const value = exits.reduce(
        (total, name) => total.minus(w[name].value),
        flows.reduce((total, name) => total.plus(w[name].value), w.openAtStart.value),
      );
      expect(value.eq(w.openAtEnd.value)).toBe(true);
      // The opening pipeline is pushRate's commit at the period start.
      expect(w.openAtStart.count).toBe(pushRate(pipeline, journeys, { period }).committed);
      expect(nonFinitePaths(w)).toEqual([]);
    },
  );
});

describe('no NaN anywhere', () => {
  test.prop([journeysArb, periodArb, dayArb], { numRuns: 100 })(
    'every calculator returns finite numbers or null',
    (journeys, { period, snapshot }, asOfDay) => {
      const asOf = timeOf(asOfDay, 0);
      const results = [
        forecastAccuracy(pipeline, journeys, {
          periods: [snapshot === undefined ? period : { ...period, snapshot }],
          byCategory: true,
        }),
        pipelineCoverage(pipeline, journeys, { asOf, period, target: '50000' }),
        salesVelocity(pipeline, journeys, { asOf }),
        stageWinProbabilities(pipeline, journeys, { asOf }),
        weightedPipeline(pipeline, journeys, { asOf, byCategory: true }),
      ];
      expect(nonFinitePaths(results)).toEqual([]);
      const accuracy = results[0] as ReturnType<typeof forecastAccuracy>;
      // The forecast is pushRate's committed value.
      const push = pushRate(
        pipeline,
        journeys,
        snapshot === undefined ? { period } : { period, snapshot },
      );
      expect(accuracy.forecast.eq(push.committedValue)).toBe(true);
      // Categories split the totals exactly.
      const parts = accuracy.categories ?? [];
      expect(
        parts
          .reduce((total, group) => total.plus(group.actual), accuracy.actual.times(0))
          .eq(accuracy.actual),
      ).toBe(true);
      const coverage = results[1] as ReturnType<typeof pipelineCoverage>;
      expect(coverage.remaining.isNegative()).toBe(false);
      expect(coverage.coverage === null).toBe(coverage.attained);
      const weighted = results[4] as ReturnType<typeof weightedPipeline>;
      expect(weighted.weightedValue.lte(weighted.value)).toBe(true);
      for (const row of (results[3] as ReturnType<typeof stageWinProbabilities>).stages) {
        if (row.probability !== null)
          expect(row.probability >= 0 && row.probability <= 1).toBe(true);
      }
    },
  );
});

describe('absorbing chain', () => {
  const size = 4;
  const weightArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 }));
  test.prop(
    [
      fc.array(fc.array(weightArb, { minLength: size, maxLength: size }), {
        minLength: size,
        maxLength: size,
      }),
      fc.array(fc.array(weightArb, { minLength: 2, maxLength: 2 }), {
        minLength: size,
        maxLength: size,
      }),
    ],
    { numRuns: 300 },
  )('solves p = Q·p + r and t = 1 + Q·t, with won + lost = 1', (transient, absorbing) => {
    const rows = solveAbsorbingChain(transient, absorbing);
    rows.forEach((row, i) => {
      if (row.gap !== null) {
        expect([row.absorption, row.moves]).toEqual([null, null]);
        return;
      }
      const out = transient[i] as number[];
      const ends = absorbing[i] as number[];
      const total = out.reduce((a, b) => a + b, 0) + (ends[0] as number) + (ends[1] as number);
      const [won, lost] = row.absorption as number[];
      expect((won as number) + (lost as number)).toBeCloseTo(1, 9);
      // One step: p_i = Σ_j Q_ij p_j + R_i,won over states with an answer (a solvable state only moves to those).
      let next = (ends[0] as number) / total;
      let moves = 1;
      out.forEach((weight, j) => {
        if (weight === 0) return;
        const other = rows[j];
        expect(other?.gap).toBeNull();
        next += (weight / total) * ((other?.absorption?.[0] as number) ?? 0);
        moves += (weight / total) * ((other?.moves as number) ?? 0);
      });
      expect(won).toBeCloseTo(next, 9);
      expect(row.moves).toBeCloseTo(moves, 7);
    });
  });
});
