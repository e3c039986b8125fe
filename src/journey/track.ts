import type { IssuePath } from '../errors/PipelineError.js';
import { PipelineError } from '../errors/PipelineError.js';
import { type Amount, amountOf, toAmount } from '../money/amount.js';
import { stageIndex, stageIndexMap, unknownStage } from '../pipeline/stageIndex.js';
import { outcomeKinds, type Pipeline } from '../pipeline/types.js';
import { timeOf } from '../time/fastTime.js';
import { validateJourney } from './parseJourney.js';
import { isPlainObject } from './schemas.js';
import type { AttributeValue, JourneyInput } from './types.js';
import { isValidatedJourney } from './validatedJourneys.js';

// One walk over a journey's events, shared by summarizeJourney and every calculator, so the
// semantics (reached, implied passage, won, exited, recycled, reopened) are written once.
//
// The calculators may read millions of journeys, so the common, well-formed input is read by
// hand without zod or Date objects. Anything unusual takes the validating path (parseJourney),
// which either throws the proper error with its path or returns a journey read the slow way.

/** Event kinds in their same-instant order: the journey arrives, things happen, it closes. */
export const STAGE = 0;
export const ACTIVITY = 1;
export const OTHER = 2;
export const OUTCOME = 4;

/** Outcome codes, in `outcomeKinds` order. */
export const WON = 0;
export const LOST = 1;
export const DISQUALIFIED = 2;
export const RECYCLED = 3;

/** Anomalies: kept, counted and listed by the reports, never a reason to drop a journey. */
export const anomalyKinds: readonly AnomalyKind[] = [
  'outcome_before_first_stage',
  'stage_reentered',
  'missing_amount',
  'time_out_of_order',
];
/**
 * A kind of messy-but-valid data the calculators keep and report:
 * an outcome dated before the journey's first stage entry, a stage entered again without a
 * recycle in between, an open journey past the handoff without an amount, and a later stage
 * entered before an earlier one (durations that would be negative are left out).
 *
 * @example
 * ```ts
 * const kind: AnomalyKind = 'stage_reentered';
 * ```
 */
export type AnomalyKind =
  | 'outcome_before_first_stage'
  | 'stage_reentered'
  | 'missing_amount'
  | 'time_out_of_order';
export const OUTCOME_BEFORE_FIRST_STAGE = 1;
export const STAGE_REENTERED = 2;
export const MISSING_AMOUNT = 4;
export const TIME_OUT_OF_ORDER = 8;

/** Status codes. */
export type TrackStatus = 'open' | 'won' | 'lost' | 'disqualified';

/** Everything the walk derives from one journey as of a moment. Times are epoch ms, NaN for none. */
export interface JourneyTrack {
  readonly id: string;
  readonly origin: string | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly amount: Amount | null;
  status: TrackStatus;
  /** Index of the current stage, -1 before any. */
  current: number;
  /** Index of the furthest stage, -1 before any. */
  furthest: number;
  /** First observed entry into each stage; NaN when none was observed. */
  readonly firstEntry: Float64Array;
  /** Every observed entry as [stage index, time] pairs, flattened, in time order. */
  readonly entries: number[];
  /** How many numbers of `entries` are in use (the buffer is reused from journey to journey). */
  entryCount: number;
  closedAt: number;
  reason: string | null;
  recycles: number;
  recycledAt: number;
  /** Latest entry into the current stage (a repeated entry into the same stage does not reset it). */
  currentSince: number;
  /** Times of activities at or before asOf, in time order. */
  readonly activities: number[];
  /** How many of `activities` are in use. */
  activityCount: number;
  /** A bit set of anomalies (see the constants above). */
  anomalies: number;
  /** Whether a recycle happened since the last stage entry (a re-entry is then a new pass). */
  recycledSinceEntry: boolean;
  /**
   * Where each pass after the first begins: indexes into `entries` (of a stage number) of the
   * first entry after a recycle or a reopening.
   */
  readonly passStarts: number[];
  /** How many of `passStarts` are in use: the journey made `passCount + 1` passes. */
  passCount: number;
}

