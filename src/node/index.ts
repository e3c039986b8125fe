/**
 * buying-pipeline/node: helpers that touch files, for Node scripts and the CLI.
 *
 * @packageDocumentation
 */

export type { ReadJourneysFileOptions } from './readJourneysFile.js';
export { readJourneysFile } from './readJourneysFile.js';
