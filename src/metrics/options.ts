import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { PipelineError } from '../errors/PipelineError.js';
import { dateSchema } from '../journey/schemas.js';
import { hasStage, stageIndex } from '../pipeline/stageIndex.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';

/**
 * A time window: from `start` (inclusive) to `end` (exclusive).
 *
 * @example
 * ```ts
 * const q1: Window = { start: '2026-01-01', end: '2026-04-01' };
 * ```
 */
export interface Window {
  /** Inclusive start. */
  readonly start: DateInput;
  /** Exclusive end. */
  readonly end: DateInput;
}

/**
 * A cohort: the journeys that entered `stage` (default: the first stage, or the conversion's
 * `from`) inside the window. An implied passage counts at the time of the next observed entry.
 *
 * @example
 * ```ts
 * const cohort: CohortOptions = { start: '2026-01-01', end: '2026-04-01', stage: 'lead' };
 * ```
 */
export interface CohortOptions extends Window {
  /** The stage whose entry defines the cohort. */
  readonly stage?: string;
}

/**
 * Options shared by the funnel calculators and {@link funnelReport}.
 *
 * @example
 * ```ts
 * const options: FunnelOptions = { asOf: '2026-06-30', by: 'origin', confidence: 0.9 };
 * ```
 */
export interface FunnelOptions {
  /** The moment the report describes: events after it are ignored, open journeys are censored at it. */
  readonly asOf: DateInput;
  /** Split conversion and win rate into groups: `'origin'` or an attribute name (missing values form the `null` group). */
  readonly by?: string;
  /** Only the journeys that entered the cohort stage inside the window. */
  readonly cohort?: CohortOptions;
  /** `'implied'` (default): entering a later stage implies passing the earlier ones. `'strict'`: only observed entries count. */
  readonly skipped?: 'implied' | 'strict';
  /**
   * `'first'` (default): a journey counts once in the conversion rows, on its first entries.
   * `'each'`: every pass counts — a journey recycled to Marketing (or closed and reopened) that
   * enters stages again adds a pass from the stage it re-enters; an earlier pass is exited at its
   * furthest stage (won, if that is the last). Only the per-stage conversion rows change.
   */
  readonly passes?: 'first' | 'each';
  /** Confidence of the intervals, in (0, 1). Default 0.95. */
  readonly confidence?: number;
  /** Conversion options. */
  readonly conversion?: {
    /** Start of the `overall` figure (default: the first stage). */
    readonly from?: string;
    /** End of the `overall` figure (default: the last stage). */
    readonly to?: string;
    /** Count an advance only inside this many days of entering the stage. */
    readonly within?: number;
    /** `'cohort'` (default) follows journeys; `'flow'` divides entries into k+1 by entries into k inside the cohort window. */
    readonly mode?: 'cohort' | 'flow';
  };
  /** Velocity options. */
  readonly velocity?: {
    /** Where the cycle time starts (default: the first observed entry into any stage before the last). */
    readonly from?: string;
    /** At most this many rows in each time-in-stage curve (default 100). */
    readonly curveRows?: number;
  };
  /** Win-rate options. */
  readonly winRate?: {
    /** Among journeys that reached this stage (default: the handoff). */
    readonly from?: string;
    /** Count disqualified journeys as lost (default: false). */
    readonly includeDisqualified?: boolean;
  };
  /** Leakage options. */
  readonly leakage?: {
    /** An exit within this many days of entering is "immediately discontinued" (default 7). */
    readonly immediateDays?: number;
  };
  /** Deal-metric options. */
  readonly deals?: {
    /** The attribute that marks an existing customer (default `'existingCustomer'`): true, 1, or 'true' / 'yes' / 'existing' in any case. */
    readonly existingAttribute?: string;
    /** An attribute to show the mix of won deals by (count and value shares). */
    readonly mixBy?: string;
  };
}

/** Options after validation, with stage ids turned into indexes and times into epoch ms. */
export interface ResolvedOptions {
  readonly asOf: number;
  readonly by: string | null;
  readonly cohort: { readonly start: number; readonly end: number; readonly stage: number } | null;
  readonly strict: boolean;
  readonly eachPass: boolean;
  readonly confidence: number;
  readonly from: number;
  readonly to: number;
  readonly withinMs: number;
  readonly flow: boolean;
  readonly cycleFrom: number;
  readonly curveRows: number;
  readonly winFrom: number;
  readonly includeDisqualified: boolean;
  readonly immediateMs: number;
  readonly existingAttribute: string;
  readonly mixBy: string | null;
}

const stageId = z.string().min(1);
const days = z.number().finite().nonnegative();

const windowShape = { start: dateSchema, end: dateSchema };

