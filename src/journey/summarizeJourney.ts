import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { decimalOf } from '../money/amount.js';
import type { Decimal } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import { MS_PER_DAY } from '../time/days.js';
import type { DateInput } from '../time/readDate.js';
import { dateSchema } from './schemas.js';
import { type AnomalyKind, anomalyKinds, type JourneyTrack, trackJourney } from './track.js';
import type { JourneyInput } from './types.js';

/**
 * Options of {@link summarizeJourney}.
 *
 * @example
 * ```ts
 * const options: SummarizeJourneyOptions = { asOf: '2026-06-30' };
 * ```
 */
export interface SummarizeJourneyOptions {
  /** The moment the summary describes; events after it are ignored. The clock is never read. */
  readonly asOf: DateInput;
}

/**
 * Where a journey stands: open, won, lost or disqualified. A recycled journey is open (it is
 * being nurtured again); see {@link JourneySummary.recycledAt}.
 *
 * @example
 * ```ts
 * const status: JourneyStatus = 'won';
 * ```
 */
export type JourneyStatus = 'open' | 'won' | 'lost' | 'disqualified';

/**
 * An observed entry into a stage.
 *
 * @example
 * ```ts
 * const entry: StageEntry = { stage: 'lead', at: new Date('2026-03-02T00:00:00Z') };
 * ```
 */
export interface StageEntry {
  /** The stage id. */
  readonly stage: string;
  /** When it was entered. */
  readonly at: Date;
}

/**
 * The facts derived from one journey as of a moment (see {@link summarizeJourney}).
 * Serialises to JSON (dates as ISO strings, the amount as a string). Its `Date`s are its own
 * copies: changing one changes neither the journey nor another summary.
 *
 * @example
 * ```ts
 * const summary: JourneySummary = summarizeJourney(presets.buyingPipeline, journey, { asOf: '2026-06-30' });
 * ```
 */
export interface JourneySummary {
  /** The journey id. */
  readonly id: string;
  /** Who generated it, or `null`. */
  readonly origin: string | null;
  /** Open, won, lost or disqualified as of `asOf`. */
  readonly status: JourneyStatus;
  /** The stage it is in (the last one entered), or `null` before any stage. */
  readonly currentStage: string | null;
  /** The furthest stage reached, or `null`. */
  readonly furthestStage: string | null;
  /**
   * The stages reached, in pipeline order: the first observed entry time, `null` for an implied
   * passage (a later stage was entered without this one), absent when not reached.
   */
  readonly reached: Readonly<Record<string, Date | null>>;
  /** Every observed stage entry in time order, re-entries included (a win adds the last stage). */
  readonly entries: readonly StageEntry[];
  /** When it was won, lost or disqualified, or `null` while open. */
  readonly closedAt: Date | null;
  /** The stage at which a lost or disqualified journey left: its furthest stage. */
  readonly exitedAt: string | null;
  /** The reason given with the closing outcome, or `null`. */
  readonly reason: string | null;
  /** How many times Sales passed it back to Marketing. */
  readonly recycles: number;
  /** When it was last recycled, if it has not entered a stage since; otherwise `null`. */
  readonly recycledAt: Date | null;
  /**
   * Days in the current stage, from the start of the current stay (a repeated entry does not
   * restart it; a reopen or a recycle does) until the close or `asOf`; `null` before any stage.
   */
  readonly ageInStageDays: number | null;
  /** The journey's value, or `null` when it has none. */
  readonly amount: Decimal | null;
  /** Messy-but-valid data found in this journey (see {@link AnomalyKind}); empty when clean. */
  readonly anomalies: readonly AnomalyKind[];
}

const optionsSchema = /* @__PURE__ */ z.strictObject({ asOf: dateSchema });

