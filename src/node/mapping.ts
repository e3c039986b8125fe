import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { deepFreeze } from '../pipeline/definePipeline.js';
import type { OutcomeKind } from '../pipeline/types.js';
import { isTimeZone } from './zonedTime.js';

/**
 * What every mapping may say besides its columns.
 *
 * @example
 * ```ts
 * const common: MappingCommon = { timeZone: 'Europe/Paris', empty: ['Select', 'N/A'], zeroAmountIsEmpty: true };
 * ```
 */
export interface MappingCommon {
  /** IANA zone in which naive date-times (and bare dates) of the export are read. */
  readonly timeZone?: string;
  /** Export labels → pipeline stage ids (`{ Prospecting: 'prospect' }`); unlisted labels are kept as they are. */
  readonly stages?: Readonly<Record<string, string>>;
  /** Export labels → outcomes (`{ 'Closed Won': 'won' }`). */
  readonly outcomes?: Readonly<Record<string, OutcomeKind>>;
  /** Export labels → origins (`{ 'Paid Search': 'marketing' }`); unlisted labels are kept. */
  readonly origins?: Readonly<Record<string, string>>;
  /** Cell values that mean "nothing" besides the empty cell (`Select`, `N/A`). */
  readonly empty?: readonly string[];
  /** An amount of 0 means "no value" (exports that write 0 for lost deals). Default false. */
  readonly zeroAmountIsEmpty?: boolean;
  /** Columns that are neither mapped nor kept as attributes. */
  readonly ignore?: readonly string[];
  /** Mapped columns the file may lack (the built-in mappings list their optional ones). */
  readonly optional?: readonly string[];
}

/**
 * A generic event table: one event per row (see `mappings.generic`). Each key names the
 * column that holds that field.
 *
 * @example
 * ```ts
 * const mapping: EventsMapping = { kind: 'events', columns: { journeyId: 'deal', type: 'event', at: 'when' } };
 * ```
 */
export interface EventsMapping extends MappingCommon {
  /** Discriminator. */
  readonly kind: 'events';
  /** Column names; each defaults to the snake_case name (`journey_id`, `type`, `at`, `close_date` …). */
  readonly columns?: Readonly<Partial<Record<EventColumn, string>>>;
}

/**
 * The fields of a generic event row.
 *
 * @example
 * ```ts
 * const field: EventColumn = 'closeDate';
 * ```
 */
export type EventColumn =
  | 'journeyId'
  | 'type'
  | 'at'
  | 'stage'
  | 'outcome'
  | 'reason'
  | 'kind'
  | 'by'
  | 'closeDate'
  | 'name'
  | 'value'
  | 'origin'
  | 'amount';

/**
 * One row per journey, one date column per stage (HubSpot's "Became a … Date" columns are this).
 *
 * @example
 * ```ts
 * const mapping: WideMapping = {
 *   kind: 'wide',
 *   id: 'lead_id',
 *   stageDates: { first_contact: 'lead', qualified_on: 'qualified_lead' },
 *   outcome: { column: 'status', at: 'closed_on', values: { Won: 'won', Lost: 'lost' } },
 * };
 * ```
 */
export interface WideMapping extends MappingCommon {
  /** Discriminator. */
  readonly kind: 'wide';
  /** The journey id column. */
  readonly id: string;
  /** Date column → stage id entered at that date; empty cells are stages not (yet) entered. */
  readonly stageDates: Readonly<Record<string, string>>;
  /** The origin column. */
  readonly origin?: string;
  /** The amount column. */
  readonly amount?: string;
  /** The closed outcome: a status column (labels mapped through `values`, others mean open) and its date column. */
  readonly outcome?: {
    /** The status column. */
    readonly column: string;
    /** The date of the outcome. */
    readonly at: string;
    /** Status label → outcome; any other label means the journey is open. */
    readonly values: Readonly<Record<string, OutcomeKind>>;
    /** A column with the reason, if any. */
    readonly reason?: string;
  };
}

/**
 * A stage history: one row per change of an opportunity (Salesforce's OpportunityHistory).
 * Each row gives the stage entered at `at`, a forecast (expected close date and amount as of
 * `at`), and, when closed, the outcome.
 *
 * @example
 * ```ts
 * const mapping: HistoryMapping = {
 *   kind: 'history', id: 'OpportunityId', stage: 'StageName', at: 'CreatedDate',
 *   closeDate: 'CloseDate', amount: 'Amount', won: 'IsWon', closed: 'IsClosed',
 * };
 * ```
 */