const journeyKeys = new Set(['id', 'origin', 'attributes', 'amount', 'events']);
const eventKeys: Record<string, Set<string>> = {
  stage: new Set(['type', 'stage', 'at']),
  activity: new Set(['type', 'at', 'kind', 'by']),
  outcome: new Set(['type', 'outcome', 'at', 'reason']),
  forecast: new Set(['type', 'at', 'closeDate', 'amount']),
  behaviour: new Set(['type', 'at', 'name', 'value']),
};
const outcomeCodes = new Map(outcomeKinds.map((kind, code) => [kind as string, code]));

/** Whether a character is one that `String.prototype.trim` (and zod's `.trim()`) removes. */
function isSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** A non-empty string that trimming would not change (checked without allocating a trimmed copy). */
const isText = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length > 0 &&
  !isSpace(value.charCodeAt(0)) &&
  !isSpace(value.charCodeAt(value.length - 1));
const isOptionalText = (value: unknown) => value === undefined || isText(value);
/** `text.trim()`, without the call for a text that has nothing to trim (nearly all). */
const trim = (text: string): string => {
  const value: unknown = text;
  return isText(value) ? value : text.trim();
};
const isPrimitive = (value: unknown) =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

// The events of the journey being read, as parallel arrays reused from one journey to the next:
// reading a million journeys allocates no per-event objects. (Reading is synchronous, so one
// set of buffers is enough.)
const scratch = {
  kind: [] as number[],
  time: [] as number[],
  /** Stage index for stage events, outcome code for outcomes, 0 otherwise. */
  rank: [] as number[],
  reason: [] as (string | null)[],
  order: [] as number[],
  /** How many events the current journey has (the arrays are reused and may be longer). */
  count: 0,
};

/**
 * How much of a journey's input is known to be right. `UNCHECKED`: anything. `SHAPED`: built by
 * the file ingest (src/node/rowReader), so its keys and value types are the schema's by
 * construction (times in epoch ms, amounts valid decimal text, attributes strings under header
 * names); only its texts may still hold the white space zod trims, which the walk checks.
 * `VALIDATED`: a journey the library validated (parseJourney, readJourneys).
 */
export const UNCHECKED = 0;
export const SHAPED = 1;
const VALIDATED = 2;

/**
 * Reads a journey's events into the scratch arrays. Returns the event count, or -1 when anything
 * is not in the common, valid shape (the caller then validates the slow way). Stage ids are
 * checked against the pipeline.
 */
function readEvents(
  pipeline: Pipeline,
  input: JourneyInput,
  path: IssuePath | number,
  where: string,
  known: number,
): number {
  const trust = known === UNCHECKED && isValidatedJourney(input) ? VALIDATED : known;
  // A shaped journey skips the key and type checks, never the text checks: it then takes the
  // validating path exactly when an unchecked copy of it would.
  if (trust === UNCHECKED && !looksValid(input)) return -1;
  if (trust === SHAPED && !(isText(input.id) && isOptionalText(input.origin))) return -1;
  const trusted = trust === VALIDATED;
  const events = input.events;
  const { kind, time, rank, reason } = scratch;
  const stages = stageIndexMap(pipeline);
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index] as unknown as Record<string, unknown>;
    if (trust === UNCHECKED && !validEventKeys(event)) return -1;
    const at = timeOf(event['at']);
    if (Number.isNaN(at)) return -1;
    time[index] = at;
    reason[index] = null;
    rank[index] = 0;
    const type = event['type'];
    if (type === 'stage') {
      const stage = event['stage'];
      if (!isText(stage)) return -1;
      const position = stages.get(stage);
      if (position === undefined) throw unknownStages(pipeline, input.events, path, where);
      kind[index] = STAGE;
      rank[index] = position;
    } else if (type === 'outcome') {
      const code = outcomeCodes.get(event['outcome'] as string);
      const why = event['reason'];
      if (code === undefined || !isOptionalText(why)) return -1;
      kind[index] = OUTCOME;
      rank[index] = code;
      reason[index] = (why as string | undefined) ?? null;
    } else if (type === 'activity') {
      if (!trusted && !(isOptionalText(event['kind']) && isOptionalText(event['by']))) return -1;
      kind[index] = ACTIVITY;
    } else {
      if (!trusted && !validOtherEvent(event)) return -1;
      kind[index] = OTHER;
    }
  }
  return events.length;
}

