import { PipelineError } from '../errors/PipelineError.js';
import { type DateInput, readDate } from './readDate.js';

/**
 * Converts a {@link DateInput} to a `Date`.
 *
 * @param value - a `Date`, epoch milliseconds, or an ISO-8601 string with an offset (or date only)
 * @returns a new `Date` (or the same valid `Date` you passed; it is never mutated)
 * @throws {@link PipelineError} with code `invalid_date` when the value cannot be read
 *
 * @example
 * ```ts
 * toDate('2026-03-01').toISOString(); //=> '2026-03-01T00:00:00.000Z'
 * toDate('2026-03-01T09:30:00+01:00').toISOString(); //=> '2026-03-01T08:30:00.000Z'
 * toDate('2026-03-01T09:30:00'); // throws: a date-time without an offset is ambiguous
 * ```
 */
export function toDate(value: DateInput): Date {
  const date = readDate(value);
  if (typeof date === 'string') {
    throw new PipelineError('invalid_date', [{ code: 'invalid_date', path: [], message: date }], {
      where: 'toDate',
    });
  }
  return date;
}
