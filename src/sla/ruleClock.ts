import { addWorkingDays, addWorkingTime } from '../calendar/addBusinessTime.js';
import { minutesOfDay } from '../calendar/businessCalendar.js';
import { workingTimeBetween } from '../calendar/businessTimeBetween.js';
import type { BusinessCalendar } from '../calendar/types.js';
import type { SlaDuration } from './types.js';

// Each timed rule keeps one clock: working time when its `within` is in business days or hours,
// elapsed time when it is in days or hours. Due times, response hours, lateness and time left are
// all read on that clock, so "answered in 3 hours" means 3 working hours under a business-hours
// agreement (a lead handed over Friday 16:00 and called Monday 10:00 waited 2 working hours).

const HOUR = 3_600_000;

/** Whether a duration is counted in working time. */
export const isBusiness = (duration: SlaDuration): boolean =>
  'businessDays' in duration || 'businessHours' in duration;

/** When an obligation started at `from` (epoch ms) is due. */
export function dueTime(calendar: BusinessCalendar, from: number, within: SlaDuration): number {
  if ('businessDays' in within) return addWorkingDays(calendar, from, within.businessDays);
  if ('businessHours' in within)
    return addWorkingTime(calendar, from, Math.round(within.businessHours * HOUR));
  if ('days' in within) return from + Math.round(within.days * 24 * HOUR);
  return from + Math.round(within.hours * HOUR);
}

/** Hours from `a` to `b` on the clock of a rule whose allowance is `within`. */
export function hoursOn(
  calendar: BusinessCalendar,
  within: SlaDuration,
  a: number,
  b: number,
): number {
  const ms = isBusiness(within) ? workingTimeBetween(calendar, a, b) : b - a;
  return ms / HOUR;
}

/** The length of a working day of the calendar, in ms (its hours, or 24 hours). */
function workdayLength(calendar: BusinessCalendar): number {
  if (!calendar.hours) return 24 * HOUR;
  return (minutesOfDay(calendar.hours.end) - minutesOfDay(calendar.hours.start)) * 60_000;
}

/**
 * Whether, at `asOf`, no more than `warnBefore` is left until `due`. The time left is read on the
 * warning's own clock; a business day of warning is one working day's length of working time.
 */
export function inWarning(
  calendar: BusinessCalendar,
  warnBefore: SlaDuration,
  asOf: number,
  due: number,
): boolean {
  if ('businessDays' in warnBefore)
    return (
      workingTimeBetween(calendar, asOf, due) <= warnBefore.businessDays * workdayLength(calendar)
    );
  if ('businessHours' in warnBefore)
    return workingTimeBetween(calendar, asOf, due) <= warnBefore.businessHours * HOUR;
  const left = due - asOf;
  if ('days' in warnBefore) return left <= warnBefore.days * 24 * HOUR;
  return left <= warnBefore.hours * HOUR;
}
