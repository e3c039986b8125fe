import type { ScoringModel } from './types.js';

// Models that defineScoringModel returned: scorers trust them without validating again.
const defined = new WeakSet<ScoringModel>();

/** Records a model as validated. */
export function markDefined(model: ScoringModel): ScoringModel {
  defined.add(model);
  return model;
}

/** Whether defineScoringModel returned this very object. */
export const isDefined = (model: ScoringModel): boolean => defined.has(model);
