import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { formatPath, isPipelineError } from '../../errors/PipelineError.js';
import type { Journey } from '../../journey/types.js';
import { createFunnelAccumulator } from '../../metrics/accumulator.js';
import type { FunnelOptions } from '../../metrics/options.js';
import type { FunnelReport } from '../../metrics/report.js';
import { funnelReportFromFile } from '../../node/index.js';
import type { Pipeline } from '../../pipeline/types.js';
import type { CliCommand } from '../command.js';
import { readSpendFile } from '../economics/readSpendFile.js';
import { type ReportEconomics, reportEconomics } from '../economics/reportEconomics.js';
import { inputError, usageError } from '../errors.js';
import { renderEconomicsReport } from '../format/economicsReport.js';
import { ingestNotes, latestEventTime, openInput, readInput } from '../input.js';
import type { CliIo } from '../io.js';
import { parseAsOf } from '../options/asOf.js';
import { type ReportFormat, renderReport, reportFormats } from '../options/format.js';
import { addParsingOptions, addSourceOptions, resolveReadOptions } from '../options/read.js';
import { writeOutput } from '../output.js';

/** The options of `report`, as commander parses them. */
interface ReportOptions {
  readonly pipeline?: string;
  readonly mapping: string;
  readonly by?: string;
  readonly asOf?: string;
  readonly format: ReportFormat;
  readonly out?: string;
  readonly timeZone?: string;
  readonly strict?: boolean;
  readonly sorted?: boolean;
  readonly spend?: string;
  readonly program?: string;
}

/** `buying-pipeline report <file>`: the funnel report of a CRM export. */
export const reportCommand: CliCommand = {
  name: 'report',
  register(program: Command, io: CliIo) {
    const command = program
      .command('report')
      .summary('funnel report of a CRM export (CSV or JSON Lines)')
      .description(
        'The funnel report of a CRM export: conversion per stage with intervals, velocity, win rate, leakage and deal figures.',
      )
      .argument('<file>', 'CSV or JSON Lines export (.csv, .tsv, .jsonl, .ndjson)');
    addSourceOptions(command)
      .option('--by <field>', 'split conversion and win rate by "origin" or an attribute')
      .option(
        '--as-of <date>',
        'the moment the report describes, e.g. 2026-06-30 (default: the latest event in the file)',
      )
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(reportFormats)
          .default('table'),
      )
      .option('-o, --out <file>', 'write the report to a file instead of stdout')
      .option(
        '--spend <file>',
        'spend per program (CSV: program,start,end,amount[,stage]; or JSON): adds cost per stage, acquisition cost, return on spend, recycling and entry points',
      )
      .option(
        '--program <attribute>',
        'with --spend: the journey attribute that names its program (default: origin)',
      );
    addParsingOptions(command)
      .option(
        '--sorted',
        'the rows are sorted by journey id: read in parallel on every core, one journey at a time in memory',
      )
      .addHelpText(
        'after',
        `
Rows that cannot be read are skipped, counted and listed on stderr (first 20 with file, line
and column); --strict stops at the first one instead. Without --as-of the file is read twice:
once to find its latest event, once to compute.

Examples:
  $ buying-pipeline report events.csv --by origin
  $ buying-pipeline report deals.csv --mapping hubspot --pipeline demand-waterfall --as-of 2026-06-30
  $ buying-pipeline report events.csv --format json --out report.json
  $ buying-pipeline report events.csv --format html --out funnel.html
  $ buying-pipeline report events.csv --spend spend.csv --program campaign --format html --out economics.html`,
      )
      .action(async (file: string, options: ReportOptions) => {
        await runReport(file, options, io);
      });
  },
};

