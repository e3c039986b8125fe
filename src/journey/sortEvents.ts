import { outcomeKinds, type Pipeline } from '../pipeline/types.js';
import type { JourneyEvent } from './types.js';

// At the same instant: stages first (the journey arrives), then what happens there, outcomes last.
const typeRank: Record<JourneyEvent['type'], number> = {
  stage: 0,
  activity: 1,
  behaviour: 2,
  forecast: 3,
  outcome: 4,
};

/**
 * Sorts events by time. Ties: by type (stage, activity, behaviour, forecast, outcome), stages in
 * pipeline order when a pipeline is given, outcomes in the order won, lost, disqualified,
 * recycled, and last by content, so that the order never depends on the input order.
 * Returns a new array of `[event, original index]` pairs.
 */
export function sortEvents<Event extends JourneyEvent>(
  events: readonly Event[],
  pipeline?: Pipeline,
): [Event, number][] {
  const stageOrder = pipeline
    ? new Map(pipeline.stages.map((stage, index) => [stage.id, index]))
    : undefined;
  const rank = (event: JourneyEvent): number => {
    if (event.type === 'stage') return stageOrder?.get(event.stage) ?? -1;
    if (event.type === 'outcome') return outcomeKinds.indexOf(event.outcome);
    return 0;
  };
  return events
    .map((event, index): [Event, number] => [event, index])
    .sort(
      ([a], [b]) =>
        a.at.getTime() - b.at.getTime() ||
        typeRank[a.type] - typeRank[b.type] ||
        rank(a) - rank(b) ||
        compareText(canonical(a), canonical(b)),
    );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonical(event: JourneyEvent): string {
  return JSON.stringify(event, Object.keys(event).sort());
}
