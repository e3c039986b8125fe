import { timeOf } from '../time/fastTime.js';
import { readDate } from '../time/readDate.js';
import { zonedInstant } from '../time/zonedInstant.js';

// CRM exports write times in many shapes; the ingest reads the ISO-8601 family. A time with an
// offset (`Z`, `+01:00`) is read as is; a naive date-time (`2024-03-01 09:30`, what HubSpot and
// most CSV exports write) and a bare date are read in the mapping's time zone, because a naive
// time is ambiguous and guessing the machine's zone would make the report depend on the machine.

const naive = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;

const isSign = (code: number): boolean => code === 43 || code === 45;

/** Whether an IANA time zone name is known to this runtime. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a time cell into epoch ms, or returns a message saying why it cannot. Without a zone,
 * a bare date is midnight UTC (as everywhere in the library) and a naive date-time is refused.
 * In a zone, a time that falls in a daylight-saving gap moves forward by the gap, and one that
 * occurs twice is read as the first (what `@date-fns/tz` does).
 */
export function readTime(text: string, zone: string | undefined): number | string {
  // With an offset (`…Z`, `…+01:00`) the zone does not matter: the library's fast reader.
  const last = text.charCodeAt(text.length - 1);
  if (
    last === 90 ||
    last === 122 ||
    (text.length > 16 && isSign(text.charCodeAt(text.length - 6)))
  ) {
    const time = timeOf(text);
    if (!Number.isNaN(time)) return time;
  }
  const fields = naive.exec(text);
  if (fields === null) {
    const time = timeOf(text);
    if (!Number.isNaN(time)) return time;
    const date = readDate(text);
    return typeof date === 'string' ? date : date.getTime();
  }
  // Calendar fields checked by the library's one reader (no 30 February, no hour 24).
  const dateOnly = fields[4] === undefined;
  const check = readDate(dateOnly ? text : `${text}Z`);
  if (typeof check === 'string') return check.replace(`${text}Z`, text);
  if (zone === undefined) {
    if (dateOnly) return check.getTime();
    return `A date-time without an offset is ambiguous: name the export's time zone (mapping "timeZone" or the timeZone option) to read "${text}"`;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = ''] = fields;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  // The wall time as if it were UTC (setUTCFullYear: Date.UTC reads years 0–99 as 19xx).
  const wall = new Date(0);
  wall.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  wall.setUTCHours(Number(h), Number(mi), Number(s), ms);
  return zonedInstant(wall.getTime(), zone);
}
