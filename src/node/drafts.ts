import { sortEvents } from '../journey/sortEvents.js';
import type { Journey, JourneyEvent, JourneyInput } from '../journey/types.js';
import { markJourneyValidated } from '../journey/validatedJourneys.js';
import { type Decimal, Money } from '../money/money.js';
import { deepFreeze } from '../pipeline/definePipeline.js';
import type { Pipeline } from '../pipeline/types.js';
import type { Draft } from './rowReader.js';

/**
 * A draft as the plain input the funnel accumulator reads on its fast path: times stay epoch
 * ms, amounts stay decimal text (both are valid `DateInput` and `MoneyInput`).
 */
export function inputOfDraft(draft: Draft): JourneyInput {
  const journey: { -readonly [K in keyof JourneyInput]: JourneyInput[K] } = {
    id: draft.id,
    events: draft.events as unknown as JourneyInput['events'],
  };
  if (draft.origin !== undefined) journey.origin = draft.origin;
  if (draft.amount !== undefined) journey.amount = draft.amount;
  if (draft.attributes !== undefined) journey.attributes = draft.attributes;
  return journey;
}

/**
 * A draft as a validated journey, the same value `parseJourney` would return for it: every
 * field was checked as its cell was read, so this only converts (Dates, Decimals), sorts and
 * freezes.
 */
export function journeyOfDraft(draft: Draft, pipeline: Pipeline | undefined): Journey {
  const events = draft.events.map((event): JourneyEvent => {
    const converted: Record<string, unknown> = { ...event, at: new Date(event['at'] as number) };
    if (event['type'] === 'forecast') {
      converted['closeDate'] = new Date(event['closeDate'] as number);
      if (event['amount'] !== undefined) converted['amount'] = money(event['amount'] as string);
    }
    return converted as unknown as JourneyEvent;
  });
  const journey: Journey = {
    id: draft.id,
    ...(draft.origin !== undefined && { origin: draft.origin }),
    attributes: draft.attributes ?? {},
    ...(draft.amount !== undefined && { amount: money(draft.amount) }),
    events: sortEvents(events, pipeline).map(([event]) => event),
  };
  return markJourneyValidated(deepFreeze(journey));
}

/** Valid decimal text as the library's Decimal (an amount has no sign: -0 is 0). */
function money(text: string): Decimal {
  const amount = new Money(text.trim());
  return amount.isZero() ? amount.abs() : amount;
}
