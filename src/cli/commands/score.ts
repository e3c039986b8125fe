import { type Command, Option } from 'commander';
import { formatPath, isPipelineError } from '../../errors/PipelineError.js';
import { createScorer } from '../../scoring/createScorer.js';
import type { CliCommand } from '../command.js';
import { inputError } from '../errors.js';
import {
  renderScoreCsv,
  renderScoreTable,
  type ScoredJourney,
  type ScoreFigures,
  scoreSummary,
} from '../format/scoreTable.js';
import type { CliIo } from '../io.js';
import { parseAsOf } from '../options/asOf.js';
import { leadOf, modelPresetNames, resolveScoringModel } from '../options/model.js';
import { addReadOptions, type ReadOptions, readJourneysOf } from '../options/read.js';
import { writeOutput } from '../output.js';

/** The output formats of `score`. */
const scoreFormats = ['table', 'json', 'csv'] as const;

/** The options of `score`, as commander parses them. */
interface ScoreOptions extends ReadOptions {
  readonly model: string;
  readonly asOf?: string;
  readonly answers?: boolean;
  readonly format: (typeof scoreFormats)[number];
  readonly out?: string;
}

/** `buying-pipeline score <file> --model <config.json>`: every journey scored as a lead. */
export const scoreCommand: CliCommand = {
  name: 'score',
  register(program: Command, io: CliIo) {
    const command = program
      .command('score')
      .summary('score every journey of a CRM export as a lead (a JSON scoring model)')
      .description(
        "Scores every journey of a CRM export as a lead under a scoring model: fit rules on its attributes (the export's unmapped columns), behaviour rules on its behaviour events (with decay to --as-of), and BANTT answers with --answers. One row per journey, highest score first, with the reasons, and how many qualified at the model's threshold.",
      )
      .argument('<file>', 'CSV or JSON Lines export (.csv, .tsv, .jsonl, .ndjson)')
      .requiredOption(
        '--model <preset|file>',
        `a scoring preset (${modelPresetNames.join(', ')}) or a scoring model .json (what defineScoringModel takes; see docs/scoring.md)`,
      )
      .option(
        '--as-of <date>',
        'the moment scored: later behaviour is ignored, older behaviour decays (default: the latest event in the file)',
      )
      .option(
        '--answers',
        "read qualification answers from the columns named after the model's dimensions (budget, authority, need, timeframe, trust for BANTT)",
      );
    addReadOptions(command)
      .addOption(
        new Option('-f, --format <format>', 'output format').choices(scoreFormats).default('table'),
      )
      .option('-o, --out <file>', 'write the scores to a file instead of stdout')
      .addHelpText(
        'after',
        `
A model is JSON, for example:

  { "id": "fit-and-behaviour", "threshold": 50,
    "fit": { "rules": [ { "id": "enterprise", "when": { "field": "employees", "op": ">=", "value": 500 }, "points": 25 } ] },
    "behaviour": { "rules": [ { "id": "demo", "event": "demo_requested", "points": 30 } ],
                   "decay": { "halfLifeDays": 30 } } }

With --format csv the summary line goes to stderr, so that stdout is only data.

Examples:
  $ buying-pipeline score events.csv --model model.json --as-of 2026-06-30
  $ buying-pipeline score leads.csv --model bantt --answers --format csv --out scores.csv`,
      )
      .action(async (file: string, options: ScoreOptions) => {
        await runScore(file, options, io);
      });
  },
};

async function runScore(file: string, options: ScoreOptions, io: CliIo): Promise<void> {
  const givenAsOf = options.asOf === undefined ? null : parseAsOf(options.asOf);
  const model = await resolveScoringModel(options.model, io.cwd);
  const { journeys, latest } = await readJourneysOf(file, options, io);
  const asOf = givenAsOf ?? latest;
  const score = createScorer(model, { asOf });
  const leads: ScoredJourney[] = journeys.map((journey) => {
    try {
      return { id: journey.id, ...score(leadOf(journey, model, options.answers === true)) };
    } catch (error) {
      if (!isPipelineError(error)) throw error;
      const [first] = error.issues;
      const at = formatPath(first.path);
      throw inputError(
        `${file}: journey "${journey.id}"${at ? ` at ${at}` : ''}: ${first.message}`,
        error,
      );
    }
  });
  // Hottest first: the order Sales works the list in.
  leads.sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const figures: ScoreFigures = {
    asOf,
    model: {
      id: model.id ?? null,
      name: model.name ?? null,
      threshold: model.threshold,
      min: model.min,
      max: model.max,
    },
    journeys: leads.length,
    qualified: leads.filter((lead) => lead.qualified).length,
    leads,
  };
  if (options.format === 'csv') {
    io.stderr.write(`buying-pipeline: ${scoreSummary(figures)}\n`);
    await writeOutput(renderScoreCsv(figures), options.out, io);
    return;
  }
  const text =
    options.format === 'json' ? `${JSON.stringify(figures, null, 2)}\n` : renderScoreTable(figures);
  await writeOutput(text, options.out, io);
}
