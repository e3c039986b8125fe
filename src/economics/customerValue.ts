import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { dateSchema } from '../journey/schemas.js';
import type { JourneyInput } from '../journey/types.js';
import { rate } from '../metrics/ratio.js';
import { END_OF_TIME } from '../metrics/runFunnel.js';
import { addAmount, type MoneySum, moneySum, sumValue } from '../money/amount.js';
import type { Decimal } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';
import { compareProgram, programKey } from './programKey.js';
import { parseSpend, type SpendInput } from './spend.js';
import { walkJourneys } from './walkJourneys.js';

/**
 * One customer: an account with at least one won journey.
 *
 * @example
 * ```ts
 * const account: CustomerAccount | undefined = customerValue(journeys, { pipeline }).accounts[0];
 * account?.purchases; //=> e.g. 3
 * ```
 */
export interface CustomerAccount {
  /** The account (the attribute's value, as text). */
  readonly account: string;
  /** Won journeys of the account. */
  readonly purchases: number;
  /** Their total amount, exact. */
  readonly value: Decimal;
  /** Won journeys without an amount (counted in `purchases`, not in `value`). */
  readonly withoutValue: number;
  /** The first win. */
  readonly firstWonAt: Date;
  /** The latest win. */
  readonly lastWonAt: Date;
}

/**
 * The result of {@link customerValue}.
 *
 * @example
 * ```ts
 * const result: CustomerValueResult = customerValue(journeys, { pipeline: presets.buyingPipeline });
 * result.lifetimeValue?.toFixed(2);
 * ```
 */
export interface CustomerValueResult {
  /** The attribute that names the account. */
  readonly account: string;
  /** Accounts with at least one win. */
  readonly customers: number;
  /** Their won journeys. */
  readonly purchases: number;
  /** purchases ÷ customers; null without customers. */
  readonly purchasesPerCustomer: number | null;
  /** Customers with two wins or more. */
  readonly repeatCustomers: number;
  /** repeatCustomers ÷ customers; null without customers. */
  readonly repeatRate: number | null;
  /** The customers' total won value, exact. */
  readonly totalValue: Decimal;
  /** Purchases without an amount (in `purchases`, not in the values). */
  readonly purchasesWithoutValue: number;
  /** Lifetime value: mean won value per customer (totalValue ÷ customers), rounded to the cent; null without customers. */
  readonly lifetimeValue: Decimal | null;
  /** Won journeys without the account attribute: they cannot be told apart as customers, so they are counted here only. */
  readonly wonWithoutAccount: number;
  /** The total of the spend lines given; null when no `spend` was given. */
  readonly spend: Decimal | null;
  /** spend ÷ customers, rounded to the cent; null without spend or without customers. */
  readonly acquisitionCost: Decimal | null;
  /** Lifetime value ÷ acquisition cost, computed exactly as totalValue ÷ spend; null without spend or when it is 0. */
  readonly valueToCost: number | null;
  /** Every customer, sorted by account. */
  readonly accounts: readonly CustomerAccount[];
}

/**
 * Options of {@link customerValue}.
 *
 * @example
 * ```ts
 * const options: CustomerValueOptions = { pipeline: presets.buyingPipeline, account: 'company', spend };
 * ```
 */
export interface CustomerValueOptions {
  /** The pipeline the journeys walk: it decides when a journey is won (a stage entered after a win reopens it). */
  readonly pipeline: Pipeline;
  /** The attribute naming the account (default `'account'`). */
  readonly account?: string;
  /** Ignore events after this moment (default: use every event). */
  readonly asOf?: DateInput;
  /** Spend that acquired these customers: gives the acquisition cost and the value-to-cost ratio. */
  readonly spend?: readonly SpendInput[];
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  pipeline: z.custom<Pipeline>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      Array.isArray((value as { stages?: unknown }).stages),
    'Expected a pipeline from definePipeline or presets',
  ),
  account: z.string().min(1).exactOptional(),
  asOf: dateSchema.exactOptional(),
  spend: z.unknown().exactOptional(),
});

interface Customer {
  purchases: number;
  readonly value: MoneySum;
  withoutValue: number;
  first: number;
  last: number;
}

