import { describe, expect, it } from 'vitest';
import { daysBetween, toDate } from '../../src/index.js';
import { thrown } from '../helpers.js';

const iso = (value: Parameters<typeof toDate>[0]): string => toDate(value).toISOString();

describe('toDate', () => {
  describe('date-only strings', () => {
    it('reads a date-only string as midnight UTC, whatever the process time zone', () => {
      expect(iso('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
      expect(toDate('2026-03-01').getTime()).toBe(Date.UTC(2026, 2, 1));
    });

    it('reads the day of the New York DST change as midnight UTC', () => {
      expect(iso('2026-03-08')).toBe('2026-03-08T00:00:00.000Z');
      expect(iso('2026-11-01')).toBe('2026-11-01T00:00:00.000Z');
    });

    it('accepts 29 February in a leap year', () => {
      expect(iso('2028-02-29')).toBe('2028-02-29T00:00:00.000Z');
    });

    it('reads years below 100 literally (no 19xx mapping)', () => {
      expect(iso('0099-01-01')).toBe('0099-01-01T00:00:00.000Z');
    });

    it('ignores surrounding white space', () => {
      expect(iso('  2026-03-01\n')).toBe('2026-03-01T00:00:00.000Z');
    });
  });

  describe('date-time strings with an offset', () => {
    it.each([
      ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
      ['2026-03-01T09:30:00z', '2026-03-01T09:30:00.000Z'],
      ['2026-03-01t09:30:00Z', '2026-03-01T09:30:00.000Z'],
      ['2026-03-01T09:30:00+01:00', '2026-03-01T08:30:00.000Z'],
      ['2026-03-01T09:30:00-05:30', '2026-03-01T15:00:00.000Z'],
      ['2026-03-01T09:30:00+0100', '2026-03-01T08:30:00.000Z'],
      ['2026-03-01T09:30:00+00:00', '2026-03-01T09:30:00.000Z'],
      ['2026-03-01T09:30:00-00:00', '2026-03-01T09:30:00.000Z'],
      ['2026-03-01 09:30:00Z', '2026-03-01T09:30:00.000Z'],
      ['2026-03-01 09:30:00+01:00', '2026-03-01T08:30:00.000Z'],
      ['2026-03-01T09:30Z', '2026-03-01T09:30:00.000Z'],
      ['2026-03-01T09:30:00.5Z', '2026-03-01T09:30:00.500Z'],
      ['2026-03-01T09:30:00.123Z', '2026-03-01T09:30:00.123Z'],
      ['2026-03-01T09:30:00.123456789Z', '2026-03-01T09:30:00.123Z'],
      ['2026-03-01T09:30:00,25+01:00', '2026-03-01T08:30:00.250Z'],
      ['2026-03-01T00:30:00+01:00', '2026-02-28T23:30:00.000Z'],
      ['2026-12-31T23:00:00-05:00', '2027-01-01T04:00:00.000Z'],
      ['2026-03-08T02:30:00-05:00', '2026-03-08T07:30:00.000Z'],
    ])('reads %s as %s', (text, expected) => {
      expect(iso(text)).toBe(expected);
    });

    it('gives the same instant for the same moment written with different offsets', () => {
      const instants = [
        '2026-06-15T12:00:00Z',
        '2026-06-15T14:00:00+02:00',
        '2026-06-15T06:30:00-05:30',
        '2026-06-15 08:00:00-04:00',
      ].map((text) => toDate(text).getTime());
      expect(new Set(instants)).toEqual(new Set([Date.UTC(2026, 5, 15, 12)]));
    });
  });

  describe('offset-less date-times', () => {
    it.each([
      '2026-03-01T09:30:00',
      '2026-03-01T09:30',
      '2026-03-01 09:30:00',
      '2026-03-01T09:30:00.250',
    ])('rejects %s with invalid_date and a message about the offset', (text) => {
      const error = thrown(() => toDate(text));
      expect(error.code).toBe('invalid_date');
      expect(error.name).toBe('PipelineError');
      expect(error.message).toMatch(/without an offset/);
      expect(error.message).toContain(`"${text}"`);
      expect(error.issues).toEqual([
        {
          code: 'invalid_date',
          path: [],
          message: `A date-time without an offset is ambiguous: add "Z" or "+hh:mm" to "${text}" (ingest can read naive times in a named time zone)`,
        },
      ]);
      expect(error.message.startsWith('toDate: ')).toBe(true);
    });
  });

  describe('values that are not calendar dates', () => {
    it.each([
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-03-00',
      '2026-02-30T10:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T23:60:00Z',
      '2026-03-01T23:59:60Z',
      '2026-03-01T09:30:00+24:00',
      '2026-03-01T09:30:00+01:60',
    ])('rejects %s', (text) => {
      const error = thrown(() => toDate(text));
      expect(error.code).toBe('invalid_date');
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]?.code).toBe('invalid_date');
      expect(error.message).toContain(text);
    });

    it.each([
      '',
      '   ',
      'not a date',
      'yesterday',
      '2026/03/01',
      '01.03.2026',
      '2026-3-1',
      '20260301',
      '2026-03-01T',
      '2026-03-01T9:30:00Z',
      '2026-03-01T09:30:00.1234567891Z',
      '2026-03-01T09:30:00+1',
      'March 1, 2026',
      '1767225600000',
    ])('rejects the garbage string %j', (text) => {
      const error = thrown(() => toDate(text));
      expect(error.code).toBe('invalid_date');
      expect(error.issues[0]?.path).toEqual([]);
    });

    it.each([
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['-Infinity', Number.NEGATIVE_INFINITY],
      ['beyond the Date range', 8.64e15 + 1],
    ])('rejects the number %s', (_label, value) => {
      const error = thrown(() => toDate(value));
      expect(error.code).toBe('invalid_date');
      expect(error.message).toContain('epoch milliseconds');
    });

    it('rejects an invalid Date', () => {
      const error = thrown(() => toDate(new Date(Number.NaN)));
      expect(error.code).toBe('invalid_date');
      expect(error.message).toBe('toDate: Expected a valid Date, received an invalid Date');
    });

    it.each([
      ['null', null],
      ['undefined', undefined],
      ['a boolean', true],
      ['an object', { year: 2026 }],
      ['an array', [2026, 3, 1]],
    ])('rejects %s', (_label, value) => {
      const error = thrown(() => toDate(value as unknown as string));
      expect(error.code).toBe('invalid_date');
    });
  });

  describe('epoch milliseconds and Dates', () => {
    it('accepts epoch milliseconds', () => {
      expect(iso(0)).toBe('1970-01-01T00:00:00.000Z');
      expect(iso(1767225600000)).toBe('2026-01-01T00:00:00.000Z');
      expect(iso(-86_400_000)).toBe('1969-12-31T00:00:00.000Z');
      expect(iso(1767225600000.9)).toBe('2026-01-01T00:00:00.000Z');
    });

    it('accepts the ends of the Date range', () => {
      expect(toDate(8.64e15).getTime()).toBe(8.64e15);
      expect(toDate(-8.64e15).getTime()).toBe(-8.64e15);
    });

    it('accepts a valid Date without changing it', () => {
      const input = new Date('2026-03-01T09:30:00Z');
      const result = toDate(input);
      expect(result.toISOString()).toBe('2026-03-01T09:30:00.000Z');
      expect(input.toISOString()).toBe('2026-03-01T09:30:00.000Z');
    });
  });
});

