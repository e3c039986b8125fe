import type { ChunkReader } from './csvSource.js';
import type { IssueLog } from './ingestIssues.js';
import { makeIssue, report } from './ingestIssues.js';
import type { RowReader } from './rowReader.js';

/**
 * Reads JSON Lines (one object per line, blank lines allowed) through the same row reader as
 * CSV: the keys of the first object are the header, later objects are laid out by it. Values
 * are read as their text (`12.5` → `"12.5"`, `null` → empty), so a JSON file and a CSV file of
 * the same rows give the same journeys.
 */
export function jsonLinesReader(reader: RowReader, log: IssueLog): ChunkReader {
  let header: string[] | null = null;
  let positions = new Map<string, number>();
  let rest = '';
  let line = 0;
  // A line that cannot be a row: counted as a row read, and reported at its line (and key).
  const skipLine = (key: string | null, code: string, problem: string): void => {
    log.rows += 1;
    report(log, makeIssue(log.file, line, key, null, code, problem));
  };
  const readLine = (text: string) => {
    line += 1;
    const trimmed = text.trim();
    if (trimmed === '') return;
    let record: unknown;
    try {
      record = JSON.parse(trimmed);
    } catch (error) {
      skipLine(null, 'invalid_json', (error as Error).message);
      return;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      skipLine(null, 'invalid_type', 'Expected a JSON object');
      return;
    }
    const entries = Object.entries(record as Record<string, unknown>);
    if (header === null) {
      header = entries.map(([key]) => key);
      positions = new Map(header.map((key, index) => [key, index]));
      reader.header(header);
    }
    const cells: string[] = new Array(header.length).fill('');
    for (const [key, value] of entries) {
      const position = positions.get(key);
      if (position === undefined) {
        skipLine(key, 'unknown_key', `"${key}" is not a key of the first line`);
        return;
      }
      if (value === null || value === undefined) continue;
      if (typeof value === 'object') {
        skipLine(key, 'invalid_type', 'Expected a string, number or boolean');
        return;
      }
      cells[position] = String(value);
    }
    reader.row(cells, line, null);
  };
  const push = (chunk: string): void => {
    const text = rest + chunk;
    let start = 0;
    let end = text.indexOf('\n');
    while (end !== -1) {
      readLine(text.slice(start, end));
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  };
  const end = (): void => {
    if (rest.trim() !== '') readLine(rest);
  };
  return { push, end };
}
