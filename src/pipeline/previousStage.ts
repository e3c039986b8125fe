import { requireStageIndex } from './stageIndex.js';
import type { Pipeline, Stage } from './types.js';

/**
 * The stage before this one, or `null` for the first stage.
 *
 * @throws {@link PipelineError} with code `unknown_stage` when the pipeline has no such stage
 *
 * @example
 * ```ts
 * previousStage(presets.buyingPipeline, 'qualified_lead')?.id; //=> 'lead'
 * previousStage(presets.buyingPipeline, 'target'); //=> null
 * ```
 */
export function previousStage(pipeline: Pipeline, stageId: string): Stage | null {
  const index = requireStageIndex(pipeline, stageId, 'previousStage');
  return index === 0 ? null : (pipeline.stages[index - 1] ?? null);
}
