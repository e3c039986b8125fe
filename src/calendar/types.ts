/**
 * Working hours of a day as local clock times `HH:MM` in the calendar's time zone; `end` may be
 * `'24:00'` (midnight at the end of the day) and must come after `start`.
 *
 * @example
 * ```ts
 * const hours: WorkingHours = { start: '09:00', end: '17:00' };
 * ```
 */
export interface WorkingHours {
  /** When work starts, `HH:MM`. */
  readonly start: string;
  /** When work ends, `HH:MM` (up to `24:00`). */
  readonly end: string;
}

/**
 * A business calendar as you write it. Days of the week are numbered like `Date.getDay()` and
 * date-fns' `getDay`: 0 is Sunday, 1 Monday … 6 Saturday.
 *
 * @example
 * ```ts
 * const config: BusinessCalendarConfig = {
 *   timeZone: 'America/New_York',
 *   workdays: [1, 2, 3, 4, 5],
 *   hours: { start: '09:00', end: '17:00' },
 *   holidays: ['2026-12-25'],
 * };
 * ```
 */
export interface BusinessCalendarConfig {
  /** An IANA time zone name (`'Europe/Berlin'`). Default `'UTC'`. */
  readonly timeZone?: string;
  /** The working days of the week, 0 (Sunday) to 6 (Saturday). Default Monday to Friday. */
  readonly workdays?: readonly number[];
  /** The working hours of each working day. Without them a working day counts whole (midnight to midnight). */
  readonly hours?: WorkingHours;
  /** Local dates (`YYYY-MM-DD`) that are not worked. */
  readonly holidays?: readonly string[];
}

/**
 * A validated, frozen business calendar (see {@link businessCalendar}): plain data that is also a
 * valid {@link BusinessCalendarConfig}, with workdays and holidays sorted and without duplicates.
 *
 * @example
 * ```ts
 * const calendar: BusinessCalendar = businessCalendar({ timeZone: 'Europe/Berlin' });
 * calendar.workdays; //=> [1, 2, 3, 4, 5]
 * ```
 */
export interface BusinessCalendar extends BusinessCalendarConfig {
  /** The IANA time zone. */
  readonly timeZone: string;
  /** The working days of the week, ascending. */
  readonly workdays: readonly number[];
  /** The holidays, ascending. */
  readonly holidays: readonly string[];
}

/**
 * An amount of working time for {@link addBusinessTime}: whole business `days` (the same clock time
 * that many working days later), then `hours` and `minutes` of working time. Each is a
 * non-negative number; `days` is a whole number.
 *
 * @example
 * ```ts
 * const twoDaysAndAHalfHour: BusinessDuration = { days: 2, minutes: 30 };
 * ```
 */
export interface BusinessDuration {
  /** Whole working days. */
  readonly days?: number;
  /** Hours of working time. */
  readonly hours?: number;
  /** Minutes of working time. */
  readonly minutes?: number;
}
