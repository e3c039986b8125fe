import type { JourneyTrack } from '../journey/track.js';
import { newTrack } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import type { Window } from '../metrics/options.js';
import { type Decimal, Money } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import { type Deal, dealValue, inside, latestForecast, readDeals, statusAt } from './deals.js';
import { listOf, parseOptions, periodSchema, type ReadPeriod } from './options.js';

/**
 * One bar of a {@link pipelineWaterfall}: how many deals and their value.
 *
 * @example
 * ```ts
 * const bar: WaterfallBar = pipelineWaterfall(pipeline, journeys, q2).won;
 * bar.value.toFixed(2); //=> e.g. '48000.00'
 * ```
 */
export interface WaterfallBar {
  /** Deals. */
  readonly count: number;
  /** Their value (deals without one add nothing; see `withoutValue`). */
  readonly value: Decimal;
}

/**
 * The result of {@link pipelineWaterfall}. For counts and values alike:
 * `openAtStart + created + pulledIn − won − lost − pushedOut = openAtEnd`, exactly.
 *
 * @example
 * ```ts
 * const w: WaterfallResult = pipelineWaterfall(pipeline, journeys, { start: '2026-04-01', end: '2026-07-01' });
 * w.openAtStart.count + w.created.count + w.pulledIn.count - w.won.count - w.lost.count - w.pushedOut.count; //=> w.openAtEnd.count
 * ```
 */
export interface WaterfallResult {
  /** The period's start. */
  readonly start: Date;
  /** The period's end (exclusive). */
  readonly end: Date;
  /** Open at the start with the latest forecast (at or before the start) closing inside the period. */
  readonly openAtStart: WaterfallBar;
  /** Entered the period's pipeline with no forecast at the start: new deals. */
  readonly created: WaterfallBar;
  /** Entered it during the period having had a forecast at the start (closing elsewhere, or closed then reopened). */
  readonly pulledIn: WaterfallBar;
  /** Left it by being won. */
  readonly won: WaterfallBar;
  /** Left it by being lost or disqualified. */
  readonly lost: WaterfallBar;
  /** Left it open, with the close date moved outside the period. */
  readonly pushedOut: WaterfallBar;
  /** In it at the end: open, the latest forecast closing inside the period. */
  readonly openAtEnd: WaterfallBar;
  /** Deals in any bar without a value (journey amount or forecast amount). */
  readonly withoutValue: number;
}

/**
 * Options of {@link pipelineWaterfall}: the period [start, end).
 *
 * @example
 * ```ts
 * const options: PipelineWaterfallOptions = { start: '2026-04-01', end: '2026-07-01' };
 * ```
 */
export type PipelineWaterfallOptions = Window;

interface MutableBar {
  count: number;
  value: Decimal;
}

type BarName = 'openAtStart' | 'created' | 'pulledIn' | 'won' | 'lost' | 'pushedOut' | 'openAtEnd';
const barNames: readonly BarName[] = [
  'openAtStart',
  'created',
  'pulledIn',
  'won',
  'lost',
  'pushedOut',
  'openAtEnd',
];

/**
 * A period's pipeline waterfall, as revenue-intelligence tools draw it. A deal is *in the
 * period's pipeline* at a moment when it is open and its latest forecast so far closes inside
 * [start, end). At the start, forecasts at the start instant count and outcomes at it do not (they
 * happen inside the period) — the deals {@link pushRate} calls committed. Each deal counts at most
 * once on each side:
 *
 * - in at the start and at the end: `openAtStart` and `openAtEnd` only, whatever happened between;
 * - entered during the period: `created` when it had no forecast at the start, else `pulledIn`;
 * - in at some moment of the period but not at the end: `won`, `lost` (lost or disqualified) or
 *   `pushedOut` (still open, its close date moved out), by where it stands at the end.
 *
 * A deal's value is the same in every bar (its journey amount, else its latest forecast amount
 * before the end), so the identity holds exactly for values too; amount changes during the period
 * are not a bar.
 *
 * @param pipeline - the pipeline
 * @param journeys - raw or parsed journeys (validated here)
 * @param options - `start` and `end`
 * @returns the seven bars
 * @throws {@link PipelineError} `invalid_options` (path `['end']` for an end before the start),
 *   `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const w = pipelineWaterfall(presets.buyingPipeline, journeys, { start: '2026-04-01', end: '2026-07-01' });
 * w.openAtEnd.value.toFixed(2); //=> start + created + pulled in − won − lost − pushed out
 * ```
 */
export function pipelineWaterfall(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: PipelineWaterfallOptions,
): WaterfallResult {
  const where = 'pipelineWaterfall';
  const period = parseOptions(periodSchema, options, where);
  const bars = Object.fromEntries(
    barNames.map((name) => [name, { count: 0, value: new Money(0) }]),
  ) as Record<BarName, MutableBar>;
  const track = newTrack(pipeline.stages.length);
  let withoutValue = 0;
  for (const deal of readDeals(pipeline, listOf(journeys), where)) {
    const flows = flowsOf(pipeline, deal, period, where, track);
    if (flows.length === 0) continue;
    const value = dealValue(deal, period.end - 1);
    if (value === null) withoutValue += 1;
    for (const name of flows) {
      const bar = bars[name];
      bar.count += 1;
      if (value !== null) bar.value = bar.value.plus(value);
    }
  }
  return {
    start: new Date(period.start),
    end: new Date(period.end),
    ...bars,
    withoutValue,
  };
}

/** The bars one deal counts in (empty when it never was in the period's pipeline). */
function flowsOf(
  pipeline: Pipeline,
  deal: Deal,
  period: ReadPeriod,
  where: string,
  track: JourneyTrack,
): BarName[] {
  const { start, end } = period;
  if (deal.forecasts.length === 0) return [];
  const inPeriod = (forecastAt: number, statusAsOf: number) => {
    const forecast = latestForecast(deal, forecastAt);
    return (
      forecast !== undefined &&
      inside(forecast.closeDate, start, end) &&
      statusAt(pipeline, deal, statusAsOf, where, track) === 'open'
    );
  };
  const atStart = inPeriod(start, start - 1);
  // Membership changes only at the deal's own events: look after each one inside the period.
  let ever = atStart;
  let atEnd = atStart;
  for (const time of deal.times) {
    if (time < start) continue;
    if (time >= end) break;
    atEnd = inPeriod(time, time);
    ever ||= atEnd;
  }
  const flows: BarName[] = [];
  if (atStart) flows.push('openAtStart');
  if (ever && !atStart) {
    const hadForecast = (deal.forecasts[0]?.at as number) <= start;
    flows.push(hadForecast ? 'pulledIn' : 'created');
  }
  if (ever && !atEnd) {
    const status = statusAt(pipeline, deal, end - 1, where, track);
    flows.push(status === 'won' ? 'won' : status === 'open' ? 'pushedOut' : 'lost');
  }
  if (atEnd) flows.push('openAtEnd');
  return flows;
}
