import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PipelineError, type PipelineIssue } from '../errors/PipelineError.js';
import { funnelAccumulatorFromJSON } from '../metrics/accumulator.js';
import type { FunnelOptions } from '../metrics/options.js';
import type { FunnelReport } from '../metrics/report.js';
import type { Pipeline } from '../pipeline/types.js';
import { splitHeader } from './csvSource.js';
import { inputOfDraft } from './drafts.js';
import {
  type HeldRow,
  runShareHere,
  type SharedError,
  type ShareResult,
  type ShareTask,
} from './funnelShare.js';
import {
  type IngestIssue,
  type IngestStats,
  ISSUE_DETAIL,
  type IssueLog,
  makeIssue,
} from './ingestIssues.js';
import type { Mapping } from './mapping.js';
import { checkOptions } from './readJourneys.js';
import { createRowReader } from './rowReader.js';

/**
 * Options of {@link funnelReportFromFile}: the funnel options of `funnelReport` (`asOf`, `by`,
 * `cohort` …) plus the pipeline, the mapping and how to read.
 *
 * @example
 * ```ts
 * const options: FunnelReportFromFileOptions = {
 *   pipeline: presets.buyingPipeline, mapping: mappings.generic, asOf: '2026-06-30', by: 'origin', sorted: true,
 * };
 * ```
 */
export interface FunnelReportFromFileOptions extends FunnelOptions {
  /** The pipeline to measure. */
  readonly pipeline: Pipeline;
  /** How columns become journeys (see `readJourneys`). */
  readonly mapping: Mapping;
  /** Worker threads. Default: the machine's available parallelism. 1 reads in this thread. */
  readonly workers?: number;
  /** The rows are sorted by journey id: needed to split the file across workers (see `readJourneys`). */
  readonly sorted?: boolean;
  /** IANA zone for naive date-times; overrides the mapping's. */
  readonly timeZone?: string;
  /** Stop at the first unreadable row. */
  readonly strict?: boolean;
  /** CSV delimiter. Default `,`. */
  readonly delimiter?: string;
  /** `csv` or `jsonl`; by default from the file name. */
  readonly format?: 'csv' | 'jsonl';
}

/**
 * The result of {@link funnelReportFromFile}.
 *
 * @example
 * ```ts
 * const { report, stats }: FunnelReportFromFileResult = await funnelReportFromFile(file, options);
 * ```
 */
export interface FunnelReportFromFileResult {
  /** The same report `funnelReport` gives over the file's journeys. */
  readonly report: FunnelReport;
  /** What was read and what was skipped (the first 20 issues, in line order). */
  readonly stats: IngestStats;
  /** How many threads read the file. */
  readonly workers: number;
}

const ingestKeys = [
  'pipeline',
  'mapping',
  'workers',
  'sorted',
  'timeZone',
  'strict',
  'delimiter',
  'format',
];
/** Below this size a file is read in one thread: starting workers would cost more than it saves. */
const SPLIT_BYTES = 4 << 20;

/**
 * The funnel report of a CSV or JSON Lines file, read in parallel: a file sorted by journey id
 * is cut into one byte range per worker thread; each worker reads its range into a funnel
 * accumulator; the accumulators are merged. The journeys cut in two at a range boundary are
 * read whole in the main thread. The report is identical to `funnelReport` over
 * `readJourneys(file)`'s journeys. A file that is not sorted (no `sorted: true`), a JSON Lines
 * file, a small file, or a file whose split would fall inside a quoted field is read in one thread.
 *
 * Memory: per worker, one chunk of the file plus the accumulator (which keeps a number per
 * duration it reports on); without `sorted`, every journey is held until the end.
 *
 * @param path - the file
 * @param options - pipeline, mapping, funnel options, workers
 * @returns the report, the ingest stats and the number of threads used
 * @throws `PipelineError` as `readJourneys` and `funnelReport` do (`invalid_options`,
 *   `invalid_rows`, `unknown_stage` …), with true file line numbers
 *
 * @example
 * ```ts
 * import { presets } from 'buying-pipeline';
 * import { funnelReportFromFile, mappings } from 'buying-pipeline/node';
 * const { report, stats } = await funnelReportFromFile('test/node/fixtures/generic.csv', {
 *   pipeline: presets.buyingPipeline, mapping: mappings.generic, asOf: '2026-06-30', workers: 2,
 * });
 * report.winRate.won; //=> 1
 * stats.rows; //=> 8
 * ```
 */
