import { fail, readCount, shown } from '../stats/validate.js';
import { entriesAtConfidence } from './entriesAtConfidence.js';

/** Checks a number strictly inside (low, high], or (low, high) when `openHigh`. */
export function readUnitNumber(
  value: unknown,
  name: string,
  where: string,
  openHigh: boolean,
): number {
  const inside = typeof value === 'number' && value > 0 && (openHigh ? value < 1 : value <= 1);
  if (!inside) {
    const range = openHigh ? 'strictly between 0 and 1' : 'above 0 and at most 1';
    fail(
      where,
      typeof value !== 'number' || Number.isNaN(value)
        ? 'invalid_type'
        : value <= 0
          ? 'too_small'
          : 'too_big',
      [name],
      `Expected ${name} ${range}, received ${shown(value)}`,
    );
  }
  return value as number;
}

/**
 * The number of trials needed to get at least `successes` successes with a given confidence,
 * when each trial succeeds independently with `probability`: the smallest n with
 * P(Bin(n, p) ≥ successes) ≥ confidence. This is the `confidence`-quantile of the negative binomial
 * distribution of the trials needed (successes included).
 *
 * The binomial tail is the regularized incomplete beta function I_p(s, n − s + 1); the search
 * doubles from s ÷ p and then bisects, so it costs O(log n) tail evaluations of O(√n) each. A tail
 * within 1e-12 of the confidence counts as meeting it (the tail is accurate to about 1e-14).
 *
 * @param successes - the successes needed (deals to win), a non-negative integer
 * @param probability - the success probability of one trial, in (0, 1]
 * @param confidence - the probability of getting there, strictly between 0 and 1
 * @returns the smallest number of trials; 0 when no success is needed, `successes` when p = 1
 * @throws {@link PipelineError} `invalid_options` (path `['successes']`, `['probability']` or
 *   `['confidence']`) for a count that is not a non-negative integer, a probability outside
 *   (0, 1] or a confidence outside (0, 1); also for a probability so small that more than 2^52
 *   trials would be needed
 *
 * @example
 * ```ts
 * requiredTrials(10, 0.25, 0.9); //=> 55: P(Bin(55, ¼) ≥ 10) = 0.911, P(Bin(54, ¼) ≥ 10) = 0.899
 * requiredTrials(10, 0.25, 0.5); //=> 39 (the expected-value plan asks for 10 ÷ 0.25 = 40)
 * ```
 */
export function requiredTrials(successes: number, probability: number, confidence: number): number {
  const where = 'requiredTrials';
  const deals = readCount(successes, 'successes', where);
  const p = readUnitNumber(probability, 'probability', where, false);
  const level = readUnitNumber(confidence, 'confidence', where, true);
  const scenarios = [{ weight: 1, winProbability: p, existingWins: null }];
  const trials = entriesAtConfidence(scenarios, deals, level);
  if (trials === null) {
    fail(
      where,
      'too_small',
      ['probability'],
      `Expected a probability large enough to need at most 2^52 trials, received ${p}`,
    );
  }
  return trials;
}
