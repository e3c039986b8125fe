import { CommanderError } from 'commander';
import { describeError, exitCodeOf, exitCodes, isExplained } from './errors.js';
import { type CliIo, processIo } from './io.js';
import { createProgram } from './program.js';

/**
 * Runs the CLI on `argv` (without `node` and the script) and resolves to the exit code: 0 ok,
 * 1 bad input, 2 usage. An error is one line on stderr — what, where, what was expected —
 * with the stack trace only under `--debug`.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = createProgram(io);
  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return exitCodes.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end the parse through an "error" with exit code 0; they are successes.
      // Commander has already written its message (one line, see program.ts).
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    io.stderr.write(`buying-pipeline: ${describeError(error)}\n`);
    if (argv.includes('--debug')) io.stderr.write(`${stackOf(error)}\n`);
    else if (!isExplained(error)) io.stderr.write('(run again with --debug for the stack trace)\n');
    return exitCodeOf(error);
  }
}

/** The stack trace with its causes. */
function stackOf(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    lines.push(
      depth === 0 ? '' : 'Caused by:',
      current instanceof Error ? (current.stack ?? String(current)) : String(current),
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.filter(Boolean).join('\n');
}
