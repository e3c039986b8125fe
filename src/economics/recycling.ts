import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { validateJourney } from '../journey/parseJourney.js';
import { dateSchema } from '../journey/schemas.js';
import type { JourneyTrack } from '../journey/track.js';
import type { AttributeValue, JourneyInput } from '../journey/types.js';
import { compareKeys } from '../metrics/conversion.js';
import { rate } from '../metrics/ratio.js';
import { END_OF_TIME } from '../metrics/runFunnel.js';
import { stageIndexMap } from '../pipeline/stageIndex.js';
import type { Pipeline } from '../pipeline/types.js';
import { type DurationSummary, summarizeDurations } from '../stats/summarizeDurations.js';
import { MS_PER_DAY } from '../time/days.js';
import type { DateInput } from '../time/readDate.js';
import { groupKeyOf } from './programKey.js';
import { walkJourneys } from './walkJourneys.js';

/**
 * What became of the recycled journeys as of `asOf`. `won + lost + disqualified + nurturing +
 * backInFunnel = recycled`; `reentered` overlaps them.
 *
 * @example
 * ```ts
 * const after: RecyclingAfterwards = recycling(pipeline, journeys).afterwards;
 * after.won; //=> recycled journeys that were won in the end
 * ```
 */
export interface RecyclingAfterwards {
  /** Journeys recycled at least once. */
  readonly recycled: number;
  /** Of those, the ones that entered a stage again after a recycle (a win counts as entering the last stage). */
  readonly reentered: number;
  /** Won as of `asOf`. */
  readonly won: number;
  /** Lost as of `asOf`. */
  readonly lost: number;
  /** Disqualified as of `asOf`. */
  readonly disqualified: number;
  /** Open and no stage entered since the last recycle: still with Marketing. */
  readonly nurturing: number;
  /** Open and back in a stage since the last recycle. */
  readonly backInFunnel: number;
}

/**
 * Recycling from one stage.
 *
 * @example
 * ```ts
 * const row: RecyclingStage | undefined = recycling(pipeline, journeys).stages[4];
 * row?.share; //=> recycled from here ÷ reached here
 * ```
 */
export interface RecyclingStage {
  /** The stage id. */
  readonly stage: string;
  /** Journeys that reached the stage (implied passage included). */
  readonly reached: number;
  /** Journeys passed back to Marketing while in this stage (once each, however often). */
  readonly recycled: number;
  /** recycled ÷ reached; null when nobody reached the stage. */
  readonly share: number | null;
}

/**
 * Recycling figures of one group of journeys (all of them, or one `by` group).
 *
 * @example
 * ```ts
 * const figures: RecyclingFigures = recycling(pipeline, journeys);
 * figures.share; //=> recycled ÷ journeys
 * ```
 */
export interface RecyclingFigures {
  /** Journeys measured (every journey given). */
  readonly journeys: number;
  /** Journeys recycled at least once. */
  readonly recycled: number;
  /** Recycle events (a journey can be recycled more than once). */
  readonly recycles: number;
  /** recycled ÷ journeys; null without journeys. */
  readonly share: number | null;
  /** What became of the recycled journeys. */
  readonly afterwards: RecyclingAfterwards;
  /** Days from a recycle to the next stage entry, per recycle followed by one (observed times only). */
  readonly timeToReentryDays: DurationSummary;
}

/**
 * The result of {@link recycling}.
 *
 * @example
 * ```ts
 * const result: RecyclingResult = recycling(presets.buyingPipeline, journeys, { by: 'origin' });
 * ```
 */
export interface RecyclingResult extends RecyclingFigures {
  /** Per stage, in pipeline order: where journeys were when Sales passed them back. */
  readonly stages: readonly RecyclingStage[];
  /** Recycle events before any stage entry (in no stage row). */
  readonly recyclesBeforeAnyStage: number;
  /** Per group of `by` (default `'origin'`), sorted, the missing value (`null`) last. */
  readonly groups: readonly (RecyclingFigures & {
    /** The group's value (null: missing). */
    readonly key: AttributeValue;
  })[];
}

/**
 * Options of {@link recycling}.
 *
 * @example
 * ```ts
 * const options: RecyclingOptions = { asOf: '2026-06-30', by: 'campaign' };
 * ```
 */
export interface RecyclingOptions {
  /** Ignore events after this moment (default: use every event). */
  readonly asOf?: DateInput;
  /** Group by `'origin'` (default) or an attribute name. */
  readonly by?: string;
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  asOf: dateSchema.exactOptional(),
  by: z.string().min(1).exactOptional(),
});

interface Tally {
  journeys: number;
  recycled: number;
  recycles: number;
  reentered: number;
  won: number;
  lost: number;
  disqualified: number;
  nurturing: number;
  backInFunnel: number;
  readonly reentryDays: number[];
}

const emptyTally = (): Tally => ({
  journeys: 0,
  recycled: 0,
  recycles: 0,
  reentered: 0,
  won: 0,
  lost: 0,
  disqualified: 0,
  nurturing: 0,
  backInFunnel: 0,
  reentryDays: [],
});

/** One journey's recycles: the stage each happened in (-1: none yet) and the days to the next entry. */
interface JourneyRecycles {
  readonly stages: Set<number>;
  readonly reentryDays: number[];
  beforeAnyStage: number;
}

/**
 * Replays a recycled journey's events (sorted by the validating parser, as the walk orders them)
 * to find the stage of each recycle and the time to the next entry; the walk keeps only counts.
 */