describe('daysBetween', () => {
  it('gives fractional days', () => {
    expect(daysBetween(toDate('2026-01-01T00:00:00Z'), toDate('2026-01-02T12:00:00Z'))).toBe(1.5);
    expect(daysBetween(toDate('2026-01-01T00:00:00Z'), toDate('2026-01-01T06:00:00Z'))).toBe(0.25);
    expect(daysBetween(toDate('2026-01-01'), toDate('2026-01-01'))).toBe(0);
    expect(daysBetween(toDate('2026-01-01'), toDate('2026-03-01'))).toBe(59);
  });

  it('is negative when the second date is earlier', () => {
    expect(daysBetween(toDate('2026-01-02T12:00:00Z'), toDate('2026-01-01T00:00:00Z'))).toBe(-1.5);
  });

  it('counts physical 24-hour days across the spring-forward change in New York', () => {
    // Midnight to midnight in New York on 2026-03-08 is 23 hours.
    const from = toDate('2026-03-08T00:00:00-05:00');
    const to = toDate('2026-03-09T00:00:00-04:00');
    expect(daysBetween(from, to)).toBe(23 / 24);
  });

  it('counts physical 24-hour days across the fall-back change in New York', () => {
    // Midnight to midnight in New York on 2026-11-01 is 25 hours.
    const from = toDate('2026-11-01T00:00:00-04:00');
    const to = toDate('2026-11-02T00:00:00-05:00');
    expect(daysBetween(from, to)).toBe(25 / 24);
  });

  it('gives whole days for the same wall-clock time in UTC across the change', () => {
    expect(daysBetween(toDate('2026-03-07T12:00:00Z'), toDate('2026-03-09T12:00:00Z'))).toBe(2);
  });

  it.runIf(Intl.DateTimeFormat().resolvedOptions().timeZone === 'America/New_York')(
    'counts local New York midnights across 2026-03-08 as 23 hours (TZ=America/New_York)',
    () => {
      expect(daysBetween(new Date(2026, 2, 8), new Date(2026, 2, 9))).toBe(23 / 24);
      expect(daysBetween(new Date(2026, 2, 7), new Date(2026, 2, 10))).toBe(71 / 24);
    },
  );

  it('does not mutate its inputs', () => {
    const from = toDate('2026-03-08T00:00:00-05:00');
    const to = toDate('2026-03-09T00:00:00-04:00');
    daysBetween(from, to);
    expect(from.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(to.toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });
});
