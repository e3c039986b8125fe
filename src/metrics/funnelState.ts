import { anomalyKinds, type JourneyTrack, type TrackStatus } from '../journey/track.js';
import type { AttributeValue } from '../journey/types.js';
import { type Amount, addAmount, addSum, type MoneySum, moneySum } from '../money/amount.js';
import { NumberList } from './numberList.js';
import type { ResolvedOptions } from './options.js';

// The accumulator's state: only counts, exact money totals and lists of observations, so that
// any split of the journeys, merged in any order, gives the same state up to list order, and
// every result is computed from sorted lists. That makes merged results equal exactly.

/** Conversion and win-rate counts for one group (or for all journeys). */
export interface Slice {
  journeys: number;
  reached: number[];
  advanced: number[];
  late: number[];
  exited: number[];
  open: number[];
  won: number;
  overallReached: number;
  overallConverted: number;
  /** Flow mode: entries into each stage inside the window. */
  entries: number[];
  winWon: number;
  winLost: number;
  wonValue: MoneySum;
  lostValue: MoneySum;
  winWithoutValue: number;
}

/** Leakage observations at one stage for one origin. */
export interface LeakageCell {
  exited: number;
  reasons: Map<string | null, number>;
  immediate: number;
  open: number;
  /** Open ages, summed exactly in two safe integers: whole seconds and the leftover milliseconds. */
  openAgeSeconds: number;
  openAgeMillis: number;
  openWithoutValue: number;
  followUpMs: NumberList;
  withoutFollowUp: number;
  /** Activities per journey, as histograms (count → journeys). */
  activitiesToAdvance: Map<number, number>;
  activitiesToExit: Map<number, number>;
}

/** Everything a funnel report needs. */
export interface FunnelState {
  readonly stageCount: number;
  all: Slice;
  groups: Map<AttributeValue, { key: AttributeValue; slice: Slice }>;
  toNextMs: NumberList[];
  inStageEventMs: NumberList[];
  inStageCensoredMs: NumberList[];
  cycleMs: NumberList;
  leakage: Map<string | null, { origin: string | null; cells: LeakageCell[] }>;
  wonCents: NumberList;
  wonDecimals: string[];
  existing: { count: number; value: MoneySum };
  newCustomers: { count: number; value: MoneySum };
  mix: Map<AttributeValue, { key: AttributeValue; count: number; value: MoneySum }>;
  unstaged: { count: number; ids: string[] };
  outsideCohort: number;
  anomalies: { counts: number[]; ids: string[][] };
  negativeDurations: number;
}

/** How many ids a report lists as examples (the smallest, so that merging is order-independent). */
export const EXAMPLES = 20;

const zeros = (length: number) => new Array<number>(length).fill(0);

export function emptySlice(stageCount: number): Slice {
  return {
    journeys: 0,
    reached: zeros(stageCount),
    advanced: zeros(stageCount),
    late: zeros(stageCount),
    exited: zeros(stageCount),
    open: zeros(stageCount),
    won: 0,
    overallReached: 0,
    overallConverted: 0,
    entries: zeros(stageCount),
    winWon: 0,
    winLost: 0,
    wonValue: moneySum(),
    lostValue: moneySum(),
    winWithoutValue: 0,
  };
}

export function emptyCell(): LeakageCell {
  return {
    exited: 0,
    reasons: new Map(),
    immediate: 0,
    open: 0,
    openAgeSeconds: 0,
    openAgeMillis: 0,
    openWithoutValue: 0,
    followUpMs: new NumberList(),
    withoutFollowUp: 0,
    activitiesToAdvance: new Map(),
    activitiesToExit: new Map(),
  };
}

export function emptyState(stageCount: number): FunnelState {
  const lists = () => Array.from({ length: stageCount }, () => new NumberList());
  return {
    stageCount,
    all: emptySlice(stageCount),
    groups: new Map(),
    toNextMs: lists(),
    inStageEventMs: lists(),
    inStageCensoredMs: lists(),
    cycleMs: new NumberList(),
    leakage: new Map(),
    wonCents: new NumberList(),
    wonDecimals: [],
    existing: { count: 0, value: moneySum() },
    newCustomers: { count: 0, value: moneySum() },
    mix: new Map(),
    unstaged: { count: 0, ids: [] },
    outsideCohort: 0,
    anomalies: { counts: zeros(anomalyKinds.length), ids: anomalyKinds.map(() => []) },
    negativeDurations: 0,
  };
}

