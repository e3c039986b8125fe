import { PipelineError } from '../errors/PipelineError.js';
import { validateJourney } from '../journey/parseJourney.js';
import { type JourneyTrack, newTrack, type TrackStatus, trackJourney } from '../journey/track.js';
import type { AttributeValue, Journey, JourneyInput } from '../journey/types.js';
import { decimalOf } from '../money/amount.js';
import { type Decimal, readMoney } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import { timeOf } from '../time/fastTime.js';

// The forecasting calculators read the one journey walk (track.ts) for status, stages and
// closes, and add what the funnel walk does not keep: the close-date history of `forecast`
// events. Times are epoch milliseconds (whole, as everywhere in the library).

/** One `forecast` event: when it was made, the close date it gave, and its amount if any. */
export interface ForecastPoint {
  readonly at: number;
  readonly closeDate: number;
  readonly amount: Decimal | null;
}

/** A journey read for forecasting: validated once, its forecasts in time order. */
export interface Deal {
  /** The journey as given (walked again with {@link statusAt}). */
  readonly input: JourneyInput;
  /** Its position in the caller's list (error paths). */
  readonly index: number;
  readonly id: string;
  readonly origin: string | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly amount: Decimal | null;
  /** Forecast events sorted by `at` (same-instant forecasts keep their input order). */
  readonly forecasts: readonly ForecastPoint[];
  /** The distinct times of all its events, ascending. */
  readonly times: readonly number[];
}

/** The latest representable moment. */
export const END_OF_TIME = 8.64e15;

/**
 * Reads every journey once: validates it through the shared walk (so errors and their paths are
 * the calculators' own) and collects its forecast history. O(total events · log).
 */
export function readDeals(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  where: string,
): Deal[] {
  const track = newTrack(pipeline.stages.length);
  const deals: Deal[] = [];
  let index = 0;
  for (const input of journeys) {
    trackJourney(pipeline, input, END_OF_TIME, where, index, track);
    deals.push(readDeal(pipeline, input, index, track, where));
    index += 1;
  }
  return deals;
}

function readDeal(
  pipeline: Pipeline,
  input: JourneyInput,
  index: number,
  track: JourneyTrack,
  where: string,
): Deal {
  // The walk has validated the journey: reading its raw events cannot fail, except for shapes the
  // fast readers leave to the schema (then read the validated copy).
  const read =
    readEvents(input) ?? readEvents(validateJourney(input, { pipeline, path: [index] }, where));
  if (!read) {
    throw new PipelineError(
      'invalid_journey',
      [{ code: 'unreadable', path: [index], message: 'The journey could not be read' }],
      { where },
    );
  }
  return {
    input,
    index,
    id: track.id,
    origin: track.origin,
    attributes: track.attributes,
    amount: track.amount === null ? null : decimalOf(track.amount),
    forecasts: read.forecasts,
    times: read.times,
  };
}

function readEvents(
  journey: JourneyInput | Journey,
): { forecasts: ForecastPoint[]; times: number[] } | undefined {
  const forecasts: ForecastPoint[] = [];
  const times: number[] = [];
  for (const event of journey.events) {
    const at = timeOf(event.at);
    if (Number.isNaN(at)) return undefined;
    times.push(at);
    if (event.type !== 'forecast') continue;
    const closeDate = timeOf(event.closeDate);
    if (Number.isNaN(closeDate)) return undefined;
    let amount: Decimal | null = null;
    if (event.amount !== undefined) {
      const money = readMoney(event.amount);
      if (typeof money === 'string') return undefined;
      amount = money.isZero() ? money.abs() : money;
    }
    forecasts.push({ at, closeDate, amount });
  }
  forecasts.sort((a, b) => a.at - b.at);
  times.sort((a, b) => a - b);
  return { forecasts, times: times.filter((time, at) => at === 0 || time !== times[at - 1]) };
}

/**
 * The walk of a deal as of `asOf` (events at `asOf` included), into a reused track. To see the
 * state *before* a moment t, pass t − 1: times are whole milliseconds.
 */
export function walkAt(
  pipeline: Pipeline,
  deal: Deal,
  asOf: number,
  where: string,
  track: JourneyTrack,
): JourneyTrack {
  return trackJourney(pipeline, deal.input, asOf, where, deal.index, track);
}

/** The deal's status as of `asOf` (events at `asOf` included). */
export function statusAt(
  pipeline: Pipeline,
  deal: Deal,
  asOf: number,
  where: string,
  track: JourneyTrack,
): TrackStatus {
  return walkAt(pipeline, deal, asOf, where, track).status;
}

/** The latest forecast made at or before `time`, or undefined. */
export function latestForecast(deal: Deal, time: number): ForecastPoint | undefined {
  let latest: ForecastPoint | undefined;
  for (const forecast of deal.forecasts) {
    if (forecast.at > time) break;
    latest = forecast;
  }
  return latest;
}

/**
 * What a deal is expected to bring as of a forecast: the forecast's amount, else the journey's
 * amount (a forecast without an amount confirms the deal's value).
 */
export function expectedValue(deal: Deal, forecast: ForecastPoint | undefined): Decimal | null {
  return forecast?.amount ?? deal.amount;
}

/**
 * What a deal is worth once it happened: the journey's amount, else the amount of its latest
 * forecast at or before `time`.
 */
export function dealValue(deal: Deal, time: number): Decimal | null {
  return deal.amount ?? latestForecast(deal, time)?.amount ?? null;
}

/** Whether `time` is inside the window [start, end). */
export const inside = (time: number, start: number, end: number): boolean =>
  time >= start && time < end;

/**
 * The commit of a deal for a period, read at a snapshot: the deal is open just before the
 * snapshot (an outcome at the snapshot itself happens inside the period) and its latest forecast
 * at or before the snapshot puts the close inside [start, end). Undefined when it is not committed.
 */
export function commitOf(
  pipeline: Pipeline,
  deal: Deal,
  period: { readonly start: number; readonly end: number; readonly snapshot: number },
  where: string,
  track: JourneyTrack,
): ForecastPoint | undefined {
  const forecast = latestForecast(deal, period.snapshot);
  if (!forecast || !inside(forecast.closeDate, period.start, period.end)) return undefined;
  return statusAt(pipeline, deal, period.snapshot - 1, where, track) === 'open'
    ? forecast
    : undefined;
}
