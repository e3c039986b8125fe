import type { Owner, Pipeline, Stage } from './types.js';

/**
 * The stages a team owns, in pipeline order.
 *
 * @example
 * ```ts
 * stagesOwnedBy(presets.buyingPipeline, 'sales').map((stage) => stage.id);
 * //=> ['qualified_lead', 'prospect', 'customer']
 * ```
 */
export function stagesOwnedBy(pipeline: Pipeline, owner: Owner): readonly Stage[] {
  return pipeline.stages.filter((stage) => stage.owner === owner);
}