/** Keeps the `EXAMPLES` smallest ids, sorted: the same list whatever the order of arrival. */
export function keepExamples(ids: string[], more: readonly string[]): string[] {
  const merged = [...ids, ...more].sort();
  return merged.length > EXAMPLES ? merged.slice(0, EXAMPLES) : merged;
}

/** An attribute's own value (never one inherited from Object.prototype, like `toString`). */
function attribute(track: JourneyTrack, name: string): AttributeValue | undefined {
  return Object.hasOwn(track.attributes, name) ? track.attributes[name] : undefined;
}

/** A group key: missing is null, and -0 is 0, so the key never depends on which journey came first. */
function groupKey(value: AttributeValue | undefined): AttributeValue {
  if (value === undefined || value === null) return null;
  return value === 0 ? 0 : value;
}

// One buffer reused for every journey: the calculators read millions.
let passBuffer = new Float64Array(0);

/**
 * The time a journey passed each stage: its first observed entry, or for an implied passage the
 * earliest observed entry into any later stage (NaN when there is none). In strict mode only
 * observed entries count.
 */
export function passTimes(track: JourneyTrack, strict: boolean): Float64Array {
  if (passBuffer.length !== track.firstEntry.length)
    passBuffer = new Float64Array(track.firstEntry.length);
  const times = passBuffer;
  // A loop, not `set`: a pipeline has a few stages, and the call cost more than the copies.
  const first = track.firstEntry;
  for (let stage = 0; stage < first.length; stage += 1) times[stage] = first[stage] as number;
  if (!strict) fillImplied(times, 0, track.furthest);
  return times;
}

/**
 * Implied passage from `start` to `furthest`: a stage without an observed entry takes the
 * earliest observed entry into any later stage (NaN when there is none).
 */
function fillImplied(times: Float64Array, start: number, furthest: number): void {
  let later = Number.NaN;
  for (let stage = furthest; stage >= start; stage -= 1) {
    const own = times[stage] as number;
    if (Number.isNaN(own)) times[stage] = later;
    else later = earlier(later, own);
  }
}

/** Adds one walked journey to the state. */
export function addTrack(state: FunnelState, options: ResolvedOptions, track: JourneyTrack): void {
  if (track.furthest < 0) {
    state.unstaged.count += 1;
    if (state.unstaged.ids.length < EXAMPLES || track.id < (state.unstaged.ids.at(-1) as string)) {
      state.unstaged.ids = keepExamples(state.unstaged.ids, [track.id]);
    }
    return;
  }
  const pass = passTimes(track, options.strict);
  if (options.cohort) {
    // Flow conversion counts entries inside the window from every journey; everything else
    // measures the cohort: the journeys that entered the cohort stage inside the window.
    if (options.flow) addFlowEntries(sliceOf(state, options, track), options.cohort, track, pass);
    const entered = pass[options.cohort.stage] as number;
    if (!(entered >= options.cohort.start && entered < options.cohort.end)) {
      state.outsideCohort += 1;
      return;
    }
  }
  for (let bit = 0; track.anomalies !== 0 && bit < anomalyKinds.length; bit += 1) {
    if ((track.anomalies & (1 << bit)) !== 0) {
      state.anomalies.counts[bit] = (state.anomalies.counts[bit] as number) + 1;
      const ids = state.anomalies.ids[bit] as string[];
      if (ids.length < EXAMPLES || track.id < (ids.at(-1) as string))
        state.anomalies.ids[bit] = keepExamples(ids, [track.id]);
    }
  }
  // With groups, the all-journeys counts are their sum (see allSlice): each journey is counted once.
  addToSlice(sliceOf(state, options, track), options, track, pass);
  const left = leftTimes(track);
  addVelocity(state, options, track, left);
  addLeakage(state, options, track, pass, left);
  if (track.status === 'won') addDeal(state, options, track);
}

