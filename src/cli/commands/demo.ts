import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { Journey } from '../../journey/types.js';
import { funnelReport } from '../../metrics/report.js';
import { mappings, readJourneys } from '../../node/index.js';
import { presets } from '../../pipeline/presets.js';
import { planFromRevenue } from '../../planning/planFromRevenue.js';
import type { CliCommand } from '../command.js';
import { demoAsOf, demoCsv } from '../demo/generateDemoRows.js';
import { inputError } from '../errors.js';
import { renderTable } from '../format/table.js';
import { renderReportHtml } from '../html/renderReportHtml.js';
import { ingestNotes } from '../input.js';
import type { CliIo } from '../io.js';
import { version } from '../version.js';
import { renderPlan } from './plan.js';

/**
 * The demo's plan: what a revenue goal would take at the sample's own conversion rates, deal
 * size and stage durations, by the end of the year.
 */
export const demoPlanGoal = { revenueGoal: '5000000', deadline: '2026-12-31T00:00:00.000Z' };

/** Where the demo writes its page when `--out` is not given. */
export const demoPageName = 'buying-pipeline-demo.html';

interface DemoOptions {
  readonly out?: string;
  readonly data?: string;
}

/** `buying-pipeline demo`: the report on the bundled sample, as tables and as an HTML page. */
export const demoCommand: CliCommand = {
  name: 'demo',
  register(program: Command, io: CliIo) {
    program
      .command('demo')
      .summary('funnel report and revenue plan of the bundled sample data set')
      .description(
        `Runs the funnel report on the bundled sample: 3,000 generated journeys through the seed's buying pipeline, with the quirks of a real CRM export. Prints the summary tables, then a plan backwards from a revenue goal of 5,000,000 at the sample's own conversion rates, mean won deal and stage durations, and writes the HTML report to ${demoPageName} in the current folder (or --out).`,
      )
      .option('-o, --out <file>', `where to write the HTML report (default: ./${demoPageName})`)
      .option(
        '--data <file>',
        'also write the sample as a CSV (generic mapping), to try `report` on it',
      )
      .addHelpText(
        'after',
        `
Examples:
  $ buying-pipeline demo
  $ buying-pipeline demo --out /tmp/funnel.html --data /tmp/events.csv
  $ buying-pipeline report /tmp/events.csv --by origin --as-of 2026-06-30`,
      )
      .action(async (options: DemoOptions) => {
        await runDemo(options, io);
      });
  },
};

async function runDemo(options: DemoOptions, io: CliIo): Promise<void> {
  const pipeline = presets.buyingPipeline;
  const csv = demoCsv();
  // Through the same ingest as `report`: the sample is a generic event table in CSV.
  const source = readJourneys(Readable.from([csv]), {
    mapping: mappings.generic,
    pipeline,
    sorted: true,
    name: 'demo.csv',
  });
  const journeys: Journey[] = [];
  for await (const journey of source) journeys.push(journey);
  const by = 'origin';
  const report = funnelReport(pipeline, journeys, { asOf: demoAsOf, by });
  const notes = ingestNotes(source.stats);
  const context = { pipeline, by, notes, source: 'the bundled sample' };
  io.stdout.write(renderTable(report, context));

  // The plan runs on the report's own figures: conversion() counts as the rates (so the 90%
  // plan accounts for how uncertain each measured rate is), the mean won deal, and velocity()'s
  // median days to the next stage for the latest entry dates.
  const averageDealSize = report.deals.mean;
  if (averageDealSize !== null) {
    const input = {
      ...demoPlanGoal,
      averageDealSize,
      rates: report.conversion,
      confidence: 0.9,
      asOf: demoAsOf,
      durations: report.velocity,
    };
    const plan = planFromRevenue(pipeline, input);
    io.stdout.write(`\n${renderPlan(plan, pipeline, input, "the sample's rates")}`);
  }

  const page = resolve(io.cwd, options.out ?? demoPageName);
  await write(
    page,
    renderReportHtml(report, { ...context, generator: `buying-pipeline ${version}` }),
    '--out',
  );
  io.stdout.write(`\nHTML report: ${page} (open it in a browser; it needs no network)\n`);
  if (options.data !== undefined) {
    const data = resolve(io.cwd, options.data);
    await write(data, csv, '--data');
    io.stdout.write(
      `Sample data: ${data} (try: buying-pipeline report ${options.data} --by origin --as-of ${demoAsOf.slice(0, 10)})\n`,
    );
  }
}

async function write(path: string, text: string, option: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    throw inputError(`${option} ${path}: cannot write (${(error as Error).message})`, error);
  }
}
