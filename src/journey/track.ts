import type { IssuePath } from '../errors/PipelineError.js';
import { type Amount, amountOf, toAmount } from '../money/amount.js';
import { hasStage, stageIndex, unknownStage } from '../pipeline/stageIndex.js';
import { outcomeKinds, type Pipeline } from '../pipeline/types.js';
import { timeOf } from '../time/fastTime.js';
import { parseJourney } from './parseJourney.js';
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
export const anomalyKinds = [
  'outcome_before_first_stage',
  'stage_reentered',
  'missing_amount',
  'time_out_of_order',
] as const;
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
export type AnomalyKind = (typeof anomalyKinds)[number];
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
  closedAt: number;
  reason: string | null;
  recycles: number;
  recycledAt: number;
  /** Latest entry into the current stage (a repeated entry into the same stage does not reset it). */
  currentSince: number;
  /** Times of activities at or before asOf, in time order. */
  readonly activities: number[];
  /** A bit set of anomalies (see the constants above). */
  anomalies: number;
}

interface EventRow {
  kind: number;
  time: number;
  /** Stage index for stage events, outcome code for outcomes, 0 otherwise. */
  rank: number;
  reason: string | null;
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

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.trim() === value;
const isOptionalText = (value: unknown) => value === undefined || isText(value);
const isPrimitive = (value: unknown) =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

/**
 * Reads a journey's events into rows, or returns undefined when anything is not in the common,
 * valid shape (the caller then validates the slow way). Stage ids are checked against the pipeline.
 */
function fastRows(
  pipeline: Pipeline,
  input: JourneyInput,
  path: IssuePath,
  where: string,
): EventRow[] | undefined {
  const trusted = isValidatedJourney(input);
  if (!trusted) {
    if (typeof input !== 'object' || input === null || !isText(input.id)) return undefined;
    for (const key in input) if (!journeyKeys.has(key)) return undefined;
    if (!isOptionalText(input.origin) || !Array.isArray(input.events)) return undefined;
    const { attributes } = input;
    if (attributes !== undefined) {
      if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
        return undefined;
      if (Object.hasOwn(attributes, '__proto__')) return undefined;
      for (const key in attributes) if (!isPrimitive(attributes[key])) return undefined;
    }
  }
  const events = input.events;
  const rows: EventRow[] = new Array(events.length);
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index] as unknown as Record<string, unknown>;
    if (!trusted) {
      if (typeof event !== 'object' || event === null) return undefined;
      const keys = eventKeys[event['type'] as string];
      if (!keys) return undefined;
      for (const key in event) if (!keys.has(key)) return undefined;
    }
    const time = timeOf(event['at']);
    if (Number.isNaN(time)) return undefined;
    const type = event['type'];
    if (type === 'stage') {
      const stage = event['stage'];
      if (!isText(stage)) return undefined;
      if (!hasStage(pipeline, stage)) {
        throw unknownStage(pipeline, stage, where, [...path, 'events', index, 'stage']);
      }
      rows[index] = { kind: STAGE, time, rank: stageIndex(pipeline, stage), reason: null };
    } else if (type === 'outcome') {
      const code = outcomeCodes.get(event['outcome'] as string);
      const reason = event['reason'];
      if (code === undefined || !isOptionalText(reason)) return undefined;
      rows[index] = {
        kind: OUTCOME,
        time,
        rank: code,
        reason: (reason as string | undefined) ?? null,
      };
    } else if (type === 'activity') {
      if (!trusted && !(isOptionalText(event['kind']) && isOptionalText(event['by'])))
        return undefined;
      rows[index] = { kind: ACTIVITY, time, rank: 0, reason: null };
    } else if (!trusted && !fastOtherEvent(event)) {
      return undefined;
    } else {
      rows[index] = { kind: OTHER, time, rank: 0, reason: null };
    }
  }
  return rows;
}

/** Checks a forecast or behaviour event, which the funnel walk does not use but must validate. */
function fastOtherEvent(event: Record<string, unknown>): boolean {
  if (event['type'] === 'forecast') {
    return (
      !Number.isNaN(timeOf(event['closeDate'])) &&
      (event['amount'] === undefined || amountOf(event['amount']) !== undefined)
    );
  }
  return isText(event['name']) && (event['value'] === undefined || isPrimitive(event['value']));
}

function compareRows(a: EventRow, b: EventRow): number {
  return (
    a.time - b.time ||
    a.kind - b.kind ||
    a.rank - b.rank ||
    (a.reason === b.reason
      ? 0
      : a.reason === null
        ? -1
        : b.reason === null
          ? 1
          : a.reason < b.reason
            ? -1
            : 1)
  );
}

/**
 * Walks a journey as of `asOf` (epoch ms). `path` prefixes error paths (e.g. `[17]` for the
 * 18th journey of a list); `where` names the public function in error messages.
 *
 * @throws PipelineError `invalid_journey` for malformed input, `unknown_stage` for a stage the
 *   pipeline does not have (path `[...path, 'events', i, 'stage']`)
 */
