import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

// The real CRM exports live beside the checkout in ../shared/data (see its README): they may be
// read, never copied into the project. Every suite here skips when the folder is absent.

/** The shared data folder: `../shared/data` relative to the repository root. */
export const dataDir = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** The absolute path of a file in the shared data folder. */
export const dataPath = (relative: string): string => `${dataDir}${relative}`;

/** True when every one of the files is there. */
export const hasData = (...relative: string[]): boolean =>
  relative.every((file) => existsSync(dataPath(file)));

/** One CSV row: header → raw text, exactly as in the file (empty fields are ''). */
export type CsvRow = Readonly<Record<string, string>>;

/**
 * Reads a CSV file with a header row. No casting, no trimming: every value is the raw text, so
 * the tests decide what an empty field or a 'Select' means. csv-parse handles quoted commas and
 * detects CRLF line endings on its own; a row with a different number of fields throws.
 */
export function readCsv(relative: string): CsvRow[] {
  return parse<CsvRow>(readFileSync(dataPath(relative)), { columns: true, bom: true });
}

/** A field of a row, failing loudly when the column does not exist (a typo in a test). */
export function field(row: CsvRow, column: string): string {
  const value = row[column];
  if (value === undefined) throw new Error(`No column "${column}" in ${JSON.stringify(row)}`);
  return value;
}

/** Counts rows by a key. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const name = key(item);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/**
 * The median of numbers, computed here without the library: sort a copy, take the middle one,
 * or the mean of the middle two for an even count.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const high = sorted[middle] as number;
  if (sorted.length % 2 === 1) return high;
  return ((sorted[middle - 1] as number) + high) / 2;
}

/** Integer currency units as a decimal string with two places: 12345n → '12345.00'. */
export const unitsToFixed2 = (units: bigint): string => `${units}.00`;

/**
 * The median of whole currency units, exact, as a string with two places: the middle value, or
 * the mean of the middle two (which ends in .50 when their sum is odd).
 */
export function medianUnitsFixed2(values: readonly bigint[]): string | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const middle = Math.floor(sorted.length / 2);
  const high = sorted[middle] as bigint;
  if (sorted.length % 2 === 1) return unitsToFixed2(high);
  const twice = (sorted[middle - 1] as bigint) + high;
  return `${twice / 2n}.${twice % 2n === 0n ? '00' : '50'}`;
}

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Epoch ms of a date-only 'YYYY-MM-DD' at midnight UTC, parsed here by hand. */
export function utcDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`Not a date: "${text}"`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}
