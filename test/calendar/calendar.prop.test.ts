import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  addBusinessTime,
  type BusinessCalendar,
  businessCalendar,
  businessTimeBetween,
} from '../../src/index.js';

const HOUR = 3_600_000;
const START = Date.UTC(2025, 9, 1);
const END = Date.UTC(2027, 3, 1);

// Zones with daylight saving at different times of day (Lord Howe moves by 30 minutes), a
// half-hour offset and none at all.
const zones = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/Sao_Paulo',
];
const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const instantArb = fc.integer({ min: START, max: END });
const holidayArb = fc
  .integer({ min: START, max: END })
  .map((time) => new Date(time).toISOString().slice(0, 10));

/** Any calendar; with `lateHours`, working hours after 04:00 (clear of every DST change). */
const calendarArb = (lateHours = false): fc.Arbitrary<BusinessCalendar> =>
  fc
    .record({
      timeZone: fc.constantFrom(...zones),
      workdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
      hours: lateHours
        ? fc
            .tuple(fc.integer({ min: 16, max: 60 }), fc.integer({ min: 1, max: 35 }))
            .map(([start, length]) => ({
              start: clock(start * 15),
              end: clock(Math.min(96, start + length) * 15),
            }))
        : fc.option(
            fc
              .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }))
              .map(([start, length]) => ({
                start: clock(start * 15),
                end: clock(Math.min(96, start + length) * 15),
              })),
            { nil: undefined },
          ),
      holidays: fc.array(holidayArb, { maxLength: 12 }),
    })
    .map(({ hours, ...rest }) => businessCalendar(hours ? { ...rest, hours } : rest));

const run = { numRuns: 150 };

describe('businessTimeBetween', () => {
  test.prop([calendarArb(), instantArb, instantArb, instantArb], run)(
    'is additive: between(a, b) + between(b, c) = between(a, c)',
    (calendar, x, y, z) => {
      const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
      const ab = businessTimeBetween(calendar, a, b);
      const bc = businessTimeBetween(calendar, b, c);
      expect(ab).toBeGreaterThanOrEqual(0);
      expect(ab + bc).toBe(businessTimeBetween(calendar, a, c));
      // Never more than the elapsed time.
      expect(ab).toBeLessThanOrEqual(b - a);
    },
  );
});

describe('addBusinessTime', () => {
  test.prop(
    [calendarArb(), instantArb, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 59 })],
    run,
  )(
    'then businessTimeBetween round-trips hours and minutes exactly',
    (calendar, from, hours, minutes) => {
      const to = addBusinessTime(calendar, from, { hours, minutes });
      expect(to.getTime()).toBeGreaterThanOrEqual(from);
      expect(businessTimeBetween(calendar, from, to)).toBe((hours * 60 + minutes) * 60_000);
    },
  );

  test.prop([calendarArb(true), instantArb, fc.integer({ min: 1, max: 30 })], run)(
    'then businessTimeBetween gives whole working days for business days',
    (calendar, from, days) => {
      const hours = calendar.hours as { start: string; end: string };
      const length = (minutes: string) =>
        Number(minutes.slice(0, 2)) * 60 + Number(minutes.slice(3));
      const workday = (length(hours.end) - length(hours.start)) * 60_000;
      const to = addBusinessTime(calendar, from, { days });
      expect(businessTimeBetween(calendar, from, to)).toBe(days * workday);
    },
  );

  test.prop([calendarArb(), instantArb, instantArb], run)(
    'reaches no later than the instant whose working time it was given',
    (calendar, x, y) => {
      const [from, to] = x <= y ? [x, y] : [y, x];
      const hours = businessTimeBetween(calendar, from, to) / HOUR;
      const reached = addBusinessTime(calendar, from, { hours }).getTime();
      expect(reached).toBeLessThanOrEqual(to);
      expect(businessTimeBetween(calendar, reached, to)).toBe(0);
    },
  );

  test.prop(
    [calendarArb(), instantArb, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })],
    run,
  )('never goes back for more time', (calendar, from, h1, h2) => {
    const [less, more] = h1 <= h2 ? [h1, h2] : [h2, h1];
    expect(addBusinessTime(calendar, from, { hours: less }).getTime()).toBeLessThanOrEqual(
      addBusinessTime(calendar, from, { hours: more }).getTime(),
    );
  });
});
