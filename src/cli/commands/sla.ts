import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { scoreLead } from '../../scoring/scoreLead.js';
import { defineSla } from '../../sla/defineSla.js';
import { evaluateSla } from '../../sla/evaluateSla.js';
import type { Sla, SlaConfig } from '../../sla/types.js';
import type { CliCommand } from '../command.js';
import { inputError } from '../errors.js';
import { renderBreachCsv, renderSlaTable } from '../format/slaTable.js';
import type { CliIo } from '../io.js';
import { parseAsOf, parseDateOption } from '../options/asOf.js';
import { configError, readConfig } from '../options/config.js';
import { resolveScoringModel } from '../options/model.js';
import { addReadOptions, journeyError, type ReadOptions, readJourneysOf } from '../options/read.js';
import { writeOutput } from '../output.js';

/** The output formats of `sla`: `csv` is the breach table. */
const slaFormats = ['table', 'json', 'csv'] as const;

/** The options of `sla`, as commander parses them. */
interface SlaOptions extends ReadOptions {
  readonly sla: string;
  readonly asOf?: string;
  readonly from?: string;
  readonly to?: string;
  readonly agentAttribute: string;
  readonly model?: string;
  readonly format: (typeof slaFormats)[number];
  readonly out?: string;
}

/** `buying-pipeline sla <file> --sla <config.json>`: the Marketing–Sales SLA over an export. */
export const slaCommand: CliCommand = {
  name: 'sla',
  register(program: Command, io: CliIo) {
    const command = program
      .command('sla')
      .summary('evaluate a Marketing–Sales SLA (a JSON config) over a CRM export')
      .description(
        'Evaluates a Marketing–Sales service level agreement over the journeys of a CRM export: for every obligation its rules create, met, breached, at risk, pending or withdrawn; compliance and response hours per rule; the breach table and the at-risk list.',
      )
      .argument('<file>', 'CSV or JSON Lines export (.csv, .tsv, .jsonl, .ndjson)')
      .requiredOption(
        '--sla <config.json>',
        'the SLA: { calendar?, rules } as defineSla takes it (see docs/sla.md)',
      )
      .option(
        '--as-of <date>',
        'the moment evaluated, e.g. 2026-06-30T17:00:00Z (default: the latest event in the file)',
      )
      .option('--from <date>', 'only obligations that start at or after this')
      .option('--to <date>', 'only obligations that start before this')
      .option(
        '--agent-attribute <name>',
        'the journey attribute (column) naming the responsible agent',
        'agent',
      )
      .option(
        '--model <preset|file>',
        'a scoring preset or model .json, for rules triggered by { "scoreAtLeast": n }',
      );
    addReadOptions(command)
      .addOption(
        new Option('-f, --format <format>', 'output format (csv: the breaches, one per row)')
          .choices(slaFormats)
          .default('table'),
      )
      .option('-o, --out <file>', 'write the result to a file instead of stdout')
      .addHelpText(
        'after',
        `
The SLA config is JSON, for example:

  { "calendar": { "timeZone": "America/New_York", "hours": { "start": "09:00", "end": "17:00" } },
    "rules": [
      { "id": "follow-up", "owner": "sales", "kind": "response",
        "trigger": { "stage": "qualified_lead" }, "response": { "activity": { "by": ["sales"] } },
        "within": { "businessDays": 2 }, "warnBefore": { "businessHours": 4 } },
      { "id": "why", "owner": "sales", "kind": "reasonRequired" } ] }

Times in the table are in the calendar's zone; JSON and CSV times are ISO-8601 in UTC.

Examples:
  $ buying-pipeline sla events.csv --sla sla.json --as-of 2026-06-30T17:00:00Z
  $ buying-pipeline sla events.csv --sla sla.json --from 2026-04-01 --to 2026-07-01 --format csv --out breaches.csv`,
      )
      .action(async (file: string, options: SlaOptions) => {
        await runSla(file, options, io);
      });
  },
};

async function runSla(file: string, options: SlaOptions, io: CliIo): Promise<void> {
  const asOf = options.asOf === undefined ? null : parseAsOf(options.asOf);
  const from = options.from === undefined ? undefined : parseDateOption(options.from, '--from');
  const to = options.to === undefined ? undefined : parseDateOption(options.to, '--to');
  const sla: Sla = await readConfig(options.sla, '--sla', io.cwd, (config) =>
    defineSla(config as SlaConfig),
  );
  const model =
    options.model === undefined ? null : await resolveScoringModel(options.model, io.cwd);
  const { pipeline, journeys, latest } = await readJourneysOf(file, options, io);
  let result: ReturnType<typeof evaluateSla>;
  try {
    result = evaluateSla(sla, pipeline, journeys, {
      asOf: asOf ?? latest,
      agentAttribute: options.agentAttribute,
      // The seam docs/sla.md describes: a journey is a lead, scored as of each behaviour event.
      ...(model === null
        ? {}
        : { score: (journey, at) => scoreLead(model, journey, { asOf: at }).total }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    });
  } catch (error) {
    throw slaError(options.sla, file, journeys, error);
  }
  const text =
    options.format === 'json'
      ? `${JSON.stringify(result, null, 2)}\n`
      : options.format === 'csv'
        ? renderBreachCsv(result)
        : renderSlaTable(result, {
            timeZone: sla.calendar.timeZone,
            journeys: journeys.length,
            source: basename(file),
          });
  await writeOutput(text, options.out, io);
}

/**
 * An error of evaluateSla: about a rule (a stage the pipeline does not have, a score trigger)
 * it names the SLA file and the rule's path; about a journey, the export and the journey.
 */
function slaError(
  slaFile: string,
  file: string,
  journeys: Parameters<typeof journeyError>[1],
  error: unknown,
): unknown {
  const path = (error as { issues?: readonly { path: readonly unknown[] }[] }).issues?.[0]?.path;
  if (path?.[0] === 'rules') {
    const described = configError(slaFile, error);
    return path.at(-1) === 'scoreAtLeast' && described instanceof Error
      ? inputError(`${described.message} (give the scoring model with --model)`, error)
      : described;
  }
  return journeyError(file, journeys, error);
}
