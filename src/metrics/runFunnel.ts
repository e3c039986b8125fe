import { newTrack, trackJourney } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';
import { addTrack, emptyState, type FunnelState } from './funnelState.js';
import { type FunnelOptions, type ResolvedOptions, resolveOptions } from './options.js';

/** What one pass over the journeys gives every calculator. */
export interface FunnelRun {
  readonly resolved: ResolvedOptions;
  readonly state: FunnelState;
  readonly added: number;
}

/** Validates the options once, then walks every journey into one state. */
export function runFunnel(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: FunnelOptions,
  where: string,
): FunnelRun {
  const resolved = resolveOptions(pipeline, options, where);
  const state = emptyState(pipeline.stages.length);
  const track = newTrack(pipeline.stages.length);
  let added = 0;
  for (const journey of journeys) {
    addTrack(state, resolved, trackJourney(pipeline, journey, resolved.asOf, where, added, track));
    added += 1;
  }
  return { resolved, state, added };
}

/** The latest representable moment: "no asOf" for calculators that do not need one. */
export const END_OF_TIME = 8.64e15;