function replayRecycles(
  pipeline: Pipeline,
  journey: JourneyInput,
  index: number,
  asOf: number,
  where: string,
): JourneyRecycles {
  const stages = stageIndexMap(pipeline);
  const last = pipeline.stages.length - 1;
  const result: JourneyRecycles = { stages: new Set(), reentryDays: [], beforeAnyStage: 0 };
  let current = -1;
  let pending: number[] = [];
  const enter = (stage: number, at: number) => {
    current = stage;
    for (const since of pending) result.reentryDays.push((at - since) / MS_PER_DAY);
    pending = [];
  };
  for (const event of validateJourney(journey, { pipeline, path: [index] }, where).events) {
    const at = event.at.getTime();
    if (at > asOf) break;
    if (event.type === 'stage') enter(stages.get(event.stage) as number, at);
    else if (event.type === 'outcome' && event.outcome === 'won') {
      // A win is an entry into the last stage, as in the walk.
      if (current !== last || pending.length > 0) enter(last, at);
    } else if (event.type === 'outcome' && event.outcome === 'recycled') {
      if (current < 0) result.beforeAnyStage += 1;
      else result.stages.add(current);
      pending.push(at);
    }
  }
  return result;
}

function addJourney(tally: Tally, track: JourneyTrack, recycles: JourneyRecycles | null): void {
  tally.journeys += 1;
  if (!recycles) return;
  tally.recycled += 1;
  tally.recycles += track.recycles;
  if (recycles.reentryDays.length > 0) tally.reentered += 1;
  tally.reentryDays.push(...recycles.reentryDays);
  if (track.status === 'won') tally.won += 1;
  else if (track.status === 'lost') tally.lost += 1;
  else if (track.status === 'disqualified') tally.disqualified += 1;
  else if (Number.isNaN(track.recycledAt)) tally.backInFunnel += 1;
  else tally.nurturing += 1;
}

function figures(tally: Tally): RecyclingFigures {
  return {
    journeys: tally.journeys,
    recycled: tally.recycled,
    recycles: tally.recycles,
    share: rate(tally.recycled, tally.journeys),
    afterwards: {
      recycled: tally.recycled,
      reentered: tally.reentered,
      won: tally.won,
      lost: tally.lost,
      disqualified: tally.disqualified,
      nurturing: tally.nurturing,
      backInFunnel: tally.backInFunnel,
    },
    // Never negative: events are in time order.
    timeToReentryDays: summarizeDurations(tally.reentryDays),
  };
}

/**
 * Recycling: the journeys Sales passed back to Marketing for nurture (seed 004's "percentage of
 * leads that are sent back to marketing from sales"). Gives the share recycled overall, by the
 * stage they were in when passed back (÷ the journeys that reached that stage) and by origin (or
 * another attribute), what became of them afterwards (re-entered a stage, won, lost,
 * disqualified, still nurturing, back in the funnel), and the days from a recycle to the next
 * stage entry.
 *
 * @param pipeline - the pipeline
 * @param journeys - the journeys (validated here)
 * @param options - see {@link RecyclingOptions}
 * @returns the figures overall, per stage and per group
 * @throws {@link PipelineError} `invalid_options`, `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const result = recycling(presets.buyingPipeline, [
 *   {
 *     id: 'a',
 *     origin: 'marketing',
 *     events: [
 *       { type: 'stage', stage: 'qualified_lead', at: '2026-01-10' },
 *       { type: 'outcome', outcome: 'recycled', at: '2026-01-20', reason: 'not ready' },
 *       { type: 'stage', stage: 'lead', at: '2026-03-01' },
 *       { type: 'outcome', outcome: 'won', at: '2026-05-01' },
 *     ],
 *   },
 *   { id: 'b', origin: 'marketing', events: [{ type: 'stage', stage: 'qualified_lead', at: '2026-01-12' }] },
 * ]);
 * result.share; //=> 0.5
 * result.stages[4]; //=> { stage: 'qualified_lead', reached: 2, recycled: 1, share: 0.5 }
 * result.afterwards.won; //=> 1
 * result.timeToReentryDays.median; //=> 40
 * ```
 */
export function recycling(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: RecyclingOptions = {},
): RecyclingResult {
  const where = 'recycling';
  const parsed = parseOrThrow(optionsSchema, options, 'invalid_options', where);
  const asOf = parsed.asOf?.getTime() ?? END_OF_TIME;
  const by = parsed.by ?? 'origin';
  const all = emptyTally();
  const groups = new Map<AttributeValue, Tally>();
  const reached = new Array<number>(pipeline.stages.length).fill(0);
  const recycledAt = new Array<number>(pipeline.stages.length).fill(0);
  let recyclesBeforeAnyStage = 0;
  walkJourneys(pipeline, journeys, asOf, where, (track, index, journey) => {
    for (let stage = 0; stage <= track.furthest; stage += 1)
      reached[stage] = (reached[stage] as number) + 1;
    const recycles =
      track.recycles > 0 ? replayRecycles(pipeline, journey, index, asOf, where) : null;
    if (recycles) {
      for (const stage of recycles.stages) recycledAt[stage] = (recycledAt[stage] as number) + 1;
      recyclesBeforeAnyStage += recycles.beforeAnyStage;
    }
    const key = groupKeyOf(track, by);
    let group = groups.get(key);
    if (!group) {
      group = emptyTally();
      groups.set(key, group);
    }
    addJourney(all, track, recycles);
    addJourney(group, track, recycles);
  });
  return {
    ...figures(all),
    stages: pipeline.stages.map((stage, index) => ({
      stage: stage.id,
      reached: reached[index] as number,
      recycled: recycledAt[index] as number,
      share: rate(recycledAt[index] as number, reached[index] as number),
    })),
    recyclesBeforeAnyStage,
    groups: [...groups.entries()]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, tally]) => ({ key, ...figures(tally) })),
  };
}
