import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import type { Decimal } from '../money/money.js';
import { hasStage, stageIndex, unknownStage } from '../pipeline/stageIndex.js';
import type { Pipeline } from '../pipeline/types.js';
import { daysBetween } from '../time/days.js';
import type { DateInput } from '../time/readDate.js';
import { parseJourney } from './parseJourney.js';
import { dateSchema } from './schemas.js';
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
  /** Days in the current stage since its latest entry, until the close or `asOf`; `null` before any stage. */
  readonly ageInStageDays: number | null;
  /** The journey's value, or `null` when it has none. */
  readonly amount: Decimal | null;
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
 *   last stage after a win, which agrees with the win.
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
  const parsed = parseJourney(journey, { pipeline });
  const lastIndex = pipeline.stages.length - 1;

  let status: JourneyStatus = 'open';
  let current = -1;
  let furthest = -1;
  let closedAt: Date | null = null;
  let reason: string | null = null;
  let recycles = 0;
  let recycledAt: Date | null = null;
  let currentSince: Date | null = null;
  const firstEntry = new Map<number, Date>();
  const entries: StageEntry[] = [];

  const enter = (index: number, at: Date) => {
    const stage = pipeline.stages[index]?.id as string;
    if (!firstEntry.has(index)) firstEntry.set(index, at);
    // A repeated entry into the stage it is in does not restart its age; a new pass after a recycle does.
    if (index !== current || recycledAt !== null) currentSince = at;
    current = index;
    furthest = Math.max(furthest, index);
    entries.push({ stage, at: new Date(at) });
    recycledAt = null;
  };

  // Check stage ids on the caller's own events, so the error path points at their index.
  journey.events.forEach((event, index) => {
    if (event.type === 'stage' && !hasStage(pipeline, event.stage.trim())) {
      throw unknownStage(pipeline, event.stage, 'summarizeJourney', ['events', index, 'stage']);
    }
  });
  for (const event of parsed.events) {
    if (event.at > asOf) break;
    if (event.type === 'stage') {
      const index = stageIndex(pipeline, event.stage);
      if (status !== 'open') {
        if (status === 'won' && index === lastIndex) continue;
        status = 'open';
        closedAt = null;
        reason = null;
      }
      enter(index, event.at);
    } else if (event.type === 'outcome') {
      if (event.outcome === 'recycled') {
        // Back to Marketing for nurture: open again, whatever it was (lost-then-recycled is common).
        recycles += 1;
        recycledAt = event.at;
        status = 'open';
        closedAt = null;
        reason = null;
        continue;
      }
      status = event.outcome;
      closedAt = event.at;
      reason = event.reason ?? null;
      // A win is an entry into the last stage, unless it is already there on this pass.
      if (event.outcome === 'won' && (current !== lastIndex || recycledAt !== null)) {
        enter(lastIndex, event.at);
      }
    }
  }

  const reached: Record<string, Date | null> = {};
  for (let index = 0; index <= furthest; index += 1) {
    const at = firstEntry.get(index);
    reached[pipeline.stages[index]?.id as string] = at ? new Date(at) : null;
  }
  const stageId = (index: number) => (index >= 0 ? (pipeline.stages[index]?.id ?? null) : null);
  const since = currentSince as Date | null;
  return {
    id: parsed.id,
    origin: parsed.origin ?? null,
    status,
    currentStage: stageId(current),
    furthestStage: stageId(furthest),
    reached,
    entries,
    closedAt: closedAt ? new Date(closedAt) : null,
    exitedAt: status === 'lost' || status === 'disqualified' ? stageId(furthest) : null,
    reason,
    recycles,
    recycledAt: recycledAt ? new Date(recycledAt) : null,
    ageInStageDays: since === null ? null : daysBetween(since, closedAt ?? asOf),
    amount: parsed.amount ?? null,
  };
}
