import { resolve } from 'node:path';
import { formatPath, isPipelineError } from '../../errors/PipelineError.js';
import { inputError } from '../errors.js';
import { readJsonFile } from './jsonFile.js';

/**
 * Reads a JSON config file and hands it to the library function that validates it (`define`);
 * `option` names the option that gave the file (empty for a command's argument).
 * A file that is missing or not JSON, and a config that does not validate, are input errors
 * (exit code 1) in one line that names the file and the path of the field inside it:
 * `plan.json, at rates.prospect: Expected …`.
 */
export async function readConfig<Value>(
  file: string,
  option: string,
  cwd: string,
  define: (config: unknown) => Value,
): Promise<Value> {
  const config = await readJsonFile(resolve(cwd, file), option, option === '' ? file : undefined);
  try {
    return define(config);
  } catch (error) {
    throw configError(file, error);
  }
}

/**
 * A library error about a config, as one line naming the file and the field's path inside it;
 * any other error is returned as it is.
 */
export function configError(file: string, error: unknown): unknown {
  if (!isPipelineError(error)) return error;
  const [first, ...rest] = error.issues;
  const at = first.path.length > 0 ? `, at ${formatPath(first.path)}` : '';
  const more =
    rest.length > 0 ? ` (and ${rest.length} more issue${rest.length > 1 ? 's' : ''})` : '';
  return inputError(`${file}${at}: ${first.message}${more}`, error);
}
