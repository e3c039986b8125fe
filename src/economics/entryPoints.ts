import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { dateSchema } from '../journey/schemas.js';
import type { AttributeValue, JourneyInput } from '../journey/types.js';
import { compareKeys } from '../metrics/conversion.js';
import { rate } from '../metrics/ratio.js';
import { END_OF_TIME } from '../metrics/runFunnel.js';
import { stageIndex } from '../pipeline/stageIndex.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';
import { groupKeyOf } from './programKey.js';
import { firstEntryStage, firstEntryTime, walkJourneys } from './walkJourneys.js';

/**
 * How many journeys were first seen at one stage.
 *
 * @example
 * ```ts
 * const row: EntryStage | undefined = entryPoints(pipeline, journeys).stages[3];
 * row?.share; //=> the share of journeys first seen as leads
 * ```
 */
export interface EntryStage {
  /** The stage id. */
  readonly stage: string;
  /** Journeys whose first observed stage this is. */
  readonly count: number;
  /** count ÷ journeys; null without journeys. */
  readonly share: number | null;
}

/**
 * Where a set of journeys was first seen.
 *
 * @example
 * ```ts
 * const mix: EntryMix = entryPoints(pipeline, journeys);
 * mix.atOrAfterHandoff.share; //=> found only once already qualified
 * ```
 */
export interface EntryMix {
  /** Journeys with a first observed stage. */
  readonly journeys: number;
  /** Per stage, in pipeline order. */
  readonly stages: readonly EntryStage[];
  /** First seen at the handoff or later (Sales found them already developed). */
  readonly atOrAfterHandoff: {
    /** How many. */
    readonly count: number;
    /** count ÷ journeys; null without journeys. */
    readonly share: number | null;
  };
}

/**
 * A source's entries in one period.
 *
 * @example
 * ```ts
 * const source: EntrySource | undefined = entryPoints(pipeline, journeys).periods[0]?.sources[0];
 * ```
 */
export interface EntrySource {
  /** The source (origin or the `by` attribute; null: missing). */
  readonly key: AttributeValue;
  /** Journeys first seen in the period from this source. */
  readonly count: number;
  /** count ÷ the period's journeys. */
  readonly share: number | null;
}

/**
 * One calendar period (UTC): where journeys were first seen, and the source mix compared with the
 * period before.
 *
 * @example
 * ```ts
 * const year: EntryPeriod | undefined = entryPoints(pipeline, journeys, { period: 'year' }).periods.at(-1);
 * year?.sameSourceShare; //=> share of this year's entries from sources that also had entries last year
 * ```
 */
export interface EntryPeriod extends EntryMix {
  /** `'2026'`, `'2026-Q1'` or `'2026-03'`. */
  readonly period: string;
  /** Inclusive start (UTC). */
  readonly start: Date;
  /** Exclusive end (UTC). */
  readonly end: Date;
  /** Entries by source, sorted by key, the missing source (`null`) last. */
  readonly sources: readonly EntrySource[];
  /** Sources with entries now and none in the period before (empty for the first period). */
  readonly newSources: readonly AttributeValue[];
  /** Sources with entries in the period before and none now. */
  readonly goneSources: readonly AttributeValue[];
  /** Entries from sources that also had entries in the period before ÷ entries; null for the first period or without entries. */
  readonly sameSourceShare: number | null;
}

/**
 * The result of {@link entryPoints}.
 *
 * @example
 * ```ts
 * const result: EntryPointsResult = entryPoints(presets.buyingPipeline, journeys, { period: 'quarter' });
 * ```
 */
export interface EntryPointsResult extends EntryMix {
  /** The period length used. */
  readonly period: 'year' | 'quarter' | 'month';
  /** Journeys without any stage entry as of `asOf` (not placed). */
  readonly unstaged: number;
  /** Every period from the first entry to the last, in order, empty periods included. */
  readonly periods: readonly EntryPeriod[];
  /** Per source (origin or the `by` attribute), sorted, the missing value (`null`) last. */
  readonly groups: readonly (EntryMix & {
    /** The source (null: missing). */
    readonly key: AttributeValue;
  })[];
}

/**
 * Options of {@link entryPoints}.
 *
 * @example
 * ```ts
 * const options: EntryPointsOptions = { period: 'quarter', by: 'leadSource' };
 * ```
 */
export interface EntryPointsOptions {
  /** Ignore events after this moment (default: use every event). */
  readonly asOf?: DateInput;
  /** The source: `'origin'` (default) or an attribute name. */
  readonly by?: string;
  /** Calendar periods in UTC: `'year'` (default), `'quarter'` or `'month'`. */
  readonly period?: 'year' | 'quarter' | 'month';
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  asOf: dateSchema.exactOptional(),
  by: z.string().min(1).exactOptional(),
  period: z.enum(['year', 'quarter', 'month']).exactOptional(),
});

/** A period's index counted in months: a year is 12 months, a quarter 3. */
const monthsIn = { year: 12, quarter: 3, month: 1 } as const;

/** The index of the period containing a time: months since year 0, floored to the period length. */
function periodIndex(time: number, months: number): number {
  const date = new Date(time);
  const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
  return Math.floor(month / months);
}

function periodStart(index: number, months: number): Date {
  const month = index * months;
  const date = new Date(0);
  date.setUTCFullYear(Math.floor(month / 12), ((month % 12) + 12) % 12, 1);
  date.setUTCHours(0, 0, 0, 0);
  return date;
}