/** The slice a journey's counts go to: all journeys, or its group when there are groups. */
function sliceOf(state: FunnelState, options: ResolvedOptions, track: JourneyTrack): Slice {
  if (options.by === null) return state.all;
  // Map keys are the values themselves: 1 and '1' stay apart, 0 and -0 are one group.
  const key = groupKey(options.by === 'origin' ? track.origin : attribute(track, options.by));
  let group = state.groups.get(key);
  if (!group) {
    group = { key, slice: emptySlice(state.stageCount) };
    state.groups.set(key, group);
  }
  return group.slice;
}

/** Flow mode: entries into each stage inside the window (an implied passage at its pass time). */
function addFlowEntries(
  slice: Slice,
  window: { readonly start: number; readonly end: number },
  track: JourneyTrack,
  pass: Float64Array,
): void {
  for (let stage = 0; stage <= track.furthest; stage += 1) {
    const time = pass[stage] as number;
    if (time >= window.start && time < window.end)
      slice.entries[stage] = (slice.entries[stage] as number) + 1;
  }
}

function reachedStage(
  track: JourneyTrack,
  pass: Float64Array,
  stage: number,
  strict: boolean,
): boolean {
  return strict ? !Number.isNaN(pass[stage] as number) : stage <= track.furthest;
}

function addToSlice(
  slice: Slice,
  options: ResolvedOptions,
  track: JourneyTrack,
  pass: Float64Array,
): void {
  const { strict } = options;
  slice.journeys += 1;
  if (options.eachPass && track.passCount > 0) addEachPass(slice, options, track);
  else addStageRows(slice, options, 0, track.furthest, track.status, pass);
  if (reachedStage(track, pass, options.from, strict)) {
    slice.overallReached += 1;
    const elapsed = (pass[options.to] as number) - (pass[options.from] as number);
    if (reachedStage(track, pass, options.to, strict) && !(elapsed > options.withinMs))
      slice.overallConverted += 1;
  }
  if (reachedStage(track, pass, options.winFrom, strict)) {
    const lost =
      track.status === 'lost' || (options.includeDisqualified && track.status === 'disqualified');
    if (track.status === 'won' || lost) {
      if (track.status === 'won') slice.winWon += 1;
      else slice.winLost += 1;
      if (track.amount === null) slice.winWithoutValue += 1;
      else addAmount(track.status === 'won' ? slice.wonValue : slice.lostValue, track.amount);
    }
  }
}

/**
 * The per-stage conversion rows of one pass (or of the whole journey): from `start` to its
 * furthest stage, with `pass` the time it passed each stage (NaN for none).
 */
function addStageRows(
  slice: Slice,
  options: ResolvedOptions,
  start: number,
  furthest: number,
  status: TrackStatus,
  pass: Float64Array,
): void {
  const last = slice.reached.length - 1;
  const { strict } = options;
  for (let stage = start; stage <= furthest; stage += 1) {
    if (strict && Number.isNaN(pass[stage] as number)) continue;
    slice.reached[stage] = (slice.reached[stage] as number) + 1;
    if (stage < furthest) {
      // Advanced: reached a later stage; with `within`, only in time.
      // Implied mode passes every later stage, so the next one's time is there; strict mode
      // looks for the next observed entry.
      let next = strict ? Number.NaN : (pass[stage + 1] as number);
      for (let later = stage + 1; later <= furthest && Number.isNaN(next); later += 1) {
        next = pass[later] as number;
      }
      const inTime = !(next - (pass[stage] as number) > options.withinMs);
      if (inTime) slice.advanced[stage] = (slice.advanced[stage] as number) + 1;
      else slice.late[stage] = (slice.late[stage] as number) + 1;
    } else if (status === 'lost' || status === 'disqualified') {
      slice.exited[stage] = (slice.exited[stage] as number) + 1;
    } else if (status === 'open') {
      slice.open[stage] = (slice.open[stage] as number) + 1;
    } else if (stage === last) {
      slice.won += 1;
    }
  }
}

let eachPassBuffer = new Float64Array(0);

