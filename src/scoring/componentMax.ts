import type { BehaviourConfig, FitConfig, ScoringModel } from './types.js';

/** The most a set of non-negative contributions can reach under an optional cap. */
function capped(sum: number | null, cap: number | undefined): number | null {
  if (cap === undefined) return sum;
  return sum === null ? cap : Math.min(sum, cap);
}

/** The most BANTT answers can earn: every dimension at its best level, under the cap. */
export function banttMax(bantt: NonNullable<ScoringModel['bantt']>): number {
  let sum = 0;
  for (const dimension of bantt.dimensions) {
    sum += dimension.points * Math.max(0, ...Object.values(dimension.levels));
  }
  return capped(sum, bantt.cap) as number;
}

/** The most fit rules can earn: every positive rule holding, under the cap. */
export function fitMax(fit: FitConfig): number {
  let sum = 0;
  for (const rule of fit.rules) if (rule.points > 0) sum += rule.points;
  return capped(sum, fit.cap) as number;
}

/**
 * The most behaviour rules can earn, or null when unbounded: a repeatable positive rule without
 * a cap can grow without limit unless the component is capped.
 */
export function behaviourMax(behaviour: BehaviourConfig): number | null {
  let sum: number | null = 0;
  for (const rule of behaviour.rules) {
    if (rule.points <= 0 || sum === null) continue;
    if (rule.repeatable === true) sum = rule.cap === undefined ? null : sum + rule.cap;
    else sum += Math.min(rule.points, rule.cap ?? rule.points);
  }
  return capped(sum, behaviour.cap);
}
