import { fc } from '@fast-check/vitest';
import {
  type AttributeValue,
  type DateInput,
  type FunnelOptions,
  type JourneyEventInput,
  type JourneyInput,
  type MoneyInput,
  type OutcomeKind,
  presets,
} from '../../src/index.js';

// Shared generators for the funnel property tests: messy-but-valid journeys over the seed's
// buying pipeline, in every input form the library accepts, with many ties in time.

export const pipeline = presets.buyingPipeline;
/** target, contact, suspect, lead, qualified_lead, prospect, customer. */
export const stageIds: readonly string[] = pipeline.stages.map((stage) => stage.id);
export const LAST = stageIds.length - 1;
export const HANDOFF = stageIds.indexOf(pipeline.handoff);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The grid the instants sit on: 6-hour steps from 2026-01-01 (crossing DST in New York). */
export const START = Date.UTC(2026, 0, 1);
export const STEP = 6 * HOUR;
export const STEPS = 240;
/** After every generated event (grid end plus room for gaps along a walk). */
export const AFTER_ALL = START + 400 * DAY;

export const reasons = ['price', 'timing', 'no budget', 'competitor'] as const;
export const origins = ['marketing', 'sales', 'partner'] as const;
export const industries = ['software', 'retail', 'manufacturing'] as const;

/** An instant on the grid, sometimes a few ms or a minute off it. */
const gridInstant: fc.Arbitrary<number> = fc
  .tuple(
    fc.integer({ min: 0, max: STEPS }),
    fc.oneof(
      { arbitrary: fc.constant(0), weight: 6 },
      { arbitrary: fc.constantFrom(1, 999, MINUTE - 1), weight: 1 },
    ),
  )
  .map(([step, jitter]) => START + step * STEP + jitter);

/** Three instants only: events there tie with one another. */
const crowdedInstant: fc.Arbitrary<number> = fc.constantFrom(
  START + DAY,
  START + DAY + 12 * HOUR,
  START + 10 * DAY,
);

/** An instant in epoch ms: mostly on the grid, often on one of three crowded instants. */
export const instantArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: gridInstant, weight: 3 },
  { arbitrary: crowdedInstant, weight: 1 },
);

/** The forms a time can take. */
export const timeShapes = [
  'iso', // 2026-01-01T06:00:00.000Z
  'isoSeconds', // 2026-01-01T06:00:00Z (only without milliseconds)
  'plus2', // 2026-01-01T08:00:00.000+02:00
  'minus0530', // 2026-01-01T00:30:00.000-05:30
  'ms', // epoch milliseconds
  'date', // a Date object
  'dateOnly', // 2026-01-01 (only at midnight UTC)
] as const;
export type TimeShape = (typeof timeShapes)[number];

const withOffset = (ms: number, minutes: number, suffix: string): string =>
  `${new Date(ms + minutes * MINUTE).toISOString().slice(0, -1)}${suffix}`;

/** Renders an instant in one of the shapes (falling back to a full ISO string where a shape cannot hold it). */
export function renderTime(ms: number, shape: TimeShape): DateInput {
  switch (shape) {
    case 'ms':
      return ms;
    case 'date':
      return new Date(ms);
    case 'plus2':
      return withOffset(ms, 120, '+02:00');
    case 'minus0530':
      return withOffset(ms, -330, '-05:30');
    case 'isoSeconds':
      return ms % 1000 === 0
        ? new Date(ms).toISOString().replace('.000Z', 'Z')
        : new Date(ms).toISOString();
    case 'dateOnly':
      return ms % DAY === 0 ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString();
    default:
      return new Date(ms).toISOString();
  }
}

export const timeShapeArb: fc.Arbitrary<TimeShape> = fc.constantFrom(...timeShapes);

/** The time of a DateInput as the test reads it (JavaScript's own Date parser; every generated string is unambiguous). */
export function msOf(value: DateInput): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  return new Date(value).getTime();
}

/** A plain description of an event, turned into a JourneyEventInput by {@link renderEvent}. */
export type EventSpec =
  | { readonly type: 'stage'; readonly at: number; readonly stage: number }
  | {
      readonly type: 'outcome';
      readonly at: number;
      readonly outcome: OutcomeKind;
      readonly reason?: string;
    }
  | { readonly type: 'activity'; readonly at: number; readonly kind?: string; readonly by?: string }
  | { readonly type: 'behaviour'; readonly at: number; readonly name: string }
  | { readonly type: 'forecast'; readonly at: number; readonly closeDate: number };