function looksValid(input: JourneyInput): boolean {
  if (typeof input !== 'object' || input === null || !isText(input.id)) return false;
  for (const key in input) if (!journeyKeys.has(key)) return false;
  if (!isOptionalText(input.origin) || !Array.isArray(input.events)) return false;
  const { attributes } = input;
  if (attributes === undefined) return true;
  if (typeof attributes !== 'object' || attributes === null || !isPlainObject(attributes))
    return false;
  if (Object.hasOwn(attributes, '__proto__')) return false;
  for (const key in attributes) if (!isPrimitive(attributes[key])) return false;
  return true;
}

function validEventKeys(event: Record<string, unknown>): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const type = event['type'];
  // Plain comparisons: this runs for every event of every journey.
  if (type === 'stage') {
    for (const key in event) if (key !== 'type' && key !== 'stage' && key !== 'at') return false;
    return true;
  }
  const keys =
    typeof type === 'string' && Object.hasOwn(eventKeys, type) ? eventKeys[type] : undefined;
  if (!keys) return false;
  for (const key in event) if (!keys.has(key)) return false;
  return true;
}

/**
 * Every stage event of the caller's events whose stage the pipeline does not have, as one error
 * with an issue each (`[...path, 'events', i, 'stage']`), or undefined when there is none.
 */
function unknownStages(
  pipeline: Pipeline,
  events: JourneyInput['events'],
  path: IssuePath | number,
  where: string,
): PipelineError | undefined {
  const stages = stageIndexMap(pipeline);
  // Later events may not have been checked yet: look only at well-formed stage events.
  const issues = events.flatMap((event, index) =>
    typeof event === 'object' &&
    event !== null &&
    event.type === 'stage' &&
    typeof event.stage === 'string' &&
    !stages.has(event.stage.trim())
      ? unknownStage(pipeline, event.stage, where, [...pathOf(path), 'events', index, 'stage'])
          .issues
      : [],
  );
  const [first, ...rest] = issues;
  return first ? new PipelineError('unknown_stage', [first, ...rest], { where }) : undefined;
}

/** A path prefix given as a journey's index (no array allocated until an error needs one). */
const pathOf = (path: IssuePath | number): IssuePath => (typeof path === 'number' ? [path] : path);

/** Checks a forecast or behaviour event, which the funnel walk does not use but must validate. */
function validOtherEvent(event: Record<string, unknown>): boolean {
  if (event['type'] === 'forecast') {
    return (
      !Number.isNaN(timeOf(event['closeDate'])) &&
      (event['amount'] === undefined || amountOf(event['amount']) !== undefined)
    );
  }
  return isText(event['name']) && (event['value'] === undefined || isPrimitive(event['value']));
}

/** Orders two scratch events: by time, kind, stage order or outcome code, then reason. */
function compareEvents(a: number, b: number): number {
  const { kind, time, rank, reason } = scratch;
  const left = reason[a] as string | null;
  const right = reason[b] as string | null;
  return (
    (time[a] as number) - (time[b] as number) ||
    (kind[a] as number) - (kind[b] as number) ||
    (rank[a] as number) - (rank[b] as number) ||
    (left === right ? 0 : left === null ? -1 : right === null ? 1 : left < right ? -1 : 1)
  );
}

/** Puts the scratch events' order into `scratch.order`, sorting only when they are not in order already. */
function orderEvents(count: number): void {
  const order = scratch.order;
  let sorted = true;
  for (let index = 0; index < count; index += 1) {
    order[index] = index;
    if (index > 0 && sorted && compareEvents(index - 1, index) > 0) sorted = false;
  }
  scratch.count = count;
  if (sorted) return;
  const ordered = order.slice(0, count).sort(compareEvents);
  for (let index = 0; index < count; index += 1) order[index] = ordered[index] as number;
}

