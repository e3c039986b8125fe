import type { BusinessCalendar, BusinessCalendarConfig } from '../calendar/types.js';
import type { OutcomeKind } from '../pipeline/types.js';

/**
 * Who answers for a rule: Marketing or Sales.
 *
 * @example
 * ```ts
 * const owner: SlaOwner = 'sales';
 * ```
 */
export type SlaOwner = 'marketing' | 'sales';

/**
 * How long a rule allows: exactly one of business days (the same clock time that many working
 * days later), business hours (working time), days (24 elapsed hours each) or hours (elapsed).
 * Always positive and at most a century (36,500 days, 876,000 hours); business days are whole.
 *
 * @example
 * ```ts
 * const within: SlaDuration = { businessDays: 2 };
 * ```
 */
export type SlaDuration =
  | {
      /** Whole working days, keeping the clock time. */
      readonly businessDays: number;
    }
  | {
      /** Hours of working time. */
      readonly businessHours: number;
    }
  | {
      /** Elapsed days of 24 hours. */
      readonly days: number;
    }
  | {
      /** Elapsed hours. */
      readonly hours: number;
    };

/**
 * What starts the clock of a `response` rule: each entry into a stage (a new stay, not a repeated
 * event), each outcome of a kind (`recycled`: passed back to Marketing), or the first behaviour
 * event at which the lead's score reaches a threshold (needs `evaluateSla`'s `score` option: a
 * scoring model, or a function).
 *
 * @example
 * ```ts
 * const handover: SlaTrigger = { stage: 'qualified_lead' };
 * const hot: SlaTrigger = { scoreAtLeast: 75 };
 * ```
 */
export type SlaTrigger =
  | {
      /** Each entry into this stage. */
      readonly stage: string;
    }
  | {
      /** Each outcome of this kind. */
      readonly outcome: OutcomeKind;
    }
  | {
      /**
       * The first behaviour event at which the score reaches this; `'threshold'`: the scoring
       * model's own threshold (the MQL line).
       */
      readonly scoreAtLeast: number | 'threshold';
    };

/**
 * Which activities count: every activity when empty, else those whose `kind` is one of `kinds`
 * and whose `by` is one of `by` (each filter only when given).
 *
 * @example
 * ```ts
 * const salesCall: ActivityMatch = { kinds: ['call'], by: ['sales'] };
 * ```
 */
export interface ActivityMatch {
  /** Activity kinds that count (`call`, `email`, `meeting` …). */
  readonly kinds?: readonly string[];
  /** Who must have made it (a team or a person, as in the activity's `by`). */
  readonly by?: readonly string[];
}

/**
 * What stops the clock of a `response` rule: a matching activity, or reaching a stage (an entry
 * into it or any later stage, or a win).
 *
 * @example
 * ```ts
 * const anyTouch: SlaResponse = { activity: {} };
 * const accepted: SlaResponse = { stage: 'prospect' };
 * ```
 */
export type SlaResponse =
  | {
      /** A matching activity. */
      readonly activity: ActivityMatch;
    }
  | {
      /** Reaching this stage (or a later one, or a win). */
      readonly stage: string;
    };

/**
 * What every rule has.
 *
 * @example
 * ```ts
 * const base: SlaRuleBase = { id: 'follow-up', owner: 'sales', description: 'Call every qualified lead within 2 business days' };
 * ```
 */
export interface SlaRuleBase {
  /** A unique id, used in results. */
  readonly id: string;
  /** Who answers for it. */
  readonly owner: SlaOwner;
  /** What was agreed, in words. */
  readonly description?: string;
}

/**
 * Respond to each trigger within a time. A response before the trigger does not count unless
 * `acceptEarlier` is set (then a matching response since the rule's previous trigger in the same
 * journey meets it at once).
 *
 * @example
 * ```ts
 * const rule: ResponseRule = {
 *   id: 'follow-up', owner: 'sales', kind: 'response',
 *   trigger: { stage: 'qualified_lead' },
 *   response: { activity: { kinds: ['call'], by: ['sales'] } },
 *   within: { businessDays: 2 },
 *   warnBefore: { businessHours: 4 },
 * };
 * ```
 */
export interface ResponseRule extends SlaRuleBase {
  /** Discriminator. */
  readonly kind: 'response';
  /** What starts the clock. */
  readonly trigger: SlaTrigger;
  /** What stops it. */
  readonly response: SlaResponse;
  /** How long it may run. */
  readonly within: SlaDuration;
  /** List a pending obligation as at risk this long before it is due. */
  readonly warnBefore?: SlaDuration;
  /** Whether a matching response before the trigger meets the rule. Default false. */
  readonly acceptEarlier?: boolean;
}