export function renderEvent(spec: EventSpec, shape: TimeShape): JourneyEventInput {
  const at = renderTime(spec.at, shape);
  switch (spec.type) {
    case 'stage':
      return { type: 'stage', stage: stageIds[spec.stage] as string, at };
    case 'outcome':
      return {
        type: 'outcome',
        outcome: spec.outcome,
        at,
        ...(spec.reason !== undefined && { reason: spec.reason }),
      };
    case 'activity':
      return {
        type: 'activity',
        at,
        ...(spec.kind !== undefined && { kind: spec.kind }),
        ...(spec.by !== undefined && { by: spec.by }),
      };
    case 'behaviour':
      return { type: 'behaviour', at, name: spec.name };
    default:
      return { type: 'forecast', at, closeDate: renderTime(spec.closeDate, shape) };
  }
}

const stageIndexArb = fc.integer({ min: 0, max: LAST });

export const outcomeKindArb: fc.Arbitrary<OutcomeKind> = fc.constantFrom(
  'won',
  'lost',
  'disqualified',
  'recycled',
);

const stageSpec = (at: fc.Arbitrary<number>): fc.Arbitrary<EventSpec> =>
  fc.record({ type: fc.constant('stage' as const), at, stage: stageIndexArb });

export const outcomeSpec = (
  at: fc.Arbitrary<number>,
  kind: fc.Arbitrary<OutcomeKind> = outcomeKindArb,
): fc.Arbitrary<EventSpec> =>
  fc.record(
    {
      type: fc.constant('outcome' as const),
      at,
      outcome: kind,
      reason: fc.constantFrom(...reasons),
    },
    { requiredKeys: ['type', 'at', 'outcome'] },
  );

const activitySpec = (at: fc.Arbitrary<number>): fc.Arbitrary<EventSpec> =>
  fc.record(
    {
      type: fc.constant('activity' as const),
      at,
      kind: fc.constantFrom('call', 'email', 'meeting'),
      by: fc.constantFrom('marketing', 'sales'),
    },
    { requiredKeys: ['type', 'at'] },
  );

const otherSpec = (at: fc.Arbitrary<number>): fc.Arbitrary<EventSpec> =>
  fc.oneof(
    fc.record({
      type: fc.constant('behaviour' as const),
      at,
      name: fc.constantFrom('webinar', 'download'),
    }),
    fc.record({ type: fc.constant('forecast' as const), at, closeDate: at }),
  );

/** Any event at a random instant. */
const anyEventSpec: fc.Arbitrary<EventSpec> = fc.oneof(
  { arbitrary: stageSpec(instantArb), weight: 4 },
  { arbitrary: outcomeSpec(instantArb), weight: 2 },
  { arbitrary: activitySpec(instantArb), weight: 3 },
  { arbitrary: otherSpec(instantArb), weight: 1 },
);

/**
 * A walk along the pipeline: a random subset of stages in pipeline order (skips), at
 * non-decreasing times (a gap of 0 is a tie), starting at `first` or later.
 */
const walkSpecs = (first: fc.Arbitrary<number>): fc.Arbitrary<EventSpec[]> =>
  fc
    .tuple(
      first,
      fc.uniqueArray(stageIndexArb, { maxLength: LAST + 1 }),
      fc.array(fc.integer({ min: 0, max: 24 }), { minLength: LAST + 1, maxLength: LAST + 1 }),
    )
    .map(([start, stages, gaps]) => {
      let at = start;
      return [...stages]
        .sort((a, b) => a - b)
        .map((stage, index): EventSpec => {
          at += (gaps[index] ?? 0) * STEP;
          return { type: 'stage', at, stage };
        });
    });

/** The latest time among specs, or the default. */
const latest = (specs: readonly EventSpec[], fallback: number): number =>
  specs.reduce((max, spec) => Math.max(max, spec.at), fallback);

