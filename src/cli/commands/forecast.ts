import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { pipelineCoverage } from '../../forecasting/pipelineCoverage.js';
import { pipelineWaterfall } from '../../forecasting/pipelineWaterfall.js';
import { pushRate } from '../../forecasting/pushRate.js';
import { salesVelocity } from '../../forecasting/salesVelocity.js';
import { weightedPipeline } from '../../forecasting/weightedPipeline.js';
import { type Decimal, readMoney } from '../../money/money.js';
import type { CliCommand } from '../command.js';
import { usageError } from '../errors.js';
import { type ForecastFigures, renderForecastTable } from '../format/forecastTable.js';
import type { CliIo } from '../io.js';
import { parseAsOf } from '../options/asOf.js';
import { parsePeriod } from '../options/period.js';
import { addReadOptions, journeyError, type ReadOptions, readJourneysOf } from '../options/read.js';
import { writeOutput } from '../output.js';

/** The output formats of `forecast`. */
const forecastFormats = ['table', 'json'] as const;

/** The options of `forecast`, as commander parses them. */
interface ForecastOptions extends ReadOptions {
  readonly period?: string;
  readonly start?: string;
  readonly end?: string;
  readonly asOf?: string;
  readonly target?: string;
  readonly format: (typeof forecastFormats)[number];
  readonly out?: string;
}

/** `buying-pipeline forecast <file>`: push rate, waterfall, coverage, velocity, weighted pipeline. */
export const forecastCommand: CliCommand = {
  name: 'forecast',
  register(program: Command, io: CliIo) {
    const command = program
      .command('forecast')
      .summary('push rate, pipeline waterfall, coverage, sales velocity and weighted pipeline')
      .description(
        "The forecast figures of a CRM export for a period: push rate and the pipeline waterfall of the period, coverage of a target (with --target), sales velocity and the weighted pipeline as of --as-of. Deals need forecast events (an expected close date, and an amount) to be in a period's pipeline.",
      )
      .argument('<file>', 'CSV or JSON Lines export (.csv, .tsv, .jsonl, .ndjson)')
      .option(
        '--period <start>..<end>',
        'the period [start, end), e.g. 2026-04-01..2026-07-01 (the end is not in it)',
      )
      .option('--start <date>', 'the period start (with --end, instead of --period)')
      .option('--end <date>', 'the period end, not in the period (with --start)')
      .option(
        '--as-of <date>',
        'the moment coverage, velocity and the weighted pipeline describe (default: the latest event in the file)',
      )
      .option('--target <money>', 'the revenue target of the period, e.g. 100000: adds coverage');
    addReadOptions(command)
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(forecastFormats)
          .default('table'),
      )
      .option('-o, --out <file>', 'write the figures to a file instead of stdout')
      .addHelpText(
        'after',
        `
Push rate: of the deals open at the period's start whose latest forecast closes inside it, the
share still open at its end. The waterfall: open at start + created + pulled in − won − lost −
pushed out = open at end. Coverage: open value ÷ (target − won), against 1 ÷ the value win rate.
Velocity: open opportunities × win rate × average won deal ÷ average cycle days.

Examples:
  $ buying-pipeline forecast events.csv --period 2026-04-01..2026-07-01 --as-of 2026-06-30
  $ buying-pipeline forecast events.csv --start 2026-04-01 --end 2026-07-01 --target 250000
  $ buying-pipeline forecast deals.csv --mapping salesforce --pipeline sf.json --period 2026-01-01..2026-04-01 --format json`,
      )
      .action(async (file: string, options: ForecastOptions) => {
        await runForecast(file, options, io);
      });
  },
};

/** `--target <money>`: a decimal amount, not negative. */
function parseTarget(value: string): Decimal {
  const target = readMoney(value);
  if (typeof target === 'string') throw usageError(`--target: ${target}`);
  if (target.isNegative())
    throw usageError(`--target: expected an amount of at least 0, received ${value}`);
  return target;
}

async function runForecast(file: string, options: ForecastOptions, io: CliIo): Promise<void> {
  // Options first: a usage error should not wait for the file to be read.
  const period = parsePeriod(options);
  const givenAsOf = options.asOf === undefined ? null : parseAsOf(options.asOf);
  const target = options.target === undefined ? null : parseTarget(options.target);
  const { pipeline, journeys, latest } = await readJourneysOf(file, options, io);
  const asOf = givenAsOf ?? latest;

  let figures: ForecastFigures;
  try {
    figures = {
      asOf,
      period,
      pushRate: pushRate(pipeline, journeys, { period }),
      waterfall: pipelineWaterfall(pipeline, journeys, period),
      coverage:
        target === null ? null : pipelineCoverage(pipeline, journeys, { asOf, period, target }),
      salesVelocity: salesVelocity(pipeline, journeys, { asOf }),
      weightedPipeline: weightedPipeline(pipeline, journeys, { asOf }),
    };
  } catch (error) {
    throw journeyError(file, journeys, error);
  }
  const text =
    options.format === 'json'
      ? `${JSON.stringify(figures, null, 2)}\n`
      : renderForecastTable(figures, { journeys: journeys.length, source: basename(file) });
  await writeOutput(text, options.out, io);
}
