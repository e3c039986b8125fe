import * as z from 'zod';
import { newTrack } from '../journey/track.js';
import type { AttributeValue, JourneyInput } from '../journey/types.js';
import type { Window } from '../metrics/options.js';
import { type Decimal, Money } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';
import { type Deal, dealValue, inside, readDeals, walkAt } from './deals.js';
import { categoryAttribute, groupByCategory } from './forecastCategory.js';
import { byCategorySchema, forecastPeriodSchema, listOf, parseOptions } from './options.js';
import { commitOutcomes, readSnapshot } from './pushRate.js';

/**
 * A forecast period: [start, end), with the moment its forecast was taken (default: the start).
 *
 * @example
 * ```ts
 * const q2: ForecastPeriod = { start: '2026-04-01', end: '2026-07-01', snapshot: '2026-03-25' };
 * ```
 */
export interface ForecastPeriod extends Window {
  /** When the forecast (the commit) was read; default: the start. */
  readonly snapshot?: DateInput;
}

/**
 * Options of {@link forecastAccuracy}.
 *
 * @example
 * ```ts
 * const options: ForecastAccuracyOptions = {
 *   periods: [{ start: '2026-01-01', end: '2026-04-01' }, { start: '2026-04-01', end: '2026-07-01' }],
 *   byCategory: true,
 * };
 * ```
 */
export interface ForecastAccuracyOptions {
  /** The periods to compare, at least one. */
  readonly periods: readonly ForecastPeriod[];
  /** Also per forecast category: `true` reads the `forecastCategory` attribute, a string names another. */
  readonly byCategory?: true | string;
}

/**
 * Forecast against actual for one period.
 *
 * @example
 * ```ts
 * const row: PeriodAccuracy = forecastAccuracy(pipeline, journeys, { periods }).periods[0];
 * row.error.toFixed(2); //=> forecast − actual, e.g. '12000.00' (over-forecast)
 * ```
 */
export interface PeriodAccuracy {
  /** The period's start. */
  readonly start: Date;
  /** The period's end (exclusive). */
  readonly end: Date;
  /** When the forecast was read. */
  readonly snapshot: Date;
  /** Deals committed at the snapshot (see {@link pushRate}). */
  readonly committed: number;
  /** Their committed value: the forecast. */
  readonly forecast: Decimal;
  /** Deals won inside the period (committed or not). */
  readonly won: number;
  /** Their value: the actual. */
  readonly actual: Decimal;
  /** forecast − actual: positive is over-forecast. */
  readonly error: Decimal;
  /** |error| ÷ actual; null when the actual is 0. */
  readonly absolutePercentageError: number | null;
  /** Committed or won deals without any amount (counted, not valued). */
  readonly withoutValue: number;
}

/**
 * Forecast accuracy over a set of periods.
 *
 * @example
 * ```ts
 * const figures: AccuracyFigures = forecastAccuracy(pipeline, journeys, { periods });
 * figures.wape; //=> Σ|forecast − actual| ÷ Σ actual
 * ```
 */
export interface AccuracyFigures {
  /** Each period, in the order given. */
  readonly periods: readonly PeriodAccuracy[];
  /** Σ forecast. */
  readonly forecast: Decimal;
  /** Σ actual. */
  readonly actual: Decimal;
  /** Σ |forecast − actual|. */
  readonly absoluteError: Decimal;
  /** Weighted absolute percentage error: Σ|forecast − actual| ÷ Σ actual; null when Σ actual is 0. */
  readonly wape: number | null;
  /** Σ(forecast − actual) ÷ Σ actual: positive is over-forecasting; null when Σ actual is 0. */
  readonly bias: number | null;
  /** Periods whose actual is 0 (their percentage error is null). */
  readonly periodsWithoutActual: number;
}

/**
 * The result of {@link forecastAccuracy}.
 *
 * @example
 * ```ts
 * const result: ForecastAccuracyResult = forecastAccuracy(pipeline, journeys, { periods, byCategory: true });
 * result.categories?.map((group) => [group.category, group.wape]);
 * ```
 */
export interface ForecastAccuracyResult extends AccuracyFigures {
  /** Per forecast category (standard order, then others, `null` = no category), with `byCategory`. */
  readonly categories?: readonly (AccuracyFigures & {
    /** The category (null: the attribute is missing). */
    readonly category: AttributeValue;
  })[];
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  periods: z.array(forecastPeriodSchema).min(1, 'Expected at least one period'),
  byCategory: byCategorySchema.exactOptional(),
});