/**
 * Customer lifetime value from repeat wins of the same account (seed 004's "customer lifetime
 * value"): every won journey is a purchase, and the journeys of one account (an attribute,
 * default `account`) are one customer. Gives the mean value per customer (lifetime value),
 * purchases per customer, the share of repeat customers and, when `spend` is given, the
 * acquisition cost per customer (all spend ÷ customers) and the ratio of lifetime value to it.
 * Money is exact; the per-customer means are rounded to the cent, half to even.
 *
 * Pass the spend that acquired these customers: every line given counts (no period attribution
 * here; see {@link programEconomics} for that).
 *
 * @param journeys - the journeys (validated here, walked once)
 * @param options - see {@link CustomerValueOptions}; `pipeline` is required
 * @returns the figures and every customer
 * @throws {@link PipelineError} `invalid_options` (no pipeline, unknown keys), `invalid_spend`
 *   (path `['spend', i, …]`), `invalid_journey` / `unknown_stage` for bad journeys
 *
 * @example
 * ```ts
 * const won = (at: string) => [{ type: 'stage', stage: 'lead', at }, { type: 'outcome', outcome: 'won', at }] as const;
 * const result = customerValue(
 *   [
 *     { id: 'a1', attributes: { account: 'acme' }, amount: 1000, events: won('2025-03-01') },
 *     { id: 'a2', attributes: { account: 'acme' }, amount: 2000, events: won('2026-03-01') },
 *     { id: 'b1', attributes: { account: 'bolt' }, amount: 3000, events: won('2026-01-01') },
 *   ],
 *   {
 *     pipeline: presets.buyingPipeline,
 *     spend: [{ program: 'all', period: { start: '2025-01-01', end: '2027-01-01' }, amount: 1500 }],
 *   },
 * );
 * result.lifetimeValue?.toFixed(2); //=> '3000.00'
 * result.purchasesPerCustomer; //=> 1.5
 * result.acquisitionCost?.toFixed(2); //=> '750.00'
 * result.valueToCost; //=> 4
 * ```
 */
export function customerValue(
  journeys: Iterable<JourneyInput>,
  options: CustomerValueOptions,
): CustomerValueResult {
  const where = 'customerValue';
  const parsed = parseOrThrow(optionsSchema, options, 'invalid_options', where);
  const { pipeline } = parsed;
  const account = parsed.account ?? 'account';
  const lines =
    parsed.spend === undefined
      ? null
      : parseSpend(pipeline, parsed.spend as readonly SpendInput[], where, ['spend']);
  const customers = new Map<string, Customer>();
  let wonWithoutAccount = 0;
  walkJourneys(pipeline, journeys, parsed.asOf?.getTime() ?? END_OF_TIME, where, (track) => {
    if (track.status !== 'won') return;
    const key = programKey(track, account);
    if (key === null) {
      wonWithoutAccount += 1;
      return;
    }
    let customer = customers.get(key);
    if (!customer) {
      customer = {
        purchases: 0,
        value: moneySum(),
        withoutValue: 0,
        first: Infinity,
        last: -Infinity,
      };
      customers.set(key, customer);
    }
    customer.purchases += 1;
    if (track.amount === null) customer.withoutValue += 1;
    else addAmount(customer.value, track.amount);
    customer.first = Math.min(customer.first, track.closedAt);
    customer.last = Math.max(customer.last, track.closedAt);
  });

  const accounts: CustomerAccount[] = [...customers.entries()]
    .sort(([a], [b]) => compareProgram(a, b))
    .map(([name, customer]) => ({
      account: name,
      purchases: customer.purchases,
      value: sumValue(customer.value),
      withoutValue: customer.withoutValue,
      firstWonAt: new Date(customer.first),
      lastWonAt: new Date(customer.last),
    }));
  const total = moneySum();
  let purchases = 0;
  let repeatCustomers = 0;
  let purchasesWithoutValue = 0;
  for (const customer of customers.values()) {
    addAmount(total, sumValue(customer.value));
    purchases += customer.purchases;
    purchasesWithoutValue += customer.withoutValue;
    if (customer.purchases >= 2) repeatCustomers += 1;
  }
  const count = customers.size;
  const totalValue = sumValue(total);
  const spendTotal =
    lines === null
      ? null
      : sumValue(
          lines.reduce((sum, line) => {
            addAmount(sum, line.amount);
            return sum;
          }, moneySum()),
        );
  return {
    account,
    customers: count,
    purchases,
    purchasesPerCustomer: rate(purchases, count),
    repeatCustomers,
    repeatRate: rate(repeatCustomers, count),
    totalValue,
    purchasesWithoutValue,
    lifetimeValue: count === 0 ? null : totalValue.dividedBy(count).toDecimalPlaces(2),
    wonWithoutAccount,
    spend: spendTotal,
    acquisitionCost:
      spendTotal === null || count === 0 ? null : spendTotal.dividedBy(count).toDecimalPlaces(2),
    valueToCost:
      spendTotal === null || spendTotal.isZero() || count === 0
        ? null
        : totalValue.dividedBy(spendTotal).toNumber(),
    accounts,
  };
}