/** The events of one journey as specs, in time order of generation (shuffled later). */
export const eventSpecsArb: fc.Arbitrary<EventSpec[]> = fc.oneof(
  // A walk with noise (re-entries, out-of-order entries, activities) and maybe a close after it.
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        walkSpecs(instantArb),
        fc.array(anyEventSpec, { maxLength: 4 }),
        fc.array(activitySpec(instantArb), { maxLength: 3 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 20 }), outcomeKindArb), { nil: undefined }),
        fc.constantFrom(...reasons),
      )
      .map(([walk, noise, activities, close, reason]) => {
        const specs = [...walk, ...noise, ...activities];
        if (close) {
          const [gap, outcome] = close;
          specs.push({ type: 'outcome', at: latest(walk, START) + gap * STEP, outcome, reason });
        }
        return specs;
      }),
  },
  // Events in any order and any mix: duplicates, skips, outcomes anywhere.
  { weight: 3, arbitrary: fc.array(anyEventSpec, { maxLength: 8 }) },
  // No stage event at all.
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(outcomeSpec(instantArb), activitySpec(instantArb)), {
      maxLength: 3,
    }),
  },
  // An outcome before any stage (a deal won before its first recorded contact).
  {
    weight: 2,
    arbitrary: fc
      .tuple(gridInstant, outcomeKindArb, fc.integer({ min: 0, max: 8 }))
      .chain(([at, outcome, gap]) =>
        walkSpecs(fc.constant(at + gap * STEP)).map((walk): EventSpec[] => [
          { type: 'outcome', at, outcome, reason: 'timing' },
          ...walk,
        ]),
      ),
  },
);

/** Amounts as strings with cents, numbers, big strings (beyond safe integer cents), or missing. */
export const amountArb: fc.Arbitrary<MoneyInput | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc.integer({ min: 0, max: 5_000_000_00 }).chain((cents) => {
      const whole = Math.floor(cents / 100);
      const rest = cents % 100;
      const texts = [`${whole}.${String(rest).padStart(2, '0')}`];
      if (rest % 10 === 0) texts.push(`${whole}.${rest / 10}`);
      if (rest === 0) texts.push(`${whole}`);
      return fc.constantFrom(...texts);
    }),
  },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5_000_000_00 }).map((cents) => cents / 100) },
  {
    weight: 1,
    arbitrary: fc
      .bigInt({ min: 10n ** 15n, max: 10n ** 20n })
      .map((cents) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(0, '0', '0.00', 2 ** 53, 2 ** 60) },
);

const attributesArb: fc.Arbitrary<Record<string, AttributeValue> | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({}),
  fc.record(
    {
      industry: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom<AttributeValue>(...industries) },
        { weight: 1, arbitrary: fc.constant<AttributeValue>(null) },
      ),
      existingCustomer: fc.constantFrom<AttributeValue>(true, false, 'yes', 1, 'no'),
      employees: fc.integer({ min: 1, max: 5000 }),
    },
    { requiredKeys: [] },
  ),
);

/** Everything of a journey but its id. */
export interface JourneyBody {
  readonly origin: string | undefined;
  readonly attributes: Record<string, AttributeValue> | undefined;
  readonly amount: MoneyInput | undefined;
  readonly events: JourneyEventInput[];
}

/** Event specs rendered in random time shapes and a random order. */
export const eventsArb = (specs: fc.Arbitrary<EventSpec[]>): fc.Arbitrary<JourneyEventInput[]> =>
  specs.chain((list) =>
    fc
      .tuple(
        fc.array(timeShapeArb, { minLength: list.length, maxLength: list.length }),
        fc.array(fc.integer({ min: 0, max: 1000 }), {
          minLength: list.length,
          maxLength: list.length,
        }),
      )
      .map(([shapes, keys]) =>
        list
          .map((spec, index) => ({
            event: renderEvent(spec, shapes[index] ?? 'iso'),
            key: keys[index] ?? 0,
          }))
          .sort((a, b) => a.key - b.key)
          .map(({ event }) => event),
      ),
  );

const bodyArb = (specs: fc.Arbitrary<EventSpec[]>): fc.Arbitrary<JourneyBody> =>
  fc.record({
    origin: fc.constantFrom<string | undefined>(...origins, undefined),
    attributes: attributesArb,
    amount: amountArb,
    events: eventsArb(specs),
  });

/** A journey from its id and body, leaving out the absent fields (the schema is exact). */
export function journeyOf(id: string, body: JourneyBody): JourneyInput {
  return {
    id,
    ...(body.origin !== undefined && { origin: body.origin }),
    ...(body.attributes !== undefined && { attributes: body.attributes }),
    ...(body.amount !== undefined && { amount: body.amount }),
    events: body.events,
  };
}

/** Journeys with unique ids (`J000`, `J001` …). */
export const journeysArb = (
  options: { readonly maxLength?: number; readonly specs?: fc.Arbitrary<EventSpec[]> } = {},
): fc.Arbitrary<JourneyInput[]> =>
  fc
    .array(bodyArb(options.specs ?? eventSpecsArb), { maxLength: options.maxLength ?? 30 })
    .map((bodies) =>
      bodies.map((body, index) => journeyOf(`J${String(index).padStart(3, '0')}`, body)),
    );

