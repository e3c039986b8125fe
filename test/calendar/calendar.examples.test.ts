import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessCalendar,
  businessTimeBetween,
  isPipelineError,
} from '../../src/index.js';
import { json } from '../helpers.js';

const HOUR = 3_600_000;
const newYork = businessCalendar({
  timeZone: 'America/New_York',
  workdays: [1, 2, 3, 4, 5],
  hours: { start: '09:00', end: '17:00' },
});
const iso = (date: Date) => date.toISOString();

describe('addBusinessTime: hand-checked, Monday–Friday 09:00–17:00 in New York', () => {
  it('Friday 16:00 + 2 business days is Tuesday 16:00', () => {
    // 2026-01-09 is a Friday; EST is UTC−5, so Tuesday 2026-01-13 16:00 is 21:00Z.
    expect(iso(addBusinessTime(newYork, '2026-01-09T16:00:00-05:00', { days: 2 }))).toBe(
      '2026-01-13T21:00:00.000Z',
    );
  });

  it('with the Monday a holiday, Friday 16:00 + 2 business days is Wednesday 16:00', () => {
    const withHoliday = businessCalendar({ ...newYork, holidays: ['2026-01-12'] });
    expect(iso(addBusinessTime(withHoliday, '2026-01-09T16:00:00-05:00', { days: 2 }))).toBe(
      '2026-01-14T21:00:00.000Z',
    );
  });

  it('keeps the local clock time across the March daylight-saving change', () => {
    // Clocks go forward on Sunday 2026-03-08. Friday 03-06 16:00 EST = 21:00Z; Tuesday 03-10
    // 16:00 EDT (UTC−4) = 20:00Z: 95 elapsed hours, 16 working hours (1 + 8 + 7).
    const due = addBusinessTime(newYork, '2026-03-06T16:00:00-05:00', { days: 2 });
    expect(iso(due)).toBe('2026-03-10T20:00:00.000Z');
    expect((due.getTime() - Date.parse('2026-03-06T21:00:00Z')) / HOUR).toBe(95);
    expect(businessTimeBetween(newYork, '2026-03-06T16:00:00-05:00', due) / HOUR).toBe(16);
  });

  it('and across the November change', () => {
    // Clocks go back on Sunday 2026-11-01: Friday 10-30 10:00 EDT (14:00Z) + 1 business day is
    // Monday 11-02 10:00 EST (15:00Z).
    expect(iso(addBusinessTime(newYork, '2026-10-30T10:00:00-04:00', { days: 1 }))).toBe(
      '2026-11-02T15:00:00.000Z',
    );
  });

  it('adds working hours over the night and the weekend', () => {
    // Friday 16:00 + 3 h: 1 h on Friday, then Monday 09:00 + 2 h = 11:00 EST = 16:00Z.
    expect(iso(addBusinessTime(newYork, '2026-01-09T16:00:00-05:00', { hours: 3 }))).toBe(
      '2026-01-12T16:00:00.000Z',
    );
    // Wednesday 12:00 + 1 day 4 h 30 min: Thursday 12:00, + 4.5 h = 16:30 EST = 21:30Z.
    expect(
      iso(
        addBusinessTime(newYork, '2026-01-07T12:00:00-05:00', { days: 1, hours: 4, minutes: 30 }),
      ),
    ).toBe('2026-01-08T21:30:00.000Z');
  });

  it('ends a duration at the end of the working day, not the next morning', () => {
    // Friday 16:00 + 1 working hour = Friday 17:00 (22:00Z), the earliest instant that far on.
    expect(iso(addBusinessTime(newYork, '2026-01-09T16:00:00-05:00', { hours: 1 }))).toBe(
      '2026-01-09T22:00:00.000Z',
    );
  });

  it('counts business days from the next start of work when outside working hours', () => {
    // Saturday 10:00 + 1 business day: Monday is worked whole, due Monday 17:00 (22:00Z).
    expect(iso(addBusinessTime(newYork, '2026-01-10T10:00:00-05:00', { days: 1 }))).toBe(
      '2026-01-12T22:00:00.000Z',
    );
    // Monday 07:00 + 2 business days: Monday and Tuesday, due Tuesday 17:00.
    expect(iso(addBusinessTime(newYork, '2026-01-12T07:00:00-05:00', { days: 2 }))).toBe(
      '2026-01-13T22:00:00.000Z',
    );
    // Friday 20:00 + 3 working hours: Monday 12:00 EST = 17:00Z.
    expect(iso(addBusinessTime(newYork, '2026-01-09T20:00:00-05:00', { hours: 3 }))).toBe(
      '2026-01-12T17:00:00.000Z',
    );
  });

  it('adds nothing for a zero duration', () => {
    expect(iso(addBusinessTime(newYork, '2026-01-10T10:00:00Z', {}))).toBe(
      '2026-01-10T10:00:00.000Z',
    );
  });

  it('works whole days on a calendar without hours, in its own zone', () => {
    // Tokyo (UTC+9), Monday–Friday whole days. Friday 2026-01-09 23:00 JST + 1 h ends Friday:
    // Saturday 00:00 JST = Friday 15:00Z. + 2 h: the weekend is skipped, Monday 01:00 JST =
    // Sunday 16:00Z.
    const tokyo = businessCalendar({ timeZone: 'Asia/Tokyo' });
    expect(iso(addBusinessTime(tokyo, '2026-01-09T14:00:00Z', { hours: 1 }))).toBe(
      '2026-01-09T15:00:00.000Z',
    );
    expect(iso(addBusinessTime(tokyo, '2026-01-09T14:00:00Z', { hours: 2 }))).toBe(
      '2026-01-11T16:00:00.000Z',
    );
  });
});