export interface HistoryMapping extends MappingCommon {
  /** Discriminator. */
  readonly kind: 'history';
  /** The opportunity id column. */
  readonly id: string;
  /** The stage name column. */
  readonly stage: string;
  /** When the change happened. */
  readonly at: string;
  /** The expected (or actual, once closed) close date. */
  readonly closeDate?: string;
  /** The amount as of the change; the journey's amount is the latest one. */
  readonly amount?: string;
  /** A boolean column: won. */
  readonly won?: string;
  /** A boolean column: closed (won or lost). */
  readonly closed?: string;
  /** The origin column (e.g. LeadSource). */
  readonly origin?: string;
}

/**
 * How the columns of an export become journeys: a generic event table, a wide table, or a
 * stage history. Plain JSON: a mapping can live in a config file (see {@link defineMapping}).
 *
 * @example
 * ```ts
 * const mapping: Mapping = { ...mappings.generic, timeZone: 'America/New_York' };
 * ```
 */
export type Mapping = EventsMapping | WideMapping | HistoryMapping;

const text = z.string().trim().min(1, 'Expected a non-empty string');
const outcome = z.enum(['won', 'lost', 'disqualified', 'recycled']);
const labels = z.record(z.string(), text);

const common = {
  timeZone: text
    .refine(isTimeZone, { message: 'Expected an IANA time zone such as "Europe/Paris"' })
    .exactOptional(),
  stages: labels.exactOptional(),
  outcomes: z.record(z.string(), outcome).exactOptional(),
  origins: labels.exactOptional(),
  empty: z.array(z.string()).exactOptional(),
  zeroAmountIsEmpty: z.boolean().exactOptional(),
  ignore: z.array(text).exactOptional(),
  optional: z.array(text).exactOptional(),
};

const eventColumns = [
  'journeyId',
  'type',
  'at',
  'stage',
  'outcome',
  'reason',
  'kind',
  'by',
  'closeDate',
  'name',
  'value',
  'origin',
  'amount',
] as const;

const mappingSchema = /* @__PURE__ */ z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('events'),
    columns: z
      .strictObject(Object.fromEntries(eventColumns.map((key) => [key, text.exactOptional()])))
      .exactOptional(),
    ...common,
  }),
  z.strictObject({
    kind: z.literal('wide'),
    id: text,
    stageDates: z
      .record(z.string(), text)
      .refine((value) => Object.keys(value).length > 0, 'Expected at least one stage date column'),
    origin: text.exactOptional(),
    amount: text.exactOptional(),
    outcome: z
      .strictObject({
        column: text,
        at: text,
        values: z.record(z.string(), outcome),
        reason: text.exactOptional(),
      })
      .exactOptional(),
    ...common,
  }),
  z.strictObject({
    kind: z.literal('history'),
    id: text,
    stage: text,
    at: text,
    closeDate: text.exactOptional(),
    amount: text.exactOptional(),
    won: text.exactOptional(),
    closed: text.exactOptional(),
    origin: text.exactOptional(),
    ...common,
  }),
]);

/**
 * Validates a mapping (an object or the parsed JSON of a config file) and returns it frozen.
 *
 * @param config - the mapping
 * @returns the same mapping, validated and frozen
 * @throws `PipelineError` `invalid_options` with the path of the bad field: an unknown
 *   kind or key (typo), an empty column name, an unknown time zone, an outcome that is not one
 *   of won, lost, disqualified, recycled
 *
 * @example
 * ```ts
 * const mapping = defineMapping(JSON.parse('{"kind":"events","timeZone":"Europe/Paris"}'));
 * mapping.kind; //=> 'events'
 * ```
 */
export function defineMapping(config: Mapping): Mapping {
  return deepFreeze(
    parseOrThrow(mappingSchema, config, 'invalid_options', 'defineMapping', ['mapping']) as Mapping,
  );
}

const hubspotStages: Readonly<Record<string, string>> = {
  'Became a Lead Date': 'inquiry',
  'Became a Marketing Qualified Lead Date': 'mql',
  'Became a Sales Qualified Lead Date': 'sal',
  'Became an Opportunity Date': 'sql',
  'Became a Customer Date': 'won',
};

