import type { AttributeValue, JourneyInput } from '../journey/types.js';
import { addAmount, decimalOf, type MoneySum, moneySum, sumValue } from '../money/amount.js';
import { type Decimal, Money } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';
import { compareKeys } from './conversion.js';
import type { FunnelState } from './funnelState.js';
import type { CohortOptions } from './options.js';
import { rate } from './ratio.js';
import { END_OF_TIME, runStandalone } from './runFunnel.js';

/**
 * A share of the won deals, by count and by value.
 *
 * @example
 * ```ts
 * const share: DealShare = dealMetrics(pipeline, journeys).existing;
 * share.countShare; //=> e.g. 0.25
 * ```
 */
export interface DealShare {
  /** Won deals in the share. */
  readonly count: number;
  /** count ÷ all won deals; null when none were won. */
  readonly countShare: number | null;
  /** Their total amount. */
  readonly value: Decimal;
  /** value ÷ all won value; null when that is 0. */
  readonly valueShare: number | null;
}

/**
 * The result of {@link dealMetrics}: seed 001's number of sales, deal size, existing vs new
 * customers and the mix.
 *
 * @example
 * ```ts
 * const deals: DealMetricsResult = dealMetrics(presets.buyingPipeline, journeys, { mixBy: 'industry' });
 * deals.mean?.toFixed(2);
 * ```
 */
export interface DealMetricsResult {
  /** Won deals. */
  readonly count: number;
  /** Won deals with an amount (size figures use these). */
  readonly withValue: number;
  /** Total won amount. */
  readonly total: Decimal;
  /** Mean won amount, rounded to the cent (half to even); null without amounts. */
  readonly mean: Decimal | null;
  /** Median won amount (the mean of the middle two for an even count, rounded to the cent half to even); null without amounts. */
  readonly median: Decimal | null;
  /** Won from existing customers (the `existingAttribute` is true, 1, or 'true' / 'yes' / 'existing' in any case). */
  readonly existing: DealShare;
  /** Won from new customers (everyone else). */
  readonly new: DealShare;
  /** Won deals by the `mixBy` attribute (sorted by key, missing `null` last); null without `mixBy`. */
  readonly mix:
    | readonly (DealShare & {
        /** The attribute's value (null: missing). */
        readonly key: AttributeValue;
      })[]
    | null;
}

/**
 * Options of {@link dealMetrics}.
 *
 * @example
 * ```ts
 * const options: DealMetricsOptions = { existingAttribute: 'isCustomer', mixBy: 'product' };
 * ```
 */
export interface DealMetricsOptions {
  /** Ignore events after this moment (default: use every event). */
  readonly asOf?: DateInput;
  /** The attribute that marks an existing customer (default `'existingCustomer'`). */
  readonly existingAttribute?: string;
  /** An attribute to show the mix by. */
  readonly mixBy?: string;
  /** Only journeys that entered the cohort stage inside the window. */
  readonly cohort?: CohortOptions;
}

function share(count: number, value: MoneySum, total: number, totalValue: Decimal): DealShare {
  const amount = sumValue(value);
  return {
    count,
    countShare: rate(count, total),
    value: amount,
    valueShare: totalValue.isZero() ? null : amount.dividedBy(totalValue).toNumber(),
  };
}

/** The won amounts: sorted cents when every amount has at most two decimals (nearly always). */
function wonAmounts(state: FunnelState): { count: number; total: Decimal; median: Decimal | null } {
  if (state.wonDecimals.length === 0) {
    const cents = state.wonCents.sorted();
    const count = cents.length;
    const total = moneySum();
    for (let index = 0; index < count; index += 1) addAmount(total, cents[index] as number);
    const middle = count >> 1;
    const median =
      count === 0
        ? null
        : count % 2 === 1
          ? decimalOf(cents[middle] as number)
          : decimalOf(cents[middle - 1] as number)
              .plus(decimalOf(cents[middle] as number))
              .dividedBy(2);
    return { count, total: sumValue(total), median };
  }
  const all = [
    ...state.wonCents.toArray().map((cents) => decimalOf(cents)),
    ...state.wonDecimals.map((text) => new Money(text)),
  ].sort((a, b) => a.comparedTo(b));
  const middle = all.length >> 1;
  const median =
    all.length === 0
      ? null
      : all.length % 2 === 1
        ? (all[middle] as Decimal)
        : (all[middle - 1] as Decimal).plus(all[middle] as Decimal).dividedBy(2);
  return {
    count: all.length,
    total: all.reduce((sum, amount) => sum.plus(amount), new Money(0)),
    median,
  };
}

/** The deal figures of an accumulated state. */
export function dealsOf(state: FunnelState, mixBy: string | null): DealMetricsResult {
  const { count: withValue, total, median } = wonAmounts(state);
  const count = state.existing.count + state.newCustomers.count;
  return {
    count,
    withValue,
    total,
    mean: withValue === 0 ? null : total.dividedBy(withValue).toDecimalPlaces(2),
    median: median?.toDecimalPlaces(2) ?? null,
    existing: share(state.existing.count, state.existing.value, count, total),
    new: share(state.newCustomers.count, state.newCustomers.value, count, total),
    mix:
      mixBy === null
        ? null
        : [...state.mix.values()]
            .sort((a, b) => compareKeys(a.key, b.key))
            .map((entry) => ({ key: entry.key, ...share(entry.count, entry.value, count, total) })),
  };
}

/**
 * Seed 001's deal metrics over won journeys: the number of sales, deal size (total, mean,
 * median), the share from existing vs new customers, and the mix by an attribute — each by count
 * and by value, in exact decimal money.
 *
 * @param pipeline - the pipeline
 * @param journeys - the journeys (validated here)
 * @param options - see {@link DealMetricsOptions}
 * @returns the deal figures
 * @throws {@link PipelineError} `invalid_options`, `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const deals = dealMetrics(presets.buyingPipeline, journeys, { mixBy: 'industry' });
 * deals.count; //=> 4
 * deals.median?.toFixed(2); //=> '19500.00'
 * ```
 */
export function dealMetrics(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: DealMetricsOptions = {},
): DealMetricsResult {
  const { resolved, state } = runStandalone(pipeline, journeys, options, {
    where: 'dealMetrics',
    keys: ['asOf', 'existingAttribute', 'mixBy', 'cohort'],
    toFunnel: ({ asOf, existingAttribute, mixBy, ...shared }) => ({
      ...shared,
      asOf: asOf ?? END_OF_TIME,
      deals: {
        ...(existingAttribute !== undefined && { existingAttribute }),
        ...(mixBy !== undefined && { mixBy }),
      },
    }),
    renames: { 'deals.existingAttribute': 'existingAttribute', 'deals.mixBy': 'mixBy' },
  });
  return dealsOf(state, resolved.mixBy);
}
