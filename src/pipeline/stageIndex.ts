import { PipelineError } from '../errors/PipelineError.js';
import type { Pipeline } from './types.js';

// Pipelines are frozen plain data; their id → index maps are computed once and kept beside them.
const indexes = new WeakMap<Pipeline, ReadonlyMap<string, number>>();

/** The pipeline's stage id → index map (computed once per pipeline). */
export function stageIndexMap(pipeline: Pipeline): ReadonlyMap<string, number> {
  let index = indexes.get(pipeline);
  if (!index) {
    index = new Map(pipeline.stages.map((stage, position) => [stage.id, position]));
    indexes.set(pipeline, index);
  }
  return index;
}

/**
 * Whether the pipeline has a stage with this id.
 *
 * @example
 * ```ts
 * hasStage(presets.buyingPipeline, 'lead'); //=> true
 * hasStage(presets.buyingPipeline, 'mql'); //=> false
 * ```
 */
export function hasStage(pipeline: Pipeline, stageId: string): boolean {
  return stageIndexMap(pipeline).has(stageId);
}

/**
 * The position of a stage in the pipeline, from 0. O(1) after the first call on a pipeline.
 *
 * @throws {@link PipelineError} with code `unknown_stage` when the pipeline has no such stage
 *
 * @example
 * ```ts
 * stageIndex(presets.buyingPipeline, 'qualified_lead'); //=> 4
 * ```
 */
export function stageIndex(pipeline: Pipeline, stageId: string): number {
  return requireStageIndex(pipeline, stageId, 'stageIndex');
}

/** {@link stageIndex} for the library's own functions: the error names the caller. */
export function requireStageIndex(pipeline: Pipeline, stageId: string, where: string): number {
  const index = stageIndexMap(pipeline).get(stageId);
  if (index === undefined) throw unknownStage(pipeline, stageId, where);
  return index;
}

/** The error for a stage id the pipeline does not have. */
export function unknownStage(
  pipeline: Pipeline,
  stageId: string,
  where: string,
  path: readonly (string | number)[] = [],
): PipelineError {
  const known = pipeline.stages.map((stage) => `"${stage.id}"`).join(', ');
  return new PipelineError(
    'unknown_stage',
    [
      {
        code: 'unknown_stage',
        path,
        message: `Unknown stage "${stageId}"; the pipeline has ${known}`,
      },
    ],
    { where },
  );
}
