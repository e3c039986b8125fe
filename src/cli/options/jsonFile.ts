import { readFile } from 'node:fs/promises';
import { inputError, isNodeError } from '../errors.js';

/**
 * Reads a JSON config file named by an option (or an argument: `option` empty); errors say which
 * option, which file (`shown`, default the path read) and what is wrong.
 */
export async function readJsonFile(path: string, option: string, shown = path): Promise<unknown> {
  const label = option === '' ? shown : `${option} ${shown}`;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNodeError(error) && error.code === 'ENOENT')
      throw inputError(`${label}: no such file`, error);
    throw inputError(`${label}: ${(error as Error).message}`, error);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw inputError(
      `${label}: not valid JSON (${(error as Error).message}); expected a JSON object`,
      error,
    );
  }
}