/**
 * `passes: 'each'`: every pass of the journey adds its own conversion rows. A pass runs from one
 * recycle or reopening to the next; the first starts at the first stage (implied passage), a
 * later one at the lowest stage it enters. An earlier pass ended there: won if it reached the last
 * stage, else exited at its furthest stage (passed back to Marketing, or closed).
 */
function addEachPass(slice: Slice, options: ResolvedOptions, track: JourneyTrack): void {
  const stages = track.firstEntry.length;
  if (eachPassBuffer.length !== stages) eachPassBuffer = new Float64Array(stages);
  const times = eachPassBuffer;
  const last = stages - 1;
  let begin = 0;
  for (let index = 0; index <= track.passCount; index += 1) {
    const end = index < track.passCount ? (track.passStarts[index] as number) : track.entryCount;
    times.fill(Number.NaN);
    let furthest = -1;
    let lowest = stages;
    for (let at = begin; at < end; at += 2) {
      const stage = track.entries[at] as number;
      if (Number.isNaN(times[stage] as number)) times[stage] = track.entries[at + 1] as number;
      if (stage > furthest) furthest = stage;
      if (stage < lowest) lowest = stage;
    }
    begin = end;
    if (furthest < 0) continue;
    const start = index === 0 ? 0 : lowest;
    if (!options.strict) fillImplied(times, start, furthest);
    const status: TrackStatus =
      index === track.passCount ? track.status : furthest === last ? 'won' : 'lost';
    addStageRows(slice, options, start, furthest, status, times);
  }
}

let leftBuffer = new Float64Array(0);

/**
 * When the journey left each stage: its first observed entry into any later stage (NaN when
 * none), for all stages at once — a suffix minimum, O(stages). Reuses one buffer.
 */
function leftTimes(track: JourneyTrack): Float64Array {
  if (leftBuffer.length !== track.firstEntry.length)
    leftBuffer = new Float64Array(track.firstEntry.length);
  let later = Number.NaN;
  for (let stage = track.firstEntry.length - 1; stage >= 0; stage -= 1) {
    leftBuffer[stage] = stage > track.furthest ? Number.NaN : later;
    if (stage <= track.furthest) later = earlier(later, track.firstEntry[stage] as number);
  }
  return leftBuffer;
}

/** The earlier of two times, where NaN means "none". */
function earlier(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  return b < a ? b : a;
}

function addVelocity(
  state: FunnelState,
  options: ResolvedOptions,
  track: JourneyTrack,
  leftTime: Float64Array,
): void {
  const last = state.stageCount - 1;
  for (let stage = 0; stage < last && stage <= track.furthest; stage += 1) {
    const entered = track.firstEntry[stage] as number;
    if (Number.isNaN(entered)) continue;
    const next = track.firstEntry[stage + 1] as number;
    if (!Number.isNaN(next)) {
      if (next >= entered) (state.toNextMs[stage] as NumberList).push(next - entered);
      else state.negativeDurations += 1;
    }
    // Time in stage: until it left (advanced or exited here), else censored at asOf.
    const left = leftTime[stage] as number;
    const exitedHere =
      stage === track.furthest && (track.status === 'lost' || track.status === 'disqualified');
    const end = !Number.isNaN(left) ? left : exitedHere ? track.closedAt : options.asOf;
    const observed = !Number.isNaN(left) || exitedHere;
    if (end >= entered) {
      ((observed ? state.inStageEventMs : state.inStageCensoredMs)[stage] as NumberList).push(
        end - entered,
      );
    } else {
      state.negativeDurations += 1;
    }
  }
  if (track.status === 'won') {
    let start = Number.NaN;
    if (options.cycleFrom >= 0) start = track.firstEntry[options.cycleFrom] as number;
    // Default: the first observed entry into any stage before the last; the win's own entry into
    // the last stage is not a start, so a journey won without an earlier stage has no cycle.
    else
      for (let stage = 0; stage < last; stage += 1)
        start = earlier(start, track.firstEntry[stage] as number);
    if (!Number.isNaN(start)) {
      if (track.closedAt >= start) state.cycleMs.push(track.closedAt - start);
      else state.negativeDurations += 1;
    }
  }
}

