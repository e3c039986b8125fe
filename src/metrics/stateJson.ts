import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { PipelineError } from '../errors/PipelineError.js';
import { anomalyKinds } from '../journey/track.js';
import type { MoneySum } from '../money/amount.js';
import { Money } from '../money/money.js';
import type { FunnelState, LeakageCell, Slice } from './funnelState.js';
import { NumberList } from './numberList.js';

// The accumulator state as plain JSON: lists become arrays, maps become entry lists, money
// totals keep their integer cents and write any remainder as a decimal string.

const count = z.number().int().nonnegative();
const counts = z.array(count);
const numbers = z.array(z.number().finite());
const key = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const sum = z.strictObject({ cents: z.number().int().nonnegative(), rest: z.string().nullable() });

const sliceSchema = z.strictObject({
  journeys: count,
  reached: counts,
  advanced: counts,
  late: counts,
  exited: counts,
  open: counts,
  won: count,
  overallReached: count,
  overallConverted: count,
  entries: counts,
  winWon: count,
  winLost: count,
  wonValue: sum,
  lostValue: sum,
  winWithoutValue: count,
});

const cellSchema = z.strictObject({
  exited: count,
  reasons: z.array(z.tuple([z.string().nullable(), count])),
  immediate: count,
  open: count,
  openAgeSeconds: count,
  openAgeMillis: count,
  openWithoutValue: count,
  followUpMs: numbers,
  withoutFollowUp: count,
  activitiesToAdvance: z.array(z.tuple([count, count])),
  activitiesToExit: z.array(z.tuple([count, count])),
});

const stateSchema = z.strictObject({
  all: sliceSchema,
  groups: z.array(z.strictObject({ key, slice: sliceSchema })),
  toNextMs: z.array(numbers),
  inStageEventMs: z.array(numbers),
  inStageCensoredMs: z.array(numbers),
  cycleMs: numbers,
  leakage: z.array(z.strictObject({ origin: z.string().nullable(), cells: z.array(cellSchema) })),
  wonCents: numbers,
  wonDecimals: z.array(z.string()),
  existing: z.strictObject({ count, value: sum }),
  newCustomers: z.strictObject({ count, value: sum }),
  mix: z.array(z.strictObject({ key, count, value: sum })),
  unstaged: z.strictObject({ count, ids: z.array(z.string()) }),
  outsideCohort: count,
  anomalies: z.strictObject({ counts, ids: z.array(z.array(z.string())) }),
  negativeDurations: count,
});

/**
 * The JSON form of the accumulator's internal state: opaque to users (its layout may change
 * between versions); pass it back to `funnelAccumulatorFromJSON`, which checks it.
 *
 * @example
 * ```ts
 * const state: FunnelStateJSON = accumulator.toJSON().state;
 * ```
 */
export type FunnelStateJSON = Readonly<Record<string, unknown>>;

/** The checked shape of the state. */
type StateJSON = z.infer<typeof stateSchema>;
type CellJSON = z.infer<typeof cellSchema>;

/**
 * The state's shape with each list of observations written as `L`: plain arrays in the JSON form,
 * sorted Float64Arrays in the form sent between this library's own threads.
 */
type StateWith<L> = Omit<
  StateJSON,
  'toNextMs' | 'inStageEventMs' | 'inStageCensoredMs' | 'cycleMs' | 'leakage' | 'wonCents'
> & {
  toNextMs: L[];
  inStageEventMs: L[];
  inStageCensoredMs: L[];
  cycleMs: L;
  leakage: { origin: string | null; cells: (Omit<CellJSON, 'followUpMs'> & { followUpMs: L })[] }[];
  wonCents: L;
};

/**
 * The state as this library's worker threads send it: like the JSON form, but every list of
 * observations sorted by the sending thread, as a Float64Array whose buffer can be transferred.
 */
export type FunnelStateTransfer = StateWith<Float64Array>;

const sumToJSON = (value: MoneySum) => ({
  cents: value.cents,
  rest: value.rest?.toString() ?? null,
});
const sumFromJSON = (value: { cents: number; rest: string | null }): MoneySum => ({
  cents: value.cents,
  rest: value.rest === null ? null : new Money(value.rest),
});

const sliceToJSON = (slice: Slice) => ({
  ...slice,
  wonValue: sumToJSON(slice.wonValue),
  lostValue: sumToJSON(slice.lostValue),
});
const sliceFromJSON = (slice: z.infer<typeof sliceSchema>): Slice => ({
  ...slice,
  wonValue: sumFromJSON(slice.wonValue),
  lostValue: sumFromJSON(slice.lostValue),
});

const cellWith = <L>(cell: LeakageCell, list: (values: NumberList) => L) => ({
  ...cell,
  reasons: [...cell.reasons],
  followUpMs: list(cell.followUpMs),
  activitiesToAdvance: [...cell.activitiesToAdvance],
  activitiesToExit: [...cell.activitiesToExit],
});
const cellFrom = <L>(
  cell: Omit<CellJSON, 'followUpMs'> & { followUpMs: L },
  list: (values: L) => NumberList,
): LeakageCell => ({
  ...cell,
  reasons: new Map(cell.reasons),
  followUpMs: list(cell.followUpMs),
  activitiesToAdvance: new Map(cell.activitiesToAdvance),
  activitiesToExit: new Map(cell.activitiesToExit),
});

/** The state as JSON. */
export function stateToJSON(state: FunnelState): StateJSON {
  return stateWith(state, (list) => list.toArray());
}

/**
 * The state for another thread of this library: each list sorted here, in this thread (so the
 * threads sort in parallel), its buffer listed in `buffers` to transfer rather than copy. The
 * state's lists then hold those runs; once the buffers are transferred they are gone from here.
 */