const EMPTY: Readonly<Record<string, AttributeValue>> = Object.freeze({});

/** A fresh track for a pipeline (the calculators reuse one through {@link trackJourney}'s `into`). */
export function newTrack(stageCount: number): JourneyTrack {
  return {
    id: '',
    origin: null,
    attributes: EMPTY,
    amount: null,
    status: 'open',
    current: -1,
    furthest: -1,
    firstEntry: new Float64Array(stageCount),
    entries: [],
    entryCount: 0,
    closedAt: Number.NaN,
    reason: null,
    recycles: 0,
    recycledAt: Number.NaN,
    currentSince: Number.NaN,
    activities: [],
    activityCount: 0,
    anomalies: 0,
    recycledSinceEntry: false,
    passStarts: [],
    passCount: 0,
  };
}

/**
 * Walks a journey as of `asOf` (epoch ms). `path` prefixes error paths (e.g. `[17]` for the
 * 18th journey of a list); `where` names the public function in error messages. With `into`,
 * the walk reuses that track instead of allocating one (the calculators' hot loop). `known`
 * says how much of the input is known to be right (see {@link SHAPED}).
 *
 * @throws PipelineError `invalid_journey` for malformed input, `unknown_stage` for a stage the
 *   pipeline does not have (path `[...path, 'events', i, 'stage']`)
 */
export function trackJourney(
  pipeline: Pipeline,
  input: JourneyInput,
  asOf: number,
  where: string,
  path: IssuePath | number = [],
  into?: JourneyTrack,
  known: typeof UNCHECKED | typeof SHAPED = UNCHECKED,
): JourneyTrack {
  let journey: JourneyInput = input;
  let count = readEvents(pipeline, input, path, where, known);
  let amount = count < 0 ? undefined : input.amount === undefined ? null : amountOf(input.amount);
  if (amount === undefined) {
    // The slow, validating path: throws the precise error, or reads what the fast path would not.
    journey = validateJourney(input, { pipeline, path: pathOf(path) }, where);
    // The validated copy is sorted: name unknown stages by their index in the caller's events.
    const unknown = unknownStages(pipeline, input.events, path, where);
    if (unknown) throw unknown;
    count = readEvents(pipeline, journey, path, where, UNCHECKED);
    if (count < 0) {
      // Cannot happen while the fast checks agree with the schema; never crash if they drift.
      throw new PipelineError(
        'invalid_journey',
        [
          {
            code: 'unreadable',
            path: pathOf(path),
            message: 'The journey passed validation but could not be read',
          },
        ],
        { where },
      );
    }
    amount = journey.amount === undefined ? null : toAmount(journey.amount as never);
  }
  orderEvents(count);
  const track = into ?? newTrack(pipeline.stages.length);
  reset(track, journey, amount);
  walk(pipeline, track, asOf);
  return track;
}

function reset(track: JourneyTrack, journey: JourneyInput, amount: Amount | null): void {
  const writable = track as { -readonly [K in keyof JourneyTrack]: JourneyTrack[K] };
  writable.id = trim(journey.id);
  writable.origin = journey.origin === undefined ? null : trim(journey.origin);
  writable.attributes = journey.attributes ?? EMPTY;
  writable.amount = amount;
  track.status = 'open';
  track.current = -1;
  track.furthest = -1;
  // A loop, not `fill`: a pipeline has a few stages, and the call cost more than the stores.
  const firstEntry = track.firstEntry;
  for (let stage = 0; stage < firstEntry.length; stage += 1) firstEntry[stage] = Number.NaN;
  track.entryCount = 0;
  track.closedAt = Number.NaN;
  track.reason = null;
  track.recycles = 0;
  track.recycledAt = Number.NaN;
  track.currentSince = Number.NaN;
  track.activityCount = 0;
  track.anomalies = 0;
  track.recycledSinceEntry = false;
  track.passCount = 0;
}

