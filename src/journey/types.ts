import type { Decimal, MoneyInput } from '../money/money.js';
import type { OutcomeKind } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';

/**
 * A journey attribute value: JSON primitives.
 *
 * @example
 * ```ts
 * const employees: AttributeValue = 250;
 * ```
 */
export type AttributeValue = string | number | boolean | null;

/**
 * Entered a stage.
 *
 * @example
 * ```ts
 * const event: StageEventInput = { type: 'stage', stage: 'lead', at: '2026-03-02T10:00:00Z' };
 * ```
 */
export interface StageEventInput {
  /** Discriminator. */
  readonly type: 'stage';
  /** The stage id entered. */
  readonly stage: string;
  /** When. */
  readonly at: DateInput;
}

/**
 * A touch: a call, e-mail or meeting, and by whom.
 *
 * @example
 * ```ts
 * const event: ActivityEventInput = { type: 'activity', at: '2026-03-02T11:00:00Z', kind: 'call', by: 'sales' };
 * ```
 */
export interface ActivityEventInput {
  /** Discriminator. */
  readonly type: 'activity';
  /** When. */
  readonly at: DateInput;
  /** What kind of touch (`call`, `email`, `meeting` …). */
  readonly kind?: string;
  /** Who made it: a team (`marketing`, `sales`) or a person. */
  readonly by?: string;
}

/**
 * The journey was won, lost, disqualified, or recycled (passed back to Marketing for nurture).
 *
 * @example
 * ```ts
 * const event: OutcomeEventInput = { type: 'outcome', outcome: 'lost', at: '2026-04-01', reason: 'price' };
 * ```
 */
export interface OutcomeEventInput {
  /** Discriminator. */
  readonly type: 'outcome';
  /** Which outcome. */
  readonly outcome: OutcomeKind;
  /** When. */
  readonly at: DateInput;
  /** Why (for lost, disqualified and recycled). */
  readonly reason?: string;
}

/**
 * A forecast as of a time: the expected close date and, optionally, amount.
 *
 * @example
 * ```ts
 * const event: ForecastEventInput = { type: 'forecast', at: '2026-03-05', closeDate: '2026-06-30', amount: '24000' };
 * ```
 */
export interface ForecastEventInput {
  /** Discriminator. */
  readonly type: 'forecast';
  /** When the forecast was made. */
  readonly at: DateInput;
  /** The expected close date. */
  readonly closeDate: DateInput;
  /** The expected amount. */
  readonly amount?: MoneyInput;
}

/**
 * A buyer behaviour: a web visit, a download, a webinar …
 *
 * @example
 * ```ts
 * const event: BehaviourEventInput = { type: 'behaviour', at: '2026-03-01T08:00:00Z', name: 'pricing_page_visit' };
 * ```
 */
export interface BehaviourEventInput {
  /** Discriminator. */
  readonly type: 'behaviour';
  /** When. */
  readonly at: DateInput;
  /** What the buyer did. */
  readonly name: string;
  /** An optional value (pages viewed, minutes watched …). */
  readonly value?: AttributeValue;
}

/**
 * Any journey event as you pass it in.
 *
 * @example
 * ```ts
 * const events: JourneyEventInput[] = [
 *   { type: 'stage', stage: 'lead', at: '2026-03-02' },
 *   { type: 'outcome', outcome: 'won', at: '2026-05-20' },
 * ];
 * ```
 */
export type JourneyEventInput =
  | StageEventInput
  | ActivityEventInput
  | OutcomeEventInput
  | ForecastEventInput
  | BehaviourEventInput;

/**
 * One lead, opportunity or account walking the pipeline, as you pass it in.
 *
 * @example
 * ```ts
 * const journey: JourneyInput = {
 *   id: 'acme',
 *   origin: 'marketing',
 *   attributes: { industry: 'manufacturing', employees: 800 },
 *   amount: '24000.00',
 *   events: [
 *     { type: 'stage', stage: 'lead', at: '2026-03-02' },
 *     { type: 'stage', stage: 'qualified_lead', at: '2026-03-09' },
 *     { type: 'outcome', outcome: 'won', at: '2026-05-20' },
 *   ],
 * };
 * ```
 */
