import { type IssuePath, PipelineError, type PipelineIssue } from '../errors/PipelineError.js';

// Input checks shared by the statistics. They run once per call, by hand rather than through a
// zod schema: these functions sit in the inner loops of the metrics, and the checks are simple.

/**
 * What a value is, for messages: the number itself, or its kind.
 *
 * @example
 * ```ts
 * shown(1.5); //=> '1.5'
 * shown(null); //=> 'null'
 * ```
 */
export function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}

/**
 * Throws the one `invalid_options` error with a single issue.
 *
 * @example
 * ```ts
 * fail('quantile', 'too_big', ['q'], 'Expected q between 0 and 1, received 2'); // throws
 * ```
 */
export function fail(where: string, code: string, path: IssuePath, message: string): never {
  const issue: PipelineIssue = { code, path, message };
  throw new PipelineError('invalid_options', [issue], { where });
}

/**
 * A count: a finite, non-negative integer, or a throw naming `name`.
 *
 * @example
 * ```ts
 * readCount(3, 'trials', 'wilsonInterval'); //=> 3
 * ```
 */
export function readCount(value: unknown, name: string, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail(
      where,
      'invalid_type',
      [name],
      `Expected ${name} to be an integer, received ${shown(value)}`,
    );
  }
  if (value < 0) {
    fail(where, 'too_small', [name], `Expected ${name} to be at least 0, received ${value}`);
  }
  return value;
}

/**
 * Successes and trials of a proportion: counts, with no more successes than trials.
 *
 * @example
 * ```ts
 * readProportion(2, 5, 'wilsonInterval'); //=> { successes: 2, trials: 5 }
 * ```
 */
export function readProportion(
  successes: unknown,
  trials: unknown,
  where: string,
): { readonly successes: number; readonly trials: number } {
  const x = readCount(successes, 'successes', where);
  const n = readCount(trials, 'trials', where);
  if (x > n) {
    fail(
      where,
      'too_big',
      ['successes'],
      `Expected successes to be at most trials (${n}), received ${x}`,
    );
  }
  return { successes: x, trials: n };
}

/**
 * The confidence level of interval options: 0.95 unless given, strictly inside (0, 1); unknown
 * keys are rejected.
 *
 * @example
 * ```ts
 * readConfidence(undefined, 'wilsonInterval'); //=> 0.95
 * readConfidence({ confidence: 0.9 }, 'wilsonInterval'); //=> 0.9
 * ```
 */
export function readConfidence(options: unknown, where: string): number {
  if (options === undefined) return 0.95;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    fail(where, 'invalid_type', [], `Expected an options object, received ${shown(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'confidence') fail(where, 'unrecognized_keys', [key], `Unknown key "${key}"`);
  }
  const { confidence } = options as { confidence?: unknown };
  if (confidence === undefined) return 0.95;
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    fail(
      where,
      typeof confidence === 'number' && Number.isFinite(confidence)
        ? confidence <= 0
          ? 'too_small'
          : 'too_big'
        : 'invalid_type',
      ['confidence'],
      `Expected confidence strictly between 0 and 1 (e.g. 0.95), received ${shown(confidence)}`,
    );
  }
  return confidence;
}

/**
 * A list of finite numbers (non-negative ones when `nonNegative`), checked element by element;
 * the error names the first bad index.
 *
 * @example
 * ```ts
 * readNumbers([1, 2], 'days', 'summarizeDurations', true); //=> [1, 2]
 * ```
 */
export function readNumbers(
  values: unknown,
  name: string,
  where: string,
  nonNegative: boolean,
): readonly number[] {
  requireArray(values, name, where);
  for (let index = 0; index < values.length; index += 1) {
    const value: unknown = values[index];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail(
        where,
        'invalid_type',
        [name, index],
        `Expected a finite number, received ${shown(value)}`,
      );
    }
    if (nonNegative && value < 0) {
      fail(
        where,
        'too_small',
        [name, index],
        `Expected a duration of at least 0, received ${value}`,
      );
    }
  }
  return values as readonly number[];
}

/** Throws unless `values` is an array (named in the message). */
function requireArray(values: unknown, name: string, where: string): asserts values is unknown[] {
  if (!Array.isArray(values)) {
    fail(
      where,
      'invalid_type',
      [name],
      `Expected ${name} to be an array, received ${shown(values)}`,
    );
  }
}

/**
 * An array as long as `expected`, named in the message.
 *
 * @example
 * ```ts
 * readArray([true], 'observed', 1, 'duration', 'kaplanMeier'); //=> [true]
 * ```
 */
export function readArray(
  values: unknown,
  name: string,
  expected: number,
  against: string,
  where: string,
): readonly unknown[] {
  requireArray(values, name, where);
  if (values.length !== expected) {
    fail(
      where,
      'invalid_length',
      [name],
      `Expected ${name} to have one entry per ${against} (${expected}), received ${values.length}`,
    );
  }
  return values;
}
