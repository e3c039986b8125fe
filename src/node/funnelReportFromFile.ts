import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PipelineError, type PipelineIssue } from '../errors/PipelineError.js';
import {
  createFunnelAccumulator,
  type FunnelAccumulator,
  type FunnelAccumulatorTransfer,
  funnelAccumulatorFromTransfer,
  settleFunnelAccumulator,
} from '../metrics/accumulator.js';
import type { FunnelOptions } from '../metrics/options.js';
import type { FunnelReport } from '../metrics/report.js';
import type { Pipeline } from '../pipeline/types.js';
import { splitHeader } from './csvSource.js';
import { inputOfDraft } from './drafts.js';
import {
  type RangeJob,
  type RangeOutcome,
  rangeQueue,
  rangesAt,
  rangeTargets,
  readRanges,
} from './funnelRanges.js';
import {
  type HeldRow,
  runShareHere,
  type SharedError,
  type ShareResult,
  type ShareTask,
  shareError,
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

/**
 * The funnel report of a CSV or JSON Lines file, read in parallel: a file sorted by journey id
 * is cut into byte ranges (long ones first, shorter towards the end) that this thread and
 * `workers − 1` worker threads take from a shared queue, whichever is free taking the next; each
 * thread reads its ranges into one funnel accumulator and sorts its lists of durations; the main
 * thread merges the accumulators (the sorted lists are transferred, not copied, and merged, not
 * sorted again) and reads the journeys cut at the range boundaries whole, in file order. The
 * report is identical to `funnelReport` over `readJourneys(file)`'s journeys. A file that is not
 * sorted (no `sorted: true`), a JSON Lines file, a small file, a file whose split would fall
 * inside a quoted field, or a read that fails (its error is then the one a sequential read stops
 * at) is read in one thread.
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
export function funnelReportFromFile(
  path: string,
  options: FunnelReportFromFileOptions,
): Promise<FunnelReportFromFileResult> {
  return reportFromFile(path, options, DEFAULT_TUNING);
}

/** How a file is split (tests make small files split into many small ranges). */
export interface SplitTuning {
  /** Below this size a file is read in one thread: starting workers would cost more than it saves. */
  readonly splitBytes: number;
  /** The shortest range handed out (see `rangeTargets`), but for the last. */
  readonly smallestRange: number;
}

/**
 * 1 MiB ranges at the end: about 40 ms of reading each, so the threads finish within about that
 * of each other; 16 ranges on the 143 MB bench file.
 */
const DEFAULT_TUNING: SplitTuning = { splitBytes: 4 << 20, smallestRange: 1 << 20 };

/** {@link funnelReportFromFile} with the split's tuning given (internal; for tests). */
export async function reportFromFile(
  path: string,
  options: FunnelReportFromFileOptions,
  tuning: SplitTuning,
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
  const split = workers > 1 && options.sorted === true && !jsonl && size >= tuning.splitBytes;
  if (split) {
    const header = await readHeader(path, base.delimiter);
    if (header !== null) {
      const targets = rangeTargets(header.end, size, workers, tuning.smallestRange);
      const ranges = await rangesAt(path, header.end, size, targets);
      const split = await readSplit(base, header, ranges, workers);
      if (split !== null) return split;
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

/** The worker module next to this one: built (`.js`/`.cjs`) or, under tests and tsx, the source. */
function workerFile(): { url: URL; fromSource: boolean } {
  const here = moduleUrl();
  const extension = /\.(c?js|ts)$/.exec(here)?.[0] ?? '.js';
  const names = [
    `./funnelWorker${extension}`,
    `./node/funnelWorker${extension}`,
    `../node/funnelWorker${extension}`,
  ];
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

/** What a worker thread posts when it is done. */
type WorkerMessage =
  | { ok: true; outcomes: RangeOutcome[]; state: FunnelAccumulatorTransfer | null }
  | { ok: false; error: SharedError };

/**
 * Reads the ranges in this thread and `workers − 1` worker threads, each thread taking the next
 * range from a shared queue, and combines what they read; null when a range boundary falls inside
 * a quoted field (the caller then reads the file in one thread).
 */
async function readSplit(
  base: ShareTask,
  header: { names: string[]; crlf: boolean; quotes: number },
  ranges: readonly { start: number; end: number }[],
  workers: number,
): Promise<FunnelReportFromFileResult | null> {
  // Made before any worker starts: bad funnel options fail here, as the main thread's share would.
  let accumulator: FunnelAccumulator;
  try {
    accumulator = createFunnelAccumulator(base.pipeline, base.funnel);
  } catch (error) {
    throw rebuild(shareError(error), 0);
  }
  const { range: _whole, ...task } = base;
  const job: RangeJob = {
    task,
    names: header.names,
    crlf: header.crlf,
    ranges,
    queue: rangeQueue(),
  };
  const threads = Math.min(workers, ranges.length);
  // The workers start first, so they load while this thread reads.
  const others = Array.from({ length: threads - 1 }, () => inWorker(job));
  // Handled from now on: a worker that fails while this thread reads is not an unhandled rejection.
  const done = Promise.all(others.map((worker) => worker.done));
  done.catch(() => undefined);
  const own = await readRanges(job, accumulator);
  if (own.outcomes.some((outcome) => 'error' in outcome)) {
    // See below: the file is read again in one thread; the workers' ranges are not needed.
    for (const worker of others) worker.stop();
    return null;
  }
  // This thread sorts its own lists while the workers sort theirs.
  settleFunnelAccumulator(accumulator);
  const posted = await done;
  const outcomes: RangeOutcome[] = [...own.outcomes];
  for (const message of posted) {
    if (!message.ok) throw rebuild(message.error, 0);
    outcomes.push(...message.outcomes);
  }
  const byRange = new Array<ShareResult | undefined>(ranges.length);
  for (const outcome of outcomes) {
    // A range failed (a bad row in strict mode, an unknown stage …): the error a sequential read
    // meets first may lie in rows no thread has checked yet (the held-back journeys, the ranges
    // before it), so the caller reads the file again in one thread, which stops at that error.
    if ('error' in outcome) return null;
    byRange[outcome.index] = outcome.result;
  }
  const results = byRange.map((result) => {
    if (result === undefined) throw new Error('funnelReportFromFile: a range was not read');
    return result;
  });
  // Every boundary must fall outside quotes (an even count of quote characters before it): else
  // ranges were parsed from the middle of a field.
  let quotes = header.quotes;
  for (const result of results.slice(0, -1)) {
    quotes += result.quotes;
    if (quotes % 2 !== 0) return null;
  }
  const offsets = lineOffsets(results);
  for (const message of posted) {
    if (message.ok && message.state !== null) {
      accumulator.merge(funnelAccumulatorFromTransfer(base.pipeline, message.state));
    }
  }
  return { ...combine(base, accumulator, results, header.names, offsets), workers: threads };
}

/** Ranges number their lines from 2: the file's line of a range's row is that plus the line breaks of the ranges before it. */
function lineOffsets(results: readonly ShareResult[]): number[] {
  const offsets: number[] = [];
  let breaks = 0;
  for (const result of results) {
    offsets.push(breaks);
    breaks += result.lineBreaks;
  }
  return offsets;
}

/** A worker thread reading ranges of the job: what it posts when done, and a way to stop it early. */
function inWorker(job: RangeJob): { done: Promise<WorkerMessage>; stop(): void } {
  const { url, fromSource } = workerFile();
  // From source (tests, tsx), the worker first registers tsx's loader in its own thread.
  const worker = fromSource
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`,
        { eval: true, workerData: job },
      )
    : new Worker(url, { workerData: job });
  let stopped = false;
  const done = new Promise<WorkerMessage>((resolve, reject) => {
    worker.once('message', (message: WorkerMessage) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0 && !stopped)
        reject(new Error(`funnelReportFromFile: a worker stopped with exit code ${code}`));
    });
  });
  return {
    done,
    stop() {
      stopped = true;
      void worker.terminate();
    },
  };
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

/** Reads the journeys cut at the range boundaries into the merged accumulator, in file order, and makes the report. */
function combine(
  base: ShareTask,
  accumulator: FunnelAccumulator,
  results: readonly ShareResult[],
  names: readonly string[],
  offsets: readonly number[],
): Omit<FunnelReportFromFileResult, 'workers'> {
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
  };
}
