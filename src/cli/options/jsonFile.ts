import { readFile } from 'node:fs/promises';
import { inputError, isNodeError } from '../errors.js';

/** Reads a JSON config file named by an option; errors say which option and what is wrong. */
export async function readJsonFile(path: string, option: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNodeError(error) && error.code === 'ENOENT')
      throw inputError(`${option} ${path}: no such file`, error);
    throw inputError(`${option} ${path}: ${(error as Error).message}`, error);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw inputError(
      `${option} ${path}: not valid JSON (${(error as Error).message}); expected a JSON object`,
      error,
    );
  }
}
