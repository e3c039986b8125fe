import { PipelineError } from '../errors/PipelineError.js';
import type { Journey } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';
import { type ChunkReader, csvReader } from './csvSource.js';
import { journeyOfDraft } from './drafts.js';
import type { IngestIssue, IngestStats, IssueLog } from './ingestIssues.js';
import { jsonLinesReader } from './jsonLinesSource.js';
import { defineMapping, type Mapping } from './mapping.js';
import { createRowReader, type Draft, type RowReader } from './rowReader.js';
import { type IngestSource, textChunks } from './textChunks.js';
import { isTimeZone } from './zonedTime.js';

/**
 * Options of {@link readJourneys}.
 *
 * @example
 * ```ts
 * const options: ReadJourneysOptions = { mapping: mappings.hubspot, timeZone: 'America/New_York', strict: true };
 * ```
 */
export interface ReadJourneysOptions {
  /** How columns become journeys: one of {@link mappings} (spread to adjust) or a config object. */
  readonly mapping: Mapping;
  /** IANA zone for naive date-times; overrides the mapping's `timeZone`. */
  readonly timeZone?: string;
  /** Stop at the first unreadable row with a `PipelineError` (`invalid_rows`). Default false: skip, count and report it. */
  readonly strict?: boolean;
  /** Called with every unreadable row's issue, as it is met (the stats keep only the first 20). */
  readonly onIssue?: (issue: IngestIssue) => void;
  /**
   * The rows are sorted by journey id as text, character code by character code (`LC_ALL=C
   * sort`; numeric ids sorted as numbers are not): each journey comes out as soon as its rows end, and memory holds only the journey
   * being read. Without it, rows may come in any order and every journey is held until the end.
   * A row out of order is reported (`not_sorted`), never merged silently.
   */
  readonly sorted?: boolean;
  /** `csv` or `jsonl`; by default from the file name (`.jsonl`, `.ndjson` → JSON Lines), else CSV. */
  readonly format?: 'csv' | 'jsonl';
  /** The CSV field delimiter. Default `,`. */
  readonly delimiter?: string;
  /** Orders stage events at the same instant by their pipeline position. */
  readonly pipeline?: Pipeline;
  /** The name used in issues for a stream source. Default `<stream>`. */
  readonly name?: string;
}

/**
 * The journeys of an input, as an async iterable, with the counts of what was read.
 *
 * @example
 * ```ts
 * const reader: JourneyReader = readJourneys('test/node/fixtures/generic.csv', { mapping: mappings.generic });
 * for await (const journey of reader) console.log(journey.id);
 * reader.stats.skippedRows; //=> 0
 * ```
 */
export interface JourneyReader extends AsyncIterable<Journey> {
  /** Counts so far; final once the iteration has ended. */
  readonly stats: IngestStats;
}

/**
 * Reads journeys from a CSV or JSON Lines export through a mapping.
 *
 * Every cell is read once: times in the ISO-8601 family (naive ones in the mapping's time
 * zone), amounts as exact decimals, empty cells (and the mapping's `empty` values) as absent,
 * every unmapped column as a string attribute. A row that cannot be read (a bad date, a
 * negative or non-numeric amount, a missing id, a record of the wrong length, a journey field
 * that contradicts an earlier row) is skipped, counted in `stats.skippedRows`, reported with
 * file, line and column (the first 20 in `stats.issues`, all to `onIssue`), or with `strict`
 * stops the read. A header that lacks mapped columns stops the read at once.
 *
 * Memory: with `sorted`, only the journey being read; otherwise all journeys, grouped in memory
 * until the input ends (a million journeys of ~3 events take a few hundred MB).
 *
 * @param source - a file path, or a readable stream (bytes or text)
 * @param options - the mapping and how to read
 * @returns an async iterable of validated, frozen journeys (the same values `parseJourney` returns)
 * @throws `PipelineError` `invalid_options` for a bad mapping or time zone (path
 *   `['mapping', …]`), `invalid_rows` for an empty input, a header without the mapped columns
 *   (code `missing_columns`, naming the missing and the present ones), or in strict mode the
 *   first unreadable row (path `['line N', column]`); errors are thrown by the iteration
 *
 * @example
 * ```ts
 * import { readJourneys, mappings } from 'buying-pipeline/node';
 * const reader = readJourneys('test/node/fixtures/generic.csv', { mapping: mappings.generic });
 * const journeys = [];
 * for await (const journey of reader) journeys.push(journey);
 * journeys[0].events[0].at instanceof Date; //=> true
 * ```
 */
