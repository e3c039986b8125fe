import { parseOrThrow } from '../errors/fromZod.js';
import type { IssuePath } from '../errors/PipelineError.js';
import { deepFreeze } from '../pipeline/definePipeline.js';
import type { Pipeline } from '../pipeline/types.js';
import { isPlainObject, journeySchema } from './schemas.js';
import { sortEvents } from './sortEvents.js';
import type { Journey, JourneyEvent, JourneyInput } from './types.js';
import { markJourneyValidated } from './validatedJourneys.js';

/**
 * Options of {@link parseJourney}.
 *
 * @example
 * ```ts
 * const options: ParseJourneyOptions = { pipeline: presets.buyingPipeline };
 * ```
 */
export interface ParseJourneyOptions {
  /** Orders stage events at the same instant by their pipeline position. */
  readonly pipeline?: Pipeline;
  /** Prefixes issue paths (e.g. `['journeys', 3]`) when the journey sits inside a larger input. */
  readonly path?: IssuePath;
}

/**
 * Validates a journey and returns it frozen, with times as `Date`s, the amount as a `Decimal`
 * and events sorted by time. Does not check stage ids against a pipeline: the calculators do,
 * because a journey may be read before the pipeline it is measured against is chosen.
 *
 * @param journey - the journey as you have it
 * @param options - an optional pipeline for ordering same-instant stage events
 * @returns the validated journey (your input is not changed)
 * A key set to `undefined` is the same as a key left out.
 *
 * @throws {@link PipelineError} with code `invalid_journey` and the field's path: an unknown key,
 *   an invalid or offset-less date, a negative amount, an outcome that is not one of the four
 *
 * @example
 * ```ts
 * const journey = parseJourney({
 *   id: 'acme',
 *   amount: '24000',
 *   events: [
 *     { type: 'outcome', outcome: 'won', at: '2026-05-20' },
 *     { type: 'stage', stage: 'lead', at: '2026-03-02' },
 *   ],
 * });
 * journey.events.map((event) => event.type); //=> ['stage', 'outcome']
 * journey.amount?.toFixed(2); //=> '24000.00'
 * ```
 */
export function parseJourney(journey: JourneyInput, options: ParseJourneyOptions = {}): Journey {
  return validateJourney(journey, options, 'parseJourney');
}

/** {@link parseJourney} for the library's own functions: errors name the caller. */
export function validateJourney(
  journey: JourneyInput,
  options: ParseJourneyOptions,
  where: string,
): Journey {
  const parsed = parseOrThrow(
    journeySchema,
    withoutUndefined(journey),
    'invalid_journey',
    where,
    options.path,
  );
  const events = sortEvents(parsed.events as JourneyEvent[], options.pipeline).map(
    ([event]) => event,
  );
  return markJourneyValidated(
    deepFreeze({ ...parsed, attributes: parsed.attributes ?? {}, events } as Journey),
  );
}

/**
 * A key set to `undefined` means the same as a key left out (`{ origin: row.origin || undefined }`
 * is common): drop such keys from the journey and its events before validating.
 */
export function withoutUndefined(journey: unknown): unknown {
  if (typeof journey !== 'object' || journey === null || Array.isArray(journey)) return journey;
  const copy = dropUndefined(journey as Record<string, unknown>);
  const attributes = copy['attributes'];
  // Only a plain object is copied: anything else (a Map, say) must reach the schema and fail there.
  if (typeof attributes === 'object' && attributes !== null && isPlainObject(attributes)) {
    copy['attributes'] = dropUndefined(attributes as Record<string, unknown>);
  }
  const events = copy['events'];
  if (Array.isArray(events)) {
    copy['events'] = events.map((event) =>
      typeof event === 'object' &&
      event !== null &&
      !Array.isArray(event) &&
      !(event instanceof Date)
        ? dropUndefined(event as Record<string, unknown>)
        : event,
    );
  }
  return copy;
}

/** A shallow copy without the keys whose value is `undefined` (keeps a `__proto__` key as data). */
export function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined)
      Object.defineProperty(copy, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return copy;
}
