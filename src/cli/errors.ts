import { isPipelineError } from '../errors/PipelineError.js';

/** Exit codes: 0 ok, 1 bad input (a file, a config, a row), 2 usage (an option or argument). */
export const exitCodes = { ok: 0, input: 1, usage: 2 } as const;

/**
 * An error the CLI explains in one line and turns into an exit code: `usage` for a wrong option
 * or argument, `input` for a file or its content.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly kind: 'usage' | 'input';

  constructor(kind: 'usage' | 'input', message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.kind = kind;
  }
}

/** A wrong option or argument: exit code 2. */
export function usageError(message: string, cause?: unknown): CliError {
  return new CliError('usage', message, cause === undefined ? {} : { cause });
}

/** A file or its content cannot be used: exit code 1. */
export function inputError(message: string, cause?: unknown): CliError {
  return new CliError('input', message, cause === undefined ? {} : { cause });
}

/** The exit code of an error that reached the top. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.kind === 'usage' ? exitCodes.usage : exitCodes.input;
  // The library's errors are about the input it was given (rows, configs, journeys).
  if (isPipelineError(error)) return exitCodes.input;
  // Files that cannot be read are bad input too; anything else is a bug of ours, reported with
  // exit code 1 and a hint to rerun with --debug.
  return exitCodes.input;
}

/** A Node system error (`ENOENT` …). */
export function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/**
 * The one line that explains an error to a person: what, where, what was expected. A library
 * error already says so in its message (file, line and column included for rows); its other
 * issues are counted, not listed, so the line stays one line.
 */
export function describeError(error: unknown): string {
  if (error instanceof CliError) return oneLine(error.message);
  if (isPipelineError(error)) {
    // The ingest's messages start with the place: file:line:column (column "name").
    const [first, ...rest] = error.issues;
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
    return oneLine(error.code === 'invalid_rows' ? `${first.message}${more}` : error.message);
  }
  if (isNodeError(error)) {
    const path = error.path ? `${error.path}: ` : '';
    if (error.code === 'ENOENT') return `${path}no such file`;
    if (error.code === 'EISDIR') return `${path}is a folder, expected a file`;
    if (error.code === 'EACCES') return `${path}permission denied`;
    return oneLine(`${path}${error.message}`);
  }
  if (error instanceof Error) return oneLine(`unexpected error: ${error.message}`);
  return oneLine(`unexpected error: ${String(error)}`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Errors about the input explain themselves; anything else may be a bug worth a stack trace. */
export function isExplained(error: unknown): boolean {
  return error instanceof CliError || isPipelineError(error) || isNodeError(error);
}