export function trackJourney(
  pipeline: Pipeline,
  input: JourneyInput,
  asOf: number,
  where: string,
  path: IssuePath = [],
): JourneyTrack {
  let rows = fastRows(pipeline, input, path, where);
  let journey: JourneyInput = input;
  let amount: Amount | null | undefined;
  if (rows) {
    amount = input.amount === undefined ? null : amountOf(input.amount);
  }
  if (!rows || amount === undefined) {
    // The slow, validating path: throws the precise error, or reads what the fast path would not.
    journey = parseJourney(input, { pipeline, path });
    rows = fastRows(pipeline, journey, path, where) as EventRow[];
    amount = journey.amount === undefined ? null : toAmount(journey.amount as never);
  }
  let sorted = true;
  for (let index = 1; index < rows.length; index += 1) {
    if (compareRows(rows[index - 1] as EventRow, rows[index] as EventRow) > 0) {
      sorted = false;
      break;
    }
  }
  if (!sorted) rows = [...rows].sort(compareRows);
  return walk(pipeline, journey, amount, rows, asOf);
}

function walk(
  pipeline: Pipeline,
  journey: JourneyInput,
  amount: Amount | null,
  rows: EventRow[],
  asOf: number,
): JourneyTrack {
  const last = pipeline.stages.length - 1;
  const track: JourneyTrack = {
    id: journey.id.trim(),
    origin: journey.origin?.trim() ?? null,
    attributes: journey.attributes ?? {},
    amount,
    status: 'open',
    current: -1,
    furthest: -1,
    firstEntry: new Float64Array(pipeline.stages.length).fill(Number.NaN),
    entries: [],
    closedAt: Number.NaN,
    reason: null,
    recycles: 0,
    recycledAt: Number.NaN,
    currentSince: Number.NaN,
    activities: [],
    anomalies: 0,
  };
  let recycledSinceEntry = false;
  let closedBeforeAnyStage = false;

  const enter = (stage: number, time: number) => {
    if (!Number.isNaN(track.firstEntry[stage] as number)) {
      if (!recycledSinceEntry) track.anomalies |= STAGE_REENTERED;
    } else {
      track.firstEntry[stage] = time;
    }
    if (stage !== track.current || recycledSinceEntry) track.currentSince = time;
    track.current = stage;
    if (stage > track.furthest) track.furthest = stage;
    track.entries.push(stage, time);
    track.recycledAt = Number.NaN;
    recycledSinceEntry = false;
  };

  for (const row of rows) {
    if (row.time > asOf) break;
    if (row.kind === STAGE) {
      if (track.status !== 'open') {
        if (closedBeforeAnyStage) {
          // Real exports have deals won before their first recorded contact: keep the close,
          // record the stages, and report the anomaly rather than reopen.
          track.anomalies |= OUTCOME_BEFORE_FIRST_STAGE;
          if (Number.isNaN(track.firstEntry[row.rank] as number))
            track.firstEntry[row.rank] = row.time;
          if (row.rank > track.furthest) track.furthest = row.rank;
          track.entries.push(row.rank, row.time);
          // A won journey stays in the last stage; a lost one sits where it got furthest.
          if (track.status !== 'won' && track.current !== track.furthest) {
            track.current = track.furthest;
            track.currentSince = row.time;
          }
          continue;
        }
        if (track.status === 'won' && row.rank === last) continue;
        track.status = 'open';
        track.closedAt = Number.NaN;
        track.reason = null;
      }
      enter(row.rank, row.time);
    } else if (row.kind === ACTIVITY) {
      track.activities.push(row.time);
    } else if (row.kind === OUTCOME) {
      if (row.rank === RECYCLED) {
        track.recycles += 1;
        track.recycledAt = row.time;
        recycledSinceEntry = true;
        track.status = 'open';
        track.closedAt = Number.NaN;
        track.reason = null;
        closedBeforeAnyStage = false;
        continue;
      }
      if (track.status === 'open') closedBeforeAnyStage = track.entries.length === 0;
      track.status = row.rank === WON ? 'won' : row.rank === LOST ? 'lost' : 'disqualified';
      track.closedAt = row.time;
      track.reason = row.reason;
      // A win is an entry into the last stage, unless it is already there on this pass.
      if (row.rank === WON && (track.current !== last || recycledSinceEntry)) enter(last, row.time);
    }
  }
  if (
    track.status === 'open' &&
    track.amount === null &&
    track.furthest >= stageIndex(pipeline, pipeline.handoff)
  ) {
    track.anomalies |= MISSING_AMOUNT;
  }
  for (let stage = 1; stage <= track.furthest; stage += 1) {
    if ((track.firstEntry[stage] as number) < (track.firstEntry[stage - 1] as number)) {
      track.anomalies |= TIME_OUT_OF_ORDER;
    }
  }
  return track;
}
