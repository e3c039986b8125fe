import * as z from 'zod';
import { dateSchema } from '../journey/schemas.js';
import type { JourneyStatus } from '../journey/summarizeJourney.js';
import { newTrack } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';
import { MS_PER_DAY } from '../time/days.js';
import type { DateInput } from '../time/readDate.js';
import { readDeals, statusAt } from './deals.js';
import { listOf, parseOptions } from './options.js';

/**
 * Options of {@link slippage}.
 *
 * @example
 * ```ts
 * const options: SlippageOptions = { asOf: '2026-06-30' };
 * ```
 */
export interface SlippageOptions {
  /** Forecasts made after this moment are ignored. */
  readonly asOf: DateInput;
}

/**
 * How often and how far one deal's close date slipped.
 *
 * @example
 * ```ts
 * const row: SlippedDeal = slippage(pipeline, journeys, { asOf: '2026-06-30' })[0];
 * `${row.id}: pushed ${row.pushes} times, ${row.daysPushed} days`;
 * ```
 */
export interface SlippedDeal {
  /** The journey id. */
  readonly id: string;
  /** Where it stands as of `asOf`. */
  readonly status: JourneyStatus;
  /** Its forecasts made at or before `asOf`. */
  readonly forecasts: number;
  /** Times a forecast moved the close date later than the previous forecast did. */
  readonly pushes: number;
  /** Total days of those moves. */
  readonly daysPushed: number;
  /** Times a forecast moved the close date earlier (pulled in). */
  readonly pullIns: number;
  /** Total days of those moves (a positive number). */
  readonly daysPulledIn: number;
  /** The close date of its first forecast. */
  readonly firstCloseDate: Date;
  /** The close date of its latest forecast. */
  readonly latestCloseDate: Date;
}

const optionsSchema = /* @__PURE__ */ z.strictObject({ asOf: dateSchema });

/**
 * Close-date slippage per deal: each forecast is compared with the one before it (in the order
 * they were made); a later close date is a push, an earlier one a pull-in. Every journey with at
 * least one forecast at or before `asOf` gets a row; the worst offenders come first (most pushes,
 * then most days pushed, then id).
 *
 * @param pipeline - the pipeline
 * @param journeys - raw or parsed journeys (validated here)
 * @param options - `asOf`
 * @returns one row per forecast journey, worst first
 * @throws {@link PipelineError} `invalid_options`, `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const worst = slippage(presets.buyingPipeline, journeys, { asOf: '2026-06-30' })[0];
 * worst?.pushes; //=> e.g. 2
 * ```
 */
export function slippage(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: SlippageOptions,
): SlippedDeal[] {
  const where = 'slippage';
  const asOf = parseOptions(optionsSchema, options, where).asOf.getTime();
  const track = newTrack(pipeline.stages.length);
  const rows: SlippedDeal[] = [];
  for (const deal of readDeals(pipeline, listOf(journeys), where)) {
    const forecasts = deal.forecasts.filter((forecast) => forecast.at <= asOf);
    const [first] = forecasts;
    const latest = forecasts[forecasts.length - 1];
    if (!first || !latest) continue;
    let pushes = 0;
    let pushedMs = 0;
    let pullIns = 0;
    let pulledMs = 0;
    for (let index = 1; index < forecasts.length; index += 1) {
      const move =
        (forecasts[index]?.closeDate as number) - (forecasts[index - 1]?.closeDate as number);
      if (move > 0) {
        pushes += 1;
        pushedMs += move;
      } else if (move < 0) {
        pullIns += 1;
        pulledMs -= move;
      }
    }
    rows.push({
      id: deal.id,
      status: statusAt(pipeline, deal, asOf, where, track),
      forecasts: forecasts.length,
      pushes,
      daysPushed: pushedMs / MS_PER_DAY,
      pullIns,
      daysPulledIn: pulledMs / MS_PER_DAY,
      firstCloseDate: new Date(first.closeDate),
      latestCloseDate: new Date(latest.closeDate),
    });
  }
  return rows.sort(
    (a, b) =>
      b.pushes - a.pushes ||
      b.daysPushed - a.daysPushed ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
