import * as z from 'zod';
import { dateSchema } from '../journey/schemas.js';
import { newTrack } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import { winRate } from '../metrics/winRate.js';
import { decimalOf } from '../money/amount.js';
import { type Decimal, Money } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import { MS_PER_DAY } from '../time/days.js';
import type { DateInput } from '../time/readDate.js';
import { readDeals, walkAt } from './deals.js';
import { listOf, parseOptions, stageIdSchema, stageOption } from './options.js';

/**
 * Options of {@link salesVelocity}.
 *
 * @example
 * ```ts
 * const options: SalesVelocityOptions = { asOf: '2026-06-30', from: 'prospect' };
 * ```
 */
export interface SalesVelocityOptions {
  /** The moment measured: events after it are ignored. */
  readonly asOf: DateInput;
  /** Opportunities are journeys that reached this stage (default: the handoff). */
  readonly from?: string;
  /** Count disqualified journeys as lost in the win rate (default false, as {@link winRate}). */
  readonly includeDisqualified?: boolean;
}

/**
 * The result of {@link salesVelocity}: the four inputs and their product.
 *
 * @example
 * ```ts
 * const v: SalesVelocityResult = salesVelocity(pipeline, journeys, { asOf: '2026-06-30' });
 * v.perDay?.toFixed(2); //=> money per day
 * ```
 */
export interface SalesVelocityResult {
  /** The stage opportunities start at. */
  readonly from: string;
  /** The moment measured. */
  readonly asOf: Date;
  /** Journeys that reached `from` and are open at `asOf`. */
  readonly openOpportunities: number;
  /** Closed opportunities won (the win rate's numerator). */
  readonly won: number;
  /** Closed opportunities lost (disqualified ones with `includeDisqualified`). */
  readonly lost: number;
  /** won ÷ (won + lost), as {@link winRate} computes it; null when none closed. */
  readonly winRate: number | null;
  /** Mean journey amount of the won ones, rounded to the cent (half to even); null when none has an amount. */
  readonly averageDealSize: Decimal | null;
  /** Won opportunities without an amount (left out of the average deal size). */
  readonly wonWithoutAmount: number;
  /** Mean days from the observed entry into `from` to the win; null when no won one has that entry. */
  readonly averageCycleDays: number | null;
  /** Won opportunities whose entry into `from` was implied, not observed (left out of the cycle). */
  readonly wonWithoutCycle: number;
  /**
   * openOpportunities × winRate × averageDealSize ÷ averageCycleDays in money per day, from the
   * unrounded inputs and rounded to the cent; null when an input is null or the cycle is 0 days.
   */
  readonly perDay: Decimal | null;
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  asOf: dateSchema,
  from: stageIdSchema.exactOptional(),
  includeDisqualified: z.boolean().exactOptional(),
});

/**
 * Sales velocity — how much money the pipeline turns into per day: open opportunities × win rate
 * × average won deal ÷ average sales cycle. The last three come from the same closed
 * opportunities as of `asOf`: those that reached `from` (default: the handoff) and were won or
 * lost, with {@link winRate}'s semantics. Durations are between observed times only: a won deal
 * whose entry into `from` was implied has no cycle time and is counted in `wonWithoutCycle`.
 *
 * @param pipeline - the pipeline
 * @param journeys - raw or parsed journeys (validated here)
 * @param options - `asOf`, optional `from` and `includeDisqualified`
 * @returns the four inputs, the counts behind them, and `perDay` (a Decimal)
 * @throws {@link PipelineError} `invalid_options` (an unknown `from`), `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const v = salesVelocity(presets.buyingPipeline, journeys, { asOf: '2026-06-30' });
 * // 10 open × 0.25 × 20,000 ÷ 50 days = 1,000 a day
 * v.perDay?.toFixed(2); //=> '1000.00'
 * ```
 */
export function salesVelocity(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: SalesVelocityOptions,
): SalesVelocityResult {
  const where = 'salesVelocity';
  const parsed = parseOptions(optionsSchema, options, where);
  const handoff = pipeline.stages.findIndex((stage) => stage.id === pipeline.handoff);
  const from = stageOption(pipeline, parsed.from, ['from'], handoff, where);
  const fromId = pipeline.stages[from]?.id as string;
  const asOf = parsed.asOf.getTime();
  const list = listOf(journeys);
  const track = newTrack(pipeline.stages.length);
  let openOpportunities = 0;
  let withAmount = 0;
  let wonValue = new Money(0);
  let withCycle = 0;
  let cycleMs = 0;
  let wonCount = 0;
  for (const deal of readDeals(pipeline, list, where)) {
    const walked = walkAt(pipeline, deal, asOf, where, track);
    if (walked.furthest < from) continue;
    if (walked.status === 'open') openOpportunities += 1;
    if (walked.status !== 'won') continue;
    wonCount += 1;
    if (walked.amount !== null) {
      withAmount += 1;
      wonValue = wonValue.plus(decimalOf(walked.amount));
    }
    const entered = walked.firstEntry[from] as number;
    const cycle = walked.closedAt - entered;
    // An implied entry has no time; an entry dated after the win is an anomaly, not a duration.
    if (!Number.isNaN(entered) && cycle >= 0) {
      withCycle += 1;
      cycleMs += cycle;
    }
  }
  const history = winRate(pipeline, list, {
    asOf: parsed.asOf,
    from: fromId,
    ...(parsed.includeDisqualified !== undefined && {
      includeDisqualified: parsed.includeDisqualified,
    }),
  });
  const averageDealSize = withAmount === 0 ? null : wonValue.dividedBy(withAmount);
  const averageCycleDays = withCycle === 0 ? null : cycleMs / withCycle / MS_PER_DAY;
  const closed = history.won + history.lost;
  const perDay =
    averageDealSize === null || closed === 0 || withCycle === 0 || cycleMs === 0
      ? null
      : new Money(openOpportunities)
          .times(history.won)
          .times(wonValue)
          .times(withCycle)
          .times(MS_PER_DAY)
          .dividedBy(new Money(closed).times(withAmount).times(cycleMs))
          .toDecimalPlaces(2);
  return {
    from: fromId,
    asOf: new Date(asOf),
    openOpportunities,
    won: history.won,
    lost: history.lost,
    winRate: history.rate,
    averageDealSize: averageDealSize?.toDecimalPlaces(2) ?? null,
    wonWithoutAmount: wonCount - withAmount,
    averageCycleDays,
    wonWithoutCycle: wonCount - withCycle,
    perDay,
  };
}
