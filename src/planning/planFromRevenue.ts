import { type Decimal, Money } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import { fail } from '../stats/validate.js';
import { MS_PER_DAY } from '../time/days.js';
import type { DurationSource } from './durations.js';
import { entriesAtConfidence } from './entriesAtConfidence.js';
import {
  ceilDivide,
  type Fraction,
  fractionOf,
  times,
  toNumber,
  wholeFraction,
} from './fraction.js';
import { type PlanFromRevenueInput, type ResolvedPlanInput, readPlanInput } from './planInput.js';
import { RATE_DRAWS, RATE_PRIOR, RATE_SEED, rateScenarios } from './rateScenarios.js';
import type { RateSource, ResolvedRate } from './rates.js';

/** The average Gregorian month: 365.2425 ÷ 12 days. */
export const DAYS_PER_MONTH = 30.436875;

/**
 * One stage of a {@link RevenuePlan}.
 *
 * @example
 * ```ts
 * const row: PlanStage = planFromRevenue(pipeline, input).stages[0];
 * row.netNew; //=> new entries still to come into this stage
 * ```
 */
export interface PlanStage {
  /** The stage id. */
  readonly stage: string;
  /** The conversion to the next stage (the point estimate); null on the last stage. */
  readonly rate: number | null;
  /**
   * Journeys that must be at this stage (there now or entering later) for the expected wins to
   * reach the goal: `deals` on the last stage, ⌈netNew(next) ÷ rate⌉ before it, exactly.
   */
  readonly required: number;
  /**
   * With `confidence`: the journeys at this stage that meet the goal with that probability
   * (binomial tail over the rates from here to the end, with the existing journeys after this
   * stage); null without `confidence`.
   */
  readonly requiredAtConfidence: number | null;
  /** Open journeys now at this stage (from `existing`). */
  readonly existing: number;
  /** New entries into this stage still to come: max(0, required − existing). */
  readonly netNew: number;
  /** With `confidence`: max(0, requiredAtConfidence − existing); otherwise null. */
  readonly netNewAtConfidence: number | null;
  /** With `deadline`: the latest date entries into this stage can happen and still win in time. */
  readonly latestEntry: Date | null;
  /** With `costPerEntry` for this stage: netNew × cost per entry. */
  readonly cost: Decimal | null;
  /** With `costPerEntry` and `confidence`: netNewAtConfidence × cost per entry. */
  readonly costAtConfidence: Decimal | null;
  /** With `capacity` for this stage: ⌈netNew ÷ (capacity × months)⌉ people. */
  readonly people: number | null;
  /** With `capacity` and `confidence`: ⌈netNewAtConfidence ÷ (capacity × months)⌉ people. */
  readonly peopleAtConfidence: number | null;
}

/**
 * A planned stage whose latest entry date is already past (`asOf`): the deadline cannot be met
 * through it at the given durations.
 *
 * @example
 * ```ts
 * const late: TooLateStage = { stage: 'lead', latestEntry: new Date('2026-05-01'), daysLate: 30 };
 * ```
 */
export interface TooLateStage {
  /** The stage id. */
  readonly stage: string;
  /** The latest entry date it would have needed. */
  readonly latestEntry: Date;
  /** Days from that date to `asOf`. */
  readonly daysLate: number;
}

/**
 * What a {@link RevenuePlan} assumed, so that a reader can check it.
 *
 * @example
 * ```ts
 * planFromRevenue(pipeline, input).assumptions.confidenceMethod; //=> 'binomial'
 * ```
 */
export interface PlanAssumptions {
  /** The first planned stage: the earliest stage with a rate. */
  readonly from: string;
  /** The stage whose required journeys make `pipelineValue`: the handoff, or `from` when the plan starts after it. */
  readonly pipelineStage: string;
  /** Where each planned stage's rate came from. */
  readonly rateSources: Readonly<Record<string, RateSource>>;
  /** The confidence asked for, or null. */
  readonly confidence: number | null;
  /**
   * `'binomial'`: every rate a known number, exact binomial tails; `'beta-binomial simulation'`:
   * evidence rates drawn from their Beta posteriors (`draws` draws, fixed `seed`), exact binomial
   * tails given each draw; null without confidence.
   */
  readonly confidenceMethod: 'binomial' | 'beta-binomial simulation' | null;
  /** The prior of evidence rates, Beta(alpha, beta) (Jeffreys), when a simulation was run. */
  readonly prior: {
    /** The first shape, ½. */
    readonly alpha: number;
    /** The second shape, ½. */
    readonly beta: number;
  } | null;
  /** Draws of the simulation, or null. */
  readonly draws: number | null;
  /** The simulation's seed, or null. */
  readonly seed: number | null;
  /** Where the durations came from, or null. */
  readonly durations: DurationSource | null;
  /** The months the new entries are spread over (people), or null. */
  readonly months: number | null;
  /** Days in a month when months come from dates: 365.2425 ÷ 12. */
  readonly daysPerMonth: number;
}