function periodLabel(start: Date, kind: 'year' | 'quarter' | 'month'): string {
  const year = String(start.getUTCFullYear()).padStart(4, '0');
  const month = start.getUTCMonth();
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${month / 3 + 1}`;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

interface Tally {
  journeys: number;
  readonly stages: number[];
  readonly sources: Map<AttributeValue, number>;
}

const emptyTally = (stageCount: number): Tally => ({
  journeys: 0,
  stages: new Array<number>(stageCount).fill(0),
  sources: new Map(),
});

function add(tally: Tally, stage: number, source: AttributeValue): void {
  tally.journeys += 1;
  tally.stages[stage] = (tally.stages[stage] as number) + 1;
  tally.sources.set(source, (tally.sources.get(source) ?? 0) + 1);
}

function mix(pipeline: Pipeline, tally: Tally, handoff: number): EntryMix {
  const late = tally.stages.slice(handoff).reduce((sum, count) => sum + count, 0);
  return {
    journeys: tally.journeys,
    stages: pipeline.stages.map((stage, index) => ({
      stage: stage.id,
      count: tally.stages[index] as number,
      share: rate(tally.stages[index] as number, tally.journeys),
    })),
    atOrAfterHandoff: { count: late, share: rate(late, tally.journeys) },
  };
}

const sortedKeys = (keys: Iterable<AttributeValue>) => [...keys].sort(compareKeys);

/**
 * Where journeys are first seen: the stage of each journey's first observed entry, overall, per
 * calendar period and per source (origin or another attribute). Seed 001's "salespeople are
 * finding leads later" shows as a rising share first seen at or after the handoff; its "what
 * percent of last year's leads came from the same sources" is each period's `sameSourceShare`,
 * with the sources that are new or gone. A journey belongs to the period of its first entry;
 * periods are calendar years, quarters or months in UTC.
 *
 * @param pipeline - the pipeline
 * @param journeys - the journeys (validated here)
 * @param options - see {@link EntryPointsOptions}
 * @returns the entry mix overall, per period and per source
 * @throws {@link PipelineError} `invalid_options`, `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const seen = (id: string, origin: string, stage: string, at: string) => ({ id, origin, events: [{ type: 'stage' as const, stage, at }] });
 * const result = entryPoints(presets.buyingPipeline, [
 *   seen('a', 'tradeshow', 'lead', '2025-04-01'),
 *   seen('b', 'web', 'contact', '2025-06-01'),
 *   seen('c', 'web', 'qualified_lead', '2026-02-01'),
 *   seen('d', 'referral', 'prospect', '2026-03-01'),
 * ]);
 * result.periods.map((year) => [year.period, year.atOrAfterHandoff.share]); //=> [['2025', 0], ['2026', 1]]
 * result.periods[1]?.sameSourceShare; //=> 0.5 (web was a source in 2025, referral was not)
 * result.periods[1]?.goneSources; //=> ['tradeshow']
 * ```
 */
export function entryPoints(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: EntryPointsOptions = {},
): EntryPointsResult {
  const where = 'entryPoints';
  const parsed = parseOrThrow(optionsSchema, options, 'invalid_options', where);
  const by = parsed.by ?? 'origin';
  const kind = parsed.period ?? 'year';
  const months = monthsIn[kind];
  const stageCount = pipeline.stages.length;
  const handoff = stageIndex(pipeline, pipeline.handoff);
  const all = emptyTally(stageCount);
  const periods = new Map<number, Tally>();
  const groups = new Map<AttributeValue, Tally>();
  let unstaged = 0;
  walkJourneys(pipeline, journeys, parsed.asOf?.getTime() ?? END_OF_TIME, where, (track) => {
    const stage = firstEntryStage(track);
    if (stage < 0) {
      unstaged += 1;
      return;
    }
    const source = groupKeyOf(track, by);
    const index = periodIndex(firstEntryTime(track), months);
    let period = periods.get(index);
    if (!period) {
      period = emptyTally(stageCount);
      periods.set(index, period);
    }
    let group = groups.get(source);
    if (!group) {
      group = emptyTally(stageCount);
      groups.set(source, group);
    }
    add(all, stage, source);
    add(period, stage, source);
    add(group, stage, source);
  });

  const indexes = [...periods.keys()];
  const rows: EntryPeriod[] = [];
  if (indexes.length > 0) {
    const first = Math.min(...indexes);
    const last = Math.max(...indexes);
    let previous: Tally | null = null;
    for (let index = first; index <= last; index += 1) {
      const tally = periods.get(index) ?? emptyTally(stageCount);
      const start = periodStart(index, months);
      const before: Tally | null = previous;
      const same = before
        ? [...tally.sources].reduce(
            (sum, [key, count]) => sum + (before.sources.has(key) ? count : 0),
            0,
          )
        : 0;
      rows.push({
        period: periodLabel(start, kind),
        start,
        end: periodStart(index + 1, months),
        ...mix(pipeline, tally, handoff),
        sources: sortedKeys(tally.sources.keys()).map((key) => ({
          key,
          count: tally.sources.get(key) as number,
          share: rate(tally.sources.get(key) as number, tally.journeys),
        })),
        newSources: before
          ? sortedKeys(tally.sources.keys()).filter((key) => !before.sources.has(key))
          : [],
        goneSources: before
          ? sortedKeys(before.sources.keys()).filter((key) => !tally.sources.has(key))
          : [],
        sameSourceShare: before ? rate(same, tally.journeys) : null,
      });
      previous = tally;
    }
  }
  return {
    period: kind,
    ...mix(pipeline, all, handoff),
    unstaged,
    periods: rows,
    groups: sortedKeys(groups.keys()).map((key) => ({
      key,
      ...mix(pipeline, groups.get(key) as Tally, handoff),
    })),
  };
}
