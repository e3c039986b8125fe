import { PipelineError, type PipelineIssue } from '../errors/PipelineError.js';

/**
 * A row the ingest could not read: where (file, line, column) and why.
 *
 * @example
 * ```ts
 * const issue: IngestIssue = {
 *   code: 'invalid_date', path: ['line 12', 'at'], file: 'events.csv', line: 12, column: 'at', columnNumber: 4,
 *   message: 'events.csv:12:4 (column "at"): Expected an ISO-8601 date …',
 * };
 * ```
 */
export interface IngestIssue extends PipelineIssue {
  /** The file (or `<stream>`). */
  readonly file: string;
  /** The row's first line, 1-based (the header is line 1). */
  readonly line: number;
  /** The column's name, or `null` when the whole row is at fault. */
  readonly column: string | null;
  /** The column's position, 1-based, or `null`. */
  readonly columnNumber: number | null;
}

/**
 * What an ingest read and what it could not: unreadable rows are counted and the first 20 are
 * kept in detail, never dropped silently.
 *
 * @example
 * ```ts
 * const stats: IngestStats = reader.stats;
 * if (stats.skippedRows > 0) console.warn(`${stats.skippedRows} rows skipped`, stats.issues);
 * ```
 */
export interface IngestStats {
  /** The file (or `<stream>`). */
  readonly file: string;
  /** Data rows read (the header excluded). */
  readonly rows: number;
  /** Journeys produced. */
  readonly journeys: number;
  /** Rows that could not be read and were left out. */
  readonly skippedRows: number;
  /** The first 20 issues in detail. */
  readonly issues: readonly IngestIssue[];
}

/** How many issues are kept in detail. */
export const ISSUE_DETAIL = 20;

/** The running counts behind {@link IngestStats}. */
export interface IssueLog {
  file: string;
  rows: number;
  journeys: number;
  skippedRows: number;
  issues: IngestIssue[];
  readonly strict: boolean;
  readonly onIssue: ((issue: IngestIssue) => void) | undefined;
}

/** Builds the issue for a cell (or a whole row when `column` is null). */
export function makeIssue(
  file: string,
  line: number,
  column: string | null,
  columnNumber: number | null,
  code: string,
  problem: string,
): IngestIssue {
  const where = columnNumber === null ? `${file}:${line}` : `${file}:${line}:${columnNumber}`;
  const what = column === null ? '' : ` (column "${column}")`;
  return {
    code,
    path: column === null ? [`line ${line}`] : [`line ${line}`, column],
    message: `${where}${what}: ${problem}`,
    file,
    line,
    column,
    columnNumber,
  };
}

/** Records a skipped row's issue; in strict mode, throws it. */
export function report(log: IssueLog, issue: IngestIssue): void {
  if (log.strict) {
    throw new PipelineError('invalid_rows', [issue], { where: 'readJourneys' });
  }
  log.skippedRows += 1;
  if (log.issues.length < ISSUE_DETAIL) log.issues.push(issue);
  log.onIssue?.(issue);
}