/**
 * Leave a stage within a time after entering it (moving on, back, or closing all count).
 *
 * @example
 * ```ts
 * const rule: MaxTimeInStageRule = { id: 'no-parking', owner: 'sales', kind: 'maxTimeInStage', stage: 'prospect', within: { days: 30 } };
 * ```
 */
export interface MaxTimeInStageRule extends SlaRuleBase {
  /** Discriminator. */
  readonly kind: 'maxTimeInStage';
  /** The stage. */
  readonly stage: string;
  /** How long a stay may last. */
  readonly within: SlaDuration;
  /** List a stay as at risk this long before it is due. */
  readonly warnBefore?: SlaDuration;
}

/**
 * At least (and/or at most) so many entries into a stage per calendar week (Monday first),
 * month or quarter in the calendar's time zone.
 *
 * @example
 * ```ts
 * const rule: VolumeRule = { id: 'lead-volume', owner: 'marketing', kind: 'volume', stage: 'qualified_lead', per: 'month', atLeast: 20 };
 * ```
 */
export interface VolumeRule extends SlaRuleBase {
  /** Discriminator. */
  readonly kind: 'volume';
  /** The stage whose entries are counted. */
  readonly stage: string;
  /** The period. */
  readonly per: 'week' | 'month' | 'quarter';
  /** The least number of entries per period. */
  readonly atLeast?: number;
  /** The most entries per period. */
  readonly atMost?: number;
}

/**
 * Every outcome of these kinds carries a reason, one of the pipeline's allowed reasons for that
 * outcome when it lists some.
 *
 * @example
 * ```ts
 * const rule: ReasonRequiredRule = { id: 'why', owner: 'sales', kind: 'reasonRequired' };
 * ```
 */
export interface ReasonRequiredRule extends SlaRuleBase {
  /** Discriminator. */
  readonly kind: 'reasonRequired';
  /** Which outcomes. Default: lost, disqualified and recycled. */
  readonly outcomes?: readonly ('lost' | 'disqualified' | 'recycled')[];
}

/**
 * At least `attempts` matching activities before a journey is disqualified or recycled, counted
 * since the journey's current pass began (its start, or its latest recycle).
 *
 * @example
 * ```ts
 * const rule: MinAttemptsRule = { id: 'three-tries', owner: 'sales', kind: 'minAttempts', attempts: 3, activity: { by: ['sales'] } };
 * ```
 */
export interface MinAttemptsRule extends SlaRuleBase {
  /** Discriminator. */
  readonly kind: 'minAttempts';
  /** How many attempts, at least 1. */
  readonly attempts: number;
  /** Which outcomes need them. Default: disqualified and recycled. */
  readonly outcomes?: readonly ('lost' | 'disqualified' | 'recycled')[];
  /** Which activities count as attempts. Default: all. */
  readonly activity?: ActivityMatch;
}

/**
 * One rule of an SLA.
 *
 * @example
 * ```ts
 * const rule: SlaRule = { id: 'why', owner: 'sales', kind: 'reasonRequired', outcomes: ['lost'] };
 * ```
 */
export type SlaRule =
  | ResponseRule
  | MaxTimeInStageRule
  | VolumeRule
  | ReasonRequiredRule
  | MinAttemptsRule;

/**
 * An SLA as you write it: the rules and the business calendar their business durations and
 * volume periods use (default: Monday–Friday whole days in UTC).
 *
 * @example
 * ```ts
 * const config: SlaConfig = {
 *   calendar: { timeZone: 'America/New_York', hours: { start: '09:00', end: '17:00' } },
 *   rules: [{ id: 'why', owner: 'sales', kind: 'reasonRequired' }],
 * };
 * ```
 */
export interface SlaConfig {
  /** A {@link businessCalendar} or its config. */
  readonly calendar?: BusinessCalendarConfig | BusinessCalendar;
  /** The rules, ids unique. */
  readonly rules: readonly SlaRule[];
}

/**
 * A validated, frozen SLA (see {@link defineSla}); plain data, also a valid {@link SlaConfig}.
 *
 * @example
 * ```ts
 * const sla: Sla = defineSla({ rules: [{ id: 'why', owner: 'sales', kind: 'reasonRequired' }] });
 * sla.calendar.timeZone; //=> 'UTC'
 * ```
 */
export interface Sla extends SlaConfig {
  /** The calendar. */
  readonly calendar: BusinessCalendar;
  /** The rules. */
  readonly rules: readonly SlaRule[];
}
