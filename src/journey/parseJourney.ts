import { parseOrThrow } from '../errors/fromZod.js';
import type { IssuePath } from '../errors/PipelineError.js';
import { deepFreeze } from '../pipeline/definePipeline.js';
import type { Pipeline } from '../pipeline/types.js';
import { journeySchema } from './schemas.js';
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
  const parsed = parseOrThrow(
    journeySchema,
    journey,
    'invalid_journey',
    'parseJourney',
    options.path,
  );
  const events = sortEvents(parsed.events as JourneyEvent[], options.pipeline).map(
    ([event]) => event,
  );
  return markJourneyValidated(
    deepFreeze({ ...parsed, attributes: parsed.attributes ?? {}, events } as Journey),
  );
}
