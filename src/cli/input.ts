import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Journey } from '../journey/types.js';
import { type IngestStats, type Mapping, readJourneys } from '../node/index.js';
import type { Pipeline } from '../pipeline/types.js';
import { inputError, isNodeError } from './errors.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';

/** An input file that exists, is a file, and is not empty. */
export interface InputFile {
  /** The absolute path. */
  readonly path: string;
  /** The path as the user typed it, for messages. */
  readonly shown: string;
  /** Its size in bytes. */
  readonly size: number;
}

/** How to read the input. */
export interface ReadInputOptions {
  readonly mapping: Mapping;
  readonly pipeline: Pipeline;
  readonly strict: boolean;
  readonly sorted: boolean;
  readonly timeZone?: string;
}

/** Checks the input file before reading it, so that the common mistakes get a plain answer. */
export async function openInput(file: string, cwd: string): Promise<InputFile> {
  const path = resolve(cwd, file);
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw inputError(`${file}: is a folder, expected a CSV or JSON Lines file`);
    size = info.size;
  } catch (error) {
    if (isNodeError(error) && error.code === 'ENOENT')
      throw inputError(`${file}: no such file`, error);
    throw error;
  }
  if (size === 0) {
    throw inputError(`${file}: the file is empty; expected a header row and at least one data row`);
  }
  return { path, shown: file, size };
}

/**
 * Reads the journeys of the input with the mapping and hands each one to `onJourney`; returns
 * what the ingest read and skipped. Draws a progress bar on stderr when it is a terminal and the
 * read takes more than a second.
 */
export async function readInput(
  input: InputFile,
  options: ReadInputOptions,
  io: CliIo,
  onJourney: (journey: Journey) => void,
): Promise<IngestStats> {
  const progress = createProgress({ stream: io.stderr, total: input.size, label: input.shown });
  // A stream of our own, so that the bar can follow the bytes read.
  const stream = createReadStream(input.path, { highWaterMark: 1 << 20 });
  const journeys = readJourneys(stream, {
    mapping: options.mapping,
    pipeline: options.pipeline,
    strict: options.strict,
    sorted: options.sorted,
    name: input.shown,
    format: /\.(jsonl|ndjson)$/i.test(input.path) ? 'jsonl' : 'csv',
    ...(/\.tsv$/i.test(input.path) ? { delimiter: '\t' } : {}),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  try {
    for await (const journey of journeys) {
      onJourney(journey);
      progress.update(stream.bytesRead);
    }
  } finally {
    progress.stop();
    stream.destroy();
  }
  return journeys.stats;
}

/** The latest event time of a journey, in epoch ms (−Infinity without events). */
export function latestEventTime(journey: Journey): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const event of journey.events) latest = Math.max(latest, event.at.getTime());
  return latest;
}

/** What the ingest skipped, as lines for people: the count, then each detailed issue. */
export function ingestNotes(stats: IngestStats): string[] {
  if (stats.skippedRows === 0) return [];
  const shown = stats.issues.length;
  return [
    `${stats.skippedRows} row${stats.skippedRows === 1 ? '' : 's'} of ${stats.file} could not be read and ${stats.skippedRows === 1 ? 'was' : 'were'} left out${shown < stats.skippedRows ? ` (the first ${shown} follow)` : ''}`,
    ...stats.issues.map((issue) => issue.message),
  ];
}
