import type { AttributeValue, JourneyInput } from '../journey/types.js';
import { decimalOf, type MoneySum, sumValue } from '../money/amount.js';
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
  /** Won from existing customers (the `existingAttribute` is true, 1, 'true', 'yes' or 'existing'). */
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

function sortedAmounts(state: FunnelState): Decimal[] {
  if (state.wonDecimals.length === 0)
    return Array.from(state.wonCents.sorted(), (cents) => decimalOf(cents));
  const all = [
    ...Array.from(state.wonCents.toArray(), (cents) => decimalOf(cents)),
    ...state.wonDecimals.map((text) => new Money(text)),
  ];
  return all.sort((a, b) => a.comparedTo(b));
}

/** The deal figures of an accumulated state. */
export function dealsOf(state: FunnelState, mixBy: string | null): DealMetricsResult {
  const amounts = sortedAmounts(state);
  const count = state.existing.count + state.newCustomers.count;
  const total = amounts.reduce((sum, amount) => sum.plus(amount), new Money(0));
  const middle = amounts.length >> 1;
  const median =
    amounts.length === 0
      ? null
      : amounts.length % 2 === 1
        ? (amounts[middle] as Decimal)
        : (amounts[middle - 1] as Decimal)
            .plus(amounts[middle] as Decimal)
            .dividedBy(2)
            .toDecimalPlaces(2);
  return {
    count,
    withValue: amounts.length,
    total,
    mean: amounts.length === 0 ? null : total.dividedBy(amounts.length).toDecimalPlaces(2),
    median,
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
