import { requireStage } from './getStage.js';
import type { Owner, Pipeline } from './types.js';

/**
 * The team that owns a stage.
 *
 * @throws {@link PipelineError} with code `unknown_stage` when the pipeline has no such stage
 *
 * @example
 * ```ts
 * stageOwner(presets.buyingPipeline, 'lead'); //=> 'marketing'
 * stageOwner(presets.buyingPipeline, 'prospect'); //=> 'sales'
 * ```
 */
export function stageOwner(pipeline: Pipeline, stageId: string): Owner {
  return requireStage(pipeline, stageId, 'stageOwner').owner;
}