/**
 * The result of {@link planFromRevenue}.
 *
 * @example
 * ```ts
 * const plan: RevenuePlan = planFromRevenue(presets.buyingPipeline, input);
 * plan.deals; //=> ⌈revenueGoal ÷ averageDealSize⌉
 * ```
 */
export interface RevenuePlan {
  /** Deals to win: ⌈revenueGoal ÷ averageDealSize⌉, exactly. */
  readonly deals: number;
  /** The planned stages, from the first with a rate to the last stage of the pipeline. */
  readonly stages: readonly PlanStage[];
  /**
   * required at the pipeline stage × averageDealSize, counted without existing journeys: the
   * pipeline to hold (existing journeys fill it, they do not shrink it).
   */
  readonly pipelineValue: Decimal;
  /** pipelineValue ÷ revenueGoal (1 ÷ the win rate from the pipeline stage, before rounding). */
  readonly requiredCoverage: number;
  /** The sum of the stages' costs; null without `costPerEntry`. */
  readonly totalCost: Decimal | null;
  /** The sum of the stages' costs at confidence; null without `costPerEntry` or `confidence`. */
  readonly totalCostAtConfidence: Decimal | null;
  /** Stages whose latest entry date is before `asOf`, earliest first (empty without a deadline). */
  readonly tooLate: readonly TooLateStage[];
  /** What the plan assumed. */
  readonly assumptions: PlanAssumptions;
}

const toCount = (value: bigint, where: string): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail(
      where,
      'too_big',
      ['revenueGoal'],
      `The plan needs more than ${Number.MAX_SAFE_INTEGER} entries at a stage: check the goal, deal size and rates`,
    );
  }
  return Number(value);
};

/** required and netNew per planned stage, by ⌈netNew(k + 1) ÷ rate(k)⌉ from the last stage back. */
function backwards(
  input: ResolvedPlanInput,
  deals: bigint,
): { required: bigint[]; netNew: bigint[] } {
  const count = input.last - input.first + 1;
  const required: bigint[] = new Array<bigint>(count).fill(0n);
  const netNew: bigint[] = new Array<bigint>(count).fill(0n);
  required[count - 1] = deals;
  netNew[count - 1] = deals;
  for (let k = count - 2; k >= 0; k -= 1) {
    const rate = input.rates[input.first + k] as ResolvedRate;
    const need = ceilDivide(wholeFraction(netNew[k + 1] as bigint), rate.point);
    const existing = BigInt(input.existing[input.first + k] ?? 0);
    required[k] = need;
    netNew[k] = need > existing ? need - existing : 0n;
  }
  return { required, netNew };
}

/** Dates: the latest entry per planned stage, counting back from the deadline. */
/** Whether any existing journeys are credited in the plan. */
const existingCredited = (input: ResolvedPlanInput): boolean =>
  input.existing.some((count) => (count ?? 0) > 0);

function latestEntries(input: ResolvedPlanInput): (Date | null)[] {
  const count = input.last - input.first + 1;
  const { deadline, durations } = input;
  if (deadline === null || durations === null) return new Array<Date | null>(count).fill(null);
  const dates: Date[] = [];
  let at = deadline.getTime();
  dates[count - 1] = new Date(at);
  for (let k = count - 2; k >= 0; k -= 1) {
    at -= Math.round((durations[input.first + k] as number) * MS_PER_DAY);
    dates[k] = new Date(at);
  }
  return dates;
}

/** The months new entries are spread over: given, or the time left before the first latest entry. */
function planMonths(input: ResolvedPlanInput, dates: readonly (Date | null)[]): Fraction | null {
  if (input.months !== null) return input.months;
  const firstLatest = dates[0];
  if (firstLatest == null || input.asOf === null) return null;
  const windowMs = firstLatest.getTime() - input.asOf.getTime();
  if (windowMs <= 0) return null;
  return times(wholeFraction(windowMs), {
    numerator: 1_000_000n,
    denominator: 30_436_875n * BigInt(MS_PER_DAY),
  });
}

