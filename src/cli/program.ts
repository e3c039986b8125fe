import { Command } from 'commander';
import { commands } from './commands/index.js';
import type { CliIo } from './io.js';
import { version } from './version.js';

/**
 * The `buying-pipeline` program: global options, then every command of `commands/index.ts`.
 * Commander never exits the process here (`exitOverride`): `main` decides the exit code.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('buying-pipeline')
    .description(
      'One buying pipeline over CRM exports: funnel reports, forecasts, the Marketing–Sales SLA, lead scores, and revenue plans.',
    )
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--debug', 'print the stack trace with an error')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's own errors (unknown option, missing argument …), as one line like ours.
      outputError: (text, write) =>
        // A suggestion ("Did you mean forecast?") comes on a line of its own: keep it on ours.
        write(
          `buying-pipeline: ${text
            .replace(/^error: /, '')
            .trim()
            .replace(/\s*\n\s*/g, ' ')} (see --help)\n`,
        ),
    });
  for (const command of commands) command.register(program, io);
  program.addHelpText(
    'after',
    `
Examples:
  $ buying-pipeline demo
  $ buying-pipeline report events.csv --by origin
  $ buying-pipeline report deals.csv --mapping hubspot --format html --out funnel.html
  $ buying-pipeline forecast events.csv --period 2026-04-01..2026-07-01 --target 250000
  $ buying-pipeline sla events.csv --sla sla.json
  $ buying-pipeline score events.csv --model model.json
  $ buying-pipeline plan plan.json

Exit codes: 0 ok, 1 bad input (a file, a config, a row), 2 usage (an option or argument).`,
  );
  return program;
}