export async function funnelReportFromFile(
  path: string,
  options: FunnelReportFromFileOptions,
): Promise<FunnelReportFromFileResult> {
  const { mapping, timeZone } = checkOptions(options);
  const funnel = Object.fromEntries(
    Object.entries(options).filter(([key]) => !ingestKeys.includes(key)),
  ) as unknown as FunnelOptions;
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) {
    throw new PipelineError(
      'invalid_options',
      [
        {
          code: 'invalid_value',
          path: ['workers'],
          message: `Expected a whole number ≥ 1, received ${String(workers)}`,
        },
      ],
      { where: 'funnelReportFromFile' },
    );
  }
  const base: ShareTask = {
    file: path,
    pipeline: options.pipeline,
    mapping,
    timeZone,
    funnel,
    sorted: options.sorted === true,
    strict: options.strict === true,
    delimiter: options.delimiter ?? ',',
    format: options.format,
  };
  const jsonl =
    options.format === 'jsonl' || (options.format === undefined && /\.(jsonl|ndjson)$/i.test(path));
  const size = (await stat(path).catch(() => undefined))?.size ?? 0;
  const split = workers > 1 && options.sorted === true && !jsonl && size >= SPLIT_BYTES;
  if (split) {
    const header = await readHeader(path, base.delimiter);
    if (header !== null) {
      const ranges = await boundaries(path, header.end, size, workers);
      const outcomes = await Promise.all(
        ranges.map((range) =>
          inWorker({ ...base, range: { ...range, names: header.names, crlf: header.crlf } }),
        ),
      );
      const offsets = lineOffsets(outcomes);
      // The first failure in file order, with its true line number.
      outcomes.forEach((outcome, index) => {
        if ('error' in outcome) throw rebuild(outcome.error, offsets[index] ?? 0);
      });
      const results = outcomes as ShareResult[];
      // Every boundary must fall outside quotes (an even count of quote characters before it).
      let quotes = header.quotes;
      const safe = results.slice(0, -1).every((result) => {
        quotes += result.quotes;
        return quotes % 2 === 0;
      });
      if (safe) return combine(base, results, header.names, offsets);
    }
  }
  const { result: single, accumulator } = await runShareHere(base);
  return {
    report: accumulator.result(),
    stats: {
      file: path,
      rows: single.rows,
      journeys: single.journeys,
      skippedRows: single.skippedRows,
      issues: single.issues,
    },
    workers: 1,
  };
}

/** The header line: its names, where it ends (byte offset), its line ending and its quotes. */
async function readHeader(
  path: string,
  delimiter: string,
): Promise<{ names: string[]; end: number; crlf: boolean; quotes: number } | null> {
  const handle = await open(path);
  try {
    const buffer = Buffer.alloc(1 << 20);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const newline = buffer.subarray(0, bytesRead).indexOf(10);
    if (newline === -1) return null;
    let text = buffer.subarray(0, newline).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const crlf = text.endsWith('\r');
    if (crlf) text = text.slice(0, -1);
    return {
      names: splitHeader(text, delimiter),
      end: newline + 1,
      crlf,
      quotes: text.split('"').length - 1,
    };
  } finally {
    await handle.close();
  }
}

/** Byte ranges after the header, one per worker, each starting at a line. */
async function boundaries(path: string, start: number, size: number, parts: number) {
  const handle = await open(path);
  try {
    const cuts = [start];
    const window = Buffer.alloc(1 << 20);
    for (let part = 1; part < parts; part += 1) {
      const target = Math.max(
        start + Math.floor(((size - start) * part) / parts),
        cuts[cuts.length - 1] as number,
      );
      const { bytesRead } = await handle.read(window, 0, window.length, target);
      const newline = window.subarray(0, bytesRead).indexOf(10);
      if (newline !== -1) cuts.push(target + newline + 1);
    }
    cuts.push(size);
    const ranges: { start: number; end: number }[] = [];
    for (let index = 0; index + 1 < cuts.length; index += 1) {
      const from = cuts[index] as number;
      const to = cuts[index + 1] as number;
      if (to > from) ranges.push({ start: from, end: to });
    }
    return ranges;
  } finally {
    await handle.close();
  }
}

/** The worker module next to this one: built (`.js`/`.cjs`) or, under tests and tsx, the source. */
function workerFile(): { url: URL; fromSource: boolean } {
  const here = moduleUrl();
  const extension = /\.(c?js|ts)$/.exec(here)?.[0] ?? '.js';
  const names = [`./funnelWorker${extension}`, `./node/funnelWorker${extension}`];
  for (const name of names) {
    const url = new URL(name, here);
    if (existsSync(fileURLToPath(url))) {
      return { url, fromSource: extension === '.ts' };
    }
  }
  throw new Error(
    `buying-pipeline/node: cannot find the worker module (looked for ${names.join(', ')} beside ${here})`,
  );
}