function peopleFor(netNew: bigint, capacity: Fraction | null, months: Fraction | null) {
  if (capacity === null || months === null) return null;
  return ceilDivide(wholeFraction(netNew), times(capacity, months));
}

function sumCosts(costs: readonly (Decimal | null)[]): Decimal | null {
  let total: Decimal | null = null;
  for (const cost of costs) if (cost !== null) total = total === null ? cost : total.plus(cost);
  return total;
}

/**
 * Plans backwards from a revenue goal (seed 000, steps 6–8): the deals to win and at what price,
 * the journeys each stage needs given the conversion between stages, with a confidence the goal
 * is met, the latest date entries can happen before a deadline, the budget, and the people.
 *
 * - `deals = ⌈revenueGoal ÷ averageDealSize⌉`; on the last stage `required = deals`; before it
 *   `required(k) = ⌈netNew(k + 1) ÷ rate(k)⌉` and `netNew(k) = max(0, required(k) − existing(k))`,
 *   all in exact rational arithmetic (21 deals at 70% need 30, not 31). Without `existing`,
 *   `netNew = required` and `required(k) = ⌈required(k + 1) ÷ rate(k)⌉`.
 * - `requiredAtConfidence(k)`: the smallest n with P(Bin(n, p) + W ≥ deals) ≥ confidence, where
 *   p is the product of the rates from k to the end and W the wins of the existing journeys after
 *   k. Rates given as evidence or conversion() counts are uncertain: then the rates are drawn from
 *   their Beta posteriors (Jeffreys prior; {@link PlanAssumptions} records draws and seed) and the
 *   tail is averaged over the draws — a seeded, reproducible beta-binomial simulation.
 * - With `deadline` (and `asOf`, `durations`): `latestEntry(k) = deadline − Σ durations from k`;
 *   stages whose latest entry is already before `asOf` are listed in `tooLate` (data, not an error).
 * - `cost = netNew × costPerEntry`; `people = ⌈netNew ÷ (capacity × months)⌉`, months given or
 *   the time from `asOf` to the first stage's latest entry (a month is 365.2425 ÷ 12 days).
 * - `pipelineValue = required(handoff) × averageDealSize`: seed 002's 50% close rate and 100,000
 *   quota need 200,000 of pipeline.
 *
 * @param pipeline - the pipeline
 * @param input - see {@link PlanFromRevenueInput}
 * @returns the plan; counts are whole numbers, money is Decimal
 * @throws {@link PipelineError} `invalid_options`: a rate outside (0, 1] (path `['rates', stage]`),
 *   a zero or negative goal or deal size, a stage without a rate between rated stages
 *   (`missing_rate`, naming the stage), unknown stages, a deadline without `asOf` or durations,
 *   capacity without months
 *
 * @example
 * ```ts
 * const plan = planFromRevenue(presets.buyingPipeline, {
 *   revenueGoal: 100_000,
 *   averageDealSize: 20_000,
 *   rates: { qualified_lead: 0.5, prospect: 0.5 },
 * });
 * plan.deals; //=> 5
 * plan.stages.map((row) => [row.stage, row.required]);
 * //=> [['qualified_lead', 20], ['prospect', 10], ['customer', 5]]
 * plan.pipelineValue.toString(); //=> '400000'
 * ```
 */
