import type { VelocityResult } from '../metrics/velocity.js';
import type { Pipeline } from '../pipeline/types.js';
import { fail, shown } from '../stats/validate.js';

/**
 * Days from entering each stage to entering the next: per stage id, or a {@link velocity} result
 * (its `toNext.median` per stage).
 *
 * @example
 * ```ts
 * const durations: DurationsInput = { lead: 14, qualified_lead: 10, prospect: 45 };
 * const measured: DurationsInput = velocity(presets.buyingPipeline, journeys, { asOf: '2026-06-30' });
 * ```
 */
export type DurationsInput = Readonly<Record<string, number>> | VelocityResult;

/**
 * Where a plan's durations came from: days you gave, or the medians of a velocity() result.
 *
 * @example
 * ```ts
 * const source: DurationSource = 'velocity median';
 * ```
 */
export type DurationSource = 'days' | 'velocity median';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isVelocityResult(value: Record<string, unknown>): value is Record<string, unknown> & {
  stages: VelocityResult['stages'];
} {
  return Array.isArray(value['stages']) && 'cycle' in value;
}

/** Durations in days per stage index (null: not given), where each was given, and their source. */
export interface ReadDurations {
  readonly days: readonly (number | null)[];
  readonly paths: readonly (readonly (string | number)[])[];
  readonly source: DurationSource;
}

function readDays(value: unknown, stage: string, path: (string | number)[], where: string) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(
      where,
      typeof value === 'number' && Number.isFinite(value) ? 'too_small' : 'invalid_type',
      path,
      `Expected the days from "${stage}" to the next stage as a finite number ≥ 0, received ${shown(value)}`,
    );
  }
  return value;
}

/** Reads the durations; unknown stage ids are errors. */
export function readDurations(pipeline: Pipeline, input: unknown, where: string): ReadDurations {
  const stages = pipeline.stages;
  const days: (number | null)[] = stages.map(() => null);
  const paths: (string | number)[][] = stages.map((stage) => ['durations', stage.id]);
  if (!isObject(input)) {
    fail(
      where,
      'invalid_type',
      ['durations'],
      `Expected durations as an object of stage ids or a velocity() result, received ${shown(input)}`,
    );
  }
  if (isVelocityResult(input)) {
    input.stages.forEach((row, index) => {
      const position = stages.findIndex((stage) => stage.id === row.stage);
      if (position < 0) {
        fail(
          where,
          'unknown_stage',
          ['durations', 'stages', index, 'stage'],
          `Unknown stage ${shown(row.stage)}: the velocity result is not of this pipeline`,
        );
      }
      days[position] = row.toNext?.median ?? null;
      paths[position] = ['durations', 'stages', index, 'toNext', 'median'];
    });
    return { days, paths, source: 'velocity median' };
  }
  for (const [stage, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const position = stages.findIndex((candidate) => candidate.id === stage);
    if (position < 0)
      fail(where, 'unknown_stage', ['durations', stage], `Unknown stage "${stage}"`);
    days[position] = readDays(value, stage, ['durations', stage], where);
  }
  return { days, paths, source: 'days' };
}
