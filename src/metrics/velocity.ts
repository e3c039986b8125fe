import type { JourneyInput } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';
import { type KaplanMeierResult, kaplanMeierSorted } from '../stats/kaplanMeier.js';
import { type DurationSummary, summarizeSorted } from '../stats/summarizeDurations.js';
import { MS_PER_DAY } from '../time/days.js';
import type { DateInput } from '../time/readDate.js';
import type { FunnelState } from './funnelState.js';
import type { NumberList } from './numberList.js';
import type { CohortOptions, ResolvedOptions } from './options.js';
import { runStandalone } from './runFunnel.js';

/**
 * Time spent in a stage, with open journeys censored at `asOf` (Kaplan–Meier).
 *
 * @example
 * ```ts
 * const time: TimeInStage | null = velocity(pipeline, journeys, { asOf }).stages[0].timeInStage;
 * time?.median; //=> days, or null when fewer than half have left
 * ```
 */
export interface TimeInStage {
  /** The median days in the stage: the first time survival ≤ 0.5, null if never. */
  readonly median: number | null;
  /**
   * The Kaplan–Meier curve in days, at most `curveRows` rows (default 100) evenly spaced by
   * journeys passed; each row is exact, and `events` / `censored` count everything since the
   * previous row. The median is read off the full curve.
   */
  readonly curve: KaplanMeierResult;
}

/**
 * Velocity at one stage.
 *
 * @example
 * ```ts
 * const row: VelocityStage = velocity(pipeline, journeys, { asOf }).stages[3];
 * row.toNext?.median; //=> median days from entering this stage to entering the next
 * ```
 */
export interface VelocityStage {
  /** The stage id. */
  readonly stage: string;
  /** Days from entering this stage to entering the next, both observed; null on the last stage. */
  readonly toNext: DurationSummary | null;
  /** Days in the stage until leaving it (advancing or exiting), open journeys censored; null on the last stage. */
  readonly timeInStage: TimeInStage | null;
}

/**
 * The result of {@link velocity}.
 *
 * @example
 * ```ts
 * const result: VelocityResult = velocity(presets.buyingPipeline, journeys, { asOf: '2026-06-30' });
 * result.cycle.median; //=> median days to win
 * ```
 */
export interface VelocityResult {
  /** Per stage. */
  readonly stages: readonly VelocityStage[];
  /** Days from `from` (default: the first observed entry into any stage before the last) to won, among won journeys. */
  readonly cycle: DurationSummary;
}

/**
 * Options of {@link velocity}.
 *
 * @example
 * ```ts
 * const options: VelocityOptions = { asOf: '2026-06-30', from: 'qualified_lead' };
 * ```
 */
export interface VelocityOptions {
  /** Open journeys are censored here; later events are ignored. */
  readonly asOf: DateInput;
  /** Where the cycle starts (default: the first observed entry into any stage before the last). */
  readonly from?: string;
  /** Only journeys that entered the cohort stage inside the window. */
  readonly cohort?: CohortOptions;
  /** Confidence of the Kaplan–Meier intervals, default 0.95. */
  readonly confidence?: number;
  /** At most this many rows in each time-in-stage curve (default 100). */
  readonly curveRows?: number;
}

/** The velocity figures of an accumulated state. */
export function velocityOf(
  pipeline: Pipeline,
  state: FunnelState,
  options: ResolvedOptions,
): VelocityResult {
  const last = pipeline.stages.length - 1;
  const stages = pipeline.stages.map((stage, index): VelocityStage => {
    if (index === last) return { stage: stage.id, toNext: null, timeInStage: null };
    const curve = kaplanMeierSorted(
      (state.inStageEventMs[index] as NumberList).sorted(),
      (state.inStageCensoredMs[index] as NumberList).sorted(),
      { scale: MS_PER_DAY, confidence: options.confidence, maxRows: options.curveRows },
    );
    return {
      stage: stage.id,
      toNext: summarizeSorted((state.toNextMs[index] as NumberList).sorted(), MS_PER_DAY),
      timeInStage: { median: curve.median, curve },
    };
  });
  return { stages, cycle: summarizeSorted(state.cycleMs.sorted(), MS_PER_DAY) };
}

/**
 * How fast journeys move, in fractional days between observed timestamps (an implied passage
 * has no time): time to advance from each stage to the next among those that did, time in each
 * stage with open journeys censored at `asOf` (Kaplan–Meier), and the cycle time to won.
 *
 * @param pipeline - the pipeline
 * @param journeys - the journeys (validated here)
 * @param options - see {@link VelocityOptions}
 * @returns per-stage durations and the cycle
 * @throws {@link PipelineError} `invalid_options`, `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const result = velocity(presets.buyingPipeline, journeys, { asOf: '2026-06-30' });
 * result.stages.find((row) => row.stage === 'prospect')?.toNext?.median; //=> e.g. 21.5
 * ```
 */
export function velocity(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: VelocityOptions,
): VelocityResult {
  const { resolved, state } = runStandalone(pipeline, journeys, options, {
    where: 'velocity',
    keys: ['asOf', 'from', 'cohort', 'confidence', 'curveRows'],
    toFunnel: ({ from, curveRows, ...shared }) => ({
      ...shared,
      velocity: {
        ...(from !== undefined && { from }),
        ...(curveRows !== undefined && { curveRows }),
      },
    }),
    renames: { 'velocity.from': 'from', 'velocity.curveRows': 'curveRows' },
  });
  return velocityOf(pipeline, state, resolved);
}
