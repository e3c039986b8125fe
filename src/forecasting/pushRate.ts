import * as z from 'zod';
import { dateSchema } from '../journey/schemas.js';
import { newTrack } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import type { Window } from '../metrics/options.js';
import { rate } from '../metrics/ratio.js';
import { type Decimal, Money } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import { MS_PER_DAY } from '../time/days.js';
import type { DateInput } from '../time/readDate.js';
import {
  commitOf,
  type Deal,
  expectedValue,
  type ForecastPoint,
  readDeals,
  statusAt,
} from './deals.js';
import { listOf, optionsError, parseOptions, periodSchema } from './options.js';

/**
 * Options of {@link pushRate}.
 *
 * @example
 * ```ts
 * const options: PushRateOptions = { period: { start: '2026-04-01', end: '2026-07-01' } };
 * ```
 */
export interface PushRateOptions {
  /** The period [start, end) the deals were forecast to close in. */
  readonly period: Window;
  /** When the commit is read (default: the period's start); before the period's end. */
  readonly snapshot?: DateInput;
}

/**
 * A committed deal still open at the period's end.
 *
 * @example
 * ```ts
 * const row: PushedDeal = pushRate(pipeline, journeys, { period }).pushedDeals[0];
 * row.daysPushed; //=> e.g. 31
 * ```
 */
export interface PushedDeal {
  /** The journey id. */
  readonly id: string;
  /** The close date it was committed with (latest forecast at the snapshot). */
  readonly committedCloseDate: Date;
  /** The close date of the first later forecast after the snapshot that moved it later; null when none did. */
  readonly newCloseDate: Date | null;
  /** newCloseDate − committedCloseDate in days; null when the date was not moved. */
  readonly daysPushed: number | null;
  /** Its committed value; null when neither the forecast nor the journey has an amount. */
  readonly value: Decimal | null;
}

/**
 * The result of {@link pushRate}. `won + lost + pushed = committed` and
 * `wonValue + lostValue + pushedValue = committedValue`, always.
 *
 * @example
 * ```ts
 * const result: PushRateResult = pushRate(pipeline, journeys, { period: { start: '2026-04-01', end: '2026-07-01' } });
 * result.rate; //=> pushed ÷ committed
 * ```
 */
export interface PushRateResult {
  /** The period's start. */
  readonly start: Date;
  /** The period's end (exclusive). */
  readonly end: Date;
  /** When the commit was read. */
  readonly snapshot: Date;
  /** Deals open at the snapshot whose latest forecast puts the close inside the period. */
  readonly committed: number;
  /** Of those, won by the period's end. */
  readonly won: number;
  /** Of those, lost or disqualified by the period's end. */
  readonly lost: number;
  /** Of those, still open at the period's end. */
  readonly pushed: number;
  /** pushed ÷ committed; null when nothing was committed. */
  readonly rate: number | null;
  /** Committed value: each deal's forecast amount at the snapshot, else its journey amount. */
  readonly committedValue: Decimal;
  /** Committed value of the won deals. */
  readonly wonValue: Decimal;
  /** Committed value of the lost deals. */
  readonly lostValue: Decimal;
  /** Committed value of the pushed deals. */
  readonly pushedValue: Decimal;
  /** pushedValue ÷ committedValue; null when the committed value is 0. */
  readonly valueRate: number | null;
  /** Committed deals without any amount (in the counts, not in the values). */
  readonly withoutValue: number;
  /** Mean of `daysPushed` over the pushed deals whose date was moved; null when none was. */
  readonly meanDaysPushed: number | null;
  /** Pushed deals whose close date was moved later after the snapshot (the mean's count). */
  readonly pushedWithNewDate: number;
  /** The pushed deals, most days pushed first (not moved last), ties by id. */
  readonly pushedDeals: readonly PushedDeal[];
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  period: periodSchema,
  snapshot: dateSchema.exactOptional(),
});

/** What happened to one committed deal by the period's end. */
export interface CommitOutcome {
  readonly deal: Deal;
  readonly commit: ForecastPoint;
  readonly status: 'won' | 'lost' | 'open';
  readonly value: Decimal | null;
}

/** The committed deals of a period and where each stands at its end. */
export function commitOutcomes(
  pipeline: Pipeline,
  deals: readonly Deal[],
  period: { readonly start: number; readonly end: number; readonly snapshot: number },
  where: string,
): CommitOutcome[] {
  const track = newTrack(pipeline.stages.length);
  const outcomes: CommitOutcome[] = [];
  for (const deal of deals) {
    const commit = commitOf(pipeline, deal, period, where, track);
    if (!commit) continue;
    const status = statusAt(pipeline, deal, period.end - 1, where, track);
    outcomes.push({
      deal,
      commit,
      // Disqualified is a close that is not a win: it is not pushed, so it counts as lost here.
      status: status === 'won' ? 'won' : status === 'open' ? 'open' : 'lost',
      value: expectedValue(deal, commit),
    });
  }
  return outcomes;
}

