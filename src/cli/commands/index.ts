import type { CliCommand } from '../command.js';
import { demoCommand } from './demo.js';
import { reportCommand } from './report.js';

/**
 * Every command of the CLI, in the order `--help` lists them. A new command (plan, score, sla,
 * forecast) is a file in this folder that exports a {@link CliCommand}, and one line here.
 */
export const commands: readonly CliCommand[] = [reportCommand, demoCommand];
