import type { DateInput } from '../time/readDate.js';
import { createScorer } from './createScorer.js';
import type { LeadScore, ScoringLead, ScoringModel } from './types.js';

/**
 * Options of {@link scoreLead}.
 *
 * @example
 * ```ts
 * const options: ScoreLeadOptions = { asOf: '2026-03-31T12:00:00Z' };
 * ```
 */
export interface ScoreLeadOptions {
  /** The moment scored: behaviour events after it are ignored, ages and decay are measured to it. */
  readonly asOf: DateInput;
}

/**
 * Scores one lead under one model and explains the score.
 *
 * - **BANTT** (or any qualification dimensions): each answer earns its level's fraction of the
 *   dimension's points; a missing answer earns nothing.
 * - **Fit**: every rule whose condition holds on `attributes` adds its points.
 * - **Behaviour**: `behaviour` events at or before `asOf` (others, and other event types, are
 *   ignored) add their rule's points times the decay left at their age; a non-repeatable rule
 *   counts its newest event only; `withinDays` drops older events; rule caps apply first.
 * - Each component's sum (times its weight) is capped, the total clamped to `[min, max]`, and
 *   the lead is `qualified` at or above the threshold.
 *
 * Every contribution is rounded to 2 decimals and listed in `reasons`, largest first; caps and
 * clamps are reasons of their own, so the reasons add up to the total exactly (in cents). A
 * journey is a lead too (its attributes and behaviour events are scored).
 *
 * @param model - a model from {@link defineScoringModel}
 * @param lead - `{ answers?, attributes?, events? }`, or a journey
 * @param options - `asOf`
 * @returns the total, the components, the grade (with bands) and the reasons
 * @throws {@link PipelineError} `invalid_lead` with the path inside the lead (an unknown
 *   dimension or answer level, an unreadable event time); `invalid_options` for `asOf`
 *
 * @example
 * ```ts
 * const answers = { budget: 'confirmed', authority: 'confirmed', need: 'confirmed', timeframe: 'indicated', trust: 'indicated' };
 * const score = scoreLead(scoringPresets.bantt, { answers }, { asOf: '2026-03-31' });
 * score.total; //=> 80 (20 + 20 + 20 + 10 + 10)
 * score.qualified; //=> true (threshold 75)
 * score.reasons[0]; //=> { component: 'bantt', rule: 'budget', kind: 'rule', points: 20, detail: 'budget: confirmed (1 × 20 points)' }
 * ```
 */
export function scoreLead(
  model: ScoringModel,
  lead: ScoringLead,
  options: ScoreLeadOptions,
): LeadScore {
  // One lead: the interpreter (writing and compiling code for one lead costs more than it saves).
  return createScorer(model, { ...options, generateCode: false })(lead);
}