function addLeakage(
  state: FunnelState,
  options: ResolvedOptions,
  track: JourneyTrack,
  pass: Float64Array,
  leftTime: Float64Array,
): void {
  let byOrigin = state.leakage.get(track.origin);
  if (!byOrigin) {
    byOrigin = { origin: track.origin, cells: Array.from({ length: state.stageCount }, emptyCell) };
    state.leakage.set(track.origin, byOrigin);
  }
  const exited = track.status === 'lost' || track.status === 'disqualified';
  const activities = track.activities;
  for (let stage = 0; stage <= track.furthest; stage += 1) {
    const cell = byOrigin.cells[stage] as LeakageCell;
    const entered = pass[stage] as number;
    const exitedHere = exited && stage === track.furthest;
    const left = exitedHere ? track.closedAt : (leftTime[stage] as number);
    if (exitedHere) {
      cell.exited += 1;
      cell.reasons.set(track.reason, (cell.reasons.get(track.reason) ?? 0) + 1);
      if (track.closedAt - entered <= options.immediateMs) cell.immediate += 1;
    }
    if (track.status === 'open' && stage === track.current) {
      cell.open += 1;
      const age = Math.max(0, options.asOf - track.currentSince);
      const seconds = Math.floor(age / 1000);
      cell.openAgeSeconds += seconds;
      cell.openAgeMillis += age - seconds * 1000;
      if (track.amount === null) cell.openWithoutValue += 1;
    }
    // Follow-up and attempts need an observed entry (an implied passage has no time), and
    // nobody follows up a win: the last stage has none.
    const observed = track.firstEntry[stage] as number;
    if (Number.isNaN(observed) || stage === state.stageCount - 1) continue;
    const until = Number.isNaN(left) ? Number.POSITIVE_INFINITY : left;
    let count = 0;
    let first = Number.NaN;
    // Most journeys have few activities or none: the scan is skipped then.
    for (let position = 0; position < track.activityCount; position += 1) {
      const time = activities[position] as number;
      // A touch at the instant of a close still counts (it is ordered before the outcome); one
      // at the instant of entering the next stage belongs to that stage.
      if (time < observed || time > until || (time === until && !exitedHere)) continue;
      if (count === 0) first = time;
      count += 1;
    }
    if (count > 0) cell.followUpMs.push(first - observed);
    else cell.withoutFollowUp += 1;
    if (exitedHere) tally(cell.activitiesToExit, count);
    else if (stage < track.furthest) tally(cell.activitiesToAdvance, count);
  }
}

function tally(histogram: Map<number, number>, value: number, times = 1): void {
  histogram.set(value, (histogram.get(value) ?? 0) + times);
}

/** An existing customer: true, 1, or the text true / yes / existing in any letter case. */
function isExisting(value: AttributeValue | undefined): boolean {
  if (value === true || value === 1) return true;
  return (
    typeof value === 'string' && ['true', 'yes', 'existing'].includes(value.trim().toLowerCase())
  );
}
function addDeal(state: FunnelState, options: ResolvedOptions, track: JourneyTrack): void {
  const amount: Amount | null = track.amount;
  if (amount !== null) {
    if (typeof amount === 'number') state.wonCents.push(amount);
    else state.wonDecimals.push(amount.toString());
  }
  const side = isExisting(track.attributes[options.existingAttribute])
    ? state.existing
    : state.newCustomers;
  side.count += 1;
  if (amount !== null) addAmount(side.value, amount);
  if (options.mixBy !== null) {
    const key = groupKey(attribute(track, options.mixBy));
    let entry = state.mix.get(key);
    if (!entry) {
      entry = { key, count: 0, value: moneySum() };
      state.mix.set(key, entry);
    }
    entry.count += 1;
    if (amount !== null) addAmount(entry.value, amount);
  }
}

const addCounts = (into: number[], from: readonly number[]) => {
  for (let index = 0; index < into.length; index += 1)
    into[index] = (into[index] as number) + (from[index] as number);
};

