import type { CliCommand } from '../command.js';
import { demoCommand } from './demo.js';
import { forecastCommand } from './forecast.js';
import { planCommand } from './plan.js';
import { reportCommand } from './report.js';
import { scoreCommand } from './score.js';
import { slaCommand } from './sla.js';

/**
 * Every command of the CLI, in the order `--help` lists them. A new command is a file in this
 * folder that exports a {@link CliCommand}, and one line here.
 */
export const commands: readonly CliCommand[] = [
  reportCommand,
  forecastCommand,
  scoreCommand,
  slaCommand,
  planCommand,
  demoCommand,
];
