import { defineScoringModel } from './defineScoringModel.js';
import type { ScoringModel } from './types.js';

/**
 * Ready-made scoring models.
 *
 * - `bantt`: the seed's model — budget, authority, need, timeframe and trust, 20 points each
 *   (100 in all), answers `confirmed` (all the points), `indicated` (half) or `unknown` (none),
 *   handed to Sales at 75.
 * - `bant`: budget, authority, need and timeframe, 25 points each, same levels, threshold 75.
 * - `champ`: challenges, authority, money and prioritization, 25 points each, same levels,
 *   threshold 75.
 *
 * Copy and change them through {@link defineScoringModel} (`{ ...scoringPresets.bantt, threshold: 70 }`).
 *
 * @example
 * ```ts
 * const score = scoreLead(
 *   scoringPresets.bantt,
 *   { answers: { budget: 'confirmed', authority: 'confirmed', need: 'confirmed', timeframe: 'indicated', trust: 'indicated' } },
 *   { asOf: '2026-03-01' },
 * );
 * score.total; //=> 80
 * score.qualified; //=> true
 * ```
 */
export const scoringPresets: {
  /** The seed's BANTT: five dimensions of 20 points, threshold 75. */
  readonly bantt: ScoringModel;
  /** BANT: four dimensions of 25 points, threshold 75. */
  readonly bant: ScoringModel;
  /** CHAMP: challenges, authority, money, prioritization, 25 points each, threshold 75. */
  readonly champ: ScoringModel;
} = /* @__PURE__ */ (() => {
  const quarter = (ids: readonly string[]) => ids.map((id) => ({ id, points: 25 }));
  return Object.freeze({
    bantt: defineScoringModel({ id: 'bantt', name: 'BANTT', bantt: {}, threshold: 75 }),
    bant: defineScoringModel({
      id: 'bant',
      name: 'BANT',
      bantt: { dimensions: quarter(['budget', 'authority', 'need', 'timeframe']) },
      threshold: 75,
    }),
    champ: defineScoringModel({
      id: 'champ',
      name: 'CHAMP',
      bantt: { dimensions: quarter(['challenges', 'authority', 'money', 'prioritization']) },
      threshold: 75,
    }),
  });
})();
