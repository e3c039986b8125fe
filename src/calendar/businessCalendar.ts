import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import type { IssuePath } from '../errors/PipelineError.js';
import { deepFreeze } from '../pipeline/definePipeline.js';
import type { BusinessCalendar, BusinessCalendarConfig } from './types.js';

const clock = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight of an `HH:MM` time (`24:00` is 1440), or NaN when it is not one. */
export function minutesOfDay(text: string): number {
  const match = clock.exec(text);
  if (!match) return Number.NaN;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return 1440;
  return hours <= 23 && minutes <= 59 ? hours * 60 + minutes : Number.NaN;
}

/** Whether `Intl` (the runtime's time-zone database, which @date-fns/tz reads too) knows the zone. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const localDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a `YYYY-MM-DD` string is a real calendar date (no 30 February). */
function isLocalDate(text: string): boolean {
  const match = localDate.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const timeOfDay = z.string().refine((text) => !Number.isNaN(minutesOfDay(text)), {
  message: 'Expected a clock time "HH:MM" from "00:00" to "24:00"',
  params: { code: 'invalid_time' },
});

/** The zod schema of {@link BusinessCalendarConfig}. */
export const calendarSchema = /* @__PURE__ */ z
  .strictObject({
    timeZone: z
      .string()
      .refine(isTimeZone, {
        message: 'Expected an IANA time zone name such as "America/New_York"',
        params: { code: 'unknown_time_zone' },
      })
      .exactOptional(),
    workdays: z
      .array(
        z
          .number()
          .int('Expected a day of the week from 0 (Sunday) to 6 (Saturday)')
          .min(0, 'Expected a day of the week from 0 (Sunday) to 6 (Saturday)')
          .max(6, 'Expected a day of the week from 0 (Sunday) to 6 (Saturday)'),
      )
      .min(1, 'Expected at least one working day')
      .exactOptional(),
    hours: z.strictObject({ start: timeOfDay, end: timeOfDay }).exactOptional(),
    holidays: z
      .array(
        z.string().refine(isLocalDate, {
          message: 'Expected a holiday as a local date "YYYY-MM-DD"',
          params: { code: 'invalid_date' },
        }),
      )
      .exactOptional(),
  })
  .superRefine((config, context) => {
    if (!config.hours) return;
    const start = minutesOfDay(config.hours.start);
    const end = minutesOfDay(config.hours.end);
    if (start === 1440) {
      context.addIssue({
        code: 'custom',
        path: ['hours', 'start'],
        message: 'Working hours cannot start at "24:00"',
        params: { code: 'invalid_time' },
      });
    } else if (end <= start) {
      context.addIssue({
        code: 'custom',
        path: ['hours', 'end'],
        message: `Working hours must end after they start ("${config.hours.start}"), received "${config.hours.end}"`,
        params: { code: 'too_small' },
      });
    }
  });

// Calendars this module made: read without validating again.
const made = new WeakSet<object>();

/**
 * Validates a business calendar once and returns it frozen: the IANA time zone its clock times
 * and holidays are read in, the working days of the week, the working hours (a whole working day
 * when none are given) and the holidays. Every calculation with it is done in the calendar's zone
 * with `@date-fns/tz`, so it is correct across daylight-saving changes and never depends on the
 * zone of the machine it runs on.
 *
 * @param config - time zone (default `'UTC'`), workdays (default Monday–Friday, 0 = Sunday),
 *   optional hours `{ start, end }` and holidays `['2026-12-25', …]`
 * @returns the frozen calendar (plain data: it survives a JSON round trip)
 * @throws {@link PipelineError} with code `invalid_calendar` and the field's path: an unknown time
 *   zone (`['timeZone']`), a malformed holiday (`['holidays', i]`), a day of the week outside
 *   0–6, hours that are not `HH:MM` or end before they start, an unknown key
 *
 * @example
 * ```ts
 * const calendar = businessCalendar({
 *   timeZone: 'America/New_York',
 *   hours: { start: '09:00', end: '17:00' },
 *   holidays: ['2026-12-25', '2026-11-26'],
 * });
 * calendar.holidays; //=> ['2026-11-26', '2026-12-25']
 * ```
 */
export function businessCalendar(config: BusinessCalendarConfig = {}): BusinessCalendar {
  return defineCalendar(config, 'businessCalendar');
}

/** {@link businessCalendar} for the library's own functions: the error names the caller. */
export function defineCalendar(
  config: unknown,
  where: string,
  path: IssuePath = [],
): BusinessCalendar {
  const parsed = parseOrThrow(calendarSchema, config, 'invalid_calendar', where, path);
  const calendar: BusinessCalendar = {
    timeZone: parsed.timeZone ?? 'UTC',
    workdays: [...new Set(parsed.workdays ?? [1, 2, 3, 4, 5])].sort((a, b) => a - b),
    ...(parsed.hours ? { hours: { start: parsed.hours.start, end: parsed.hours.end } } : {}),
    holidays: [...new Set(parsed.holidays ?? [])].sort(),
  };
  made.add(calendar);
  return deepFreeze(calendar);
}

/** A calendar as the library's functions accept it: one {@link businessCalendar} made, or a config. */
export function readCalendar(
  value: unknown,
  where: string,
  path: IssuePath = [],
): BusinessCalendar {
  if (typeof value === 'object' && value !== null && made.has(value)) {
    return value as BusinessCalendar;
  }
  return defineCalendar(value, where, path);
}