/**
 * Derives where a journey stands as of a moment, following the library's semantics:
 *
 * - A journey *reached* a stage if it entered it or any later stage (implied passage, `null` time).
 *   The first entry counts; re-entries are listed in `entries`.
 * - A `won` outcome implies the last stage at the outcome's time, even without a stage event.
 * - A `lost` or `disqualified` journey exited at the furthest stage it reached.
 * - A `recycled` outcome (re)opens the journey, even after a close, and counts a recycle.
 * - A stage event after a close reopens the journey (a CRM "reopened" deal), except entering the
 *   last stage after a win, which agrees with the win, and stages recorded after an outcome that
 *   came before any stage (a deal "won before its first contact"): those are kept as entries,
 *   the close stands, and the journey reports the anomaly `outcome_before_first_stage`.
 *
 * The result does not depend on the order of the input events.
 *
 * @param pipeline - the pipeline the journey walks
 * @param journey - the journey (validated here)
 * @param options - `asOf`: the moment to describe
 * @returns the summary
 * @throws {@link PipelineError} `invalid_journey` for a malformed journey, `unknown_stage` (path
 *   `['events', i, 'stage']`) for a stage the pipeline does not have, `invalid_options` for a bad `asOf`
 *
 * @example
 * ```ts
 * const summary = summarizeJourney(
 *   presets.buyingPipeline,
 *   {
 *     id: 'acme',
 *     events: [
 *       { type: 'stage', stage: 'lead', at: '2026-03-02' },
 *       { type: 'stage', stage: 'prospect', at: '2026-03-20' },
 *       { type: 'outcome', outcome: 'lost', at: '2026-04-01', reason: 'price' },
 *     ],
 *   },
 *   { asOf: '2026-06-30' },
 * );
 * summary.status; //=> 'lost'
 * summary.exitedAt; //=> 'prospect'
 * summary.reached.qualified_lead; //=> null (implied passage)
 * summary.reached.customer; //=> undefined (not reached)
 * ```
 */
export function summarizeJourney(
  pipeline: Pipeline,
  journey: JourneyInput,
  options: SummarizeJourneyOptions,
): JourneySummary {
  const { asOf } = parseOrThrow(optionsSchema, options, 'invalid_options', 'summarizeJourney');
  const track = trackJourney(pipeline, journey, asOf.getTime(), 'summarizeJourney');
  return summaryOf(pipeline, track, asOf.getTime());
}

/** The public summary of a walked journey. Every Date is a fresh copy. */
export function summaryOf(pipeline: Pipeline, track: JourneyTrack, asOf: number): JourneySummary {
  const stageId = (index: number) => (index >= 0 ? (pipeline.stages[index]?.id ?? null) : null);
  const dateOrNull = (time: number) => (Number.isNaN(time) ? null : new Date(time));
  const reached: Record<string, Date | null> = {};
  for (let index = 0; index <= track.furthest; index += 1) {
    reached[stageId(index) as string] = dateOrNull(track.firstEntry[index] as number);
  }
  const entries: StageEntry[] = [];
  for (let index = 0; index < track.entryCount; index += 2) {
    entries.push({
      stage: stageId(track.entries[index] as number) as string,
      at: new Date(track.entries[index + 1] as number),
    });
  }
  const closed = track.status !== 'open';
  const exited = track.status === 'lost' || track.status === 'disqualified';
  const end = closed ? track.closedAt : asOf;
  return {
    id: track.id,
    origin: track.origin,
    status: track.status,
    currentStage: stageId(track.current),
    furthestStage: stageId(track.furthest),
    reached,
    entries,
    closedAt: dateOrNull(track.closedAt),
    exitedAt: exited ? stageId(track.furthest) : null,
    reason: track.reason,
    recycles: track.recycles,
    recycledAt: dateOrNull(track.recycledAt),
    // Never negative: with an outcome dated before the first stage, the stage can come after the close.
    ageInStageDays: Number.isNaN(track.currentSince)
      ? null
      : Math.max(0, end - track.currentSince) / MS_PER_DAY,
    amount: track.amount === null ? null : decimalOf(track.amount),
    anomalies: anomalyKinds.filter((_, bit) => (track.anomalies & (1 << bit)) !== 0),
  };
}
