import { binomialMass, upperTail } from '../stats/binomialTail.js';
import { betaDraw, seededUniform } from '../stats/seededRandom.js';
import type { Scenario } from './entriesAtConfidence.js';
import type { ResolvedRate } from './rates.js';

/**
 * The prior of a rate known from evidence: Jeffreys' Beta(½, ½), the same the library's
 * {@link jeffreysInterval} uses. With s successes of n trials the rate is Beta(s + ½, n − s + ½).
 */
export const RATE_PRIOR = { alpha: 0.5, beta: 0.5 } as const;

/** Draws of the uncertain rates per simulation. */
export const RATE_DRAWS = 4000;

/** The fixed seed of the simulation: the same input always gives the same plan. */
export const RATE_SEED = 20_260_101;

/**
 * The distribution of wins from existing journeys, truncated at `deals` (the last cell holds
 * P(W ≥ deals)): the convolution of `wins` with Bin(count, p).
 */
function addExisting(
  wins: Float64Array | null,
  count: number,
  p: number,
  deals: number,
): Float64Array | null {
  if (count === 0) return wins;
  const own = new Float64Array(deals + 1);
  for (let w = 0; w < deals; w += 1) own[w] = binomialMass(count, p, w);
  own[deals] = upperTail(count, p, deals);
  if (wins === null) return own;
  const sum = new Float64Array(deals + 1);
  for (let i = 0; i <= deals; i += 1) {
    const left = wins[i] as number;
    if (left === 0) continue;
    for (let j = 0; j <= deals; j += 1) {
      const right = own[j] as number;
      if (right === 0) continue;
      const cell = Math.min(deals, i + j);
      sum[cell] = (sum[cell] as number) + left * right;
    }
  }
  return sum;
}

/**
 * For each planned stage k (all but the last), the scenarios of the rates from k onwards: one,
 * exact, when every rate is a known number; otherwise {@link RATE_DRAWS} equally likely draws of
 * the evidence rates from their Beta posteriors (known numbers stay fixed). In each scenario the
 * new entries at k win with the product of the rates from k, and the existing journeys after k
 * win according to their own stage's product, all independent given the rates.
 *
 * Sharing the draws across stages and entry counts keeps each stage's probability increasing in
 * the number of entries, which the search relies on.
 */
export function rateScenarios(
  rates: readonly ResolvedRate[],
  existing: readonly number[],
  deals: number,
): { readonly byStage: readonly (readonly Scenario[])[]; readonly simulated: boolean } {
  const simulated = rates.some((rate) => rate.evidence !== null);
  const draws = simulated ? RATE_DRAWS : 1;
  const uniform = seededUniform(RATE_SEED);
  const drawn = rates.map((rate) => {
    const values = new Float64Array(draws);
    const evidence = rate.evidence;
    for (let r = 0; r < draws; r += 1) {
      values[r] =
        evidence === null
          ? rate.value
          : betaDraw(
              evidence.successes + RATE_PRIOR.alpha,
              evidence.trials - evidence.successes + RATE_PRIOR.beta,
              uniform,
            );
    }
    return values;
  });
  const byStage: Scenario[][] = rates.map(() => []);
  for (let r = 0; r < draws; r += 1) {
    let product = 1;
    let wins: Float64Array | null = null;
    for (let k = rates.length - 1; k >= 0; k -= 1) {
      // Journeys existing at k + 1 win with the product of the rates after k.
      wins = addExisting(wins, existing[k + 1] ?? 0, product, deals);
      product *= (drawn[k] as Float64Array)[r] as number;
      (byStage[k] as Scenario[]).push({
        weight: 1 / draws,
        winProbability: product,
        existingWins: wins,
      });
    }
  }
  return { byStage, simulated };
}
