import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { inputError } from './errors.js';
import type { CliIo } from './io.js';

/** Writes a result to `--out` (relative to the working folder) or, without it, to stdout. */
export async function writeOutput(text: string, out: string | undefined, io: CliIo): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  const path = resolve(io.cwd, out);
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    throw inputError(`--out ${out}: cannot write (${(error as Error).message})`, error);
  }
}