interface ReadForecastPeriod {
  readonly start: number;
  readonly end: number;
  readonly snapshot: number;
}

/**
 * Forecast accuracy (seed 002 asks for it): per period, the forecast — the committed value at the
 * snapshot, exactly what {@link pushRate} commits — against the actual — the value of the deals
 * won inside the period, committed or not (journey amount, else latest forecast amount). The
 * error is forecast − actual (positive: over-forecast); over all periods, WAPE =
 * Σ|error| ÷ Σ actual and bias = Σ error ÷ Σ actual.
 *
 * @param pipeline - the pipeline
 * @param journeys - raw or parsed journeys (validated here)
 * @param options - `periods` and optional `byCategory`
 * @returns per-period rows and the totals; nulls (never NaN) where the actual is 0
 * @throws {@link PipelineError} `invalid_options` (path `['periods', i, 'end']` for an end before
 *   its start, `['periods', i, 'snapshot']` for a snapshot at or after the end),
 *   `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const result = forecastAccuracy(presets.buyingPipeline, journeys, {
 *   periods: [{ start: '2026-04-01', end: '2026-07-01' }],
 * });
 * result.periods[0]?.absolutePercentageError; //=> e.g. 0.25
 * ```
 */
export function forecastAccuracy(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: ForecastAccuracyOptions,
): ForecastAccuracyResult {
  const where = 'forecastAccuracy';
  const parsed = parseOptions(optionsSchema, options, where);
  const periods = parsed.periods.map((period, index): ReadForecastPeriod => {
    const snapshot = readSnapshot(period.snapshot, period, ['periods', index, 'snapshot'], where);
    return { start: period.start, end: period.end, snapshot };
  });
  const deals = readDeals(pipeline, listOf(journeys), where);
  const result: ForecastAccuracyResult = accuracyOf(pipeline, deals, periods, where);
  const attribute = categoryAttribute(parsed.byCategory);
  if (attribute === null) return result;
  const categories = groupByCategory(deals, attribute).map((group) => ({
    category: group.key,
    ...accuracyOf(pipeline, group.items, periods, where),
  }));
  return { ...result, categories };
}

function accuracyOf(
  pipeline: Pipeline,
  deals: readonly Deal[],
  periods: readonly ReadForecastPeriod[],
  where: string,
): AccuracyFigures {
  const track = newTrack(pipeline.stages.length);
  const rows = periods.map((period): PeriodAccuracy => {
    let withoutValue = 0;
    let forecast = new Money(0);
    const committed = commitOutcomes(pipeline, deals, period, where);
    for (const row of committed) {
      if (row.value === null) withoutValue += 1;
      else forecast = forecast.plus(row.value);
    }
    let won = 0;
    let actual = new Money(0);
    for (const deal of deals) {
      const walked = walkAt(pipeline, deal, period.end - 1, where, track);
      if (walked.status !== 'won' || !inside(walked.closedAt, period.start, period.end)) continue;
      won += 1;
      const value = dealValue(deal, period.end - 1);
      if (value === null) withoutValue += 1;
      else actual = actual.plus(value);
    }
    const error = forecast.minus(actual);
    return {
      start: new Date(period.start),
      end: new Date(period.end),
      snapshot: new Date(period.snapshot),
      committed: committed.length,
      forecast,
      won,
      actual,
      error,
      absolutePercentageError: actual.isZero() ? null : error.abs().dividedBy(actual).toNumber(),
      withoutValue,
    };
  });
  const total = (pick: (row: PeriodAccuracy) => Decimal) =>
    rows.reduce((sum, row) => sum.plus(pick(row)), new Money(0));
  const forecast = total((row) => row.forecast);
  const actual = total((row) => row.actual);
  const absoluteError = total((row) => row.error.abs());
  const ratio = (value: Decimal) => (actual.isZero() ? null : value.dividedBy(actual).toNumber());
  return {
    periods: rows,
    forecast,
    actual,
    absoluteError,
    wape: ratio(absoluteError),
    bias: ratio(forecast.minus(actual)),
    periodsWithoutActual: rows.filter((row) => row.actual.isZero()).length,
  };
}
