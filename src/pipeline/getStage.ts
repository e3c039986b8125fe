import { requireStageIndex } from './stageIndex.js';
import type { Pipeline, Stage } from './types.js';

/**
 * The stage with this id.
 *
 * @throws {@link PipelineError} with code `unknown_stage` when the pipeline has no such stage
 *
 * @example
 * ```ts
 * getStage(presets.buyingPipeline, 'qualified_lead').name; //=> 'Qualified lead'
 * ```
 */
export function getStage(pipeline: Pipeline, stageId: string): Stage {
  return requireStage(pipeline, stageId, 'getStage');
}

/** {@link getStage} for the library's own functions: the error names the caller. */
export function requireStage(pipeline: Pipeline, stageId: string, where: string): Stage {
  return pipeline.stages[requireStageIndex(pipeline, stageId, where)] as Stage;
}