export function stateToTransfer(state: FunnelState): {
  state: FunnelStateTransfer;
  buffers: ArrayBuffer[];
} {
  const buffers = new Set<ArrayBuffer>();
  const transfer = stateWith(state, (list) => {
    const run = list.settle();
    buffers.add(run.buffer as ArrayBuffer);
    return run;
  });
  return { state: transfer, buffers: [...buffers] };
}

/** The state with each list of observations written by `list`. */
function stateWith<L>(state: FunnelState, list: (values: NumberList) => L): StateWith<L> {
  return {
    all: sliceToJSON(state.all),
    groups: [...state.groups.values()].map((group) => ({
      key: group.key,
      slice: sliceToJSON(group.slice),
    })),
    toNextMs: state.toNextMs.map(list),
    inStageEventMs: state.inStageEventMs.map(list),
    inStageCensoredMs: state.inStageCensoredMs.map(list),
    cycleMs: list(state.cycleMs),
    leakage: [...state.leakage.values()].map((entry) => ({
      origin: entry.origin,
      cells: entry.cells.map((cell) => cellWith(cell, list)),
    })),
    wonCents: list(state.wonCents),
    wonDecimals: [...state.wonDecimals],
    existing: { count: state.existing.count, value: sumToJSON(state.existing.value) },
    newCustomers: { count: state.newCustomers.count, value: sumToJSON(state.newCustomers.value) },
    mix: [...state.mix.values()].map((entry) => ({
      key: entry.key,
      count: entry.count,
      value: sumToJSON(entry.value),
    })),
    unstaged: { count: state.unstaged.count, ids: [...state.unstaged.ids] },
    outsideCohort: state.outsideCohort,
    anomalies: {
      counts: [...state.anomalies.counts],
      ids: state.anomalies.ids.map((ids) => [...ids]),
    },
    negativeDurations: state.negativeDurations,
  };
}

/**
 * Reads a state back, checking its shape and that it has one entry per stage. With `trusted`,
 * for a state that `stateToJSON` wrote in this library's own worker threads (never user input),
 * the zod check is skipped: it costs a quarter of a second on a million-journey state, for
 * every merge. The per-stage lengths are still checked (cheap, and a drift would be silent).
 */
export function stateFromJSON(json: unknown, stageCount: number, trusted = false): FunnelState {
  const parsed = trusted
    ? (json as StateJSON)
    : parseOrThrow(stateSchema, json, 'invalid_options', 'funnelAccumulatorFromJSON', ['state']);
  return stateFrom(parsed, stageCount, NumberList.from);
}

/** Reads back a state that `stateToTransfer` wrote in another thread of this library (trusted, as with `stateFromJSON`). */
export function stateFromTransfer(state: FunnelStateTransfer, stageCount: number): FunnelState {
  return stateFrom(state, stageCount, NumberList.fromSorted);
}

/** A state from its written form, after checking it has one entry per stage and anomaly kind. */
function stateFrom<L>(
  parsed: StateWith<L>,
  stageCount: number,
  list: (values: L) => NumberList,
): FunnelState {
  const slices = [parsed.all, ...parsed.groups.map((group) => group.slice)];
  const perStage =
    slices.every((slice) =>
      [slice.reached, slice.advanced, slice.late, slice.exited, slice.open, slice.entries].every(
        (list) => list.length === stageCount,
      ),
    ) &&
    [parsed.toNextMs, parsed.inStageEventMs, parsed.inStageCensoredMs].every(
      (lists) => lists.length === stageCount,
    ) &&
    parsed.leakage.every((entry) => entry.cells.length === stageCount) &&
    parsed.anomalies.counts.length === anomalyKinds.length &&
    parsed.anomalies.ids.length === anomalyKinds.length;
  if (!perStage) {
    throw new PipelineError(
      'invalid_options',
      [
        {
          code: 'invalid_length',
          path: ['state'],
          message: `Expected one entry per stage (${stageCount}) and per anomaly kind`,
        },
      ],
      { where: 'funnelAccumulatorFromJSON' },
    );
  }
  return {
    stageCount,
    all: sliceFromJSON(parsed.all),
    groups: new Map(
      parsed.groups.map((group) => [
        group.key,
        { key: group.key, slice: sliceFromJSON(group.slice) },
      ]),
    ),
    toNextMs: parsed.toNextMs.map((values) => list(values)),
    inStageEventMs: parsed.inStageEventMs.map((values) => list(values)),
    inStageCensoredMs: parsed.inStageCensoredMs.map((values) => list(values)),
    cycleMs: list(parsed.cycleMs),
    leakage: new Map(
      parsed.leakage.map((entry) => [
        entry.origin,
        { origin: entry.origin, cells: entry.cells.map((cell) => cellFrom(cell, list)) },
      ]),
    ),
    wonCents: list(parsed.wonCents),
    wonDecimals: [...parsed.wonDecimals],
    existing: { count: parsed.existing.count, value: sumFromJSON(parsed.existing.value) },
    newCustomers: {
      count: parsed.newCustomers.count,
      value: sumFromJSON(parsed.newCustomers.value),
    },
    mix: new Map(
      parsed.mix.map((entry) => [
        entry.key,
        { key: entry.key, count: entry.count, value: sumFromJSON(entry.value) },
      ]),
    ),
    unstaged: { count: parsed.unstaged.count, ids: [...parsed.unstaged.ids] },
    outsideCohort: parsed.outsideCohort,
    anomalies: {
      counts: [...parsed.anomalies.counts],
      ids: parsed.anomalies.ids.map((ids) => [...ids]),
    },
    negativeDurations: parsed.negativeDurations,
  };
}
