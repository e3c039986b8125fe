import type { JourneyEvent, JourneyEventInput } from '../journey/types.js';
import type { Condition } from '../pipeline/condition.js';

/**
 * Answer levels of a qualification dimension, each mapped to the fraction of the dimension's
 * points it earns (0 to 1).
 *
 * @example
 * ```ts
 * const levels: AnswerLevels = { confirmed: 1, indicated: 0.5, unknown: 0 };
 * ```
 */
export type AnswerLevels = Readonly<Record<string, number>>;

/**
 * One qualification dimension (budget, authority …) as you configure it.
 *
 * @example
 * ```ts
 * const budget: BanttDimensionConfig = { id: 'budget', name: 'Budget', points: 20 };
 * ```
 */
export interface BanttDimensionConfig {
  /** The key of the answer (`answers.budget`) and of the reason. */
  readonly id: string;
  /** A display name (default: the id). */
  readonly name?: string;
  /** The points a fully confirmed answer earns; positive. */
  readonly points: number;
  /** Answer levels for this dimension (default: the component's `levels`). */
  readonly levels?: AnswerLevels;
}

/**
 * The qualification component: BANTT by default, or any list of dimensions (BANT, CHAMP,
 * MEDDIC are configs).
 *
 * @example
 * ```ts
 * const bant: BanttConfig = {
 *   dimensions: [
 *     { id: 'budget', points: 25 },
 *     { id: 'authority', points: 25 },
 *     { id: 'need', points: 25 },
 *     { id: 'timeframe', points: 25 },
 *   ],
 * };
 * ```
 */
export interface BanttConfig {
  /** The dimensions (default: budget, authority, need, timeframe, trust, 20 points each). */
  readonly dimensions?: readonly BanttDimensionConfig[];
  /** The answer levels of every dimension that does not bring its own (default: `confirmed: 1, indicated: 0.5, unknown: 0`). */
  readonly levels?: AnswerLevels;
  /** At most this many points from the component. */
  readonly cap?: number;
}

/**
 * A fit (explicit) rule: points when a condition on the lead's attributes holds.
 *
 * @example
 * ```ts
 * const rule: FitRule = { id: 'vp', when: { field: 'title', op: 'contains', value: 'VP' }, points: 15 };
 * ```
 */
export interface FitRule {
  /** A unique id within the component; reasons name it. */
  readonly id: string;
  /** The condition on the attributes (the library's condition language). */
  readonly when: Condition;
  /** Points when it holds; negative points lower the score. */
  readonly points: number;
}

/**
 * The fit (explicit) component: who the lead is.
 *
 * @example
 * ```ts
 * const fit: FitConfig = {
 *   rules: [
 *     { id: 'big', when: { field: 'employees', op: '>=', value: 500 }, points: 20 },
 *     { id: 'student', when: { field: 'title', op: 'contains', value: 'Student' }, points: -30 },
 *   ],
 *   cap: 50,
 * };
 * ```
 */
export interface FitConfig {
  /** The rules; every rule that holds adds its points. */
  readonly rules: readonly FitRule[];
  /** At most this many points from the component. */
  readonly cap?: number;
}

/**
 * A behaviour (implicit) rule: points for `behaviour` events of a name, or matching a condition
 * on the event's `name` and `value`.
 *
 * @example
 * ```ts
 * const rule: BehaviourRule = { id: 'pricing', event: 'pricing_page_visit', points: 10, repeatable: true, cap: 30, withinDays: 90 };
 * ```
 */
export interface BehaviourRule {
  /** A unique id within the component; reasons name it. */
  readonly id: string;
  /** The event name, or a condition on `{ name, value }` of the event. */
  readonly event: string | Condition;
  /** Points per matching event (before decay); negative for unsubscribes, bounces … */
  readonly points: number;
  /** Count every matching event (default false: only the newest counts). */
  readonly repeatable?: boolean;
  /** The rule adds at most this many points (and subtracts at most this many, for negative points). */
  readonly cap?: number;
  /** Only events at most this many days before `asOf` count. */
  readonly withinDays?: number;
}

/**
 * How behaviour points cool down with the event's age: exponentially with a half-life, or in
 * linear steps (`percent` of the original points lost every `everyDays`, as popular marketing
 * automation tools do; never below zero).
 *
 * @example
 * ```ts
 * const halfLife: ScoreDecay = { halfLifeDays: 30 };
 * const steps: ScoreDecay = { percent: 25, everyDays: 30 };
 * ```
 */
