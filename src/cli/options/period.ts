import { usageError } from '../errors.js';
import { parseDateOption as dateOption } from './asOf.js';

/** A period [start, end) from the command line. */
export interface CliPeriod {
  readonly start: Date;
  readonly end: Date;
}

/**
 * `--period <start>..<end>`, or `--start` and `--end`: a period [start, end) of ISO dates
 * (midnight UTC) or date-times with an offset. Exactly one of the two ways; the end not before
 * the start. Anything else is a usage error.
 */
export function parsePeriod(options: {
  readonly period?: string;
  readonly start?: string;
  readonly end?: string;
}): CliPeriod {
  const { period, start, end } = options;
  let window: CliPeriod;
  if (period !== undefined) {
    if (start !== undefined || end !== undefined)
      throw usageError('give --period or --start and --end, not both');
    const parts = period.split('..');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '')
      throw usageError(
        `--period "${period}": expected <start>..<end>, e.g. 2026-04-01..2026-07-01 (the end is not in the period)`,
      );
    window = {
      start: dateOption(parts[0] ?? '', '--period start'),
      end: dateOption(parts[1] ?? '', '--period end'),
    };
  } else {
    if (start === undefined || end === undefined)
      throw usageError(
        'a period is needed: --period <start>..<end>, or --start <date> and --end <date>',
      );
    window = { start: dateOption(start, '--start'), end: dateOption(end, '--end') };
  }
  if (window.end.getTime() < window.start.getTime())
    throw usageError(
      `the period ends (${window.end.toISOString()}) before it starts (${window.start.toISOString()})`,
    );
  return window;
}
