import { type ConditionResult, evaluateCondition, type Facts } from './evaluateCondition.js';
import { requireStage } from './getStage.js';
import type { Pipeline } from './types.js';

/**
 * Whether facts about a journey satisfy a stage's entry criteria, and which parts failed.
 * A stage without criteria admits everyone.
 *
 * @throws {@link PipelineError} with code `unknown_stage` when the pipeline has no such stage
 *
 * @example
 * ```ts
 * const pipeline = definePipeline({
 *   stages: [
 *     { id: 'lead', owner: 'marketing' },
 *     { id: 'mql', owner: 'marketing', criteria: { field: 'score', op: '>=', value: 75 } },
 *     { id: 'sal', owner: 'sales' },
 *   ],
 * });
 * meetsCriteria(pipeline, 'mql', { score: 80 }).holds; //=> true
 * meetsCriteria(pipeline, 'mql', { score: 60 }).failed[0].message; //=> 'score is 60, expected >= 75'
 * ```
 */
export function meetsCriteria(pipeline: Pipeline, stageId: string, facts: Facts): ConditionResult {
  const { criteria } = requireStage(pipeline, stageId, 'meetsCriteria');
  return criteria ? evaluateCondition(criteria, facts) : { holds: true, failed: [] };
}
