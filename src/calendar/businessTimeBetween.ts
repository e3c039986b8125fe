import { PipelineError } from '../errors/PipelineError.js';
import type { DateInput } from '../time/readDate.js';
import { readDate } from '../time/readDate.js';
import { readCalendar } from './businessCalendar.js';
import type { BusinessCalendar } from './types.js';
import { localDay, workPeriod } from './workPeriods.js';

/**
 * The working time between two instants in milliseconds: the overlap of `[a, b]` with the
 * calendar's working periods. Negative when `b` is before `a`, so that
 * `businessTimeBetween(a, b) + businessTimeBetween(b, c) = businessTimeBetween(a, c)` always.
 *
 * Walks the local days between the two instants: O(days).
 *
 * @param calendar - a {@link businessCalendar}
 * @param a - the start
 * @param b - the end
 * @returns milliseconds of working time (divide by 3,600,000 for hours)
 * @throws {@link PipelineError} `invalid_date` for a date that cannot be read (path `['a']` or
 *   `['b']`), `invalid_calendar` for a calendar config that is not valid
 *
 * @example
 * ```ts
 * const calendar = businessCalendar({ timeZone: 'America/New_York', hours: { start: '09:00', end: '17:00' } });
 * // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
 * businessTimeBetween(calendar, '2026-01-09T16:00:00-05:00', '2026-01-12T10:00:00-05:00') / 3_600_000; //=> 2
 * ```
 */
export function businessTimeBetween(
  calendar: BusinessCalendar,
  a: DateInput,
  b: DateInput,
): number {
  const where = 'businessTimeBetween';
  const resolved = readCalendar(calendar, where, ['calendar']);
  return workingTimeBetween(resolved, instant(a, 'a', where), instant(b, 'b', where));
}

/** {@link businessTimeBetween} over epoch ms, for the library's own functions. */
export function workingTimeBetween(calendar: BusinessCalendar, a: number, b: number): number {
  if (b < a) return -workingTimeBetween(calendar, b, a);
  let total = 0;
  const last = localDay(calendar, b);
  for (let day = localDay(calendar, a); day <= last; day += 1) {
    const period = workPeriod(calendar, day);
    if (period === null) continue;
    const overlap = Math.min(period.end, b) - Math.max(period.start, a);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** Reads a date argument or throws `invalid_date` with its name as the path. */
export function instant(value: unknown, name: string, where: string): number {
  const date = readDate(value);
  if (typeof date === 'string') {
    throw new PipelineError(
      'invalid_date',
      [{ code: 'invalid_date', path: [name], message: date }],
      {
        where,
      },
    );
  }
  return date.getTime();
}