export type ScoreDecay =
  | {
      /** Days after which half the points are left; positive. */
      readonly halfLifeDays: number;
    }
  | {
      /** Share of the original points lost per period, in (0, 100]. */
      readonly percent: number;
      /** The period in days; positive. */
      readonly everyDays: number;
    };

/**
 * The behaviour (implicit) component: what the lead did, cooling down with time.
 *
 * @example
 * ```ts
 * const behaviour: BehaviourConfig = {
 *   rules: [
 *     { id: 'webinar', event: 'webinar_attended', points: 15 },
 *     { id: 'unsubscribed', event: 'unsubscribe', points: -20 },
 *   ],
 *   decay: { halfLifeDays: 30 },
 *   cap: 40,
 * };
 * ```
 */
export interface BehaviourConfig {
  /** The rules; an event may match several. */
  readonly rules: readonly BehaviourRule[];
  /** Cooling with age (default: none). */
  readonly decay?: ScoreDecay;
  /** At most this many points from the component. */
  readonly cap?: number;
}

/**
 * One grade band: a label and the component points from which it applies. Bands are listed
 * best first; a lead below every band gets the last one.
 *
 * @example
 * ```ts
 * const band: GradeBand = { label: 'A', min: 40 };
 * ```
 */
export interface GradeBand {
  /** The grade (`'A'`, `'1'` …). */
  readonly label: string;
  /** The least component points for this grade. */
  readonly min: number;
}

/**
 * Grade bands for fit (A–D) and engagement (1–4); with both, the lead gets a matrix cell (`A1`).
 *
 * @example
 * ```ts
 * const grades: GradeConfig = {
 *   fit: [{ label: 'A', min: 40 }, { label: 'B', min: 25 }, { label: 'C', min: 10 }, { label: 'D', min: 0 }],
 *   engagement: [{ label: '1', min: 30 }, { label: '2', min: 15 }, { label: '3', min: 5 }, { label: '4', min: 0 }],
 * };
 * ```
 */
export interface GradeConfig {
  /** Bands over the fit component's points, best first. */
  readonly fit?: readonly GradeBand[];
  /** Bands over the behaviour component's points, best first. */
  readonly engagement?: readonly GradeBand[];
}

/**
 * The three components of a score.
 *
 * @example
 * ```ts
 * const component: ScoreComponent = 'behaviour';
 * ```
 */
export type ScoreComponent = 'bantt' | 'fit' | 'behaviour';

/**
 * A scoring model as you write it; see {@link defineScoringModel}.
 *
 * @example
 * ```ts
 * const config: ScoringModelConfig = { id: 'bantt', bantt: {}, threshold: 75 };
 * ```
 */
export interface ScoringModelConfig {
  /** A name for the model (one model per product line). */
  readonly id?: string;
  /** A display name. */
  readonly name?: string;
  /** Qualification answers (BANTT and friends). */
  readonly bantt?: BanttConfig;
  /** Who the lead is. */
  readonly fit?: FitConfig;
  /** What the lead did. */
  readonly behaviour?: BehaviourConfig;
  /** Multiplies each component's points in the total (default 1 each); positive. */
  readonly weights?: Readonly<Partial<Record<ScoreComponent, number>>>;
  /** The least total (default 0): lower sums are clamped up. */
  readonly min?: number;
  /** The greatest total (default: the sum of the components' weighted maxima; required when one is unbounded). */
  readonly max?: number;
  /** The MQL line: a total at or above it is qualified. Inside `[min, max]`. */
  readonly threshold: number;
  /** Optional grade bands. */
  readonly grades?: GradeConfig;
}

/**
 * A validated, frozen scoring model: defaults filled in. Build it with {@link defineScoringModel}.
 *
 * @example
 * ```ts
 * const model: ScoringModel = scoringPresets.bantt;
 * model.max; //=> 100
 * ```
 */
export interface ScoringModel {
  /** The model's name, if given. */
  readonly id?: string;
  /** The display name, if given. */
  readonly name?: string;
  /** The qualification component with its dimensions spelled out. */
  readonly bantt?: {
    /** Every dimension with its name, points and levels. */
    readonly dimensions: readonly Required<BanttDimensionConfig>[];
    /** The component's cap, if any. */
    readonly cap?: number;
  };
  /** The fit component. */
  readonly fit?: FitConfig;
  /** The behaviour component. */
  readonly behaviour?: BehaviourConfig;
  /** The component weights (1 when not given). */
  readonly weights: Readonly<Record<ScoreComponent, number>>;
  /** The least total. */
  readonly min: number;
  /** The greatest total. */
  readonly max: number;
  /** The MQL line. */
  readonly threshold: number;
  /** The grade bands, if any. */
  readonly grades?: GradeConfig;
}

