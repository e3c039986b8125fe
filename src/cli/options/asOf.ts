import { readDate } from '../../time/readDate.js';
import { usageError } from '../errors.js';

/** `--as-of <date>`: an ISO date (midnight UTC) or a date-time with an offset. */
export function parseAsOf(value: string): Date {
  const date = readDate(value);
  if (typeof date === 'string') throw usageError(`--as-of: ${date}`);
  return date;
}
