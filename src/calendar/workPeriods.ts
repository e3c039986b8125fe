import { TZDate } from '@date-fns/tz';
import { zonedInstant } from '../time/zonedInstant.js';
import { minutesOfDay } from './businessCalendar.js';
import type { BusinessCalendar } from './types.js';

// The working time of a calendar as a sequence of periods, one per working local day: from the
// start of work to its end, as epoch milliseconds. Local days are numbered like epoch days
// (1970-01-01 is 0) and stepped with plain date arithmetic; only turning a local clock time into
// an instant needs the zone, and @date-fns/tz does that (daylight saving included).

const MS_PER_DAY = 86_400_000;

/** A working period: `[start, end]` in epoch ms. */
export interface WorkPeriod {
  readonly start: number;
  readonly end: number;
}

interface CalendarState {
  readonly timeZone: string;
  readonly workdays: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
  /** Minutes after local midnight. */
  readonly startMinutes: number;
  readonly endMinutes: number;
  /** Periods already computed, by local day number (null: not a working day). */
  readonly periods: Map<number, WorkPeriod | null>;
}

const states = new WeakMap<BusinessCalendar, CalendarState>();

function stateOf(calendar: BusinessCalendar): CalendarState {
  let state = states.get(calendar);
  if (!state) {
    state = {
      timeZone: calendar.timeZone,
      workdays: new Set(calendar.workdays),
      holidays: new Set(calendar.holidays),
      startMinutes: calendar.hours ? minutesOfDay(calendar.hours.start) : 0,
      endMinutes: calendar.hours ? minutesOfDay(calendar.hours.end) : 1440,
      periods: new Map(),
    };
    states.set(calendar, state);
  }
  return state;
}

/** The local day (epoch-day number) an instant falls on in the calendar's zone. */
export function localDay(calendar: BusinessCalendar, time: number): number {
  const local = new TZDate(time, calendar.timeZone);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / MS_PER_DAY;
}

/**
 * The instant of a local clock time on a local day (minutes after midnight, ms after the minute).
 * From the zone's offsets alone, never the machine's zone: a clock time in a daylight-saving gap
 * moves forward by the gap; one that occurs twice is the earlier instant.
 */
export function localInstant(
  calendar: BusinessCalendar,
  day: number,
  minutes: number,
  milliseconds = 0,
): number {
  return zonedInstant(day * MS_PER_DAY + minutes * 60_000 + milliseconds, calendar.timeZone);
}

/** The local clock time of an instant: minutes after midnight, and the milliseconds after that minute. */
export function localClock(calendar: BusinessCalendar, time: number): [number, number] {
  const local = new TZDate(time, calendar.timeZone);
  return [
    local.getHours() * 60 + local.getMinutes(),
    local.getSeconds() * 1000 + local.getMilliseconds(),
  ];
}

/** The working period of a local day, or null when the day is not worked. */
export function workPeriod(calendar: BusinessCalendar, day: number): WorkPeriod | null {
  const state = stateOf(calendar);
  const known = state.periods.get(day);
  if (known !== undefined) return known;
  const date = new Date(day * MS_PER_DAY);
  const worked =
    state.workdays.has(date.getUTCDay()) && !state.holidays.has(date.toISOString().slice(0, 10));
  let period: WorkPeriod | null = null;
  if (worked) {
    const start = localInstant(calendar, day, state.startMinutes);
    const end = localInstant(calendar, day, state.endMinutes);
    // A daylight-saving gap can swallow short hours: such a day has no working time.
    period = end > start ? { start, end } : null;
  }
  // Evaluating an SLA asks for the same few hundred days again and again.
  if (state.periods.size > 100_000) state.periods.clear();
  state.periods.set(day, period);
  return period;
}

/** The first working day after `day` (a calendar always has one: workdays are never empty). */
export function nextWorkingDay(calendar: BusinessCalendar, day: number): number {
  let next = day + 1;
  while (workPeriod(calendar, next) === null) next += 1;
  return next;
}
