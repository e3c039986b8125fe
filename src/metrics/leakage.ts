import type { JourneyInput } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';
import { type DurationSummary, summarizeSorted } from '../stats/summarizeDurations.js';
import { MS_PER_DAY } from '../time/days.js';
import type { DateInput } from '../time/readDate.js';
import { compareKeys } from './conversion.js';
import { summarizeHistogram } from './fastStats.js';
import { emptyCell, type FunnelState, type LeakageCell, mergeCell } from './funnelState.js';
import type { CohortOptions, ResolvedOptions } from './options.js';
import { runStandalone } from './runFunnel.js';

/**
 * Seed 002's leakage questions answered for one stage and one origin (or all origins).
 *
 * @example
 * ```ts
 * const figures: LeakageFigures = leakage(pipeline, journeys, { asOf }).stages[4].all;
 * figures.reasons[0]; //=> the most common reason for discontinuing here
 * ```
 */
export interface LeakageFigures {
  /** Closed lost or disqualified at this stage (their furthest). */
  readonly exited: number;
  /** Why, most frequent first (ties by reason; a missing reason is `null`, listed last among ties). */
  readonly reasons: readonly {
    /** The reason given (null: none). */
    readonly reason: string | null;
    /** How many exits gave it. */
    readonly count: number;
  }[];
  /** Exited within `immediateDays` of entering the stage. */
  readonly immediatelyDiscontinued: number;
  /** Open journeys whose current stage this is. */
  readonly open: number;
  /** Their mean days in the stage as of `asOf`; null when none. */
  readonly meanOpenAgeDays: number | null;
  /** Open here without an amount ("opportunities with no value"). */
  readonly openWithoutValue: number;
  /** Days from entering the stage (observed) to the first activity there: the follow-up time. */
  readonly followUpDays: DurationSummary;
  /** Entered the stage (observed) and had no activity while there. */
  readonly withoutFollowUp: number;
  /** Activities while in the stage, for those that advanced ("how many attempts to qualify"). */
  readonly activitiesToAdvance: DurationSummary;
  /** Activities while in the stage, for those that exited there. */
  readonly activitiesToExit: DurationSummary;
}

/**
 * Leakage at one stage: all journeys, and each origin side by side.
 *
 * @example
 * ```ts
 * const row: LeakageStage = leakage(pipeline, journeys, { asOf }).stages[5];
 * row.byOrigin.map((side) => [side.origin, side.exited]);
 * ```
 */
export interface LeakageStage {
  /** The stage id. */
  readonly stage: string;
  /** Every origin together. */
  readonly all: LeakageFigures;
  /** Per origin (sorted, missing origin `null` last). */
  readonly byOrigin: readonly (LeakageFigures & {
    /** The origin (null: missing). */
    readonly origin: string | null;
  })[];
}

/**
 * The result of {@link leakage}.
 *
 * @example
 * ```ts
 * const result: LeakageResult = leakage(presets.nurture, journeys, { asOf: '2026-06-30' });
 * ```
 */
export interface LeakageResult {
  /** "Immediately" means within this many days of entering. */
  readonly immediateDays: number;
  /** Per stage. */
  readonly stages: readonly LeakageStage[];
}

/**
 * Options of {@link leakage}.
 *
 * @example
 * ```ts
 * const options: LeakageOptions = { asOf: '2026-06-30', immediateDays: 3 };
 * ```
 */
export interface LeakageOptions {
  /** Open ages are measured to here; later events are ignored. */
  readonly asOf: DateInput;
  /** An exit within this many days of entering is "immediately discontinued" (default 7). */
  readonly immediateDays?: number;
  /** Only journeys that entered the cohort stage inside the window. */
  readonly cohort?: CohortOptions;
  /** `'implied'` (default) or `'strict'`. */
  readonly skipped?: 'implied' | 'strict';
}

function mergedCell(cells: readonly LeakageCell[]): LeakageCell {
  const into = emptyCell();
  for (const cell of cells) mergeCell(into, cell);
  return into;
}

function figures(cell: LeakageCell): LeakageFigures {
  const reasons = [...cell.reasons]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || compareKeys(a.reason, b.reason));
  const ageMs = cell.openAgeSeconds * 1000 + cell.openAgeMillis;
  return {
    exited: cell.exited,
    reasons,
    immediatelyDiscontinued: cell.immediate,
    open: cell.open,
    meanOpenAgeDays: cell.open === 0 ? null : ageMs / cell.open / MS_PER_DAY,
    openWithoutValue: cell.openWithoutValue,
    followUpDays: summarizeSorted(cell.followUpMs.sorted(), MS_PER_DAY),
    withoutFollowUp: cell.withoutFollowUp,
    activitiesToAdvance: summarizeHistogram(cell.activitiesToAdvance),
    activitiesToExit: summarizeHistogram(cell.activitiesToExit),
  };
}

/** The leakage figures of an accumulated state. */
export function leakageOf(
  pipeline: Pipeline,
  state: FunnelState,
  options: ResolvedOptions,
): LeakageResult {
  const origins = [...state.leakage.values()].sort((a, b) => compareKeys(a.origin, b.origin));
  return {
    immediateDays: options.immediateMs / MS_PER_DAY,
    stages: pipeline.stages.map((stage, index) => {
      const cells = origins.map((entry) => entry.cells[index] as LeakageCell);
      return {
        stage: stage.id,
        all: figures(mergedCell(cells)),
        byOrigin: origins.map((entry, position) => ({
          origin: entry.origin,
          ...figures(cells[position] as LeakageCell),
        })),
      };
    }),
  };
}

/**
 * Where the pipeline leaks, stage by stage, with marketing- and sales-generated journeys side by
 * side (seed 002): exits and their reasons ranked, exits within `immediateDays` of entering, open
 * journeys and their mean age, open journeys without a value, the follow-up time from entering a
 * stage to the first activity, and the activities it took to advance or to give up.
 *
 * @param pipeline - the pipeline
 * @param journeys - the journeys (validated here)
 * @param options - see {@link LeakageOptions}
 * @returns per-stage figures, overall and by origin
 * @throws {@link PipelineError} `invalid_options`, `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const result = leakage(presets.buyingPipeline, journeys, { asOf: '2026-06-30' });
 * const handoff = result.stages.find((row) => row.stage === 'qualified_lead');
 * handoff?.all.followUpDays.median; //=> median days until Sales first touched the lead
 * ```
 */
export function leakage(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: LeakageOptions,
): LeakageResult {
  const { resolved, state } = runStandalone(pipeline, journeys, options, {
    where: 'leakage',
    keys: ['asOf', 'immediateDays', 'cohort', 'skipped'],
    toFunnel: ({ immediateDays, ...shared }) => ({
      ...shared,
      ...(immediateDays !== undefined && { leakage: { immediateDays } }),
    }),
    renames: { 'leakage.immediateDays': 'immediateDays' },
  });
  return leakageOf(pipeline, state, resolved);
}
