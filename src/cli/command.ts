import type { Command } from 'commander';
import type { CliIo } from './io.js';

/**
 * One command of the CLI, in its own file under `commands/`: it adds itself (name, arguments,
 * options, help and action) to the program. A new command is one file and one line in
 * `commands/index.ts`.
 */
export interface CliCommand {
  /** The command's name, as typed after `buying-pipeline`. */
  readonly name: string;
  /** Adds the command to the program; its action writes through `io` and throws on failure. */
  register(program: Command, io: CliIo): void;
}
