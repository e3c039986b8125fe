import { isPipelineError, PipelineError, type PipelineIssue } from '../errors/PipelineError.js';
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

/**
 * Runs a standalone calculator: its options are checked against its own keys (another
 * calculator's keys are a mistake, not something to ignore), mapped onto the funnel options, and
 * any options error is reported with the caller's own field names (`['from']`, not
 * `['conversion', 'from']`).
 */
export function runStandalone<Options extends object>(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: Options,
  calculator: {
    readonly where: string;
    readonly keys: readonly string[];
    readonly toFunnel: (options: Options) => FunnelOptions;
    /** Funnel option paths as the caller wrote them: `'conversion.from'` → `'from'`. */
    readonly renames: Readonly<Record<string, string>>;
  },
): FunnelRun {
  const { where, keys, toFunnel, renames } = calculator;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PipelineError(
      'invalid_options',
      [{ code: 'invalid_type', path: [], message: 'Expected an options object' }],
      { where },
    );
  }
  const unknown = Object.keys(options).filter((key) => !keys.includes(key));
  const [first, ...rest] = unknown.map((key) => ({
    code: 'unrecognized_keys',
    path: [key],
    message: `Unknown key "${key}"`,
  }));
  if (first) throw new PipelineError('invalid_options', [first, ...rest], { where });
  try {
    return runFunnel(pipeline, journeys, toFunnel(options), where);
  } catch (error) {
    if (!isPipelineError(error) || error.code !== 'invalid_options') throw error;
    const renamed = error.issues.map((issue) => {
      const [section, key, ...tail] = issue.path;
      const name = renames[`${String(section)}.${String(key)}`];
      return name === undefined ? issue : { ...issue, path: [name, ...tail] };
    });
    const [head, ...others] = renamed;
    throw new PipelineError(error.code, [head as PipelineIssue, ...others], {
      where,
      cause: error.cause ?? error,
    });
  }
}