export interface JourneyInput {
  /** A unique id. */
  readonly id: string;
  /** Who generated it: `marketing`, `sales`, `partner` … */
  readonly origin?: string;
  /** Anything else known about it (industry, employees, campaign …). */
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  /** Its value; never negative. */
  readonly amount?: MoneyInput;
  /** What happened, in any order. */
  readonly events: readonly JourneyEventInput[];
}

/**
 * A stage event with its time read.
 *
 * @example
 * ```ts
 * const event = parseJourney({ id: 'a', events: [{ type: 'stage', stage: 'lead', at: '2026-03-02' }] }).events[0] as StageEvent;
 * event.at.toISOString(); //=> '2026-03-02T00:00:00.000Z'
 * ```
 */
export interface StageEvent extends StageEventInput {
  /** When. */
  readonly at: Date;
}
/**
 * An activity event with its time read.
 *
 * @example
 * ```ts
 * const event: ActivityEvent = { type: 'activity', at: new Date('2026-03-02T11:00:00Z'), kind: 'call', by: 'sales' };
 * ```
 */
export interface ActivityEvent extends ActivityEventInput {
  /** When. */
  readonly at: Date;
}
/**
 * An outcome event with its time read.
 *
 * @example
 * ```ts
 * const event: OutcomeEvent = { type: 'outcome', outcome: 'won', at: new Date('2026-05-20T00:00:00Z') };
 * ```
 */
export interface OutcomeEvent extends OutcomeEventInput {
  /** When. */
  readonly at: Date;
}
/**
 * A forecast event with its dates and amount read.
 *
 * @example
 * ```ts
 * const journey = parseJourney({ id: 'a', events: [{ type: 'forecast', at: '2026-03-05', closeDate: '2026-06-30', amount: '24000' }] });
 * const forecast = journey.events[0] as ForecastEvent;
 * forecast.amount?.toFixed(2); //=> '24000.00'
 * ```
 */
export interface ForecastEvent extends ForecastEventInput {
  /** When the forecast was made. */
  readonly at: Date;
  /** The expected close date. */
  readonly closeDate: Date;
  /** The expected amount. */
  readonly amount?: Decimal;
}
/**
 * A behaviour event with its time read.
 *
 * @example
 * ```ts
 * const event: BehaviourEvent = { type: 'behaviour', at: new Date('2026-03-01T08:00:00Z'), name: 'webinar_attended', value: 45 };
 * ```
 */
export interface BehaviourEvent extends BehaviourEventInput {
  /** When. */
  readonly at: Date;
}

/**
 * A journey event after validation: times are `Date`s, amounts are `Decimal`s.
 *
 * @example
 * ```ts
 * const journey = parseJourney({ id: 'a', events: [{ type: 'stage', stage: 'lead', at: '2026-03-02' }] });
 * const event: JourneyEvent | undefined = journey.events[0];
 * event?.at instanceof Date; //=> true
 * ```
 */
export type JourneyEvent =
  | StageEvent
  | ActivityEvent
  | OutcomeEvent
  | ForecastEvent
  | BehaviourEvent;

/**
 * A validated, frozen journey (see {@link parseJourney}): times are `Date`s, the amount is a
 * `Decimal`, events are sorted by time. It is also a valid {@link JourneyInput}.
 *
 * @example
 * ```ts
 * const journey: Journey = parseJourney({ id: 'a', amount: 100, events: [] });
 * journey.amount?.toString(); //=> '100'
 * ```
 */
export interface Journey extends JourneyInput {
  /** Attributes (empty when none were given). */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** The value. */
  readonly amount?: Decimal;
  /** Events sorted by time (ties: stages in pipeline order when known, outcomes last). */
  readonly events: readonly JourneyEvent[];
}
