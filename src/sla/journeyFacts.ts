import type { ActivityEvent, Journey, JourneyEvent } from '../journey/types.js';
import type { ActivityMatch } from './types.js';

/** One stay in a stage: from an entry to the next entry into another stage or an outcome. */
export interface Stay {
  readonly stage: string;
  readonly enteredAt: number;
  /** When the journey left the stage; NaN while it is still there. */
  leftAt: number;
  /** The entry's position among the journey's events. */
  readonly index: number;
}

/**
 * The events of a validated journey (sorted by time) up to `asOf`, and its stays. A stage event
 * for the stage the journey is already in, with no outcome since, is a repeat and starts no stay;
 * any outcome (a win too) ends the stay it happens in.
 */
export function journeyFacts(
  journey: Journey,
  asOf: number,
): { events: readonly JourneyEvent[]; stays: Stay[] } {
  const events: JourneyEvent[] = [];
  const stays: Stay[] = [];
  let current: Stay | null = null;
  let closedSince = false;
  for (const event of journey.events) {
    const at = event.at.getTime();
    if (at > asOf) break;
    const index = events.length;
    events.push(event);
    if (event.type === 'stage') {
      if (current !== null && current.stage === event.stage && !closedSince) continue;
      if (current !== null && Number.isNaN(current.leftAt)) current.leftAt = at;
      current = { stage: event.stage, enteredAt: at, leftAt: Number.NaN, index };
      stays.push(current);
      closedSince = false;
    } else if (event.type === 'outcome') {
      if (current !== null && Number.isNaN(current.leftAt)) current.leftAt = at;
      closedSince = true;
    }
  }
  return { events, stays };
}

/** Whether an activity matches a filter (each list only when given). */
export function matchesActivity(event: ActivityEvent, match: ActivityMatch): boolean {
  if (match.kinds && (event.kind === undefined || !match.kinds.includes(event.kind))) return false;
  if (match.by && (event.by === undefined || !match.by.includes(event.by))) return false;
  return true;
}
