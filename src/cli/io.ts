import type { ProgressStream } from './progress.js';

/**
 * What a command may touch: its output streams and the working folder. `main` gets the real
 * process's; tests pass their own to run commands in-process.
 */
export interface CliIo {
  /** Results: tables, JSON, CSV, HTML. */
  readonly stdout: NodeJS.WritableStream;
  /** Messages, warnings, errors and the progress bar. */
  readonly stderr: ProgressStream;
  /** Relative paths in arguments are read from here; the demo writes its page here. */
  readonly cwd: string;
}

/** The running process's streams and folder. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}
