import { readFile } from 'node:fs/promises';
import { PipelineError } from '../errors/PipelineError.js';
import { parseJourney } from '../journey/parseJourney.js';
import type { Journey, JourneyInput } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';

/**
 * Options of {@link readJourneysFile}.
 *
 * @example
 * ```ts
 * const options: ReadJourneysFileOptions = { pipeline: presets.buyingPipeline };
 * ```
 */
export interface ReadJourneysFileOptions {
  /** Orders stage events at the same instant by their pipeline position. */
  readonly pipeline?: Pipeline;
}

/**
 * Reads journeys from a JSON file (an array of journeys) or a JSON Lines file (`.jsonl` /
 * `.ndjson`, one journey per line, blank lines allowed) and validates each one.
 *
 * @param path - the file
 * @param options - an optional pipeline for ordering same-instant stage events
 * @returns the validated journeys, in file order
 * @throws `PipelineError` (see `isPipelineError` in `buying-pipeline`) `invalid_journey` with the path `[index, …]` (JSON) or
 *   `['line N', …]` (JSON Lines) of the first bad journey; `invalid_rows` for text that is not JSON
 *
 * @example
 * ```ts
 * import { readJourneysFile } from 'buying-pipeline/node';
 * const journeys = await readJourneysFile('examples/data/journeys.json');
 * journeys.length; //=> 12
 * ```
 */
export async function readJourneysFile(
  path: string,
  options: ReadJourneysFileOptions = {},
): Promise<Journey[]> {
  const text = await readFile(path, 'utf8');
  const lines = /\.(jsonl|ndjson)$/i.test(path);
  const records: [JourneyInput, (string | number)[]][] = lines
    ? text
        .split(/\r?\n/)
        .map((line, index): [string, number] => [line, index + 1])
        .filter(([line]) => line.trim() !== '')
        .map(([line, number]) => [
          parseJson(line, path, `line ${number}`) as JourneyInput,
          [`line ${number}`],
        ])
    : toArray(parseJson(text, path, 'file'), path).map((journey, index) => [journey, [index]]);
  return records.map(([journey, at]) =>
    parseJourney(
      journey,
      options.pipeline ? { pipeline: options.pipeline, path: at } : { path: at },
    ),
  );
}

function parseJson(text: string, file: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PipelineError(
      'invalid_rows',
      [{ code: 'invalid_json', path: [where], message: `${file}: ${(error as Error).message}` }],
      { where: 'readJourneysFile', cause: error },
    );
  }
}

function toArray(value: unknown, file: string): JourneyInput[] {
  if (Array.isArray(value)) return value as JourneyInput[];
  throw new PipelineError(
    'invalid_rows',
    [{ code: 'invalid_type', path: [], message: `${file}: expected a JSON array of journeys` }],
    { where: 'readJourneysFile' },
  );
}
