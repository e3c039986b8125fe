import type { Journey } from '../../journey/types.js';
import { defineScoringModel } from '../../scoring/defineScoringModel.js';
import { scoringPresets } from '../../scoring/presets.js';
import type { ScoringLead, ScoringModel, ScoringModelConfig } from '../../scoring/types.js';
import { usageError } from '../errors.js';
import { readConfig } from './config.js';

/** The scoring presets `--model` names. */
export const modelPresetNames = Object.keys(scoringPresets) as (keyof typeof scoringPresets)[];

/**
 * `--model <preset|file>`: a scoring preset (bantt, bant, champ) or a JSON file with a scoring
 * model config (what `defineScoringModel` accepts). A value that is neither is a usage error; a
 * config that does not validate is an input error naming the file and the field.
 */
export async function resolveScoringModel(value: string, cwd: string): Promise<ScoringModel> {
  if (Object.hasOwn(scoringPresets, value))
    return scoringPresets[value as keyof typeof scoringPresets];
  if (!/\.json$/i.test(value)) {
    throw usageError(
      `--model "${value}" is neither a scoring preset (${modelPresetNames.join(', ')}) nor a .json file`,
    );
  }
  return readConfig(value, '--model', cwd, (config) =>
    defineScoringModel(config as ScoringModelConfig),
  );
}

/**
 * A journey as a lead: its attributes and events, as the scoring module reads a journey. With
 * `answers`, the attributes named after the model's qualification dimensions (`budget`,
 * `authority` …) are its answers too; empty ones are left out (a dimension not answered).
 */
export function leadOf(journey: Journey, model: ScoringModel, answers: boolean): ScoringLead {
  if (!answers || model.bantt === undefined) return journey;
  const found: Record<string, string> = {};
  for (const dimension of model.bantt.dimensions) {
    const answer = journey.attributes[dimension.id];
    if (answer !== undefined && answer !== null && answer !== '')
      found[dimension.id] = String(answer);
  }
  return { attributes: journey.attributes, events: journey.events, answers: found };
}
