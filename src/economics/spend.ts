import * as z from 'zod';
import { issuesFromZod } from '../errors/fromZod.js';
import { type IssuePath, PipelineError, type PipelineIssue } from '../errors/PipelineError.js';
import { dropUndefined } from '../journey/parseJourney.js';
import { amountSchema, dateSchema } from '../journey/schemas.js';
import type { Decimal, MoneyInput } from '../money/money.js';
import { deepFreeze } from '../pipeline/definePipeline.js';
import { stageIndexMap, unknownStage } from '../pipeline/stageIndex.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';

/**
 * One line of spend as you pass it in: what a program (a campaign, channel or source) cost over a
 * period. The period runs from `start` (inclusive) to `end` (exclusive), like every window in the
 * library: the first quarter of 2026 is `{ start: '2026-01-01', end: '2026-04-01' }`.
 *
 * The spend counts toward the program's journeys whose **first entry** (into any stage) falls
 * inside the period; with `stage`, toward those whose entry into that stage does (an implied
 * passage counts at the time of the next observed entry). Use `stage` for spend that buys a later
 * step: Sales follow-up per opportunity, say.
 *
 * @example
 * ```ts
 * const line: SpendInput = {
 *   program: 'webinar',
 *   period: { start: '2026-01-01', end: '2026-04-01' },
 *   amount: '4500.00',
 * };
 * ```
 */
export interface SpendInput {
  /** The program: matched against each journey's program attribute (default: its `origin`). */
  readonly program: string;
  /** When the money was spent: `start` inclusive, `end` exclusive. */
  readonly period: {
    /** Inclusive start. */
    readonly start: DateInput;
    /** Exclusive end; not before `start`. */
    readonly end: DateInput;
  };
  /** How much; never negative. */
  readonly amount: MoneyInput;
  /** Attribute by entries into this stage instead of by first entry. */
  readonly stage?: string;
}

/**
 * A validated spend line (see {@link parseSpend}): dates read, the amount a `Decimal`.
 *
 * @example
 * ```ts
 * const [line] = parseSpend(presets.buyingPipeline, [
 *   { program: 'webinar', period: { start: '2026-01-01', end: '2026-04-01' }, amount: 4500 },
 * ]);
 * line?.amount.toFixed(2); //=> '4500.00'
 * ```
 */
export interface Spend extends SpendInput {
  /** When the money was spent. */
  readonly period: {
    /** Inclusive start. */
    readonly start: Date;
    /** Exclusive end. */
    readonly end: Date;
  };
  /** How much. */
  readonly amount: Decimal;
}

const spendLineSchema = /* @__PURE__ */ z.strictObject({
  program: z.string().trim().min(1, 'Expected a non-empty program'),
  period: z.strictObject({ start: dateSchema, end: dateSchema }),
  amount: amountSchema,
  stage: z.string().trim().min(1, 'Expected a non-empty stage id').exactOptional(),
});

/**
 * Validates a list of spend lines against a pipeline and returns a frozen copy: dates as `Date`s,
 * amounts as exact `Decimal`s. Every line is checked and every problem reported at once, each with
 * its path.
 *
 * @param pipeline - the pipeline whose stages a line's `stage` must name
 * @param spend - the spend lines
 * @param where - the function named in error messages
 * @param prefix - prefixes issue paths (e.g. `['spend']` when the list sits inside options)
 * @returns the validated lines, in your order (your input is not changed)
 * @throws {@link PipelineError} with code `invalid_spend` and one issue per problem: a negative or
 *   unreadable amount (path `[i, 'amount']`), a period whose end precedes its start (issue code
 *   `invalid_period`, `[i, 'period', 'end']`), an unknown stage (issue code `unknown_stage`,
 *   `[i, 'stage']`), an unknown key, a missing program
 *
 * @example
 * ```ts
 * const spend = parseSpend(presets.buyingPipeline, [
 *   { program: 'webinar', period: { start: '2026-01-01', end: '2026-04-01' }, amount: '4500' },
 *   { program: 'sdr', period: { start: '2026-01-01', end: '2026-04-01' }, amount: 9000, stage: 'qualified_lead' },
 * ]);
 * spend[1]?.period.end.toISOString(); //=> '2026-04-01T00:00:00.000Z'
 * parseSpend(presets.buyingPipeline, [
 *   { program: 'x', period: { start: '2026-02-01', end: '2026-01-01' }, amount: 10 },
 *   { program: 'y', period: { start: '2026-01-01', end: '2026-02-01' }, amount: -1 },
 * ]);
 * // throws: invalid_spend with issues at [0, 'period', 'end'] and [1, 'amount']
 * ```
 */
export function parseSpend(
  pipeline: Pipeline,
  spend: readonly SpendInput[],
  where = 'parseSpend',
  prefix: IssuePath = [],
): readonly Spend[] {
  if (!Array.isArray(spend)) {
    throw new PipelineError(
      'invalid_spend',
      [{ code: 'invalid_type', path: [...prefix], message: 'Expected a list of spend lines' }],
      { where },
    );
  }
  const stages = stageIndexMap(pipeline);
  const issues: PipelineIssue[] = [];
  const lines: Spend[] = [];
  let cause: z.ZodError | undefined;
  spend.forEach((input: unknown, index) => {
    const path = [...prefix, index];
    // A key set to `undefined` means the same as a key left out, as in journeys.
    const record =
      typeof input === 'object' && input !== null && !Array.isArray(input)
        ? dropUndefined(input as Record<string, unknown>)
        : input;
    const result = spendLineSchema.safeParse(record, { reportInput: true });
    if (!result.success) {
      cause ??= result.error;
      issues.push(...issuesFromZod(result.error, path));
      return;
    }
    const line = result.data;
    if (line.period.end.getTime() < line.period.start.getTime()) {
      issues.push({
        code: 'invalid_period',
        path: [...path, 'period', 'end'],
        message: `The period ends (${line.period.end.toISOString()}) before it starts (${line.period.start.toISOString()})`,
      });
    }
    if (line.stage !== undefined && !stages.has(line.stage)) {
      issues.push(...unknownStage(pipeline, line.stage, where, [...path, 'stage']).issues);
    }
    lines.push(line as Spend);
  });
  const [first, ...rest] = issues;
  if (first) {
    throw new PipelineError('invalid_spend', [first, ...rest], {
      where,
      ...(cause && { cause }),
    });
  }
  return deepFreeze(lines);
}
