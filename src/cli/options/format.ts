import type { FunnelReport } from '../../metrics/report.js';
import type { Pipeline } from '../../pipeline/types.js';
import { renderCsv } from '../format/csv.js';
import { renderTable } from '../format/table.js';
import { renderReportHtml } from '../html/renderReportHtml.js';
import { version } from '../version.js';

/** The output formats of `report`. */
export const reportFormats = ['table', 'json', 'csv', 'html'] as const;

/** One of {@link reportFormats}. */
export type ReportFormat = (typeof reportFormats)[number];

/** What the renderers say about the report besides its figures. */
export interface RenderContext {
  /** The pipeline of the report. */
  readonly pipeline: Pipeline;
  /** Where the journeys came from. */
  readonly source?: string;
  /** The `by` option. */
  readonly by?: string;
  /** Lines about the input, e.g. rows that could not be read. */
  readonly notes?: readonly string[];
}

/**
 * The report in a format: `json` is the `funnelReport` object itself (dates as ISO strings,
 * money as strings), `csv` one figure per row, `html` a self-contained page, `table` text.
 */
export function renderReport(
  report: FunnelReport,
  format: ReportFormat,
  context: RenderContext,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return renderCsv(report);
    case 'html':
      return renderReportHtml(report, { ...context, generator: `buying-pipeline ${version}` });
    case 'table':
      return renderTable(report, context);
  }
}
