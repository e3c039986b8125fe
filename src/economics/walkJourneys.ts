import { type JourneyTrack, newTrack, trackJourney } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';

/**
 * Walks every journey once with the library's one walk (`trackJourney`), reusing one track, and
 * hands each to `visit` with its index. Errors name `where` and start their path with the index.
 */
export function walkJourneys(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  asOf: number,
  where: string,
  visit: (track: JourneyTrack, index: number, journey: JourneyInput) => void,
): number {
  const track = newTrack(pipeline.stages.length);
  let index = 0;
  for (const journey of journeys) {
    visit(trackJourney(pipeline, journey, asOf, where, index, track), index, journey);
    index += 1;
  }
  return index;
}

/** The first observed stage entry of a walked journey (epoch ms), NaN when it has none. */
export function firstEntryTime(track: JourneyTrack): number {
  let first = Number.NaN;
  for (let index = 1; index < track.entryCount; index += 2) {
    const time = track.entries[index] as number;
    if (!(time >= first)) first = time;
  }
  return first;
}

/** The stage index of the first observed stage entry, -1 when there is none. */
export function firstEntryStage(track: JourneyTrack): number {
  let first = Number.NaN;
  let stage = -1;
  for (let index = 0; index < track.entryCount; index += 2) {
    const time = track.entries[index + 1] as number;
    // Ties (several stages entered at the same instant): the earliest stage in the pipeline.
    const position = track.entries[index] as number;
    if (!(time >= first) || (time === first && position < stage)) {
      first = time;
      stage = position;
    }
  }
  return stage;
}
