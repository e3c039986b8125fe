import { readDate } from './readDate.js';

// Hot-path reading of times for the calculators, which may see millions of events. The common
// shapes (`2026-03-02`, `2026-03-02T09:30:00Z`, `2026-03-02T09:30:00.123+01:00`, Dates, epoch
// ms) are read with character codes and civil-date arithmetic, allocating nothing; anything else
// goes through `readDate`, the one definition of what is valid. NaN means "not valid": the caller
// then takes the slow, validating path for a proper error.

const ZERO = 48;

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let index = from; index < from + count; index += 1) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

// Days from 1970-01-01 to the first of each month of 1900–2199, filled in as they are met: the
// hot path then adds the day instead of redoing the civil-calendar arithmetic for every time.
const FIRST_YEAR = 1900;
const monthStarts = new Float64Array(300 * 12).fill(Number.NaN);

function monthStart(year: number, month: number): number {
  const slot = (year - FIRST_YEAR) * 12 + month - 1;
  if (!(slot >= 0 && slot < monthStarts.length)) return daysFromCivil(year, month, 1);
  let days = monthStarts[slot] as number;
  if (Number.isNaN(days)) {
    days = daysFromCivil(year, month, 1);
    monthStarts[slot] = days;
  }
  return days;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A digit's value, or a number above 9 for anything else (the unsigned shift folds negatives up). */
const digitAt = (text: string, index: number): number => (text.charCodeAt(index) - ZERO) >>> 0;

/**
 * `YYYY-MM-DDTHH:MM:SS.sssZ` (what `toISOString` writes) or, with `millis` false,
 * `YYYY-MM-DDTHH:MM:SSZ` (what most exports and databases write), of a text of that length
 * ending in `Z`: unrolled, no loops, each character read once (a read is the cost here, more so
 * from a slice of a file's text). Without milliseconds the fraction digits read as zero:
 * character 20 is not read at all.
 */
function canonicalIso(text: string, millis: boolean): number {
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    (millis && text.charCodeAt(19) !== 46)
  )
    return Number.NaN;
  const y0 = digitAt(text, 0);
  const y1 = digitAt(text, 1);
  const y2 = digitAt(text, 2);
  const y3 = digitAt(text, 3);
  const m0 = digitAt(text, 5);
  const m1 = digitAt(text, 6);
  const d0 = digitAt(text, 8);
  const d1 = digitAt(text, 9);
  const h0 = digitAt(text, 11);
  const h1 = digitAt(text, 12);
  const i0 = digitAt(text, 14);
  const i1 = digitAt(text, 15);
  const s0 = digitAt(text, 17);
  const s1 = digitAt(text, 18);
  const f0 = millis ? digitAt(text, 20) : 0;
  const f1 = millis ? digitAt(text, 21) : 0;
  const f2 = millis ? digitAt(text, 22) : 0;
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9)
    return Number.NaN;
  if (h0 > 9 || h1 > 9 || i0 > 9 || i1 > 9 || s0 > 9 || s1 > 9 || f0 > 9 || f1 > 9 || f2 > 9)
    return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = i0 * 10 + i1;
  const second = s0 * 10 + s1;
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)))
    return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const ms = f0 * 100 + f1 * 10 + f2;
  return (
    (monthStart(year, month) + day - 1) * 86_400_000 +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    ms
  );
}

function fastIso(text: string): number {
  const length = text.length;
  // The general reading below accepts no other text of these lengths ending in Z.
  if ((length === 20 || length === 24) && text.charCodeAt(length - 1) === 90)
    return canonicalIso(text, length === 24);
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)))
    return Number.NaN;
  // The month-start cache: a date-only column read for a million rows redoes no calendar arithmetic.
  const midnight = (monthStart(year, month) + day - 1) * 86_400_000;
  if (length === 10) return midnight;
  // T, then HH:MM:SS, then an optional .fff (exactly three digits), then Z or ±HH:MM.
  if (
    length < 20 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  ) {
    return Number.NaN;
  }
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  let position = 19;
  let ms = 0;
  if (text.charCodeAt(position) === 46) {
    ms = digits(text, position + 1, 3);
    position += 4;
  }
  const zone = text.charCodeAt(position);
  let offsetMinutes = 0;
  if (zone === 90 && position + 1 === length) {
    offsetMinutes = 0;
  } else if (
    (zone === 43 || zone === 45) &&
    position + 6 === length &&
    text.charCodeAt(position + 3) === 58
  ) {
    const offsetHours = digits(text, position + 1, 2);
    const offsetMins = digits(text, position + 4, 2);
    if (!(offsetHours <= 23 && offsetMins <= 59)) return Number.NaN;
    offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHours * 60 + offsetMins);
  } else {
    return Number.NaN;
  }
  return midnight + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

/**
 * Epoch milliseconds of a {@link DateInput}, or NaN when it is not valid. Agrees with
 * `readDate` on everything it accepts (a property test holds it to that).
 */
export function timeOf(value: unknown): number {
  if (typeof value === 'string') {
    const fast = fastIso(value);
    if (!Number.isNaN(fast)) return fast;
  } else if (value instanceof Date) {
    return value.getTime();
  } else if (typeof value === 'number') {
    // As `new Date(value)` does: whole milliseconds, truncated toward zero (and never -0).
    return Number.isFinite(value) && Math.abs(value) <= 8.64e15
      ? Math.trunc(value) + 0
      : Number.NaN;
  }
  const date = readDate(value);
  return typeof date === 'string' ? Number.NaN : date.getTime();
}
