import { resolve } from 'node:path';
import { defineMapping, type Mapping, mappings } from '../../node/index.js';
import { inputError, usageError } from '../errors.js';
import { readJsonFile } from './jsonFile.js';

/** The built-in mappings `--mapping` names. */
export const mappingNames = Object.keys(mappings) as (keyof typeof mappings)[];

/**
 * The pipeline preset a mapping's stage ids belong to when `--pipeline` is not given: HubSpot's
 * lifecycle stages are the demand waterfall's; the others default to the buying pipeline.
 */
export function defaultPipelineFor(mapping: string): string {
  return mapping === 'hubspot' ? 'demand-waterfall' : 'buying-pipeline';
}

/**
 * `--mapping <name|file>`: a built-in mapping, or a JSON file with a mapping config (what
 * `defineMapping` accepts). A value that is neither is a usage error; a config that does not
 * validate is an input error naming the field.
 */
export async function resolveMapping(value: string, cwd: string): Promise<Mapping> {
  if (Object.hasOwn(mappings, value)) return mappings[value as keyof typeof mappings];
  if (!/\.json$/i.test(value)) {
    throw usageError(
      `--mapping "${value}" is neither a built-in mapping (${mappingNames.join(', ')}) nor a .json file`,
    );
  }
  const config = await readJsonFile(resolve(cwd, value), '--mapping');
  try {
    return defineMapping(config as Mapping);
  } catch (error) {
    throw inputError(`${value}: ${(error as Error).message}`, error);
  }
}