export function readJourneys(source: IngestSource, options: ReadJourneysOptions): JourneyReader {
  const { mapping, timeZone } = checkOptions(options);
  const log: IssueLog = {
    file: typeof source === 'string' ? source : (options.name ?? '<stream>'),
    rows: 0,
    journeys: 0,
    skippedRows: 0,
    issues: [],
    strict: options.strict === true,
    onIssue: options.onIssue,
  };
  const stats = {
    get file() {
      return log.file;
    },
    get rows() {
      return log.rows;
    },
    get journeys() {
      return log.journeys;
    },
    get skippedRows() {
      return log.skippedRows;
    },
    get issues() {
      return log.issues.slice();
    },
  };
  const pipeline = options.pipeline;
  return {
    stats,
    async *[Symbol.asyncIterator]() {
      const ready: Draft[] = [];
      const ingest = createIngest(source, options, mapping, timeZone, log, (draft) =>
        ready.push(draft),
      );
      for await (const chunk of textChunks(source)) {
        ingest.push(chunk);
        for (const draft of ready) yield journeyOfDraft(draft, pipeline);
        ready.length = 0;
      }
      ingest.end();
      for (const draft of ready) yield journeyOfDraft(draft, pipeline);
    },
  };
}

/** Validates the options that do not need the input. */
export function checkOptions(options: ReadJourneysOptions): {
  mapping: Mapping;
  timeZone: string | undefined;
} {
  if (typeof options !== 'object' || options === null || options.mapping === undefined) {
    throw new PipelineError(
      'invalid_options',
      [{ code: 'invalid_type', path: ['mapping'], message: 'Expected a mapping (see mappings)' }],
      { where: 'readJourneys' },
    );
  }
  const mapping = defineMapping(options.mapping);
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
    throw new PipelineError(
      'invalid_options',
      [
        {
          code: 'invalid_time_zone',
          path: ['timeZone'],
          message: `Expected an IANA time zone such as "Europe/Paris", received "${options.timeZone}"`,
        },
      ],
      { where: 'readJourneys' },
    );
  }
  if (
    options.delimiter !== undefined &&
    (options.delimiter.length !== 1 || /["\r\n]/.test(options.delimiter))
  ) {
    throw new PipelineError(
      'invalid_options',
      [
        {
          code: 'invalid_value',
          path: ['delimiter'],
          message: `Expected one character other than a quote or line break, received "${options.delimiter}"`,
        },
      ],
      { where: 'readJourneys' },
    );
  }
  return { mapping, timeZone: options.timeZone };
}

/** The row reader of a source, fed chunk by chunk; `end` flushes and checks the input was not empty. */
export function createIngest(
  source: IngestSource,
  options: Pick<ReadJourneysOptions, 'format' | 'delimiter' | 'sorted'>,
  mapping: Mapping,
  timeZone: string | undefined,
  log: IssueLog,
  emit: (draft: Draft) => void,
  headed?: { readonly names: readonly string[]; readonly crlf: boolean },
): ChunkReader & { readonly rows: RowReader } {
  let headerSeen = false;
  const rows = createRowReader({ mapping, timeZone, sorted: options.sorted === true, log, emit });
  // Calls go through `target`, so a caller may put a filter in front of `row` (see funnelShare).
  const target: RowReader = { header: rows.header, row: rows.row, finish: rows.finish };
  const reader = {
    header(names: readonly string[]) {
      headerSeen = true;
      target.header(names);
    },
    row: (cells: readonly string[], line: number, ragged: string | null) =>
      target.row(cells, line, ragged),
    finish: () => target.finish(),
  };
  const jsonl =
    options.format === 'jsonl' ||
    (options.format === undefined &&
      typeof source === 'string' &&
      /\.(jsonl|ndjson)$/i.test(source));
  const chunks: ChunkReader = jsonl
    ? jsonLinesReader(reader, log)
    : csvReader(options.delimiter ?? ',', { header: reader.header, row: reader.row }, headed);
  return {
    rows: target,
    push: chunks.push,
    end() {
      chunks.end();
      if (!headerSeen) {
        throw new PipelineError(
          'invalid_rows',
          [
            {
              code: 'empty_input',
              path: ['header'],
              message: `${log.file}: the input is empty (expected a header line)`,
            },
          ],
          { where: 'readJourneys' },
        );
      }
      target.finish();
    },
  };
}