/** Reads a snapshot option: the period's start by default, and before the period's end. */
export function readSnapshot(
  snapshot: Date | undefined,
  period: { readonly start: number; readonly end: number },
  path: (string | number)[],
  where: string,
): number {
  if (snapshot === undefined) return period.start;
  const time = snapshot.getTime();
  if (time >= period.end) {
    throw optionsError(where, path, 'The snapshot must come before the period ends');
  }
  return time;
}

const sum = (values: readonly (Decimal | null)[]): Decimal =>
  values.reduce<Decimal>(
    (total, value) => (value === null ? total : total.plus(value)),
    new Money(0),
  );

/**
 * Push rate (seed 001): of the deals forecast to close in a period, the share that did not close
 * in it. Committed = open at the snapshot (default: the period's start; an outcome at the snapshot
 * instant happens inside the period) whose latest `forecast` at or before the snapshot puts the
 * close inside [start, end). Each committed deal ends the period won, lost (lost or
 * disqualified — a close, so not pushed) or pushed (still open at the end, recycled included).
 * `meanDaysPushed` measures each pushed deal from its committed close date to the close date of
 * the first forecast after the snapshot that moved it later (such a forecast is often made after
 * the period ends, and is used when the data has it).
 *
 * @param pipeline - the pipeline
 * @param journeys - raw or parsed journeys (validated here; read more than once, so an array or a re-iterable)
 * @param options - `period` and optional `snapshot`
 * @returns counts, committed values and the pushed deals; null rates when nothing was committed
 * @throws {@link PipelineError} `invalid_options` (path `['period', 'end']` for an end before the
 *   start, `['snapshot']` for a snapshot at or after the end), `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const result = pushRate(presets.buyingPipeline, journeys, {
 *   period: { start: '2026-04-01', end: '2026-07-01' },
 * });
 * `${result.pushed} of ${result.committed} committed deals slipped`; //=> e.g. '2 of 5 committed deals slipped'
 * result.meanDaysPushed; //=> e.g. 30.5
 * ```
 */
export function pushRate(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: PushRateOptions,
): PushRateResult {
  const where = 'pushRate';
  const parsed = parseOptions(optionsSchema, options, where);
  const snapshot = readSnapshot(parsed.snapshot, parsed.period, ['snapshot'], where);
  const deals = readDeals(pipeline, listOf(journeys), where);
  const outcomes = commitOutcomes(pipeline, deals, { ...parsed.period, snapshot }, where);
  const of = (status: CommitOutcome['status']) => outcomes.filter((row) => row.status === status);
  const won = of('won');
  const lost = of('lost');
  const pushed = of('open');
  const committedValue = sum(outcomes.map((row) => row.value));
  const pushedValue = sum(pushed.map((row) => row.value));
  const pushedDeals = pushed.map((row) => pushedDeal(row, snapshot)).sort(byDaysPushed);
  const moved = pushedDeals.filter((row) => row.daysPushed !== null);
  return {
    start: new Date(parsed.period.start),
    end: new Date(parsed.period.end),
    snapshot: new Date(snapshot),
    committed: outcomes.length,
    won: won.length,
    lost: lost.length,
    pushed: pushed.length,
    rate: rate(pushed.length, outcomes.length),
    committedValue,
    wonValue: sum(won.map((row) => row.value)),
    lostValue: sum(lost.map((row) => row.value)),
    pushedValue,
    valueRate: committedValue.isZero() ? null : pushedValue.dividedBy(committedValue).toNumber(),
    withoutValue: outcomes.filter((row) => row.value === null).length,
    meanDaysPushed:
      moved.length === 0
        ? null
        : moved.reduce((total, row) => total + (row.daysPushed as number), 0) / moved.length,
    pushedWithNewDate: moved.length,
    pushedDeals,
  };
}

function pushedDeal(row: CommitOutcome, snapshot: number): PushedDeal {
  const committed = row.commit.closeDate;
  const move = row.deal.forecasts.find(
    (forecast) => forecast.at > snapshot && forecast.closeDate > committed,
  );
  return {
    id: row.deal.id,
    committedCloseDate: new Date(committed),
    newCloseDate: move ? new Date(move.closeDate) : null,
    daysPushed: move ? (move.closeDate - committed) / MS_PER_DAY : null,
    value: row.value,
  };
}

function byDaysPushed(a: PushedDeal, b: PushedDeal): number {
  const left = a.daysPushed ?? Number.NEGATIVE_INFINITY;
  const right = b.daysPushed ?? Number.NEGATIVE_INFINITY;
  if (left !== right) return right > left ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
