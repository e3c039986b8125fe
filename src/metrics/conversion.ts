import type { AttributeValue, JourneyInput } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';
import { allSlice, type FunnelState, type Slice } from './funnelState.js';
import type { CohortOptions, FunnelOptions, ResolvedOptions } from './options.js';
import { interval, type RateInterval, rate } from './ratio.js';
import { END_OF_TIME, runStandalone } from './runFunnel.js';

/**
 * Conversion at one stage. In cohort mode `reached = advanced + late + exited + open` (+ `won`
 * on the last stage). In flow mode `reached` and `advanced` are entries into the stage and the
 * next inside the window; `exited` and `open` are not measured (null).
 *
 * @example
 * ```ts
 * const row: ConversionRow = conversion(pipeline, journeys, { asOf }).stages[0];
 * row.rate; //=> advanced ÷ reached, or null when nobody reached the stage
 * ```
 */
export interface ConversionRow {
  /** The stage id. */
  readonly stage: string;
  /** The next stage id, null on the last stage. */
  readonly next: string | null;
  /** Journeys that reached the stage (flow: entries into it in the window). */
  readonly reached: number;
  /** Of those, the ones that reached a later stage (in time, with `within`). Flow: entries into the next stage. */
  readonly advanced: number;
  /** With `within`: advanced, but later than that. Otherwise 0. */
  readonly late: number;
  /** Closed lost or disqualified at this stage. Null in flow mode. */
  readonly exited: number | null;
  /** Still open with this as their furthest stage (recycled journeys included). Null in flow mode. */
  readonly open: number | null;
  /** Won (only the last stage). */
  readonly won: number;
  /** advanced ÷ reached; null on the last stage or when nobody reached it. Flow mode: may exceed 1. */
  readonly rate: number | null;
  /** advanced ÷ (advanced + exited): the rate among the decided; null when none. Null in flow mode. */
  readonly resolvedRate: number | null;
  /** Wilson interval of `rate` (nulls when there is no rate, and in flow mode). */
  readonly interval: RateInterval;
}

/**
 * From one stage to another across the pipeline.
 *
 * @example
 * ```ts
 * const overall: ConversionOverall = conversion(pipeline, journeys, { asOf }).overall;
 * ```
 */
export interface ConversionOverall {
  /** The start stage. */
  readonly from: string;
  /** The end stage. */
  readonly to: string;
  /** Journeys that reached `from`. */
  readonly reached: number;
  /** Of those, the ones that reached `to` (in time, with `within`). */
  readonly converted: number;
  /** converted ÷ reached, null when nobody reached `from`. */
  readonly rate: number | null;
  /** Wilson interval of the rate. */
  readonly interval: RateInterval;
}

/**
 * Conversion within one group of `by`.
 *
 * @example
 * ```ts
 * const group: ConversionGroup | undefined = conversion(pipeline, journeys, { by: 'origin' }).groups?.[0];
 * ```
 */
export interface ConversionGroup {
  /** The group's value (null: the attribute was missing). */
  readonly key: AttributeValue;
  /** Journeys in the group. */
  readonly journeys: number;
  /** Per stage. */
  readonly stages: readonly ConversionRow[];
  /** First to last (or `from` to `to`). */
  readonly overall: ConversionOverall;
}

/**
 * The result of {@link conversion}.
 *
 * @example
 * ```ts
 * const result: ConversionResult = conversion(presets.buyingPipeline, journeys, { asOf: '2026-06-30' });
 * ```
 */
export interface ConversionResult {
  /** `'cohort'` follows journeys; `'flow'` divides entries in a window. */
  readonly mode: 'cohort' | 'flow';
  /** Per stage, in pipeline order. */
  readonly stages: readonly ConversionRow[];
  /** First to last stage, or `from` to `to`. */
  readonly overall: ConversionOverall;
  /** Per group, when `by` was given; sorted by key (null last). */
  readonly groups?: readonly ConversionGroup[];
}

/**
 * Options of {@link conversion}.
 *
 * @example
 * ```ts
 * const options: ConversionOptions = { asOf: '2026-06-30', by: 'origin', within: 30, from: 'lead', to: 'customer' };
 * ```
 */
export interface ConversionOptions {
  /** Ignore events after this moment (default: use every event). */
  readonly asOf?: DateInput;
  /** `'origin'` or an attribute name: adds `groups`. */
  readonly by?: string;
  /** Only journeys that entered the cohort stage in the window (flow mode: the window itself). */
  readonly cohort?: CohortOptions;
  /** Count an advance only within this many days of entering the stage. */
  readonly within?: number;
  /** `'implied'` (default) or `'strict'` (only observed entries count as reaching a stage). */
  readonly skipped?: 'implied' | 'strict';
  /** `'first'` (default): each journey once; `'each'`: every pass after a recycle or reopening counts (see {@link FunnelOptions}). */
  readonly passes?: 'first' | 'each';
  /** `'cohort'` (default) or `'flow'`. */
  readonly mode?: 'cohort' | 'flow';
  /** Start of `overall` (default: the first stage). */
  readonly from?: string;
  /** End of `overall` (default: the last stage). */
  readonly to?: string;
  /** Interval confidence in (0, 1), default 0.95. */
  readonly confidence?: number;
}

