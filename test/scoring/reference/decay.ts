// The straightforward src/scoring/decay.ts from before the speed work (commit 748338b): the
// oracle that test/scoring/createScorer.reference.prop.test.ts holds the fast scorer to.
// Do not optimise it. A change to what scores mean must be made here too (the cap reason after
// weight was); a change to speed alone must not touch it.
import type { ScoreDecay } from '../../../src/scoring/types.js';

/** The share of an event's points left after `ageDays`: 1 when new, never rising with age. */
export type DecayFactor = (ageDays: number) => number;

/**
 * The decay of a behaviour component as a function of age. Exponential: halves every
 * `halfLifeDays`. Stepped: loses `percent` of the original points at the end of every
 * `everyDays` period (as marketing automation tools run it on a schedule), never below zero.
 */
export function decayFactor(decay: ScoreDecay | undefined): DecayFactor {
  if (decay === undefined) return () => 1;
  if ('halfLifeDays' in decay) {
    const rate = Math.LN2 / decay.halfLifeDays;
    return (ageDays) => Math.exp(-rate * ageDays);
  }
  const step = decay.percent / 100;
  const { everyDays } = decay;
  return (ageDays) => Math.max(0, 1 - step * Math.floor(ageDays / everyDays));
}

/** The decay in words, for the reasons. */
export function describeDecay(decay: ScoreDecay | undefined): string {
  if (decay === undefined) return '';
  if ('halfLifeDays' in decay) return `, half-life ${decay.halfLifeDays} days`;
  return `, −${decay.percent}% every ${decay.everyDays} days`;
}
