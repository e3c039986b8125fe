import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { amountSchema } from '../journey/schemas.js';
import type { Decimal, MoneyInput } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import { fail } from '../stats/validate.js';
import { type Fraction, floorOf, plus, times, toNumber, wholeFraction } from './fraction.js';
import { type RatesInput, type ResolvedRate, readRates } from './rates.js';

/**
 * What {@link projectForward} projects.
 *
 * @example
 * ```ts
 * const input: ProjectForwardInput = {
 *   counts: { lead: 500, prospect: 12 },
 *   rates: { lead: 0.4, qualified_lead: 0.5, prospect: 0.3 },
 *   averageDealSize: 20_000,
 * };
 * ```
 */
export interface ProjectForwardInput {
  /** Journeys at (or entering) each stage now, per stage id: whole numbers ≥ 0. */
  readonly counts: Readonly<Record<string, number>>;
  /** Per stage, the conversion to the next (point estimates are used; see {@link RatesInput}). */
  readonly rates: RatesInput;
  /** The average won deal, money above 0. */
  readonly averageDealSize: MoneyInput;
}

/**
 * One stage of a {@link Projection}.
 *
 * @example
 * ```ts
 * const row: ProjectedStage = projectForward(pipeline, input).stages[0];
 * ```
 */
export interface ProjectedStage {
  /** The stage id. */
  readonly stage: string;
  /** The journeys you gave for this stage (0 when none). */
  readonly count: number;
  /** The conversion to the next stage; null on the last stage. */
  readonly rate: number | null;
  /** Expected journeys at this stage: count + rate(previous) × expected(previous). */
  readonly expected: number;
  /**
   * Whole journeys, rounding down at every step: count + ⌊rate(previous) × whole(previous)⌋.
   * This is the exact inverse of {@link planFromRevenue}'s rounding up: n entries reach the goal
   * here exactly when n ≥ the plan's `required`.
   */
  readonly whole: number;
}

/**
 * The result of {@link projectForward}.
 *
 * @example
 * ```ts
 * const projection: Projection = projectForward(pipeline, input);
 * projection.revenue.toFixed(2);
 * ```
 */
export interface Projection {
  /** From the first stage with a count to the last stage. */
  readonly stages: readonly ProjectedStage[];
  /** Expected deals: `expected` on the last stage. */
  readonly expectedDeals: number;
  /** Whole deals: `whole` on the last stage. */
  readonly wholeDeals: number;
  /** expected deals × average deal size (exact to 34 significant digits). */
  readonly revenue: Decimal;
  /** whole deals × average deal size. */
  readonly wholeRevenue: Decimal;
}

const inputSchema = /* @__PURE__ */ z.strictObject({
  counts: z.record(z.string(), z.number().int().nonnegative()),
  rates: z.unknown(),
  averageDealSize: amountSchema.refine((amount) => !amount.isZero(), {
    message: 'Expected an amount above 0, received 0',
    params: { code: 'too_small' },
  }),
});

/**
 * Projects journeys forward through the pipeline: from the journeys now at each stage and the
 * conversion between stages, the expected entries into each later stage, the expected deals and
 * the revenue — the forward view of {@link planFromRevenue}.
 *
 * Exact rational arithmetic; `expected` is the expectation, `whole` rounds down to whole journeys
 * at every step (so that projecting a plan's `required` reaches its deals, and one fewer does not).
 * Every stage from the first with a count to the one before the last needs a rate.
 *
 * @param pipeline - the pipeline
 * @param input - see {@link ProjectForwardInput}
 * @returns expected and whole journeys per stage, deals and revenue
 * @throws {@link PipelineError} `invalid_options`: a count that is not a whole number ≥ 0, a rate
 *   outside (0, 1], a stage without a rate after the first counted stage (`missing_rate`), unknown
 *   stages, a zero or negative deal size
 *
 * @example
 * ```ts
 * const projection = projectForward(presets.buyingPipeline, {
 *   counts: { prospect: 17 },
 *   rates: { prospect: 0.3 },
 *   averageDealSize: 10_000,
 * });
 * projection.expectedDeals; //=> 5.1
 * projection.wholeDeals; //=> 5
 * projection.revenue.toString(); //=> '51000'
 * ```
 */
export function projectForward(pipeline: Pipeline, input: ProjectForwardInput): Projection {
  const where = 'projectForward';
  const parsed = parseOrThrow(inputSchema, input, 'invalid_options', where);
  const stages = pipeline.stages;
  const last = stages.length - 1;
  const counts: number[] = stages.map(() => 0);
  let first = last + 1;
  for (const [stage, count] of Object.entries(parsed.counts)) {
    const index = stages.findIndex((candidate) => candidate.id === stage);
    if (index < 0) fail(where, 'unknown_stage', ['counts', stage], `Unknown stage "${stage}"`);
    counts[index] = count;
    first = Math.min(first, index);
  }
  if (first > last) {
    fail(where, 'too_small', ['counts'], 'Expected a count for at least one stage');
  }
  const { rates, paths } = readRates(pipeline, parsed.rates, where);
  for (let index = first; index < last; index += 1) {
    if (rates[index] === null) {
      fail(
        where,
        'missing_rate',
        [...(paths[index] ?? ['rates'])],
        `Stage "${stages[index]?.id}" has no rate, but journeys must pass it to reach the last stage`,
      );
    }
  }
  let expected: Fraction = wholeFraction(0);
  let whole = 0n;
  const rows: ProjectedStage[] = [];
  for (let index = first; index <= last; index += 1) {
    const count = counts[index] ?? 0;
    expected = plus(expected, wholeFraction(count));
    whole += BigInt(count);
    const rate = index < last ? (rates[index] as ResolvedRate) : null;
    rows.push({
      stage: stages[index]?.id as string,
      count,
      rate: rate === null ? null : rate.value,
      expected: toNumber(expected),
      whole: Number(whole),
    });
    if (rate !== null) {
      expected = times(expected, rate.point);
      whole = floorOf(times(wholeFraction(whole), rate.point));
    }
  }
  const dealSize = parsed.averageDealSize;
  return {
    stages: rows,
    expectedDeals: toNumber(expected),
    wholeDeals: Number(whole),
    revenue: dealSize
      .times(expected.numerator.toString())
      .dividedBy(expected.denominator.toString()),
    wholeRevenue: dealSize.times(whole.toString()),
  };
}
