import { resolve } from 'node:path';
import { definePipeline } from '../../pipeline/definePipeline.js';
import { presets } from '../../pipeline/presets.js';
import type { Pipeline } from '../../pipeline/types.js';
import { inputError, usageError } from '../errors.js';
import { readJsonFile } from './jsonFile.js';

/** The preset names `--pipeline` accepts: the presets' ids (and their keys in `presets`). */
export const pipelinePresetNames: Readonly<Record<string, Pipeline>> = {
  'buying-pipeline': presets.buyingPipeline,
  buyingPipeline: presets.buyingPipeline,
  'demand-waterfall': presets.demandWaterfall,
  demandWaterfall: presets.demandWaterfall,
  nurture: presets.nurture,
};

/**
 * `--pipeline <preset|file>`: a preset name, or a JSON file with a pipeline config (what
 * `definePipeline` accepts). A value that is neither is a usage error; a file that does not
 * validate is an input error naming the field.
 */
export async function resolvePipeline(value: string, cwd: string): Promise<Pipeline> {
  const preset = pipelinePresetNames[value];
  if (preset) return preset;
  if (!/\.json$/i.test(value)) {
    throw usageError(
      `--pipeline "${value}" is neither a preset (${Object.keys(pipelinePresetNames)
        .filter((name) => name.includes('-') || name === 'nurture')
        .join(', ')}) nor a .json file`,
    );
  }
  const path = resolve(cwd, value);
  const config = await readJsonFile(path, '--pipeline');
  try {
    return definePipeline(config as Parameters<typeof definePipeline>[0]);
  } catch (error) {
    throw inputError(`${value}: ${(error as Error).message}`, error);
  }
}
