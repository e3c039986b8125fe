import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { timeOf } from '../../src/time/fastTime.js';
import { readDate } from '../../src/time/readDate.js';

// timeOf reads the common shapes by character codes; readDate is the one definition of what is
// valid. They must agree on every string, including near-misses of the fast shapes (day 31 in a
// 30-day month, hour 24, a letter where a digit goes).
const pad = (value: number, width: number) => String(value).padStart(width, '0');
const digitOrNot = fc.constantFrom('0', '1', '2', '3', '5', '9', 'a', ' ');
const stamp = fc
  .record({
    year: fc.integer({ min: 1890, max: 2210 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
  })
  .map(
    ({ year, month, day, hour, minute, second }) =>
      `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`,
  );
const expected = (text: string): number => {
  const date = readDate(text);
  return typeof date === 'string' ? Number.NaN : date.getTime();
};

describe('timeOf agrees with readDate', () => {
  test.prop([stamp])('YYYY-MM-DDTHH:MM:SSZ (no milliseconds)', (text) => {
    expect(timeOf(`${text}Z`)).toBe(expected(`${text}Z`));
  });
  test.prop([stamp])('YYYY-MM-DD (date only)', (text) => {
    expect(timeOf(text.slice(0, 10))).toBe(expected(text.slice(0, 10)));
  });
  test.prop([stamp, fc.integer({ min: 0, max: 19 }), digitOrNot])(
    'one character changed',
    (text, at, char) => {
      const changed = `${text.slice(0, at)}${char}${text.slice(at + 1)}Z`;
      expect(timeOf(changed)).toBe(expected(changed));
    },
  );
});
