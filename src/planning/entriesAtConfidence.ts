import { binomialMass, upperTail } from '../stats/binomialTail.js';

/**
 * One possible world for the rates: with probability `weight`, each new entry wins with
 * probability `winProbability`, and the journeys already further down win `existingWins` deals:
 * `existingWins[w]` is P(W = w) for w < deals, and `existingWins[deals]` is P(W ≥ deals).
 * `null` stands for "no existing journeys" (W = 0).
 */
export interface Scenario {
  readonly weight: number;
  readonly winProbability: number;
  readonly existingWins: Float64Array | null;
}

/**
 * Probabilities are computed to about 1e-14; a probability this close to the confidence counts as
 * meeting it, so that P(Bin(1, ½) ≥ 1) = ½ meets a confidence of ½ although the incomplete beta
 * function returns 0.4999999999999999.
 */
const TOLERANCE = 1e-12;

/** The largest count the search tries: beyond it, exact integer arithmetic in doubles ends. */
const MAX_ENTRIES = 2 ** 52;

/**
 * P(Bin(n, p) ≥ t) for t = 1 … deals, at index t (index 0 unused): one incomplete beta at the
 * top, then the masses downwards by their ratio, P(X = t − 1) = P(X = t)·t(1 − p) / ((n − t + 1)p).
 */
function tailsUpTo(entries: number, p: number, deals: number): Float64Array {
  const tails = new Float64Array(deals + 2);
  const top = Math.min(deals, entries);
  if (top < 1) return tails;
  tails[top] = upperTail(entries, p, top);
  let mass = binomialMass(entries, p, top);
  const direct = mass === 0 && (tails[top] as number) < 1;
  for (let t = top - 1; t >= 1; t -= 1) {
    // An underflowed start would stay 0 where it should grow: compute those masses directly.
    mass = direct
      ? binomialMass(entries, p, t)
      : p >= 1
        ? 0
        : (mass * (t + 1) * (1 - p)) / ((entries - t) * p);
    tails[t] = (tails[t + 1] as number) + mass;
  }
  return tails;
}

/** P(new wins + existing wins ≥ deals) in one scenario, with `entries` new entries. */
function scenarioProbability(scenario: Scenario, entries: number, deals: number): number {
  const { existingWins, winProbability } = scenario;
  if (existingWins === null) return upperTail(entries, winProbability, deals);
  const tails = tailsUpTo(entries, winProbability, deals);
  let total = existingWins[deals] as number;
  for (let w = 0; w < deals; w += 1) {
    const mass = existingWins[w] as number;
    if (mass > 0) total += mass * Math.min(1, tails[deals - w] as number);
  }
  return total;
}

/** P(the goal of `deals` wins is met) with `entries` entries, averaged over the scenarios. */
export function goalProbability(
  scenarios: readonly Scenario[],
  entries: number,
  deals: number,
): number {
  let total = 0;
  for (const scenario of scenarios) {
    total += scenario.weight * scenarioProbability(scenario, entries, deals);
  }
  return total;
}

/**
 * The smallest number of entries n with P(goal met) ≥ confidence, where each scenario's
 * probability increases with n (so their average does too): doubling, then bisection. Null when
 * even 2^52 entries do not reach it (a scenario mass with a win probability of zero).
 */
export function entriesAtConfidence(
  scenarios: readonly Scenario[],
  deals: number,
  confidence: number,
): number | null {
  if (deals <= 0) return 0;
  const meets = (entries: number) =>
    goalProbability(scenarios, entries, deals) >= confidence - TOLERANCE;
  if (meets(0)) return 0;
  let mean = 0;
  for (const scenario of scenarios) mean += scenario.weight * scenario.winProbability;
  let low = 0;
  let high = Math.max(1, Math.min(MAX_ENTRIES, Math.ceil(deals / Math.max(mean, 1e-300))));
  while (!meets(high)) {
    if (high >= MAX_ENTRIES) return null;
    low = high;
    high = Math.min(MAX_ENTRIES, high * 2);
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (meets(middle)) high = middle;
    else low = middle;
  }
  return high;
}