describe('businessTimeBetween: hand-checked', () => {
  it('counts only working hours', () => {
    // Friday 16:00 → Monday 10:00: 1 h + 1 h.
    expect(
      businessTimeBetween(newYork, '2026-01-09T16:00:00-05:00', '2026-01-12T10:00:00-05:00') / HOUR,
    ).toBe(2);
    // A whole week Monday 00:00 → next Monday 00:00: 5 × 8 h.
    expect(
      businessTimeBetween(newYork, '2026-01-12T00:00:00-05:00', '2026-01-19T00:00:00-05:00') / HOUR,
    ).toBe(40);
  });

  it('skips holidays and is negative backwards', () => {
    const withHoliday = businessCalendar({ ...newYork, holidays: ['2026-01-12'] });
    // Friday 16:00 → Tuesday 10:00 with Monday off: 1 h + 1 h.
    expect(
      businessTimeBetween(withHoliday, '2026-01-09T16:00:00-05:00', '2026-01-13T10:00:00-05:00') /
        HOUR,
    ).toBe(2);
    expect(
      businessTimeBetween(withHoliday, '2026-01-13T10:00:00-05:00', '2026-01-09T16:00:00-05:00') /
        HOUR,
    ).toBe(-2);
  });

  it('counts the 23-hour day of the March change as 23 hours on a whole-day calendar', () => {
    // Every day worked, no hours: Sunday 2026-03-08 local midnight to Monday local midnight.
    const everyDay = businessCalendar({
      timeZone: 'America/New_York',
      workdays: [0, 1, 2, 3, 4, 5, 6],
    });
    expect(
      businessTimeBetween(everyDay, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00') /
        HOUR,
    ).toBe(23);
  });

  it('reads local holidays in the calendar zone, whatever the process zone', () => {
    // 2026-01-12 in Tokyo runs from 2026-01-11T15:00Z to 2026-01-12T15:00Z.
    const tokyo = businessCalendar({ timeZone: 'Asia/Tokyo', holidays: ['2026-01-12'] });
    expect(businessTimeBetween(tokyo, '2026-01-11T15:00:00Z', '2026-01-12T15:00:00Z')).toBe(0);
    expect(businessTimeBetween(tokyo, '2026-01-12T15:00:00Z', '2026-01-13T15:00:00Z') / HOUR).toBe(
      24,
    );
  });
});

describe('businessCalendar', () => {
  it('fills defaults, sorts, removes duplicates, freezes, and survives JSON', () => {
    const calendar = businessCalendar({ holidays: ['2026-12-25', '2026-01-01', '2026-12-25'] });
    expect(calendar).toEqual({
      timeZone: 'UTC',
      workdays: [1, 2, 3, 4, 5],
      holidays: ['2026-01-01', '2026-12-25'],
    });
    expect(Object.isFrozen(calendar)).toBe(true);
    expect(businessCalendar(json(newYork) as never)).toEqual(newYork);
  });

  it('accepts a plain config where a calendar is expected (validated on the way)', () => {
    const config = { timeZone: 'America/New_York', hours: { start: '09:00', end: '17:00' } };
    expect(iso(addBusinessTime(config as never, '2026-01-09T16:00:00-05:00', { days: 2 }))).toBe(
      '2026-01-13T21:00:00.000Z',
    );
  });

  it('does not mutate its input', () => {
    const config = { holidays: ['2026-12-25', '2026-01-01'], workdays: [5, 1, 1] };
    const copy = structuredClone(config);
    businessCalendar(config);
    expect(config).toEqual(copy);
  });

  it('is not fooled by the process time zone (the suite runs in New York)', () => {
    const utc = businessCalendar({ hours: { start: '09:00', end: '17:00' } });
    expect(iso(addBusinessTime(utc, '2026-01-09T16:00:00Z', { days: 2 }))).toBe(
      '2026-01-13T16:00:00.000Z',
    );
    expect(isPipelineError(new Error('x'))).toBe(false);
  });
});

describe('a clock time that occurs twice (the autumn change), whatever the machine’s zone', () => {
  // Europe/Berlin, every day 02:00–04:00. On Sunday 2026-10-25 clocks go back from 03:00 CEST to
  // 02:00 CET, so 02:00 happens twice: the working period starts at the first (00:00Z) and ends
  // at 04:00 CET (03:00Z) — three real hours that day. (Built from fields with the process's
  // zone, the start used to be the second 02:00 when the tests ran in New York: two hours.)
  const night = businessCalendar({
    timeZone: 'Europe/Berlin',
    workdays: [0, 1, 2, 3, 4, 5, 6],
    hours: { start: '02:00', end: '04:00' },
  });

  it('adds business hours across the repeated hour', () => {
    // Saturday 12:00Z is after Saturday's window; Sunday's three hours run 00:00Z–03:00Z.
    expect(addBusinessTime(night, '2026-10-24T12:00:00Z', { hours: 3 }).toISOString()).toBe(
      '2026-10-25T03:00:00.000Z',
    );
  });

  it('measures the repeated hour once per real hour', () => {
    // Sunday 3 h + Monday 02:00–04:00 CET (01:00Z–03:00Z) 2 h = 5 h.
    expect(businessTimeBetween(night, '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toBe(
      5 * 3_600_000,
    );
  });
});
