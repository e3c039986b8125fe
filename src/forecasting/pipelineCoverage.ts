import * as z from 'zod';
import { amountSchema, dateSchema } from '../journey/schemas.js';
import { newTrack } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import type { Window } from '../metrics/options.js';
import { winRate } from '../metrics/winRate.js';
import { type Decimal, Money, type MoneyInput } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';
import { dealValue, expectedValue, inside, latestForecast, readDeals, walkAt } from './deals.js';
import { listOf, parseOptions, periodSchema, stageIdSchema, stageOption } from './options.js';

/**
 * Options of {@link pipelineCoverage}.
 *
 * @example
 * ```ts
 * const options: PipelineCoverageOptions = {
 *   asOf: '2026-05-15',
 *   period: { start: '2026-04-01', end: '2026-07-01' },
 *   target: '100000',
 * };
 * ```
 */
export interface PipelineCoverageOptions {
  /** The moment measured: events after it are ignored. */
  readonly asOf: DateInput;
  /** The period [start, end) the target is for. */
  readonly period: Window;
  /** The revenue target (quota) for the period; not negative. */
  readonly target: MoneyInput;
  /** A value win rate in (0, 1] to use instead of the history's (seed 002: a 50% close rate is 0.5). */
  readonly winRate?: number;
  /** The history's win rate is among journeys that reached this stage (default: the handoff). */
  readonly from?: string;
  /** Count disqualified journeys as lost in the history's win rate (default false). */
  readonly includeDisqualified?: boolean;
}

/**
 * The result of {@link pipelineCoverage}.
 *
 * @example
 * ```ts
 * const result: PipelineCoverageResult = pipelineCoverage(pipeline, journeys, options);
 * result.coverage; //=> open value ÷ remaining target, e.g. 2.4
 * ```
 */
export interface PipelineCoverageResult {
  /** The moment measured. */
  readonly asOf: Date;
  /** The period's start. */
  readonly start: Date;
  /** The period's end (exclusive). */
  readonly end: Date;
  /** The target. */
  readonly target: Decimal;
  /** Open deals whose latest forecast closes inside the period (overdue ones included). */
  readonly openDeals: number;
  /** Their value (forecast amount, else journey amount). */
  readonly openValue: Decimal;
  /** Open journeys past `from` with no forecast yet: not in `openValue`, they have no close date. */
  readonly openWithoutForecast: number;
  /** Deals won inside the period up to `asOf`. */
  readonly wonDeals: number;
  /** Their value (journey amount, else latest forecast amount). */
  readonly won: Decimal;
  /** Open or won deals counted without any amount. */
  readonly withoutValue: number;
  /** target − won, never below 0. */
  readonly remaining: Decimal;
  /** Whether the won value has reached the target (remaining is then 0). */
  readonly attained: boolean;
  /** openValue ÷ remaining; null when attained (a coverage of an attained target is meaningless, not infinite). */
  readonly coverage: number | null;
  /** The value win rate used: the option's, else won ÷ (won + lost) value of the history. */
  readonly valueWinRate: number | null;
  /** Where `valueWinRate` came from. */
  readonly winRateFrom: 'option' | 'history';
  /** 1 ÷ valueWinRate; null when there is no win rate or it is 0 (nothing won). */
  readonly requiredCoverage: number | null;
  /** remaining ÷ value win rate, exact (divided once, not times a rounded 1 ÷ rate): the open value the rest of the target needs; null like `requiredCoverage`. */
  readonly requiredPipeline: Decimal | null;
  /** requiredPipeline − openValue, never below 0; null like `requiredCoverage`. */
  readonly shortfall: Decimal | null;
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  asOf: dateSchema,
  period: periodSchema,
  target: amountSchema,
  winRate: z
    .number()
    .gt(0, 'Expected a win rate above 0')
    .max(1, 'Expected a win rate of at most 1')
    .exactOptional(),
  from: stageIdSchema.exactOptional(),
  includeDisqualified: z.boolean().exactOptional(),
});

