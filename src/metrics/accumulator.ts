import { PipelineError } from '../errors/PipelineError.js';
import { type JourneyTrack, newTrack, SHAPED, trackJourney, UNCHECKED } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import { deepFreeze } from '../pipeline/definePipeline.js';
import type { Pipeline } from '../pipeline/types.js';
import { addTrack, emptyState, type FunnelState, mergeState } from './funnelState.js';
import { type FunnelOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { type FunnelReport, reportOf } from './report.js';
import {
  type FunnelStateJSON,
  type FunnelStateTransfer,
  stateFromJSON,
  stateFromTransfer,
  stateToJSON,
  stateToTransfer,
} from './stateJson.js';

/**
 * A funnel report computed in pieces: add journeys one at a time, merge accumulators built
 * elsewhere (worker threads, other processes, earlier runs), and read the result. Any split of the
 * journeys, merged in any order, gives exactly the same result as one pass.
 *
 * @example
 * ```ts
 * const a = createFunnelAccumulator(presets.buyingPipeline, { asOf: '2026-06-30' });
 * const b = createFunnelAccumulator(presets.buyingPipeline, { asOf: '2026-06-30' });
 * a.add(journeys[0]);
 * b.add(journeys[1]);
 * a.merge(b).result().conversion.stages[0].reached;
 * ```
 */
export interface FunnelAccumulator {
  /** The pipeline it measures. */
  readonly pipeline: Pipeline;
  /** The options it was created with. */
  readonly options: FunnelOptions;
  /** Adds one journey (validated here). Returns the accumulator. */
  add(journey: JourneyInput): FunnelAccumulator;
  /** Adds another accumulator's journeys; it must have the same pipeline and options. Returns this accumulator. */
  merge(other: FunnelAccumulator): FunnelAccumulator;
  /** The report over everything added so far. */
  result(): FunnelReport;
  /** The state as plain JSON, to send to another process; {@link funnelAccumulatorFromJSON} reads it back. */
  toJSON(): FunnelAccumulatorJSON;
  /**
   * A new accumulator for the same pipeline from a state that {@link FunnelAccumulator.toJSON}
   * wrote (here or in another process); the same as {@link funnelAccumulatorFromJSON}.
   */
  fromJSON(json: FunnelAccumulatorJSON): FunnelAccumulator;
}

/**
 * The serialised state of a {@link FunnelAccumulator}.
 *
 * @example
 * ```ts
 * const json: FunnelAccumulatorJSON = accumulator.toJSON();
 * const again = funnelAccumulatorFromJSON(presets.buyingPipeline, JSON.parse(JSON.stringify(json)));
 * ```
 */
export interface FunnelAccumulatorJSON {
  /** Format version. */
  readonly version: 1;
  /** The pipeline's stage ids, to refuse merging states of different pipelines. */
  readonly stages: readonly string[];
  /** The options the state was built with. */
  readonly options: FunnelOptions;
  /** How many journeys were added. */
  readonly added: number;
  /** The counts, totals and observations. */
  readonly state: FunnelStateJSON;
}

interface Internals {
  readonly resolved: ResolvedOptions;
  /** Reused for every journey added. */
  readonly track: JourneyTrack;
  state: FunnelState;
  added: number;
  /** The public function errors name. */
  readonly where: string;
}

const internals = new WeakMap<FunnelAccumulator, Internals>();

function build(
  pipeline: Pipeline,
  options: FunnelOptions,
  parts: Omit<Internals, 'where'>,
  where: string,
): FunnelAccumulator {
  const inner: Internals = { ...parts, where };
  const accumulator: FunnelAccumulator = {
    pipeline,
    options,
    add(journey) {
      addJourney(pipeline, inner, journey, UNCHECKED);
      return accumulator;
    },
    merge(other) {
      if (other === accumulator) throw mismatch('merge', 'Cannot merge an accumulator into itself');
      const theirs = internals.get(other);
      if (!theirs)
        throw mismatch('merge', 'Expected an accumulator made by createFunnelAccumulator');
      if (!sameSetup(accumulator, other)) {
        throw mismatch('merge', 'Cannot merge accumulators of different pipelines or options');
      }
      mergeState(inner.state, theirs.state);
      inner.added += theirs.added;
      return accumulator;
    },
    result: () => reportOf(pipeline, inner.resolved, inner.state, inner.added),
    fromJSON: (json) => funnelAccumulatorFromJSON(pipeline, json),
    toJSON: () => ({ ...header(pipeline, options, inner), state: stateToJSON(inner.state) }),
  };
  internals.set(accumulator, inner);
  return accumulator;
}

/** Everything of the written form but the state. */
function header(
  pipeline: Pipeline,
  options: FunnelOptions,
  inner: Internals,
): Omit<FunnelAccumulatorJSON, 'state'> {
  return {
    version: 1,
    stages: pipeline.stages.map((stage) => stage.id),
    options: JSON.parse(JSON.stringify(options)),
    added: inner.added,
  };
}

function addJourney(
  pipeline: Pipeline,
  inner: Internals,
  journey: JourneyInput,
  known: typeof UNCHECKED | typeof SHAPED,
): void {
  const track = trackJourney(
    pipeline,
    journey,
    inner.resolved.asOf,
    inner.where,
    inner.added,
    inner.track,
    known,
  );
  addTrack(inner.state, inner.resolved, track);
  inner.added += 1;
}

/**
 * For the file ingest: a function that adds journeys its row reader built (see `SHAPED` in
 * journey/track), skipping the checks of keys and value types those journeys pass by
 * construction. Anything else about them is checked as `add` checks it: the same report and the
 * same errors (an unknown stage, a text zod would trim) as `add`.
 */
export function shapedAdder(accumulator: FunnelAccumulator): (journey: JourneyInput) => void {
  const inner = internals.get(accumulator);
  if (!inner) throw mismatch('add', 'Expected an accumulator made by createFunnelAccumulator');
  return (journey) => addJourney(accumulator.pipeline, inner, journey, SHAPED);
}

function sameSetup(a: FunnelAccumulator, b: FunnelAccumulator): boolean {
  return (
    JSON.stringify(a.pipeline.stages.map((stage) => stage.id)) ===
      JSON.stringify(b.pipeline.stages.map((stage) => stage.id)) &&
    JSON.stringify(internals.get(a)?.resolved) === JSON.stringify(internals.get(b)?.resolved)
  );
}

function mismatch(where: string, message: string): PipelineError {
  return new PipelineError('invalid_options', [{ code: 'mismatch', path: [], message }], { where });
}

/**
 * Creates a {@link FunnelAccumulator}: the one-pass engine behind {@link funnelReport} and every
 * funnel calculator.
 *
 * @param pipeline - the pipeline to measure
 * @param options - see {@link FunnelOptions}; `asOf` is required
 * @returns an empty accumulator
 * @throws {@link PipelineError} `invalid_options` with the path (unknown stage, a cohort window
 *   ending before it starts, a confidence outside (0, 1), unknown keys)
 *
 * @example
 * ```ts
 * const accumulator = createFunnelAccumulator(presets.buyingPipeline, { asOf: '2026-06-30', by: 'origin' });
 * for (const journey of journeys) accumulator.add(journey);
 * const report = accumulator.result();
 * report.winRate.rate; //=> e.g. 0.42
 * ```
 */
export function createFunnelAccumulator(
  pipeline: Pipeline,
  options: FunnelOptions,
): FunnelAccumulator {
  const resolved = resolveOptions(pipeline, options, 'createFunnelAccumulator');
  // A snapshot: the caller may reuse or change their object after this.
  const saved = deepFreeze(structuredClone(options));
  return build(
    pipeline,
    saved,
    {
      resolved,
      track: newTrack(pipeline.stages.length),
      state: emptyState(pipeline.stages.length),
      added: 0,
    },
    'createFunnelAccumulator',
  );
}

/**
 * Reads an accumulator back from {@link FunnelAccumulator.toJSON}'s output.
 *
 * @throws {@link PipelineError} `invalid_options` when the state belongs to another pipeline or is malformed
 *
 * @example
 * ```ts
 * const copy = funnelAccumulatorFromJSON(pipeline, JSON.parse(JSON.stringify(accumulator.toJSON())));
 * copy.result(); // the same report
 * ```
 */
export function funnelAccumulatorFromJSON(
  pipeline: Pipeline,
  json: FunnelAccumulatorJSON,
): FunnelAccumulator {
  return fromJSON(pipeline, json, false);
}

/**
 * Internal (not exported from the package): reads back a state that `toJSON` wrote in this
 * library's own worker threads, for the same pipeline, without re-validating every number of it
 * (see `stateFromJSON`). User-supplied states go through {@link funnelAccumulatorFromJSON}.
 */
export function funnelAccumulatorFromOwnJSON(
  pipeline: Pipeline,
  json: FunnelAccumulatorJSON,
): FunnelAccumulator {
  return fromJSON(pipeline, json, true);
}

/**
 * Internal: an accumulator's state as this library's worker threads send it, a
 * {@link FunnelAccumulatorJSON} whose lists of observations are sorted Float64Arrays.
 */
export interface FunnelAccumulatorTransfer extends Omit<FunnelAccumulatorJSON, 'state'> {
  readonly state: FunnelStateTransfer;
}

/**
 * Internal (not exported from the package): the state to post to another thread of this library,
 * with the buffers to transfer. Sorts every list here, so each thread sorts its own in parallel
 * and the receiver only merges sorted runs; no copy of the lists is made. The accumulator must
 * not be used once the buffers are transferred.
 */
export function funnelAccumulatorToTransfer(accumulator: FunnelAccumulator): {
  transfer: FunnelAccumulatorTransfer;
  buffers: ArrayBuffer[];
} {
  const inner = internals.get(accumulator) as Internals;
  const { state, buffers } = stateToTransfer(inner.state);
  return {
    transfer: { ...header(accumulator.pipeline, accumulator.options, inner), state },
    buffers,
  };
}

/**
 * Internal: reads back what {@link funnelAccumulatorToTransfer} wrote in another thread of this
 * library, for the same pipeline (trusted as {@link funnelAccumulatorFromOwnJSON} is).
 */
export function funnelAccumulatorFromTransfer(
  pipeline: Pipeline,
  transfer: FunnelAccumulatorTransfer,
): FunnelAccumulator {
  return fromState(pipeline, transfer, (stageCount) =>
    stateFromTransfer(transfer.state, stageCount),
  );
}

/**
 * Internal: sorts the accumulator's lists of observations now (see `NumberList.settle`), so that
 * `result()` later only merges them with what is added or merged after. Changes no result.
 */
export function settleFunnelAccumulator(accumulator: FunnelAccumulator): void {
  // Writing the transfer form settles every list (and nothing is transferred).
  stateToTransfer((internals.get(accumulator) as Internals).state);
}

function fromJSON(
  pipeline: Pipeline,
  json: FunnelAccumulatorJSON,
  trusted: boolean,
): FunnelAccumulator {
  return fromState(pipeline, json, (stageCount) => stateFromJSON(json.state, stageCount, trusted));
}

/** An accumulator from a written state (JSON or transfer): the header checked, the state read by `read`. */
function fromState(
  pipeline: Pipeline,
  json: Omit<FunnelAccumulatorJSON, 'state'>,
  read: (stageCount: number) => FunnelState,
): FunnelAccumulator {
  const ids = pipeline.stages.map((stage) => stage.id);
  if (JSON.stringify(json?.stages) !== JSON.stringify(ids)) {
    throw mismatch(
      'funnelAccumulatorFromJSON',
      'The state was built for a pipeline with other stages',
    );
  }
  if (!Number.isSafeInteger(json.added) || json.added < 0) {
    throw new PipelineError(
      'invalid_options',
      [
        {
          code: 'invalid_type',
          path: ['added'],
          message: `Expected a whole number of journeys ≥ 0, received ${String(json.added)}`,
        },
      ],
      { where: 'funnelAccumulatorFromJSON' },
    );
  }
  const resolved = resolveOptions(pipeline, json.options, 'funnelAccumulatorFromJSON');
  const options = deepFreeze(structuredClone(json.options));
  const state = read(ids.length);
  return build(
    pipeline,
    options,
    { resolved, track: newTrack(ids.length), state, added: json.added },
    'funnelAccumulatorFromJSON',
  );
}