/**
 * A lead to score: BANTT answers, attributes for fit rules and events for behaviour rules. A
 * journey (parsed or not) is a lead too: its `behaviour` events are scored and the
 * other events ignored.
 *
 * @example
 * ```ts
 * const lead: ScoringLead = {
 *   answers: { budget: 'confirmed', authority: 'indicated' },
 *   attributes: { employees: 800, title: 'VP Sales' },
 *   events: [{ type: 'behaviour', at: '2026-03-01T10:00:00Z', name: 'webinar_attended' }],
 * };
 * ```
 */
export interface ScoringLead {
  /** Dimension id → answer level; a missing dimension earns nothing. */
  readonly answers?: Readonly<Record<string, string>>;
  /** Facts the fit rules test. */
  readonly attributes?: Readonly<Record<string, unknown>>;
  /** Events; only `behaviour` ones are scored. */
  readonly events?: readonly (JourneyEventInput | JourneyEvent)[];
}

/**
 * One line of a score's explanation. Contributions are rounded to 2 decimals and the reasons of
 * a score add up exactly to its total (in cents); a cap or a clamp is its own line.
 *
 * @example
 * ```ts
 * const reason: ScoreReason = { component: 'bantt', rule: 'budget', kind: 'rule', points: 20, detail: 'budget: confirmed (1 × 20 points)' };
 * ```
 */
export interface ScoreReason {
  /** The component, or `'total'` for the clamp to `[min, max]`. */
  readonly component: ScoreComponent | 'total';
  /** The dimension or rule id; `'cap'` for a component cap; `'min'` / `'max'` for a clamp. */
  readonly rule: string;
  /** `rule`: a dimension or rule; `cap`: a rule's or component's cap; `clamp`: the total's bounds. */
  readonly kind: 'rule' | 'cap' | 'clamp';
  /** The contribution to the total (after the component's weight), rounded to 2 decimals. */
  readonly points: number;
  /** What a person reads. */
  readonly detail: string;
  /** Behaviour rules: how many events counted. */
  readonly events?: number;
}

/**
 * A component's share of a score.
 *
 * @example
 * ```ts
 * const part: ComponentScore = { points: 80, max: 100 };
 * ```
 */
export interface ComponentScore {
  /** Its contribution to the total (after weight and caps), rounded to 2 decimals. */
  readonly points: number;
  /** The most it can contribute; `null` when unbounded (a repeatable rule without a cap). */
  readonly max: number | null;
}

/**
 * A lead's grade: fit band, engagement band and, with both, the matrix cell.
 *
 * @example
 * ```ts
 * const grade: LeadGrade = { fit: 'A', engagement: '2', cell: 'A2' };
 * ```
 */
export interface LeadGrade {
  /** The fit band. */
  readonly fit?: string;
  /** The engagement band. */
  readonly engagement?: string;
  /** Fit band then engagement band (`'A2'`), when both are configured. */
  readonly cell?: string;
}

/**
 * The score of one lead; see {@link scoreLead}.
 *
 * @example
 * ```ts
 * const score = scoreLead(scoringPresets.bantt, { answers: { budget: 'confirmed', need: 'confirmed' } }, { asOf: '2026-03-01' });
 * score.total; //=> 40
 * score.qualified; //=> false
 * ```
 */
export interface LeadScore {
  /** The total, in `[min, max]`, rounded to 2 decimals. */
  readonly total: number;
  /** The model's greatest total. */
  readonly max: number;
  /** Whether the total reaches the threshold. */
  readonly qualified: boolean;
  /** Each configured component's points. */
  readonly components: {
    /** The qualification answers' points. */
    readonly bantt?: ComponentScore;
    /** The fit rules' points. */
    readonly fit?: ComponentScore;
    /** The behaviour rules' points. */
    readonly behaviour?: ComponentScore;
  };
  /** The grade, when the model has grade bands. */
  readonly grade?: LeadGrade;
  /**
   * Why: every contribution, largest first, summing to `total`. A reason that does not depend
   * on the lead (a BANTT answer level, a fit rule) is a frozen object shared between scores.
   */
  readonly reasons: readonly ScoreReason[];
}