function rows(pipeline: Pipeline, slice: Slice, options: ResolvedOptions): ConversionRow[] {
  const last = pipeline.stages.length - 1;
  return pipeline.stages.map((stage, index) => {
    const isLast = index === last;
    const reached = options.flow
      ? (slice.entries[index] as number)
      : (slice.reached[index] as number);
    const advanced = isLast
      ? 0
      : options.flow
        ? (slice.entries[index + 1] as number)
        : (slice.advanced[index] as number);
    const exited = slice.exited[index] as number;
    const rowRate = isLast ? null : rate(advanced, reached);
    return {
      stage: stage.id,
      next: pipeline.stages[index + 1]?.id ?? null,
      reached,
      advanced,
      late: options.flow ? 0 : (slice.late[index] as number),
      exited: options.flow ? null : exited,
      open: options.flow ? null : (slice.open[index] as number),
      won: isLast && !options.flow ? slice.won : 0,
      rate: rowRate,
      resolvedRate: isLast || options.flow ? null : rate(advanced, advanced + exited),
      interval:
        isLast || options.flow
          ? { lower: null, upper: null }
          : interval(advanced, reached, options.confidence),
    };
  });
}

function overall(pipeline: Pipeline, slice: Slice, options: ResolvedOptions): ConversionOverall {
  const from = pipeline.stages[options.from]?.id as string;
  const to = pipeline.stages[options.to]?.id as string;
  if (options.flow) {
    // Flow: entries into `to` ÷ entries into `from`, both inside the window; no interval.
    const reached = slice.entries[options.from] as number;
    const converted = slice.entries[options.to] as number;
    return {
      from,
      to,
      reached,
      converted,
      rate: rate(converted, reached),
      interval: { lower: null, upper: null },
    };
  }
  return {
    from,
    to,
    reached: slice.overallReached,
    converted: slice.overallConverted,
    rate: rate(slice.overallConverted, slice.overallReached),
    interval: interval(slice.overallConverted, slice.overallReached, options.confidence),
  };
}

/**
 * Sorts group keys: numbers numerically, then text, then booleans, the missing value (null) last.
 */
export function compareKeys(a: AttributeValue, b: AttributeValue): number {
  const rank = (value: AttributeValue) =>
    value === null ? 3 : typeof value === 'number' ? 0 : typeof value === 'string' ? 1 : 2;
  const difference = rank(a) - rank(b);
  if (difference !== 0 || a === null || b === null) return difference;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
/** The conversion figures of an accumulated state. */
export function conversionOf(
  pipeline: Pipeline,
  state: FunnelState,
  options: ResolvedOptions,
): ConversionResult {
  const all = allSlice(state, options);
  const result: ConversionResult = {
    mode: options.flow ? 'flow' : 'cohort',
    stages: rows(pipeline, all, options),
    overall: overall(pipeline, all, options),
  };
  if (options.by === null) return result;
  const groups = [...state.groups.values()]
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((group) => ({
      key: group.key,
      journeys: group.slice.journeys,
      stages: rows(pipeline, group.slice, options),
      overall: overall(pipeline, group.slice, options),
    }));
  return { ...result, groups };
}

/** Turns the standalone options into the shared funnel options. */
export function funnelOptionsOf(options: ConversionOptions): FunnelOptions {
  const { asOf, within, mode, from, to, ...shared } = options;
  const conversionPart = {
    ...(within !== undefined && { within }),
    ...(mode !== undefined && { mode }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
  };
  return { ...shared, asOf: asOf ?? END_OF_TIME, conversion: conversionPart };
}

/**
 * Conversion between every pair of adjacent stages, and overall, with Wilson intervals.
 *
 * Cohort mode (default): of the journeys that reached stage k, `advanced` reached a later stage,
 * `exited` closed lost or disqualified at k, `open` are still there; `rate = advanced / reached`,
 * `resolvedRate = advanced / (advanced + exited)`. A journey reached k if it entered k or any
 * later stage (`skipped: 'strict'`: only observed entries). Flow mode: entries into k+1 ÷ entries
 * into k inside the cohort window — a ratio of flows that can exceed 1, labelled as such.
 * Journeys without any stage are left out here and counted as `unstaged` by {@link funnelReport}.
 *
 * @param pipeline - the pipeline
 * @param journeys - the journeys (validated here)
 * @param options - see {@link ConversionOptions}
 * @returns per-stage rows, the overall figure and, with `by`, per-group figures
 * @throws {@link PipelineError} `invalid_options` (unknown stage, bad window or confidence),
 *   `invalid_journey` / `unknown_stage` for bad journeys (path starts with the journey's index)
 *
 * @example
 * ```ts
 * const result = conversion(presets.buyingPipeline, journeys, { asOf: '2026-06-30', by: 'origin' });
 * result.stages.find((row) => row.stage === 'qualified_lead')?.rate; //=> e.g. 0.55
 * result.groups?.map((group) => [group.key, group.overall.rate]);
 * ```
 */
export function conversion(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: ConversionOptions = {},
): ConversionResult {
  const { resolved, state } = runStandalone(pipeline, journeys, options, {
    where: 'conversion',
    keys: [
      'asOf',
      'by',
      'cohort',
      'within',
      'skipped',
      'passes',
      'mode',
      'from',
      'to',
      'confidence',
    ],
    toFunnel: funnelOptionsOf,
    renames: {
      'conversion.from': 'from',
      'conversion.to': 'to',
      'conversion.within': 'within',
      'conversion.mode': 'mode',
    },
  });
  return conversionOf(pipeline, state, resolved);
}
