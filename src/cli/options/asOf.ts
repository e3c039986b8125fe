import { readDate } from '../../time/readDate.js';
import { usageError } from '../errors.js';

/** `--as-of <date>`: an ISO date (midnight UTC) or a date-time with an offset. */
export function parseAsOf(value: string): Date {
  return parseDateOption(value, '--as-of');
}

/** A date option (`--from`, `--start` …): an ISO date (midnight UTC) or a date-time with an offset. */
export function parseDateOption(value: string, option: string): Date {
  const date = readDate(value.trim());
  if (typeof date === 'string') throw usageError(`${option}: ${date}`);
  return date;
}
