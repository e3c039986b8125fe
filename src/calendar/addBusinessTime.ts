import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { PipelineError } from '../errors/PipelineError.js';
import type { DateInput } from '../time/readDate.js';
import { readCalendar } from './businessCalendar.js';
import { instant } from './businessTimeBetween.js';
import type { BusinessCalendar, BusinessDuration } from './types.js';
import { localClock, localDay, localInstant, nextWorkingDay, workPeriod } from './workPeriods.js';

const amount = z.number().finite().nonnegative();

// A century of working time at most: enough for any SLA, and the day-by-day walk stays quick.
const durationSchema = /* @__PURE__ */ z.strictObject({
  days: amount.int('Expected a whole number of business days').max(36_500).exactOptional(),
  hours: amount.max(876_000).exactOptional(),
  minutes: amount.max(52_560_000).exactOptional(),
});

/** The latest instant a `Date` can hold. */
const MAX_TIME = 8.64e15;

/**
 * Adds working time to an instant. `days` come first and keep the clock time: from inside
 * working hours, N business days later is the same local clock time on the N-th working day
 * after (Friday 16:00 + 2 business days = Tuesday 16:00; with the Monday a holiday, Wednesday
 * 16:00). From outside working hours (a weekend, a holiday, before or after hours), the days count
 * from the next start of work and the result is the end of the N-th working day. Then `hours` and
 * `minutes` are added as working time, skipping nights, weekends and holidays.
 *
 * When several instants are equally far in working time (Friday 17:00 and Monday 09:00), the
 * result is the earliest, so `businessTimeBetween(from, addBusinessTime(from, { hours: h }))` is
 * exactly `h` hours. Clock times are the calendar zone's, across daylight-saving changes.
 *
 * O(days spanned).
 *
 * @param calendar - a {@link businessCalendar}
 * @param from - where to start
 * @param duration - `{ days?, hours?, minutes? }`, each non-negative (at most a century), days whole
 * @returns a new `Date`
 * @throws {@link PipelineError} `invalid_options` for a negative, fractional-day or non-numeric
 *   duration (path `['days']`, `['hours']` or `['minutes']`), `invalid_date` for `from`
 *   (path `['from']`), `invalid_calendar` for a calendar config that is not valid
 *
 * @example
 * ```ts
 * const calendar = businessCalendar({
 *   timeZone: 'America/New_York',
 *   hours: { start: '09:00', end: '17:00' },
 * });
 * // Friday 16:00 + 2 business days = Tuesday 16:00 (21:00 UTC in winter).
 * addBusinessTime(calendar, '2026-01-09T16:00:00-05:00', { days: 2 }).toISOString();
 * //=> '2026-01-13T21:00:00.000Z'
 * // Friday 16:00 + 2 working hours = Monday 10:00.
 * addBusinessTime(calendar, '2026-01-09T16:00:00-05:00', { hours: 2 }).toISOString();
 * //=> '2026-01-12T15:00:00.000Z'
 * ```
 */
export function addBusinessTime(
  calendar: BusinessCalendar,
  from: DateInput,
  duration: BusinessDuration,
): Date {
  const where = 'addBusinessTime';
  const resolved = readCalendar(calendar, where, ['calendar']);
  const start = instant(from, 'from', where);
  const parsed = parseOrThrow(durationSchema, duration, 'invalid_options', where);
  const afterDays = addWorkingDays(resolved, start, parsed.days ?? 0);
  const ms = Math.round(((parsed.hours ?? 0) * 60 + (parsed.minutes ?? 0)) * 60_000);
  const result = addWorkingTime(resolved, afterDays, ms);
  if (!(Math.abs(result) <= MAX_TIME)) {
    throw new PipelineError(
      'invalid_options',
      [{ code: 'too_big', path: [], message: 'The result is beyond the dates a Date can hold' }],
      { where },
    );
  }
  return new Date(result);
}

/**
 * Business days that keep the clock time (see {@link addBusinessTime}). Epoch ms in and out.
 */
export function addWorkingDays(calendar: BusinessCalendar, from: number, days: number): number {
  if (days === 0) return from;
  const day = localDay(calendar, from);
  const period = workPeriod(calendar, day);
  if (period !== null && period.start < from && from <= period.end) {
    let target = day;
    for (let step = 0; step < days; step += 1) target = nextWorkingDay(calendar, target);
    const targetPeriod = workPeriod(calendar, target) as NonNullable<typeof period>;
    if (from === period.end) return targetPeriod.end;
    const [minutes, milliseconds] = localClock(calendar, from);
    const sameClock = localInstant(calendar, target, minutes, milliseconds);
    // Only a daylight-saving change inside working hours can move a clock time out of them.
    return Math.min(targetPeriod.end, Math.max(targetPeriod.start, sameClock));
  }
  // Outside working time: count from the next start of work; each day is then worked whole.
  let target = period !== null && from <= period.start ? day : nextWorkingDay(calendar, day);
  for (let step = 1; step < days; step += 1) target = nextWorkingDay(calendar, target);
  return (workPeriod(calendar, target) as NonNullable<typeof period>).end;
}

/** Adds `ms` of working time to `from` (epoch ms), returning the earliest instant that far on. */
export function addWorkingTime(calendar: BusinessCalendar, from: number, ms: number): number {
  let remaining = ms;
  if (remaining <= 0) return from;
  for (let day = localDay(calendar, from); ; day += 1) {
    const period = workPeriod(calendar, day);
    if (period === null || period.end <= from) continue;
    const start = Math.max(period.start, from);
    const available = period.end - start;
    if (remaining <= available) return start + remaining;
    remaining -= available;
  }
}
