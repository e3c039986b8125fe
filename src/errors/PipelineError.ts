/**
 * A path into the offending input: object keys and array indexes, outermost first.
 *
 * @example
 * ```ts
 * const path: IssuePath = ['events', 3, 'at'];
 * ```
 */
export type IssuePath = readonly (string | number)[];

/**
 * One thing wrong with an input, shaped like a zod issue.
 *
 * @example
 * ```ts
 * const issue: PipelineIssue = { code: 'duplicate_stage', path: ['stages', 2, 'id'], message: 'Duplicate stage id "lead"' };
 * ```
 */
export interface PipelineIssue {
  /** A stable machine-readable code, e.g. `invalid_type`, `unrecognized_keys`, `duplicate_stage`. */
  readonly code: string;
  /** Where in the input the problem is. */
  readonly path: IssuePath;
  /** A human-readable explanation. */
  readonly message: string;
}

/**
 * The stable error codes a {@link PipelineError} carries.
 *
 * - `invalid_pipeline`: a pipeline config failed validation.
 * - `invalid_condition`: a condition (criteria) failed validation.
 * - `invalid_journey`: a journey or one of its events failed validation.
 * - `invalid_rows`: flat event rows failed validation or contradict each other.
 * - `invalid_options`: the options of a function failed validation.
 * - `invalid_date`: a date input could not be read.
 * - `unknown_stage`: a stage id that the pipeline does not have.
 * - `invalid_spend`: a list of spend lines (program, period, amount, stage) failed validation.
 * - `invalid_calendar`: a business calendar config failed validation.
 * - `invalid_sla`: an SLA config failed validation.
 * - `invalid_scoring_model`: a scoring model config failed validation.
 * - `invalid_lead`: a lead given to a scorer failed validation (an unknown answer level, a bad time …).
 * - `invalid_samples`: historical samples (scores or attributes with outcomes) failed validation.
 * - `insufficient_data`: too few samples to learn from (a cold start).
 *
 * @example
 * ```ts
 * const code: PipelineErrorCode = 'invalid_journey';
 * ```
 */
export type PipelineErrorCode =
  | 'invalid_pipeline'
  | 'invalid_condition'
  | 'invalid_journey'
  | 'invalid_rows'
  | 'invalid_options'
  | 'invalid_date'
  | 'unknown_stage'
  | 'invalid_spend'
  | 'invalid_calendar'
  | 'invalid_sla'
  | 'invalid_scoring_model'
  | 'invalid_lead'
  | 'invalid_samples'
  | 'insufficient_data';

const brand = Symbol.for('buying-pipeline.PipelineError');

/**
 * The one error class the library throws for bad input. It has a stable {@link PipelineErrorCode},
 * a human message and a non-empty `issues` list whose entries name the offending field's `path`.
 * When validation was done by zod, the zod error is the `cause`.
 *
 * Use {@link isPipelineError} rather than `instanceof`: an error thrown by the CommonJS build is
 * not an instance of the ES module class.
 *
 * @example
 * ```ts
 * try {
 *   definePipeline({ stages: [], handoff: 'x' });
 * } catch (error) {
 *   if (isPipelineError(error)) console.log(error.code, error.issues[0].path);
 *   //=> 'invalid_pipeline' ['stages']
 * }
 * ```
 */
export class PipelineError extends Error {
  /** Always `'PipelineError'`. */
  override readonly name = 'PipelineError';
  /** The stable error code. */
  readonly code: PipelineErrorCode;
  /** What is wrong, never empty. */
  readonly issues: readonly [PipelineIssue, ...PipelineIssue[]];

  /**
   * @param code - the stable error code
   * @param issues - what is wrong; the first one also makes the message
   * @param options - `where`: the function or input named in the message; `cause`: the underlying error
   */
  constructor(
    code: PipelineErrorCode,
    issues: readonly [PipelineIssue, ...PipelineIssue[]],
    options: { where?: string; cause?: unknown } = {},
  ) {
    super(formatMessage(options.where, issues), { cause: options.cause });
    this.code = code;
    this.issues = issues;
    Object.defineProperty(this, brand, { value: true });
  }
}

function formatMessage(where: string | undefined, issues: readonly PipelineIssue[]): string {
  const [first] = issues;
  const at = first && first.path.length > 0 ? ` at ${formatPath(first.path)}` : '';
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})`
      : '';
  return `${where ? `${where}: ` : ''}${first?.message ?? 'invalid input'}${at}${more}`;
}

/**
 * Formats an issue path the way a reader would write it: `stages[2].id`.
 *
 * @example
 * ```ts
 * formatPath(['stages', 2, 'id']); //=> 'stages[2].id'
 * ```
 */
export function formatPath(path: IssuePath): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  }
  return text;
}

/**
 * Whether a value is a {@link PipelineError}, from either the ES module or the CommonJS build.
 *
 * @example
 * ```ts
 * try { definePipeline({ stages: [], handoff: 'x' }); }
 * catch (error) { isPipelineError(error); } //=> true
 * ```
 */
export function isPipelineError(value: unknown): value is PipelineError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<PropertyKey, unknown>)[brand] === true
  );
}
