import { PipelineError } from '../errors/PipelineError.js';
import { trackJourney } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';
import { quantileSorted } from '../stats/quantile.js';
import { MS_PER_DAY } from '../time/days.js';
import type { DateInput } from '../time/readDate.js';
import type { NumberList } from './numberList.js';
import { runStandalone } from './runFunnel.js';

/**
 * An open journey that has sat in its stage longer than the limit.
 *
 * @example
 * ```ts
 * const row: StaleJourney = stale(pipeline, journeys, { asOf })[0];
 * row.overDays; //=> days beyond the limit
 * ```
 */
export interface StaleJourney {
  /** The journey id. */
  readonly id: string;
  /** Its current stage. */
  readonly stage: string;
  /** Days in the stage as of `asOf`. */
  readonly ageDays: number;
  /** The limit it exceeds. */
  readonly limitDays: number;
  /** Where the limit came from. */
  readonly limitFrom: 'option' | 'p90' | 'expectedDays';
  /** ageDays − limitDays. */
  readonly overDays: number;
}

/**
 * Options of {@link stale}.
 *
 * @example
 * ```ts
 * const options: StaleOptions = { asOf: '2026-06-30', limitDays: { qualified_lead: 14 } };
 * ```
 */
export interface StaleOptions {
  /** The moment ages are measured to. */
  readonly asOf: DateInput;
  /** A limit in days for every stage, or per stage id. Stages without one use the defaults. */
  readonly limitDays?: number | Readonly<Record<string, number>>;
}

/**
 * Open journeys that have been in their stage longer than is typical — seed 001: "deals on the
 * funnel longer than the typical cycle are suspect". The limit for a stage is, in order: the
 * `limitDays` option, the 90th percentile of the observed time to advance from that stage (from
 * the same journeys), or the stage's `expectedDays`; a stage with none of them flags nobody.
 * Worst offenders first.
 *
 * @param pipeline - the pipeline
 * @param journeys - the journeys (read twice: any iterable that can be iterated again, or an array)
 * @param options - `asOf` and optional limits
 * @returns the stale journeys, most overdue first (ties by id)
 * @throws {@link PipelineError} `invalid_options` (unknown stage in `limitDays`, a negative limit),
 *   `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * stale(presets.buyingPipeline, journeys, { asOf: '2026-06-30', limitDays: 60 })
 *   .map((row) => `${row.id} (${row.stage}) ${row.overDays.toFixed(0)} days over`);
 * ```
 */
export function stale(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: StaleOptions,
): StaleJourney[] {
  const list = Array.isArray(journeys)
    ? (journeys as readonly JourneyInput[])
    : Array.from(journeys);
  const { limitDays, ...rest } = options;
  const { resolved, state } = runStandalone(pipeline, list, rest, {
    where: 'stale',
    keys: ['asOf'],
    toFunnel: (shared) => shared,
    renames: {},
  });
  const limits = pipeline.stages.map((stage, index): [number, StaleJourney['limitFrom']] | null => {
    const given =
      typeof limitDays === 'number'
        ? limitDays
        : limitDays && Object.hasOwn(limitDays, stage.id)
          ? limitDays[stage.id]
          : undefined;
    if (given !== undefined) return [given, 'option'];
    const p90 = quantileSorted((state.toNextMs[index] as NumberList).sorted(), 0.9);
    if (p90 !== null) return [p90 / MS_PER_DAY, 'p90'];
    return stage.expectedDays === undefined ? null : [stage.expectedDays, 'expectedDays'];
  });
  checkLimits(pipeline, limitDays);
  const rows: StaleJourney[] = [];
  list.forEach((journey, index) => {
    const track = trackJourney(pipeline, journey, resolved.asOf, 'stale', index);
    if (track.status !== 'open' || track.current < 0) return;
    const limit = limits[track.current];
    if (!limit) return;
    const ageDays = Math.max(0, resolved.asOf - track.currentSince) / MS_PER_DAY;
    if (ageDays > limit[0]) {
      const stage = pipeline.stages[track.current]?.id as string;
      rows.push({
        id: track.id,
        stage,
        ageDays,
        limitDays: limit[0],
        limitFrom: limit[1],
        overDays: ageDays - limit[0],
      });
    }
  });
  return rows.sort((a, b) => b.overDays - a.overDays || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function checkLimits(pipeline: Pipeline, limitDays: StaleOptions['limitDays']): void {
  const entries: [(string | number)[], unknown][] =
    limitDays === undefined
      ? []
      : typeof limitDays === 'number'
        ? [[['limitDays'], limitDays]]
        : Object.entries(limitDays).map(([stage, days]) => [['limitDays', stage], days]);
  for (const [path, days] of entries) {
    const stage = path[1];
    if (typeof stage === 'string' && !pipeline.stages.some((candidate) => candidate.id === stage)) {
      throw invalid(path, `Unknown stage "${stage}"`, 'unknown_stage');
    }
    if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
      throw invalid(
        path,
        `Expected a number of days ≥ 0, received ${String(days)}`,
        'invalid_value',
      );
    }
  }
}

function invalid(path: (string | number)[], message: string, code: string): PipelineError {
  return new PipelineError('invalid_options', [{ code, path, message }], { where: 'stale' });
}
