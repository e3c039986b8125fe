import type { Journey } from './types.js';

// Journeys that parseJourney or journeysFromEvents returned are known to be valid (and frozen),
// so the calculators can read them without checking every field again.
const validated = new WeakSet<object>();

/** Records that a journey is valid. */
export function markJourneyValidated(journey: Journey): Journey {
  validated.add(journey);
  return journey;
}

/** Whether a value is a journey the library validated. */
export function isValidatedJourney(value: unknown): boolean {
  return typeof value === 'object' && value !== null && validated.has(value);
}
