import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTime } from '../../src/node/zonedTime.js';

const iso = (text: string, zone: string | undefined) => {
  const time = readTime(text, zone);
  return typeof time === 'number' ? new Date(time).toISOString() : time;
};

describe('readTime: naive date-times in the mapping zone, whatever the machine zone', () => {
  it('a time in a daylight-saving gap moves forward by the gap', () => {
    // New York 2026-03-08: 02:00 EST becomes 03:00 EDT; 02:30 does not exist → 03:30 EDT.
    expect(iso('2026-03-08 02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(iso('2026-03-08 01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    expect(iso('2026-03-08 03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    // Berlin 2026-03-29: 02:00 CET becomes 03:00 CEST; 02:30 → 03:30 CEST = 01:30 UTC.
    expect(iso('2026-03-29 02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('a time that occurs twice is the first (the earlier instant)', () => {
    // New York 2026-11-01: 01:30 EDT (05:30 UTC), then 01:30 EST (06:30 UTC).
    expect(iso('2026-11-01 01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(iso('2026-11-01 01:30:00.250', 'America/New_York')).toBe('2026-11-01T05:30:00.250Z');
    // Berlin 2026-10-25: 02:30 CEST (00:30 UTC), then 02:30 CET (01:30 UTC).
    expect(iso('2026-10-25 02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    // Santiago 2026-04-05 00:00 -03 goes back to 2026-04-04 23:00 -04: 23:30 -03 is 02:30 UTC.
    expect(iso('2026-04-04 23:30', 'America/Santiago')).toBe('2026-04-05T02:30:00.000Z');
    // Lord Howe 2026-04-05 02:00 +11 goes back half an hour: 01:45 +11 is 14:45 UTC.
    expect(iso('2026-04-05 01:45', 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z');
  });

  it('a bare date is midnight in the zone, or midnight UTC without one', () => {
    expect(iso('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(iso('2026-07-01', 'America/New_York')).toBe('2026-07-01T04:00:00.000Z');
    expect(iso('2026-03-08', undefined)).toBe('2026-03-08T00:00:00.000Z');
  });

  it('a year below 100 stays that year (not 19xx)', () => {
    expect(iso('0099-03-08', undefined)).toBe('0099-03-08T00:00:00.000Z');
    expect(iso('0099-03-08 10:00', 'UTC')).toBe('0099-03-08T10:00:00.000Z');
  });
});

describe('readTime: property', () => {
  const zones = [
    'America/New_York',
    'Europe/Berlin',
    'Australia/Lord_Howe',
    'America/Santiago',
    'Asia/Kolkata',
  ];
  const wallOf = (time: number, zone: string) => {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(time));
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
  };
  it('the wall time of an instant reads back to that instant, or the earlier one showing the same wall time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 }),
        fc.constantFrom(...zones),
        (seconds, zone) => {
          const instant = seconds * 1000;
          const wall = wallOf(instant, zone);
          const read = readTime(wall, zone);
          expect(typeof read).toBe('number');
          expect(read as number).toBeLessThanOrEqual(instant);
          expect(wallOf(read as number, zone)).toBe(wall);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