/** An optional confidence level of an interval, in (0, 1); each calculator has its default. */
export const confidenceSchema = /* @__PURE__ */ z
  .number()
  .gt(0, 'Expected a confidence above 0')
  .lt(1, 'Expected a confidence below 1')
  .exactOptional();

/** The zod schema of {@link FunnelOptions}. */
export const funnelOptionsSchema = /* @__PURE__ */ z.strictObject({
  asOf: dateSchema,
  by: z.string().min(1).exactOptional(),
  cohort: z.strictObject({ ...windowShape, stage: stageId.exactOptional() }).exactOptional(),
  skipped: z.enum(['implied', 'strict']).exactOptional(),
  passes: z.enum(['first', 'each']).exactOptional(),
  confidence: confidenceSchema,
  conversion: z
    .strictObject({
      from: stageId.exactOptional(),
      to: stageId.exactOptional(),
      within: days.exactOptional(),
      mode: z.enum(['cohort', 'flow']).exactOptional(),
    })
    .exactOptional(),
  velocity: z
    .strictObject({
      from: stageId.exactOptional(),
      curveRows: z.number().int().min(1).exactOptional(),
    })
    .exactOptional(),
  winRate: z
    .strictObject({
      from: stageId.exactOptional(),
      includeDisqualified: z.boolean().exactOptional(),
    })
    .exactOptional(),
  leakage: z.strictObject({ immediateDays: days.exactOptional() }).exactOptional(),
  deals: z
    .strictObject({
      existingAttribute: z.string().min(1).exactOptional(),
      mixBy: z.string().min(1).exactOptional(),
    })
    .exactOptional(),
});

function fail(
  where: string,
  path: (string | number)[],
  message: string,
  code = 'invalid_value',
): never {
  throw new PipelineError('invalid_options', [{ code, path, message }], { where });
}

/**
 * Validates funnel options against a pipeline.
 *
 * @throws PipelineError `invalid_options` with the path: unknown keys, an unknown stage, a window
 *   whose end precedes its start, a confidence outside (0, 1), `to` before `from`, flow mode without a window
 */
export function resolveOptions(
  pipeline: Pipeline,
  options: FunnelOptions,
  where: string,
): ResolvedOptions {
  const parsed = parseOrThrow(funnelOptionsSchema, options, 'invalid_options', where);
  const stage = (id: string | undefined, path: (string | number)[], fallback: number): number => {
    if (id === undefined) return fallback;
    if (!hasStage(pipeline, id)) {
      fail(
        where,
        path,
        `Unknown stage "${id}"; the pipeline has ${pipeline.stages.map((s) => `"${s.id}"`).join(', ')}`,
        'unknown_stage',
      );
    }
    return stageIndex(pipeline, id);
  };
  const last = pipeline.stages.length - 1;
  const from = stage(parsed.conversion?.from, ['conversion', 'from'], 0);
  const to = stage(parsed.conversion?.to, ['conversion', 'to'], last);
  if (to < from)
    fail(
      where,
      ['conversion', 'to'],
      `"to" (${parsed.conversion?.to}) comes before "from" (${parsed.conversion?.from}) in the pipeline`,
    );
  let cohort: ResolvedOptions['cohort'] = null;
  if (parsed.cohort) {
    const { start, end } = parsed.cohort;
    if (end.getTime() < start.getTime())
      fail(where, ['cohort', 'end'], 'The cohort window ends before it starts');
    cohort = {
      start: start.getTime(),
      end: end.getTime(),
      stage: stage(parsed.cohort.stage, ['cohort', 'stage'], from),
    };
  }
  const flow = parsed.conversion?.mode === 'flow';
  if (flow && !cohort)
    fail(
      where,
      ['conversion', 'mode'],
      'Flow conversion needs a window: give `cohort: { start, end }`',
    );
  return {
    asOf: parsed.asOf.getTime(),
    by: parsed.by ?? null,
    cohort,
    strict: parsed.skipped === 'strict',
    eachPass: parsed.passes === 'each',
    confidence: parsed.confidence ?? 0.95,
    from,
    to,
    withinMs:
      parsed.conversion?.within === undefined
        ? Number.POSITIVE_INFINITY
        : parsed.conversion.within * 86_400_000,
    flow,
    cycleFrom: stage(parsed.velocity?.from, ['velocity', 'from'], -1),
    curveRows: parsed.velocity?.curveRows ?? 100,
    winFrom: stage(
      parsed.winRate?.from,
      ['winRate', 'from'],
      stageIndex(pipeline, pipeline.handoff),
    ),
    includeDisqualified: parsed.winRate?.includeDisqualified ?? false,
    immediateMs: (parsed.leakage?.immediateDays ?? 7) * 86_400_000,
    existingAttribute: parsed.deals?.existingAttribute ?? 'existingCustomer',
    mixBy: parsed.deals?.mixBy ?? null,
  };
}
