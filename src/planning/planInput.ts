import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { amountSchema, dateSchema } from '../journey/schemas.js';
import { confidenceSchema } from '../metrics/options.js';
import type { Decimal, MoneyInput } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import { fail, shown } from '../stats/validate.js';
import type { DateInput } from '../time/readDate.js';
import { type DurationSource, type DurationsInput, readDurations } from './durations.js';
import { type Fraction, fractionOf } from './fraction.js';
import { plannedFrom, type RatesInput, type ResolvedRate, readRates } from './rates.js';

/**
 * What {@link planFromRevenue} plans from.
 *
 * @example
 * ```ts
 * const input: PlanFromRevenueInput = {
 *   revenueGoal: 1_200_000,
 *   averageDealSize: 20_000,
 *   rates: { lead: 0.4, qualified_lead: 0.5, prospect: 0.3 },
 *   confidence: 0.9,
 *   costPerEntry: { lead: 150 },
 *   capacity: { qualified_lead: 40, prospect: 12 },
 *   months: 12,
 * };
 * ```
 */
export interface PlanFromRevenueInput {
  /** The revenue to win, money above 0. */
  readonly revenueGoal: MoneyInput;
  /** The average won deal, money above 0. The plan needs ⌈revenueGoal ÷ averageDealSize⌉ deals. */
  readonly averageDealSize: MoneyInput;
  /** Per stage, the conversion to the next stage; the plan starts at the earliest stage with a rate. */
  readonly rates: RatesInput;
  /** With it, `requiredAtConfidence`: counts that meet the goal with this probability, in (0, 1). */
  readonly confidence?: number;
  /** The date the deals must be won by; needs `asOf` and `durations` for every planned stage. */
  readonly deadline?: DateInput;
  /** Now: the moment the plan is made (the library never reads the clock). */
  readonly asOf?: DateInput;
  /** Days from entering each stage to entering the next, or a velocity() result (its medians). */
  readonly durations?: DurationsInput;
  /** Open journeys now at each planned stage (not the last: won deals are not open). */
  readonly existing?: Readonly<Record<string, number>>;
  /** The cost of one new entry per stage id; one amount means the first planned stage. */
  readonly costPerEntry?: MoneyInput | Readonly<Record<string, MoneyInput>>;
  /** Entries one person handles per month, per stage id. Needs `months`, or `asOf` and `deadline`. */
  readonly capacity?: Readonly<Record<string, number>>;
  /** The months over which the new entries come (default: the time left before the deadline). */
  readonly months?: number;
}

/** The input after validation, per stage index of the pipeline. */
export interface ResolvedPlanInput {
  readonly goal: Decimal;
  readonly dealSize: Decimal;
  /** The first and last planned stage indexes (the last is the pipeline's last stage). */
  readonly first: number;
  readonly last: number;
  readonly rates: readonly (ResolvedRate | null)[];
  readonly confidence: number | null;
  readonly deadline: Date | null;
  readonly asOf: Date | null;
  readonly durations: readonly (number | null)[] | null;
  readonly durationSource: DurationSource | null;
  readonly existing: readonly number[];
  readonly costPerEntry: readonly (Decimal | null)[] | null;
  readonly capacity: readonly (Fraction | null)[] | null;
  readonly months: Fraction | null;
}

const positiveAmount = /* @__PURE__ */ amountSchema.refine((amount) => !amount.isZero(), {
  message: 'Expected an amount above 0, received 0',
  params: { code: 'too_small' },
});

const inputSchema = /* @__PURE__ */ z.strictObject({
  revenueGoal: positiveAmount,
  averageDealSize: positiveAmount,
  rates: z.unknown().refine((value) => value !== undefined, {
    message: 'Expected rates per stage, received nothing',
    params: { code: 'invalid_type' },
  }),
  confidence: confidenceSchema,
  deadline: dateSchema.exactOptional(),
  asOf: dateSchema.exactOptional(),
  durations: z.unknown().exactOptional(),
  existing: z.record(z.string(), z.number().int().nonnegative()).exactOptional(),
  costPerEntry: z.unknown().exactOptional(),
  capacity: z.record(z.string(), z.number().positive().finite()).exactOptional(),
  months: z.number().positive().finite().exactOptional(),
});

