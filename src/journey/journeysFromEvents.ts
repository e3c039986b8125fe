import * as z from 'zod';
import { issuesFromZod } from '../errors/fromZod.js';
import { PipelineError, type PipelineIssue } from '../errors/PipelineError.js';
import type { Decimal, MoneyInput } from '../money/money.js';
import { deepFreeze } from '../pipeline/definePipeline.js';
import type { Pipeline } from '../pipeline/types.js';
import { dropUndefined } from './parseJourney.js';
import { amountSchema, attributesSchema, eventUnion } from './schemas.js';
import { sortEvents } from './sortEvents.js';
import type { AttributeValue, Journey, JourneyEvent, JourneyEventInput } from './types.js';
import { markJourneyValidated } from './validatedJourneys.js';

/**
 * One flat event row: the journey's id, one event's fields, and optionally journey-level
 * fields (`origin`, `amount`, `attributes`) which may be repeated on every row of the journey.
 *
 * @example
 * ```ts
 * const row: EventRow = { journeyId: 'acme', type: 'stage', stage: 'lead', at: '2026-03-02', origin: 'marketing' };
 * ```
 */
export type EventRow = JourneyEventInput & {
  /** The journey the event belongs to. */
  readonly journeyId: string;
  /** Who generated the journey. */
  readonly origin?: string;
  /** The journey's value (on a `forecast` row: the forecast's amount). */
  readonly amount?: MoneyInput;
  /** Journey attributes. */
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
};

/**
 * Options of {@link journeysFromEvents}.
 *
 * @example
 * ```ts
 * const options: JourneysFromEventsOptions = { pipeline: presets.buyingPipeline };
 * ```
 */
export interface JourneysFromEventsOptions {
  /** Orders stage events at the same instant by their pipeline position. */
  readonly pipeline?: Pipeline;
}

const text = z.string().trim().min(1, 'Expected a non-empty string');

// A forecast row's `amount` is the forecast amount; the journey's amount is on the other rows.
const rowSchema = /* @__PURE__ */ eventUnion({
  journeyId: text,
  origin: text.exactOptional(),
  attributes: attributesSchema.exactOptional(),
  amount: amountSchema.exactOptional(),
});

interface Group {
  readonly id: string;
  readonly firstRow: number;
  origin?: { value: string; row: number };
  amount?: { value: Decimal; row: number };
  readonly attributes: Map<string, { value: AttributeValue; row: number }>;
  readonly events: JourneyEvent[];
}

/**
 * Groups flat event rows (in any order) into journeys, with each journey's events sorted by
 * time. Journeys come out in the order their first row appears. Journey-level fields may be
 * repeated on any rows, but must agree: a journey with two different origins, amounts or values
 * of one attribute is an error, not a silent pick. On a `forecast` row, `amount` is the
 * forecast's amount, not the journey's.
 *
 * @param rows - flat rows, one event each
 * @param options - an optional pipeline for ordering same-instant stage events
 * @returns the journeys, validated and frozen
 * @throws {@link PipelineError} with code `invalid_rows`, one issue per bad field with the path
 *   `[rowIndex, field]`: invalid events, or journey fields that contradict each other
 *
 * @example
 * ```ts
 * const journeys = journeysFromEvents([
 *   { journeyId: 'b', type: 'stage', stage: 'lead', at: '2026-03-03' },
 *   { journeyId: 'a', type: 'outcome', outcome: 'won', at: '2026-05-20', origin: 'sales' },
 *   { journeyId: 'a', type: 'stage', stage: 'lead', at: '2026-03-02', amount: '5000' },
 * ]);
 * journeys.map((journey) => journey.id); //=> ['b', 'a']
 * journeys[1].events.map((event) => event.type); //=> ['stage', 'outcome']
 * journeys[1].origin; //=> 'sales'
 * ```
 */
export function journeysFromEvents(
  rows: readonly EventRow[],
  options: JourneysFromEventsOptions = {},
): Journey[] {
  const groups = new Map<string, Group>();
  const issues: PipelineIssue[] = [];
  rows.forEach((row, index) => {
    const result = rowSchema.safeParse(
      typeof row === 'object' && row !== null ? dropUndefined(row as never) : row,
    );
    if (!result.success) {
      issues.push(...issuesFromZod(result.error, [index]));
      return;
    }
    const { journeyId, origin, attributes, amount, ...event } = result.data;
    let group = groups.get(journeyId);
    if (!group) {
      group = { id: journeyId, firstRow: index, attributes: new Map(), events: [] };
      groups.set(journeyId, group);
    }
    if (event.type === 'forecast') {
      group.events.push(amount === undefined ? event : { ...event, amount });
    } else {
      group.events.push(event);
      if (amount !== undefined) {
        group.amount = agree(group.amount, amount, index, 'amount', journeyId, issues, (a, b) =>
          a.equals(b),
        );
      }
    }
    if (origin !== undefined) {
      group.origin = agree(group.origin, origin, index, 'origin', journeyId, issues, same);
    }
    for (const [key, value] of Object.entries(attributes ?? {})) {
      const kept = group.attributes.get(key);
      const merged = agree(kept, value, index, 'attributes', journeyId, issues, same, key);
      group.attributes.set(key, merged);
    }
  });
  const [first, ...rest] = issues;
  if (first)
    throw new PipelineError('invalid_rows', [first, ...rest], { where: 'journeysFromEvents' });
  return [...groups.values()].map((group) => toJourney(group, options.pipeline));
}

// JSON primitives compared as JSON sees them: 0 and -0 are one value.
const same = (a: unknown, b: unknown) => a === b;

function agree<Value>(
  kept: { value: Value; row: number } | undefined,
  value: Value,
  row: number,
  field: string,
  journeyId: string,
  issues: PipelineIssue[],
  same: (a: Value, b: Value) => boolean,
  key?: string,
): { value: Value; row: number } {
  if (kept === undefined) return { value, row };
  if (!same(kept.value, value)) {
    const name = key === undefined ? field : `${field}.${key}`;
    issues.push({
      code: 'conflicting_value',
      path: key === undefined ? [row, field] : [row, field, key],
      message: `Journey "${journeyId}" has ${name} ${JSON.stringify(value)} here but ${JSON.stringify(kept.value)} in row ${kept.row}`,
    });
  }
  return kept;
}

function toJourney(group: Group, pipeline: Pipeline | undefined): Journey {
  const attributes = Object.fromEntries(
    [...group.attributes].map(([key, { value }]) => [key, value]),
  );
  const events = sortEvents(group.events, pipeline).map(([event]) => event);
  const journey: Journey = {
    id: group.id,
    ...(group.origin && { origin: group.origin.value }),
    attributes,
    ...(group.amount && { amount: group.amount.value }),
    events,
  };
  return markJourneyValidated(deepFreeze(journey));
}