/** One journey. */
export const journeyArb: fc.Arbitrary<JourneyInput> = bodyArb(eventSpecsArb).map((body) =>
  journeyOf('J000', body),
);

/** An asOf: mostly after everything, sometimes inside the grid (later events are then ignored). */
export const asOfArb: fc.Arbitrary<DateInput> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<DateInput>(new Date(AFTER_ALL).toISOString()) },
  {
    weight: 3,
    arbitrary: fc.tuple(gridInstant, timeShapeArb).map(([ms, shape]) => renderTime(ms, shape)),
  },
);

/** Funnel options in their many combinations; every one of them valid. */
export const optionsArb: fc.Arbitrary<FunnelOptions> = fc
  .record(
    {
      asOf: asOfArb,
      by: fc.constantFrom('origin', 'industry', 'existingCustomer'),
      cohort: fc.record(
        {
          start: gridInstant,
          length: fc.integer({ min: 0, max: 120 }),
          stage: fc.constantFrom(...stageIds),
        },
        { requiredKeys: ['start', 'length'] },
      ),
      skipped: fc.constantFrom('implied' as const, 'strict' as const),
      passes: fc.constantFrom('first' as const, 'each' as const),
      confidence: fc.constantFrom(0.5, 0.8, 0.9, 0.99),
      conversion: fc.record(
        {
          from: stageIndexArb,
          to: stageIndexArb,
          within: fc.integer({ min: 0, max: 40 }),
          mode: fc.constantFrom('cohort' as const, 'flow' as const),
        },
        { requiredKeys: [] },
      ),
      velocity: fc.record(
        { from: fc.constantFrom(...stageIds), curveRows: fc.integer({ min: 1, max: 6 }) },
        { requiredKeys: [] },
      ),
      winRate: fc.record(
        { from: fc.constantFrom(...stageIds), includeDisqualified: fc.boolean() },
        { requiredKeys: [] },
      ),
      leakage: fc.record({ immediateDays: fc.integer({ min: 0, max: 30 }) }, { requiredKeys: [] }),
      deals: fc.record(
        {
          existingAttribute: fc.constantFrom('existingCustomer', 'industry'),
          mixBy: fc.constantFrom('industry', 'employees'),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['asOf'] },
  )
  .map((raw): FunnelOptions => {
    const cohort = raw.cohort && {
      start: new Date(raw.cohort.start).toISOString(),
      end: new Date(raw.cohort.start + raw.cohort.length * STEP).toISOString(),
      ...(raw.cohort.stage !== undefined && { stage: raw.cohort.stage }),
    };
    const conversion = raw.conversion && {
      ...(raw.conversion.from !== undefined && {
        from: stageIds[Math.min(raw.conversion.from, raw.conversion.to ?? LAST)] as string,
      }),
      ...(raw.conversion.to !== undefined && {
        to: stageIds[Math.max(raw.conversion.from ?? 0, raw.conversion.to)] as string,
      }),
      ...(raw.conversion.within !== undefined && { within: raw.conversion.within }),
      // Flow mode needs a window.
      ...(raw.conversion.mode !== undefined &&
        (cohort || raw.conversion.mode === 'cohort') && { mode: raw.conversion.mode }),
    };
    return {
      asOf: raw.asOf,
      ...(raw.by !== undefined && { by: raw.by }),
      ...(cohort !== undefined && { cohort }),
      ...(raw.skipped !== undefined && { skipped: raw.skipped }),
      ...(raw.passes !== undefined && { passes: raw.passes }),
      ...(raw.confidence !== undefined && { confidence: raw.confidence }),
      ...(conversion !== undefined && { conversion }),
      ...(raw.velocity !== undefined && { velocity: raw.velocity }),
      ...(raw.winRate !== undefined && { winRate: raw.winRate }),
      ...(raw.leakage !== undefined && { leakage: raw.leakage }),
      ...(raw.deals !== undefined && { deals: raw.deals }),
    };
  });

/** Whole cents of a generated amount (a decimal string or a number with at most two decimals). */
export function centsOf(amount: MoneyInput): bigint {
  const text = typeof amount === 'string' ? amount : String(amount);
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`Not an amount in cents: ${text}`);
  return BigInt(match[1] as string) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** Cents as a fixed two-decimal text, to compare with `Decimal#toFixed(2)`. */
export function formatCents(cents: bigint): string {
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}
