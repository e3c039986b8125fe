import { requireStageIndex } from './stageIndex.js';
import type { Pipeline, Stage } from './types.js';

/**
 * The stage after this one, or `null` for the last stage.
 *
 * @throws {@link PipelineError} with code `unknown_stage` when the pipeline has no such stage
 *
 * @example
 * ```ts
 * nextStage(presets.buyingPipeline, 'lead')?.id; //=> 'qualified_lead'
 * nextStage(presets.buyingPipeline, 'customer'); //=> null
 * ```
 */
export function nextStage(pipeline: Pipeline, stageId: string): Stage | null {
  return pipeline.stages[requireStageIndex(pipeline, stageId, 'nextStage') + 1] ?? null;
}
