import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { PipelineError } from '../errors/PipelineError.js';
import { dateSchema } from '../journey/schemas.js';
import { hasStage, stageIndex } from '../pipeline/stageIndex.js';
import type { Pipeline } from '../pipeline/types.js';

// Option pieces shared by the forecasting calculators: every option object is strict (a typo is
// an error naming the key), dates are read once into epoch milliseconds.

/** A period [start, end) as read: epoch milliseconds. */
export interface ReadPeriod {
  readonly start: number;
  readonly end: number;
}

/** Adds an issue at `end` when a window ends before it starts. */
function endNotBeforeStart(window: { start: Date; end: Date }, context: z.RefinementCtx): void {
  if (window.end.getTime() < window.start.getTime()) {
    context.addIssue({
      code: 'custom',
      path: ['end'],
      message: 'The period ends before it starts',
      params: { code: 'invalid_value' },
    });
  }
}

/** `{ start, end }` with `end` not before `start`, read into epoch milliseconds. */
export const periodSchema = /* @__PURE__ */ z
  .strictObject({ start: dateSchema, end: dateSchema })
  .superRefine(endNotBeforeStart)
  .transform(
    (window): ReadPeriod => ({ start: window.start.getTime(), end: window.end.getTime() }),
  );

/** A forecast period: a {@link periodSchema} window with an optional snapshot. */
export const forecastPeriodSchema = /* @__PURE__ */ z
  .strictObject({ start: dateSchema, end: dateSchema, snapshot: dateSchema.exactOptional() })
  .superRefine(endNotBeforeStart)
  .transform((window) => ({
    start: window.start.getTime(),
    end: window.end.getTime(),
    snapshot: window.snapshot,
  }));

/** A stage id. */
export const stageIdSchema = /* @__PURE__ */ z.string().min(1);

/** The forecast-category option: `true` for the `forecastCategory` attribute, or another attribute's name. */
export const byCategorySchema = /* @__PURE__ */ z.union([z.literal(true), z.string().min(1)]);

/** Parses options, rejecting a non-object with the calculator's name. */
export function parseOptions<Output>(schema: z.ZodType<Output>, options: unknown, where: string) {
  return parseOrThrow(schema, options, 'invalid_options', where);
}

/** An `invalid_options` error with one issue. */
export function optionsError(
  where: string,
  path: (string | number)[],
  message: string,
  code = 'invalid_value',
): PipelineError {
  return new PipelineError('invalid_options', [{ code, path, message }], { where });
}

/** A stage id option as an index; `fallback` when not given. */
export function stageOption(
  pipeline: Pipeline,
  id: string | undefined,
  path: (string | number)[],
  fallback: number,
  where: string,
): number {
  if (id === undefined) return fallback;
  if (!hasStage(pipeline, id)) {
    throw optionsError(
      where,
      path,
      `Unknown stage "${id}"; the pipeline has ${pipeline.stages.map((stage) => `"${stage.id}"`).join(', ')}`,
      'unknown_stage',
    );
  }
  return stageIndex(pipeline, id);
}

/** A list of journeys that can be read more than once. */
export function listOf<T>(journeys: Iterable<T>): readonly T[] {
  return Array.isArray(journeys) ? (journeys as readonly T[]) : Array.from(journeys);
}