function moduleUrl(): string {
  return import.meta.url;
}

/** Shares number their lines from 2: the file's line of a share's row is that plus the line breaks of the shares before it. */
function lineOffsets(
  outcomes: readonly (ShareResult | { error: SharedError; lineBreaks: number })[],
): number[] {
  const offsets: number[] = [];
  let breaks = 0;
  for (const outcome of outcomes) {
    offsets.push(breaks);
    breaks += outcome.lineBreaks;
  }
  return offsets;
}

function inWorker(
  task: ShareTask,
): Promise<ShareResult | { error: SharedError; lineBreaks: number }> {
  const { url, fromSource } = workerFile();
  return new Promise((resolve, reject) => {
    // From source (tests, tsx), the worker first registers tsx's loader in its own thread.
    const worker = fromSource
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`,
          { eval: true, workerData: task },
        )
      : new Worker(url, { workerData: task });
    worker.once(
      'message',
      (message: { ok: true; result: ShareResult } | { ok: false; error: SharedError }) => {
        if (message.ok) resolve(message.result);
        else resolve({ error: message.error, lineBreaks: 0 });
        void worker.terminate();
      },
    );
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0)
        reject(new Error(`funnelReportFromFile: a worker stopped with exit code ${code}`));
    });
  });
}

function rebuild(error: SharedError, offset: number): Error {
  const issues = error.issues.map((issue) =>
    isIngestIssue(issue) ? relocate(issue, offset) : issue,
  );
  const [first, ...rest] = issues;
  if (error.pipeline && first) {
    return new PipelineError(
      error.code as PipelineError['code'],
      [first, ...rest] as [PipelineIssue, ...PipelineIssue[]],
      {
        where: 'funnelReportFromFile',
      },
    );
  }
  return new Error(error.message);
}

function isIngestIssue(issue: PipelineIssue): issue is IngestIssue {
  return (
    typeof (issue as Partial<IngestIssue>).line === 'number' &&
    typeof (issue as Partial<IngestIssue>).file === 'string'
  );
}

/** An issue of a share with the file's line number. */
function relocate(issue: IngestIssue, offset: number): IngestIssue {
  const problem = issue.message.replace(/^.*?:\d+(?::\d+)?(?: \(column "[^"]*"\))?: /, '');
  return makeIssue(
    issue.file,
    issue.line + offset,
    issue.column,
    issue.columnNumber,
    issue.code,
    problem,
  );
}

/** Merges the shares and reads the journeys cut at the boundaries, in file order. */
function combine(
  base: ShareTask,
  results: ShareResult[],
  names: readonly string[],
  offsets: readonly number[],
): FunnelReportFromFileResult {
  const accumulator = funnelAccumulatorFromJSON(
    base.pipeline,
    (results[0] as ShareResult).accumulator,
  );
  for (const result of results.slice(1))
    accumulator.merge(funnelAccumulatorFromJSON(base.pipeline, result.accumulator));
  const log: IssueLog = {
    file: base.file,
    rows: 0,
    journeys: 0,
    skippedRows: 0,
    issues: [],
    strict: base.strict,
    onIssue: undefined,
  };
  const stitch = createRowReader({
    mapping: base.mapping,
    timeZone: base.timeZone,
    sorted: true,
    log,
    emit: (draft) => accumulator.add(inputOfDraft(draft)),
  });
  stitch.header(names);
  const replay = (rows: HeldRow[], offset: number) => {
    for (const [cells, line, ragged] of rows) stitch.row(cells, line + offset, ragged);
  };
  results.forEach((result, index) => {
    replay(result.head, offsets[index] as number);
    replay(result.tail, offsets[index] as number);
  });
  stitch.finish();
  const issues = [
    ...results.flatMap((result, index) =>
      result.issues.map((issue) => relocate(issue, offsets[index] as number)),
    ),
    ...log.issues,
  ].sort((a, b) => a.line - b.line);
  const sum = (pick: (result: ShareResult) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  return {
    report: accumulator.result(),
    stats: {
      file: base.file,
      rows: sum((result) => result.rows) + log.rows,
      journeys: sum((result) => result.journeys) + log.journeys,
      skippedRows: sum((result) => result.skippedRows) + log.skippedRows,
      issues: issues.slice(0, ISSUE_DETAIL),
    },
    workers: results.length,
  };
}
