import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  binomialTail,
  definePipeline,
  type PlanFromRevenueInput,
  planFromRevenue,
  projectForward,
  requiredTrials,
} from '../../src/index.js';

const RUNS = 200;

/** A five-stage pipeline: a, b, c, d, won. */
const pipeline = definePipeline({
  stages: ['a', 'b', 'c', 'd', 'won'].map((id) => ({ id, owner: 'sales' as const })),
  handoff: 'a',
});
const rated = ['a', 'b', 'c', 'd'] as const;

/** A rate in thousandths, (0, 1]. */
const rateArb = fc.integer({ min: 1, max: 1000 }).map((thousandths) => thousandths / 1000);

const inputArb = fc.record({
  deals: fc.integer({ min: 1, max: 400 }),
  dealSize: fc.integer({ min: 1, max: 100_000 }),
  rates: fc.tuple(rateArb, rateArb, rateArb, rateArb),
  existing: fc.tuple(
    fc.integer({ min: 0, max: 50 }),
    fc.integer({ min: 0, max: 50 }),
    fc.integer({ min: 0, max: 50 }),
    fc.integer({ min: 0, max: 50 }),
  ),
  withExisting: fc.boolean(),
});
type Generated = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

const ratesOf = (rates: readonly number[]) =>
  Object.fromEntries(rated.map((id, index) => [id, rates[index] as number]));

function planInput(generated: Generated): PlanFromRevenueInput {
  return {
    // The goal is a whole number of deals minus a little, so ⌈goal ÷ size⌉ = deals.
    revenueGoal: generated.deals * generated.dealSize - (generated.dealSize > 1 ? 0.5 : 0),
    averageDealSize: generated.dealSize,
    rates: ratesOf(generated.rates),
    ...(generated.withExisting && {
      existing: Object.fromEntries(rated.map((id, index) => [id, generated.existing[index] ?? 0])),
    }),
  };
}

/** Projects `count` entries at stage `from`, plus the plan's existing journeys after it. */
function wholeDealsFrom(
  plan: ReturnType<typeof planFromRevenue>,
  rates: readonly number[],
  from: number,
  count: number,
): number {
  const counts: Record<string, number> = { [rated[from] as string]: count };
  for (let k = from + 1; k < rated.length; k += 1) {
    counts[rated[k] as string] = plan.stages[k]?.existing ?? 0;
  }
  return projectForward(pipeline, { counts, rates: ratesOf(rates), averageDealSize: 1 }).wholeDeals;
}

