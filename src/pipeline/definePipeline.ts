import { parseOrThrow } from '../errors/fromZod.js';
import { markValidated } from './evaluateCondition.js';
import { pipelineSchema } from './pipelineSchema.js';
import type { Pipeline, PipelineConfig } from './types.js';

/**
 * Validates a pipeline config once and returns it as an immutable {@link Pipeline}: stage names
 * default to ids, steps to `[]`, the handoff to the first stage Sales owns, and every outcome gets
 * an entry. The result is deeply frozen plain data that survives a JSON round trip.
 *
 * @param config - the stages in order, the handoff stage and the outcome settings
 * @returns the frozen pipeline
 * @throws {@link PipelineError} with code `invalid_pipeline` and the offending field's path: an
 *   empty stage list, a duplicate stage id, a handoff that is not a stage, an unknown owner, an
 *   unknown key (typo), a malformed criteria condition
 *
 * @example
 * ```ts
 * const pipeline = definePipeline({
 *   stages: [
 *     { id: 'lead', owner: 'marketing' },
 *     { id: 'opportunity', name: 'Opportunity', owner: 'sales', expectedDays: 30 },
 *     { id: 'customer', owner: 'sales' },
 *   ],
 *   handoff: 'opportunity',
 * });
 * pipeline.stages.map((stage) => stage.id); //=> ['lead', 'opportunity', 'customer']
 * Object.isFrozen(pipeline); //=> true
 * ```
 */
export function definePipeline(config: PipelineConfig): Pipeline {
  const pipeline = parseOrThrow(pipelineSchema, config, 'invalid_pipeline', 'definePipeline');
  for (const stage of pipeline.stages) {
    if (stage.criteria) markValidated(stage.criteria);
  }
  return deepFreeze(pipeline);
}

/** Freezes a plain-data value and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