const costRecordSchema = /* @__PURE__ */ z.record(z.string(), amountSchema);

/**
 * Places per-stage values given by stage id at their stage index, rejecting unknown stages and
 * stages outside the plan.
 */
function byStage<Value, Out>(
  pipeline: Pipeline,
  record: Readonly<Record<string, Value>> | undefined,
  name: string,
  allowed: (index: number) => boolean,
  convert: (value: Value) => Out,
  where: string,
): (Out | null)[] {
  const out: (Out | null)[] = pipeline.stages.map(() => null);
  for (const [stage, value] of Object.entries(record ?? {})) {
    const index = pipeline.stages.findIndex((candidate) => candidate.id === stage);
    if (index < 0) fail(where, 'unknown_stage', [name, stage], `Unknown stage "${stage}"`);
    if (!allowed(index)) {
      fail(
        where,
        'unplanned_stage',
        [name, stage],
        `Stage "${stage}" is not one the plan counts new entries at (from the first stage with a rate to the stage before the last)`,
      );
    }
    out[index] = convert(value);
  }
  return out;
}

function readCosts(
  pipeline: Pipeline,
  value: unknown,
  first: number,
  last: number,
  where: string,
): (Decimal | null)[] | null {
  if (value === undefined) return null;
  const isRecord =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !('toFixed' in (value as object));
  if (!isRecord) {
    const amount = parseOrThrow(amountSchema, value, 'invalid_options', where, ['costPerEntry']);
    return pipeline.stages.map((_, index) => (index === first ? amount : null));
  }
  const costs = parseOrThrow(costRecordSchema, value, 'invalid_options', where, ['costPerEntry']);
  return byStage(
    pipeline,
    costs,
    'costPerEntry',
    (index) => index >= first && index <= last,
    (amount) => amount,
    where,
  );
}

/** Validates the input of {@link planFromRevenue}. */
export function readPlanInput(
  pipeline: Pipeline,
  input: PlanFromRevenueInput,
  where: string,
): ResolvedPlanInput {
  const parsed = parseOrThrow(inputSchema, input, 'invalid_options', where);
  const read = readRates(pipeline, parsed.rates, where);
  const first = plannedFrom(pipeline, read, where);
  const last = pipeline.stages.length - 1;
  const planned = (index: number) => index >= first && index < last;
  const existing = byStage(
    pipeline,
    parsed.existing,
    'existing',
    planned,
    (count) => count,
    where,
  ).map((count) => count ?? 0);
  const durations =
    parsed.durations === undefined ? null : readDurations(pipeline, parsed.durations, where);
  const deadline = parsed.deadline ?? null;
  const asOf = parsed.asOf ?? null;
  if (deadline !== null) {
    if (asOf === null) {
      fail(where, 'missing_as_of', ['asOf'], 'A deadline needs asOf (now), to tell what is late');
    }
    for (let index = first; index < last; index += 1) {
      if (durations?.days[index] == null) {
        const stage = pipeline.stages[index]?.id as string;
        fail(
          where,
          'missing_duration',
          durations ? [...(durations.paths[index] ?? [])] : ['durations'],
          `A deadline needs the days from "${stage}" to the next stage`,
        );
      }
    }
  }
  const capacity =
    parsed.capacity === undefined
      ? null
      : byStage(
          pipeline,
          parsed.capacity,
          'capacity',
          planned,
          (count) => fractionOf(count),
          where,
        );
  if (capacity !== null && parsed.months === undefined && deadline === null) {
    fail(
      where,
      'missing_months',
      ['capacity'],
      `Capacity is per month: give months, or asOf and a deadline, received ${shown(parsed.months)} months`,
    );
  }
  return {
    goal: parsed.revenueGoal,
    dealSize: parsed.averageDealSize,
    first,
    last,
    rates: read.rates,
    confidence: parsed.confidence ?? null,
    deadline,
    asOf,
    durations: durations?.days ?? null,
    durationSource: durations?.source ?? null,
    existing,
    costPerEntry: readCosts(pipeline, parsed.costPerEntry, first, last - 1, where),
    capacity,
    months: parsed.months === undefined ? null : fractionOf(parsed.months),
  };
}
