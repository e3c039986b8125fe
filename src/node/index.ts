/**
 * buying-pipeline/node: helpers that touch files, for Node scripts and the CLI.
 *
 * @packageDocumentation
 */

export type {
  FunnelReportFromFileOptions,
  FunnelReportFromFileResult,
} from './funnelReportFromFile.js';
export { funnelReportFromFile } from './funnelReportFromFile.js';
export type { IngestIssue, IngestStats } from './ingestIssues.js';
export type {
  EventColumn,
  EventsMapping,
  HistoryMapping,
  Mapping,
  MappingCommon,
  WideMapping,
} from './mapping.js';
export { defineMapping, mappings } from './mapping.js';
export type { JourneyReader, ReadJourneysOptions } from './readJourneys.js';
export { readJourneys } from './readJourneys.js';
export type { ReadJourneysFileOptions } from './readJourneysFile.js';
export { readJourneysFile } from './readJourneysFile.js';
export type { IngestSource } from './textChunks.js';