/**
 * The built-in mappings; spread one to change a field
 * (`{ ...mappings.hubspot, timeZone: 'Europe/Berlin' }`).
 *
 * - `generic`: the event table of {@link EventsMapping} with snake_case columns (`journey_id`,
 *   `type`, `at`, and as the type needs `stage`, `outcome`, `reason`, `kind`, `by`,
 *   `close_date`, `name`, `value`, plus `origin` and `amount`).
 * - `hubspot`: a HubSpot contact/deal export (`Record ID`, the lifecycle "Became a … Date"
 *   columns mapped onto the demand waterfall preset, `Deal Stage`, `Amount`, `Close Date`,
 *   `Original Source`).
 * - `salesforce`: a Salesforce opportunity history (`OpportunityId`, `StageName`, `CreatedDate`,
 *   `CloseDate`, `Amount`, `IsWon`, `IsClosed`).
 * - `wide`: one row per journey with `journey_id`, a date column per stage of the buying
 *   pipeline preset named by its id, `origin`, `amount`, `outcome` and `closed_at`.
 *
 * @example
 * ```ts
 * mappings.salesforce.kind; //=> 'history'
 * ```
 */
export const mappings: {
  /** The generic event table (one event per row). */
  readonly generic: EventsMapping;
  /** A HubSpot contact/deal export. */
  readonly hubspot: WideMapping;
  /** A Salesforce opportunity history. */
  readonly salesforce: HistoryMapping;
  /** One row per journey, a date column per stage of the buying pipeline preset. */
  readonly wide: WideMapping;
} = /* @__PURE__ */ deepFreeze({
  generic: {
    kind: 'events',
    optional: [
      'stage',
      'outcome',
      'reason',
      'kind',
      'by',
      'close_date',
      'name',
      'value',
      'origin',
      'amount',
    ],
  },
  hubspot: {
    kind: 'wide',
    id: 'Record ID',
    stageDates: hubspotStages,
    origin: 'Original Source',
    amount: 'Amount',
    outcome: {
      column: 'Deal Stage',
      at: 'Close Date',
      values: {
        'Closed Won': 'won',
        closedwon: 'won',
        'Closed Lost': 'lost',
        closedlost: 'lost',
      },
    },
    optional: [
      ...Object.keys(hubspotStages),
      'Original Source',
      'Amount',
      'Deal Stage',
      'Close Date',
    ],
  },
  salesforce: {
    kind: 'history',
    id: 'OpportunityId',
    stage: 'StageName',
    at: 'CreatedDate',
    closeDate: 'CloseDate',
    amount: 'Amount',
    won: 'IsWon',
    closed: 'IsClosed',
    origin: 'LeadSource',
    outcomes: { 'Closed Won': 'won', 'Closed Lost': 'lost' },
    stages: {
      Prospecting: 'prospecting',
      Qualification: 'qualification',
      'Needs Analysis': 'needs_analysis',
      'Value Proposition': 'value_proposition',
      'Id. Decision Makers': 'decision_makers',
      'Perception Analysis': 'perception_analysis',
      'Proposal/Price Quote': 'proposal',
      'Negotiation/Review': 'negotiation',
    },
    optional: ['CloseDate', 'Amount', 'IsWon', 'IsClosed', 'LeadSource'],
  },
  wide: {
    kind: 'wide',
    id: 'journey_id',
    stageDates: {
      target: 'target',
      contact: 'contact',
      suspect: 'suspect',
      lead: 'lead',
      qualified_lead: 'qualified_lead',
      prospect: 'prospect',
      customer: 'customer',
    },
    origin: 'origin',
    amount: 'amount',
    outcome: {
      column: 'outcome',
      at: 'closed_at',
      values: { won: 'won', lost: 'lost', disqualified: 'disqualified', recycled: 'recycled' },
      reason: 'reason',
    },
    optional: [
      'target',
      'contact',
      'suspect',
      'lead',
      'qualified_lead',
      'prospect',
      'customer',
      'origin',
      'amount',
      'outcome',
      'closed_at',
      'reason',
    ],
  },
});

/** The generic mapping's default column names. */
export const defaultEventColumns: Readonly<Record<EventColumn, string>> = {
  journeyId: 'journey_id',
  type: 'type',
  at: 'at',
  stage: 'stage',
  outcome: 'outcome',
  reason: 'reason',
  kind: 'kind',
  by: 'by',
  closeDate: 'close_date',
  name: 'name',
  value: 'value',
  origin: 'origin',
  amount: 'amount',
};