function enter(track: JourneyTrack, stage: number, time: number): void {
  if (!Number.isNaN(track.firstEntry[stage] as number)) {
    if (!track.recycledSinceEntry) track.anomalies |= STAGE_REENTERED;
  } else {
    track.firstEntry[stage] = time;
  }
  // A repeated entry into the stage it is in does not restart its age; a new pass after a recycle does.
  if (stage !== track.current || track.recycledSinceEntry) track.currentSince = time;
  if (track.recycledSinceEntry && track.entryCount > 0)
    track.passStarts[track.passCount++] = track.entryCount;
  track.current = stage;
  if (stage > track.furthest) track.furthest = stage;
  track.entries[track.entryCount++] = stage;
  track.entries[track.entryCount++] = time;
  track.recycledAt = Number.NaN;
  track.recycledSinceEntry = false;
}

function walk(pipeline: Pipeline, track: JourneyTrack, asOf: number): void {
  const last = pipeline.stages.length - 1;
  const { kind, time, rank, reason, order, count } = scratch;
  let closedBeforeAnyStage = false;
  for (let position = 0; position < count; position += 1) {
    const index = order[position] as number;
    const at = time[index] as number;
    if (at > asOf) break;
    const type = kind[index] as number;
    const code = rank[index] as number;
    if (type === STAGE) {
      if (track.status !== 'open') {
        if (closedBeforeAnyStage) {
          // Real exports have deals won before their first recorded contact: keep the close,
          // record the stages, and report the anomaly rather than reopen.
          track.anomalies |= OUTCOME_BEFORE_FIRST_STAGE;
          if (Number.isNaN(track.firstEntry[code] as number)) track.firstEntry[code] = at;
          if (code > track.furthest) track.furthest = code;
          track.entries[track.entryCount++] = code;
          track.entries[track.entryCount++] = at;
          // A won journey stays in the last stage; a lost one sits where it got furthest.
          if (track.status !== 'won' && track.current !== track.furthest) {
            track.current = track.furthest;
            track.currentSince = at;
          }
          continue;
        }
        if (track.status === 'won' && code === last) continue;
        // Reopened: a new pass, like a recycle (re-entering is expected, the stage's age restarts).
        track.status = 'open';
        track.closedAt = Number.NaN;
        track.reason = null;
        track.recycledSinceEntry = true;
      }
      enter(track, code, at);
    } else if (type === ACTIVITY) {
      track.activities[track.activityCount++] = at;
    } else if (type === OUTCOME) {
      if (code === RECYCLED) {
        // Back to Marketing for nurture: open again, whatever it was (lost-then-recycled is common).
        track.recycles += 1;
        track.recycledAt = at;
        track.recycledSinceEntry = true;
        track.status = 'open';
        track.closedAt = Number.NaN;
        track.reason = null;
        closedBeforeAnyStage = false;
        continue;
      }
      if (track.status === 'open') closedBeforeAnyStage = track.entryCount === 0;
      track.status = code === WON ? 'won' : code === LOST ? 'lost' : 'disqualified';
      track.closedAt = at;
      track.reason = reason[index] as string | null;
      // A win is an entry into the last stage, unless it is already there on this pass.
      if (code === WON && (track.current !== last || track.recycledSinceEntry))
        enter(track, last, at);
    }
  }
  if (
    track.status === 'open' &&
    track.amount === null &&
    track.furthest >= stageIndex(pipeline, pipeline.handoff)
  ) {
    track.anomalies |= MISSING_AMOUNT;
  }
  // Any observed entry earlier than an observed entry into an earlier stage, skipped stages between.
  let latest = Number.NEGATIVE_INFINITY;
  for (let stage = 0; stage <= track.furthest; stage += 1) {
    const time = track.firstEntry[stage] as number;
    if (Number.isNaN(time)) continue;
    if (time < latest) track.anomalies |= TIME_OUT_OF_ORDER;
    else latest = time;
  }
}
