import { isPipelineError, type PipelineIssue } from '../errors/PipelineError.js';
import {
  createFunnelAccumulator,
  type FunnelAccumulator,
  shapedAdder,
} from '../metrics/accumulator.js';
import type { FunnelOptions } from '../metrics/options.js';
import type { Pipeline } from '../pipeline/types.js';
import { inputOfDraft } from './drafts.js';
import type { IngestIssue, IssueLog } from './ingestIssues.js';
import { defaultEventColumns, type Mapping } from './mapping.js';
import { createIngest } from './readJourneys.js';
import { textChunks } from './textChunks.js';

// One share of a funnel report over a file: the whole file (one thread), or a byte range of a
// file sorted by journey id (one of many, see funnelRanges). A range may cut the first and the last
// journey of the share in two, so their rows are held back and sent to the main thread, which
// reads them in file order with the neighbouring shares' rows: the journeys then come out
// exactly as one sequential read would make them.

/** What a share is told. */
export interface ShareTask {
  readonly file: string;
  readonly pipeline: Pipeline;
  readonly mapping: Mapping;
  readonly timeZone: string | undefined;
  readonly funnel: FunnelOptions;
  readonly sorted: boolean;
  readonly strict: boolean;
  readonly delimiter: string;
  readonly format: 'csv' | 'jsonl' | undefined;
  /** A byte range after the header, with the header's names; absent for the whole file. */
  readonly range?: {
    readonly start: number;
    readonly end: number;
    readonly names: readonly string[];
    readonly crlf: boolean;
  };
}

/** A held-back row: its cells, its line relative to the share, and its problem if ragged. */
export type HeldRow = [cells: string[], line: number, ragged: string | null];

/** What a share gives back besides its journeys (which go into the accumulator it is given). */
export interface ShareResult {
  readonly rows: number;
  readonly journeys: number;
  readonly skippedRows: number;
  readonly issues: IngestIssue[];
  /** Line breaks and quote characters in the range (to number lines and to check the split). */
  readonly lineBreaks: number;
  readonly quotes: number;
  /** Rows of the share's first and last journey (ranges only). */
  readonly head: HeldRow[];
  readonly tail: HeldRow[];
}

/** The id column's position for a mapping and header (-1 when absent). */
export function idPosition(mapping: Mapping, names: readonly string[]): number {
  const name =
    mapping.kind === 'events'
      ? (mapping.columns?.journeyId ?? defaultEventColumns.journeyId)
      : mapping.id;
  return names.indexOf(name);
}

/**
 * Runs one share in this thread, adding its journeys to `accumulator` (a new one by default: a
 * thread that reads several ranges adds them all to one).
 */
export async function runShareHere(
  task: ShareTask,
  accumulator: FunnelAccumulator = createFunnelAccumulator(task.pipeline, task.funnel),
): Promise<{ result: ShareResult; accumulator: FunnelAccumulator }> {
  const add = shapedAdder(accumulator);
  const log: IssueLog = {
    file: task.file,
    rows: 0,
    journeys: 0,
    skippedRows: 0,
    issues: [],
    strict: task.strict,
    onIssue: undefined,
  };
  const ingest = createIngest(
    task.file,
    { sorted: task.sorted, delimiter: task.delimiter, ...(task.format && { format: task.format }) },
    task.mapping,
    task.timeZone,
    log,
    // The row reader's journeys are built to the schema's shape: the accumulator skips those checks.
    (draft) => add(inputOfDraft(draft)),
    task.range && { names: task.range.names, crlf: task.range.crlf },
  );
  const head: HeldRow[] = [];
  // The rows of the journey being read, until it ends: three columns reused from journey to
  // journey (a tuple per row was a tenth of the share's allocations). Slots past `held` keep
  // rows of earlier journeys until they are overwritten.
  const heldCells: (readonly string[])[] = [];
  const heldLines: number[] = [];
  const heldRagged: (string | null)[] = [];
  let held = 0;
  let lineBreaks = 0;
  let quotes = 0;
  const range = task.range;
  if (range) {
    // Hold back the first journey's rows, and the rows of the journey being read until it ends.
    const id = idPosition(task.mapping, range.names);
    const inner = ingest.rows.row;
    let headId: string | null = null;
    let headDone = false;
    let tailId: string | null = null;
    ingest.rows.row = (cells, line, ragged) => {
      const key = trimmed(cells[id] ?? '');
      if (!headDone) {
        if (headId === null || key === headId || key === '') {
          headId ??= key;
          head.push([cells as string[], line, ragged]);
          return;
        }
        headDone = true;
      }
      if (tailId !== null && key !== tailId && key !== '') {
        for (let index = 0; index < held; index += 1)
          inner(
            heldCells[index] as readonly string[],
            heldLines[index] as number,
            heldRagged[index] as string | null,
          );
        held = 0;
      }
      if (tailId === null || key !== '') tailId = key;
      heldCells[held] = cells;
      heldLines[held] = line;
      heldRagged[held] = ragged;
      held += 1;
    };
  }
  const count = (text: string, char: string): number => {
    let found = 0;
    let at = text.indexOf(char);
    while (at !== -1) {
      found += 1;
      at = text.indexOf(char, at + 1);
    }
    return found;
  };
  for await (const chunk of textChunks(task.file, range)) {
    if (range) {
      lineBreaks += count(chunk, '\n');
      quotes += count(chunk, '"');
    }
    ingest.push(chunk);
  }
  ingest.end();
  return {
    accumulator,
    result: {
      rows: log.rows,
      journeys: log.journeys,
      skippedRows: log.skippedRows,
      issues: log.issues,
      lineBreaks,
      quotes,
      head,
      tail: Array.from(
        { length: held },
        (_, index): HeldRow => [
          heldCells[index] as string[],
          heldLines[index] as number,
          heldRagged[index] as string | null,
        ],
      ),
    },
  };
}

/**
 * `text.trim()`, called only when an end of the text may be white space: most ids have none, and
 * the call showed in the profile.
 */
function trimmed(text: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  // Every character `trim` removes is at most a space or from U+00A0 on.
  return first <= 32 || last <= 32 || first >= 0xa0 || last >= 0xa0 ? text.trim() : text;
}

/** An error as plain data for `postMessage`, and back. */
export interface SharedError {
  readonly pipeline: boolean;
  readonly code: string;
  readonly message: string;
  readonly issues: readonly PipelineIssue[];
}

/** Flattens an error for the main thread. */
export function shareError(error: unknown): SharedError {
  if (isPipelineError(error)) {
    return {
      pipeline: true,
      code: error.code,
      message: error.message,
      issues: error.issues.map((issue) => ({ ...issue })),
    };
  }
  return {
    pipeline: false,
    code: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    issues: [],
  };
}