async function runReport(file: string, options: ReportOptions, io: CliIo): Promise<void> {
  const read = await resolveReadOptions(options, io.cwd, options.sorted === true);
  const { pipeline } = read;
  if (options.program !== undefined && options.spend === undefined) {
    throw usageError(
      '--program needs --spend <file>: it names the attribute the spend lines are matched on',
    );
  }
  if (options.program !== undefined && options.program.trim() === '') {
    throw usageError('--program: expected an attribute name, e.g. origin or campaign');
  }
  // Read and check the spend before the export: a bad spend file fails at once.
  const spend =
    options.spend === undefined ? null : await readSpendFile(options.spend, io.cwd, pipeline);
  const givenAsOf = options.asOf === undefined ? null : parseAsOf(options.asOf);
  const input = await openInput(file, io.cwd);
  let asOf = givenAsOf;
  if (asOf === null) {
    let latest = Number.NEGATIVE_INFINITY;
    await readInput(input, read, io, (journey) => {
      latest = Math.max(latest, latestEventTime(journey));
    });
    if (latest === Number.NEGATIVE_INFINITY) {
      throw inputError(`${file}: no events could be read, so there is no default --as-of`);
    }
    asOf = new Date(latest);
  }

  const funnel: FunnelOptions = { asOf, ...(options.by === undefined ? {} : { by: options.by }) };
  // The economics calculators take the journeys as a list: with --spend they are kept in memory.
  const journeys: Journey[] | null = spend === null ? null : [];
  const report = read.sorted
    ? await computeInParallel(pipeline, funnel, input, read, io)
    : await computeReport(pipeline, funnel, input, read, io, journeys);
  if (read.sorted && journeys !== null) {
    await readInput(input, read, io, (journey) => {
      journeys.push(journey);
    });
  }
  const notes = ingestNotes(report.ingest);
  for (const note of notes) io.stderr.write(`buying-pipeline: warning: ${note}\n`);
  const context = {
    pipeline,
    source: basename(file),
    notes,
    ...(options.by === undefined ? {} : { by: options.by }),
  };
  let economics: ReportEconomics | null = null;
  if (spend !== null && journeys !== null && options.spend !== undefined) {
    economics = reportEconomics(pipeline, journeys, spend, {
      asOf,
      by: options.program ?? 'origin',
      spendFile: basename(options.spend),
    });
  }
  const text =
    economics === null
      ? renderReport(report.report, options.format, context)
      : renderEconomicsReport(report.report, economics, options.format, context);
  await writeOutput(text, options.out, io);
}

async function computeReport(
  pipeline: Pipeline,
  funnel: FunnelOptions,
  input: Awaited<ReturnType<typeof openInput>>,
  read: Parameters<typeof readInput>[1],
  io: CliIo,
  keep: Journey[] | null,
): Promise<{ report: FunnelReport; ingest: Awaited<ReturnType<typeof readInput>> }> {
  const accumulator = createFunnelAccumulator(pipeline, funnel);
  const ingest = await readInput(input, read, io, (journey) => {
    try {
      accumulator.add(journey);
    } catch (error) {
      throw journeyError(input.shown, journey.id, error);
    }
    keep?.push(journey);
  });
  return { report: accumulator.result(), ingest };
}

/**
 * A journey the pipeline cannot measure (a stage it does not have): say which journey, and how
 * to fix it, instead of the accumulator's index.
 */
function journeyError(file: string, id: string, error: unknown): unknown {
  if (!isPipelineError(error)) return error;
  const [first] = error.issues;
  const at = formatPath(first.path.slice(1));
  const hint =
    error.code === 'unknown_stage'
      ? " (choose the pipeline with --pipeline, or map the export's stage labels with a --mapping config)"
      : '';
  return inputError(
    `${file}: journey "${id}"${at ? ` at ${at}` : ''}: ${first.message}${hint}`,
    error,
  );
}

/**
 * Sorted input is split across worker threads (one per core) by `funnelReportFromFile`, with the
 * same result as one thread. Its progress is not observable, so this path draws no progress bar.
 */
async function computeInParallel(
  pipeline: Pipeline,
  funnel: FunnelOptions,
  input: Awaited<ReturnType<typeof openInput>>,
  read: Parameters<typeof readInput>[1],
  io: CliIo,
): Promise<{ report: FunnelReport; ingest: Awaited<ReturnType<typeof readInput>> }> {
  // Issues name the file as the user typed it when that path means the same file here.
  const path = io.cwd === process.cwd() ? input.shown : input.path;
  const { report, stats } = await funnelReportFromFile(path, {
    ...funnel,
    pipeline,
    mapping: read.mapping,
    sorted: true,
    strict: read.strict,
    format: /\.(jsonl|ndjson)$/i.test(input.path) ? 'jsonl' : 'csv',
    ...(/\.tsv$/i.test(input.path) ? { delimiter: '\t' } : {}),
    ...(read.timeZone === undefined ? {} : { timeZone: read.timeZone }),
  });
  return { report, ingest: stats };
}