function mergeSlice(into: Slice, from: Slice): void {
  into.journeys += from.journeys;
  addCounts(into.reached, from.reached);
  addCounts(into.advanced, from.advanced);
  addCounts(into.late, from.late);
  addCounts(into.exited, from.exited);
  addCounts(into.open, from.open);
  addCounts(into.entries, from.entries);
  into.won += from.won;
  into.overallReached += from.overallReached;
  into.overallConverted += from.overallConverted;
  into.winWon += from.winWon;
  into.winLost += from.winLost;
  addSum(into.wonValue, from.wonValue);
  addSum(into.lostValue, from.lostValue);
  into.winWithoutValue += from.winWithoutValue;
}

export function mergeCell(into: LeakageCell, from: LeakageCell): void {
  into.exited += from.exited;
  for (const [reason, count] of from.reasons)
    into.reasons.set(reason, (into.reasons.get(reason) ?? 0) + count);
  into.immediate += from.immediate;
  into.open += from.open;
  into.openAgeSeconds += from.openAgeSeconds;
  into.openAgeMillis += from.openAgeMillis;
  into.openWithoutValue += from.openWithoutValue;
  into.followUpMs.append(from.followUpMs);
  into.withoutFollowUp += from.withoutFollowUp;
  for (const [value, times] of from.activitiesToAdvance)
    tally(into.activitiesToAdvance, value, times);
  for (const [value, times] of from.activitiesToExit) tally(into.activitiesToExit, value, times);
}

/**
 * The counts over all journeys: kept directly without groups, and with groups, their sum (counts
 * and exact money totals, so the order of adding does not matter).
 */
export function allSlice(state: FunnelState, options: ResolvedOptions): Slice {
  if (options.by === null) return state.all;
  const all = emptySlice(state.stageCount);
  for (const group of state.groups.values()) mergeSlice(all, group.slice);
  return all;
}

/** Adds `from` into `into`. */
export function mergeState(into: FunnelState, from: FunnelState): void {
  mergeSlice(into.all, from.all);
  for (const [key, group] of from.groups) {
    const target = into.groups.get(key);
    if (target) mergeSlice(target.slice, group.slice);
    else {
      const slice = emptySlice(into.stageCount);
      mergeSlice(slice, group.slice);
      into.groups.set(key, { key: group.key, slice });
    }
  }
  for (let stage = 0; stage < into.stageCount; stage += 1) {
    (into.toNextMs[stage] as NumberList).append(from.toNextMs[stage] as NumberList);
    (into.inStageEventMs[stage] as NumberList).append(from.inStageEventMs[stage] as NumberList);
    (into.inStageCensoredMs[stage] as NumberList).append(
      from.inStageCensoredMs[stage] as NumberList,
    );
  }
  into.cycleMs.append(from.cycleMs);
  for (const [key, byOrigin] of from.leakage) {
    let target = into.leakage.get(key);
    if (!target) {
      target = {
        origin: byOrigin.origin,
        cells: Array.from({ length: into.stageCount }, emptyCell),
      };
      into.leakage.set(key, target);
    }
    const cells = target.cells;
    byOrigin.cells.forEach((cell, stage) => {
      mergeCell(cells[stage] as LeakageCell, cell);
    });
  }
  into.wonCents.append(from.wonCents);
  into.wonDecimals.push(...from.wonDecimals);
  into.existing.count += from.existing.count;
  addSum(into.existing.value, from.existing.value);
  into.newCustomers.count += from.newCustomers.count;
  addSum(into.newCustomers.value, from.newCustomers.value);
  for (const [key, entry] of from.mix) {
    let target = into.mix.get(key);
    if (!target) {
      target = { key: entry.key, count: 0, value: moneySum() };
      into.mix.set(key, target);
    }
    target.count += entry.count;
    addSum(target.value, entry.value);
  }
  into.unstaged.count += from.unstaged.count;
  into.unstaged.ids = keepExamples(into.unstaged.ids, from.unstaged.ids);
  into.outsideCohort += from.outsideCohort;
  addCounts(into.anomalies.counts, from.anomalies.counts);
  into.anomalies.ids = into.anomalies.ids.map((ids, bit) =>
    keepExamples(ids, from.anomalies.ids[bit] as string[]),
  );
  into.negativeDurations += from.negativeDurations;
}
