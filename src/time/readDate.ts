import { describe } from '../errors/describe.js';

/**
 * A point in time as the library accepts it: a `Date`, epoch milliseconds, or an ISO-8601 string.
 * A date-only string (`'2026-03-01'`) means midnight UTC; a date-time string must carry its
 * offset (`Z` or `+01:00`), because a naive time is ambiguous. Ingest helpers in
 * `buying-pipeline/node` read naive CRM timestamps in a time zone you name.
 *
 * @example
 * ```ts
 * const inputs: DateInput[] = [new Date(), 1767225600000, '2026-01-01', '2026-01-01T09:30:00+01:00'];
 * ```
 */
export type DateInput = Date | number | string;

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTime =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Reads a {@link DateInput}, or returns a message saying why it cannot. Calendar fields are
 * checked (no 30 February, no hour 24), unlike `Date.parse`, which rolls them over.
 */
export function readDate(value: unknown): Date | string {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? 'Expected a valid Date, received an invalid Date'
      : value;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= 8.64e15
      ? new Date(value)
      : `Expected epoch milliseconds, received ${value}`;
  }
  if (typeof value !== 'string') {
    return `Expected a Date, epoch milliseconds or an ISO-8601 string, received ${describe(value)}`;
  }
  const text = value.trim();
  const day = dateOnly.exec(text);
  if (day) return fromFields(value, Number(day[1]), Number(day[2]), Number(day[3]), 0, 0, 0, 0, 0);
  const time = dateTime.exec(text);
  if (!time)
    return `Expected an ISO-8601 date such as "2026-03-01" or "2026-03-01T09:30:00Z", received "${value}"`;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, oh, om] = time;
  if (!zulu && !sign) {
    return `A date-time without an offset is ambiguous: add "Z" or "+hh:mm" to "${value}" (ingest can read naive times in a named time zone)`;
  }
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offsetMinutes = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  if (Number(oh ?? 0) > 23 || Number(om ?? 0) > 59) return `Invalid offset in "${value}"`;
  return fromFields(
    value,
    Number(y),
    Number(mo),
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    ms,
    offsetMinutes,
  );
}

function fromFields(
  original: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMinutes: number,
): Date | string {
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  const valid =
    utc.getUTCFullYear() === year &&
    utc.getUTCMonth() === month - 1 &&
    utc.getUTCDate() === day &&
    utc.getUTCHours() === hour &&
    utc.getUTCMinutes() === minute &&
    utc.getUTCSeconds() === second;
  if (!valid) return `"${original}" is not a calendar date and time`;
  return new Date(utc.getTime() - offsetMinutes * 60_000);
}