describe('planFromRevenue: properties', () => {
  test.prop([inputArb], { numRuns: RUNS })(
    'projecting the plan forward reaches the goal, one fewer at any stage does not',
    (generated) => {
      const plan = planFromRevenue(pipeline, planInput(generated));
      expect(plan.deals).toBe(generated.deals);
      const top = plan.stages[0]?.required ?? 0;
      const projection = projectForward(pipeline, {
        counts: Object.fromEntries(
          rated.map((id, k) => [id, k === 0 ? top : (plan.stages[k]?.existing ?? 0)]),
        ),
        rates: ratesOf(generated.rates),
        averageDealSize: generated.dealSize,
      });
      expect(projection.wholeDeals).toBeGreaterThanOrEqual(plan.deals);
      expect(projection.expectedDeals).toBeGreaterThanOrEqual(plan.deals);
      for (let k = 0; k < rated.length; k += 1) {
        const required = plan.stages[k]?.required ?? 0;
        expect(wholeDealsFrom(plan, generated.rates, k, required)).toBeGreaterThanOrEqual(
          plan.deals,
        );
        if (required > 0) {
          expect(wholeDealsFrom(plan, generated.rates, k, required - 1)).toBeLessThan(plan.deals);
        }
      }
    },
  );

  test.prop([inputArb, fc.integer({ min: 1, max: 50 })], { numRuns: RUNS })(
    'a higher goal never needs fewer entries',
    (generated, more) => {
      const lower = planFromRevenue(pipeline, planInput(generated));
      const higher = planFromRevenue(
        pipeline,
        planInput({ ...generated, deals: generated.deals + more }),
      );
      lower.stages.forEach((row, k) => {
        expect(higher.stages[k]?.required).toBeGreaterThanOrEqual(row.required);
        expect(higher.stages[k]?.netNew).toBeGreaterThanOrEqual(row.netNew);
      });
    },
  );

  test.prop([inputArb, fc.integer({ min: 0, max: 3 }), rateArb], { numRuns: RUNS })(
    'higher rates never need more',
    (generated, stage, other) => {
      const rates = [...generated.rates];
      const current = rates[stage] as number;
      const [low, high] = current <= other ? [current, other] : [other, current];
      const withLow = planFromRevenue(
        pipeline,
        planInput({ ...generated, rates: rates.map((r, k) => (k === stage ? low : r)) as never }),
      );
      const withHigh = planFromRevenue(
        pipeline,
        planInput({ ...generated, rates: rates.map((r, k) => (k === stage ? high : r)) as never }),
      );
      withLow.stages.forEach((row, k) => {
        expect(withHigh.stages[k]?.required).toBeLessThanOrEqual(row.required);
        expect(withHigh.stages[k]?.netNew).toBeLessThanOrEqual(row.netNew);
      });
    },
  );

  test.prop([inputArb], { numRuns: RUNS })(
    'existing pipeline never increases net new',
    (generated) => {
      const without = planFromRevenue(pipeline, planInput({ ...generated, withExisting: false }));
      const withIt = planFromRevenue(pipeline, planInput({ ...generated, withExisting: true }));
      without.stages.forEach((row, k) => {
        expect(withIt.stages[k]?.netNew).toBeLessThanOrEqual(row.netNew);
      });
    },
  );

  test.prop(
    [
      fc.integer({ min: 1, max: 60 }),
      fc.tuple(rateArb, rateArb, rateArb, rateArb),
      fc.double({ min: 1 - 1 / Math.E, max: 0.999, noNaN: true }),
    ],
    { numRuns: 60 },
  )(
    'from confidence 1 − 1/e on, requiredAtConfidence ≥ ⌊deals ÷ p⌋ (required before rounding up)',
    (deals, rates, confidence) => {
      const plan = planFromRevenue(pipeline, {
        revenueGoal: deals,
        averageDealSize: 1,
        rates: ratesOf(rates),
        confidence,
      });
      plan.stages.slice(0, -1).forEach((row, k) => {
        // p = the product of the rates from this stage on, in exact thousandths.
        const thousandths = rates.slice(k).map((rate) => Math.round(rate * 1000));
        const numerator = BigInt(deals) * 1000n ** BigInt(thousandths.length);
        const denominator = thousandths.reduce((product, t) => product * BigInt(t), 1n);
        const unrounded = Number(numerator / denominator);
        expect(row.requiredAtConfidence).toBeGreaterThanOrEqual(unrounded);
      });
    },
  );
});

describe('requiredTrials: properties', () => {
  test.prop(
    [
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 1000 }).map((t) => t / 1000),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    ],
    { numRuns: RUNS },
  )(
    'is the smallest n with P(Bin(n, p) ≥ s) ≥ confidence',
    (successes, probability, confidence) => {
      const n = requiredTrials(successes, probability, confidence);
      expect(binomialTail(n, probability, successes)).toBeGreaterThanOrEqual(confidence - 1e-12);
      if (n > 0) {
        expect(binomialTail(n - 1, probability, successes)).toBeLessThan(confidence);
      }
    },
  );

  test.prop(
    [
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 1000 }).map((t) => t / 1000),
      fc.double({ min: 0.01, max: 0.98, noNaN: true }),
      fc.double({ min: 0, max: 0.01, noNaN: true }),
    ],
    { numRuns: RUNS },
  )('never decreases with the confidence', (successes, probability, confidence, more) => {
    expect(requiredTrials(successes, probability, confidence + more)).toBeGreaterThanOrEqual(
      requiredTrials(successes, probability, confidence),
    );
  });
});

describe('binomialTail: properties', () => {
  test.prop(
    [
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 1000 }).map((t) => t / 1000),
      fc.integer({ min: 0, max: 45 }),
    ],
    { numRuns: RUNS },
  )('equals the sum of the binomial probabilities', (trials, probability, atLeast) => {
    let total = 0;
    let coefficient = 1;
    for (let j = 0; j <= trials; j += 1) {
      if (j >= atLeast) total += coefficient * probability ** j * (1 - probability) ** (trials - j);
      coefficient = (coefficient * (trials - j)) / (j + 1);
    }
    expect(binomialTail(trials, probability, atLeast)).toBeCloseTo(total, 12);
  });
});
