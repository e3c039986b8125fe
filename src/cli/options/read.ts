import type { Command } from 'commander';
import { formatPath, isPipelineError } from '../../errors/PipelineError.js';
import type { Journey } from '../../journey/types.js';
import type { IngestStats } from '../../node/index.js';
import type { Pipeline } from '../../pipeline/types.js';
import { inputError } from '../errors.js';
import {
  ingestNotes,
  latestEventTime,
  openInput,
  type ReadInputOptions,
  readInput,
} from '../input.js';
import type { CliIo } from '../io.js';
import { defaultPipelineFor, mappingNames, resolveMapping } from './mapping.js';
import { resolvePipeline } from './pipeline.js';

/** The options that say how to read an export, as `report` has them. */
export interface ReadOptions {
  readonly pipeline?: string;
  readonly mapping: string;
  readonly timeZone?: string;
  readonly strict?: boolean;
}

/** Adds `--pipeline` and `--mapping`: the pipeline the export is measured with, and its columns. */
export function addSourceOptions(command: Command): Command {
  return command
    .option(
      '-p, --pipeline <preset|file>',
      'preset (buying-pipeline, demand-waterfall, nurture) or a pipeline config .json (default: demand-waterfall with --mapping hubspot, else buying-pipeline)',
    )
    .option(
      '-m, --mapping <name|file>',
      `column mapping: ${mappingNames.join(', ')}, or a mapping config .json`,
      'generic',
    );
}

/** Adds `--time-zone` and `--strict`: how the rows are read. */
export function addParsingOptions(command: Command): Command {
  return command
    .option('--time-zone <zone>', 'IANA zone for date-times without an offset, e.g. Europe/Paris')
    .option('--strict', 'stop at the first row that cannot be read');
}

/** Adds `--pipeline`, `--mapping`, `--time-zone` and `--strict`, worded as `report` words them. */
export function addReadOptions(command: Command): Command {
  return addParsingOptions(addSourceOptions(command));
}

/**
 * The pipeline and the column mapping that `--pipeline` and `--mapping` name (the pipeline
 * defaults to the one that suits the mapping), and how `readInput` reads the export with them.
 */
export async function resolveReadOptions(
  options: ReadOptions,
  cwd: string,
  sorted: boolean,
): Promise<ReadInputOptions> {
  const pipeline = await resolvePipeline(
    options.pipeline ?? defaultPipelineFor(options.mapping),
    cwd,
  );
  const mapping = await resolveMapping(options.mapping, cwd);
  return {
    mapping,
    pipeline,
    strict: options.strict === true,
    sorted,
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  };
}

/** The journeys of an export, all in memory, with what the ingest skipped and the latest event. */
export interface ReadJourneys {
  readonly pipeline: Pipeline;
  readonly journeys: readonly Journey[];
  readonly stats: IngestStats;
  /** The latest event in the file: the default `--as-of`. */
  readonly latest: Date;
}

/**
 * Reads every journey of an export into memory (the forecasting, SLA and scoring calculators
 * look at each journey more than once), warns on stderr about the rows it had to skip, and
 * finds the latest event. A file without any readable event is an input error.
 */
export async function readJourneysOf(
  file: string,
  options: ReadOptions,
  io: CliIo,
): Promise<ReadJourneys> {
  const read = await resolveReadOptions(options, io.cwd, false);
  const { pipeline } = read;
  const input = await openInput(file, io.cwd);
  const journeys: Journey[] = [];
  let latest = Number.NEGATIVE_INFINITY;
  const stats = await readInput(input, read, io, (journey) => {
    journeys.push(journey);
    latest = Math.max(latest, latestEventTime(journey));
  });
  for (const note of ingestNotes(stats)) io.stderr.write(`buying-pipeline: warning: ${note}\n`);
  if (latest === Number.NEGATIVE_INFINITY) {
    throw inputError(`${file}: no events could be read`);
  }
  return { pipeline, journeys, stats, latest: new Date(latest) };
}

/**
 * A library error about one of the journeys read (a stage the pipeline does not have …): names
 * the file and the journey's id instead of its index; any other error is returned as it is.
 */
export function journeyError(file: string, journeys: readonly Journey[], error: unknown): unknown {
  if (!isPipelineError(error)) return error;
  const [first] = error.issues;
  const [index, ...rest] = first.path;
  const journey = typeof index === 'number' ? journeys[index] : undefined;
  if (journey === undefined) return error;
  const at = formatPath(rest);
  const hint =
    first.code === 'unknown_stage'
      ? " (choose the pipeline with --pipeline, or map the export's stage labels with a --mapping config)"
      : '';
  return inputError(
    `${file}: journey "${journey.id}"${at ? ` at ${at}` : ''}: ${first.message}${hint}`,
    error,
  );
}