export function planFromRevenue(pipeline: Pipeline, input: PlanFromRevenueInput): RevenuePlan {
  const where = 'planFromRevenue';
  const resolved = readPlanInput(pipeline, input, where);
  const { first, last } = resolved;
  const dealsBig = ceilDivide(fractionOf(resolved.goal), fractionOf(resolved.dealSize));
  const deals = toCount(dealsBig, where);
  const { required, netNew } = backwards(resolved, dealsBig);
  const plannedRates = resolved.rates.slice(first, last) as ResolvedRate[];
  const plannedExisting = resolved.existing.slice(first, last + 1);
  const confidence = resolved.confidence;
  const scenarios =
    confidence === null ? null : rateScenarios(plannedRates, plannedExisting, deals);
  const dates = latestEntries(resolved);
  const months = planMonths(resolved, dates);

  const stages = required.map((needed, k): PlanStage => {
    const index = first + k;
    const existing = plannedExisting[k] ?? 0;
    const isLast = index === last;
    const atConfidence =
      scenarios === null || confidence === null
        ? null
        : isLast
          ? deals
          : entriesAtConfidence(scenarios.byStage[k] ?? [], deals, confidence);
    if (atConfidence === null && confidence !== null) {
      fail(
        where,
        'too_small',
        ['rates'],
        'The rates are too small to meet the goal at this confidence with at most 2^52 entries',
      );
    }
    const netNewAtConfidence = atConfidence === null ? null : Math.max(0, atConfidence - existing);
    const costPerEntry = resolved.costPerEntry?.[index] ?? null;
    const capacity = resolved.capacity?.[index] ?? null;
    const newEntries = netNew[k] as bigint;
    const people = peopleFor(newEntries, capacity, months);
    const peopleAtConfidence =
      netNewAtConfidence === null ? null : peopleFor(BigInt(netNewAtConfidence), capacity, months);
    return {
      stage: pipeline.stages[index]?.id as string,
      rate: isLast ? null : (resolved.rates[index] as ResolvedRate).value,
      required: toCount(needed, where),
      requiredAtConfidence: atConfidence,
      existing,
      netNew: toCount(newEntries, where),
      netNewAtConfidence,
      latestEntry: dates[k] ?? null,
      cost: costPerEntry === null ? null : costPerEntry.times(newEntries.toString()),
      costAtConfidence:
        costPerEntry === null || netNewAtConfidence === null
          ? null
          : costPerEntry.times(netNewAtConfidence),
      people: people === null ? null : toCount(people, where),
      peopleAtConfidence: peopleAtConfidence === null ? null : toCount(peopleAtConfidence, where),
    };
  });

  const handoff = pipeline.stages.findIndex((stage) => stage.id === pipeline.handoff);
  const pipelineIndex = handoff >= first && handoff < last ? handoff : first;
  // The pipeline to hold is what the goal needs at the pipeline stage, existing journeys or not:
  // journeys already further down fill it, they do not shrink it (else 9 existing prospects
  // would make the pipeline to hold 0, and requiredCoverage would no longer be 1 ÷ win rate).
  const held = existingCredited(resolved)
    ? backwards({ ...resolved, existing: [] }, dealsBig).required
    : required;
  const pipelineValue = resolved.dealSize.times((held[pipelineIndex - first] as bigint).toString());
  const asOf = resolved.asOf;
  const tooLate: TooLateStage[] = [];
  if (asOf !== null) {
    for (const row of stages) {
      if (row.latestEntry !== null && row.latestEntry.getTime() < asOf.getTime()) {
        tooLate.push({
          stage: row.stage,
          latestEntry: row.latestEntry,
          daysLate: (asOf.getTime() - row.latestEntry.getTime()) / MS_PER_DAY,
        });
      }
    }
  }
  const simulated = scenarios?.simulated === true;
  const rateSources: Record<string, RateSource> = {};
  plannedRates.forEach((rate, k) => {
    rateSources[pipeline.stages[first + k]?.id as string] = rate.source;
  });
  return {
    deals,
    stages,
    pipelineValue,
    requiredCoverage: pipelineValue.dividedBy(resolved.goal).toNumber(),
    totalCost:
      resolved.costPerEntry === null
        ? null
        : (sumCosts(stages.map((row) => row.cost)) ?? new Money(0)),
    totalCostAtConfidence:
      resolved.costPerEntry === null || confidence === null
        ? null
        : (sumCosts(stages.map((row) => row.costAtConfidence)) ?? new Money(0)),
    tooLate,
    assumptions: {
      from: pipeline.stages[first]?.id as string,
      pipelineStage: pipeline.stages[pipelineIndex]?.id as string,
      rateSources,
      confidence,
      confidenceMethod:
        confidence === null ? null : simulated ? 'beta-binomial simulation' : 'binomial',
      prior: simulated ? { ...RATE_PRIOR } : null,
      draws: simulated ? RATE_DRAWS : null,
      seed: simulated ? RATE_SEED : null,
      durations: resolved.durationSource,
      months: months === null ? null : toNumber(months),
      daysPerMonth: DAYS_PER_MONTH,
    },
  };
}
