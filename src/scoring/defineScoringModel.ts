import { parseOrThrow } from '../errors/fromZod.js';
import { deepFreeze } from '../pipeline/definePipeline.js';
import { markValidated } from '../pipeline/evaluateCondition.js';
import { markDefined } from './definedModels.js';
import { scoringModelSchema } from './modelSchema.js';
import type { ScoringModel, ScoringModelConfig } from './types.js';

/**
 * Validates a scoring model once and returns it frozen, with defaults filled in: BANTT's five
 * dimensions of 20 points and the levels `confirmed: 1, indicated: 0.5, unknown: 0` when not
 * given, weights of 1, `min` 0 and `max` the sum of the components' weighted maxima. Keep one
 * model per product line: models are plain values and live side by side.
 *
 * The total of a lead is the weighted sum of its components, each under its cap, clamped to
 * `[min, max]`; it is qualified at or above `threshold`.
 *
 * @param config - the components (`bantt`, `fit`, `behaviour`), weights, bounds, threshold and grade bands
 * @returns the frozen model (plain data; it survives a JSON round trip)
 * @throws {@link PipelineError} with code `invalid_scoring_model` and the field's path: a
 *   non-positive dimension points or weight, a level outside [0, 1], a duplicate id, a malformed
 *   condition, a zero half-life, a threshold outside `[min, max]`, an unbounded behaviour
 *   component without `max`, grade bands not listed best first, an unknown key
 *
 * @example
 * ```ts
 * const model = defineScoringModel({
 *   id: 'analytics-suite',
 *   fit: { rules: [{ id: 'big', when: { field: 'employees', op: '>=', value: 500 }, points: 40 }] },
 *   behaviour: {
 *     rules: [{ id: 'demo', event: 'demo_requested', points: 60 }],
 *     decay: { halfLifeDays: 30 },
 *   },
 *   threshold: 50,
 * });
 * model.max; //=> 100
 * Object.isFrozen(model); //=> true
 * ```
 */
export function defineScoringModel(config: ScoringModelConfig): ScoringModel {
  const model = parseOrThrow(
    scoringModelSchema,
    config,
    'invalid_scoring_model',
    'defineScoringModel',
  );
  for (const rule of model.fit?.rules ?? []) markValidated(rule.when);
  for (const rule of model.behaviour?.rules ?? []) {
    if (typeof rule.event !== 'string') markValidated(rule.event);
  }
  return markDefined(deepFreeze(model));
}