/**
 * Pipeline coverage: the open pipeline of a period against what is left of its target, and the
 * coverage the win rate requires. coverage = open value ÷ (target − won so far) — the ratio most
 * tools call "3× coverage" (some show its inverse; see docs/forecasting.md). requiredCoverage =
 * 1 ÷ value win rate (seed 002: a 50% close rate and a 100,000 quota need 200,000 of pipeline).
 * The history's win rate is {@link winRate}'s value rate as of `asOf`, unless `winRate` is given.
 *
 * @param pipeline - the pipeline
 * @param journeys - raw or parsed journeys (validated here)
 * @param options - see {@link PipelineCoverageOptions}
 * @returns coverage figures; a met target is `attained` with coverage null, never negative or infinite
 * @throws {@link PipelineError} `invalid_options` (a negative `target`, a `winRate` outside (0, 1],
 *   an unknown `from`, a period ending before it starts), `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const result = pipelineCoverage(presets.buyingPipeline, journeys, {
 *   asOf: '2026-04-01',
 *   period: { start: '2026-04-01', end: '2026-07-01' },
 *   target: 100000,
 *   winRate: 0.5,
 * });
 * result.requiredCoverage; //=> 2
 * result.requiredPipeline?.toFixed(2); //=> '200000.00'
 * ```
 */
export function pipelineCoverage(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: PipelineCoverageOptions,
): PipelineCoverageResult {
  const where = 'pipelineCoverage';
  const parsed = parseOptions(optionsSchema, options, where);
  const handoff = pipeline.stages.findIndex((stage) => stage.id === pipeline.handoff);
  const from = stageOption(pipeline, parsed.from, ['from'], handoff, where);
  const asOf = parsed.asOf.getTime();
  const { start, end } = parsed.period;
  const list = listOf(journeys);
  const track = newTrack(pipeline.stages.length);
  let openDeals = 0;
  let openValue = new Money(0);
  let openWithoutForecast = 0;
  let wonDeals = 0;
  let won = new Money(0);
  let withoutValue = 0;
  for (const deal of readDeals(pipeline, list, where)) {
    const walked = walkAt(pipeline, deal, asOf, where, track);
    if (walked.status === 'open') {
      const forecast = latestForecast(deal, asOf);
      if (!forecast) {
        if (walked.furthest >= from) openWithoutForecast += 1;
        continue;
      }
      if (!inside(forecast.closeDate, start, end)) continue;
      openDeals += 1;
      const value = expectedValue(deal, forecast);
      if (value === null) withoutValue += 1;
      else openValue = openValue.plus(value);
    } else if (walked.status === 'won' && inside(walked.closedAt, start, end)) {
      wonDeals += 1;
      const value = dealValue(deal, asOf);
      if (value === null) withoutValue += 1;
      else won = won.plus(value);
    }
  }
  const target = parsed.target;
  const attained = won.gte(target);
  const remaining = attained ? new Money(0) : target.minus(won);
  // The value win rate as a ratio (won ÷ closed): the required pipeline is remaining × closed ÷
  // won, multiplied before dividing, so that 300 at 0.3 is 1,000 (a rounded 1 ÷ 0.3 gives 999.99…).
  let valueWinRate: number | null;
  let rateRatio: { readonly won: Decimal; readonly closed: Decimal } | null = null;
  if (parsed.winRate !== undefined) {
    valueWinRate = parsed.winRate;
    rateRatio = { won: new Money(parsed.winRate), closed: new Money(1) };
  } else {
    const history = winRate(pipeline, list, {
      asOf: parsed.asOf,
      from: pipeline.stages[from]?.id as string,
      ...(parsed.includeDisqualified !== undefined && {
        includeDisqualified: parsed.includeDisqualified,
      }),
    });
    valueWinRate = history.valueRate;
    if (!history.wonValue.isZero()) {
      rateRatio = { won: history.wonValue, closed: history.wonValue.plus(history.lostValue) };
    }
  }
  const requiredCoverage =
    rateRatio === null ? null : rateRatio.closed.dividedBy(rateRatio.won).toNumber();
  const requiredPipeline =
    rateRatio === null ? null : remaining.times(rateRatio.closed).dividedBy(rateRatio.won);
  return {
    asOf: new Date(asOf),
    start: new Date(start),
    end: new Date(end),
    target,
    openDeals,
    openValue,
    openWithoutForecast,
    wonDeals,
    won,
    withoutValue,
    remaining,
    attained,
    coverage: attained ? null : openValue.dividedBy(remaining).toNumber(),
    valueWinRate,
    winRateFrom: parsed.winRate === undefined ? 'history' : 'option',
    requiredCoverage,
    requiredPipeline,
    shortfall: requiredPipeline === null ? null : Money.max(requiredPipeline.minus(openValue), 0),
  };
}
