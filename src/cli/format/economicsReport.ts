import type { FunnelReport } from '../../metrics/report.js';
import type { ReportEconomics } from '../economics/reportEconomics.js';
import { renderReportHtml } from '../html/renderReportHtml.js';
import type { RenderContext, ReportFormat } from '../options/format.js';
import { version } from '../version.js';
import { renderCsv } from './csv.js';
import { economicsCsvRows } from './economicsCsv.js';
import { renderEconomicsTable } from './economicsTable.js';
import { renderTable } from './table.js';

/**
 * The funnel report with its economics (`report --spend`) in a format: `json` is the
 * `funnelReport` object with an `economics` key (money as strings), `csv` appends the
 * `economics` rows, `table` appends the economics tables, `html` adds the cost-per-stage chart
 * and the economics tables to the page. Without economics, `renderReport` gives the same output
 * as before.
 */
export function renderEconomicsReport(
  report: FunnelReport,
  economics: ReportEconomics,
  format: ReportFormat,
  context: RenderContext,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ ...report, economics }, null, 2)}\n`;
    case 'csv':
      return `${renderCsv(report)}${economicsCsvRows(economics).join('\n')}\n`;
    case 'html':
      return renderReportHtml(report, {
        ...context,
        economics,
        generator: `buying-pipeline ${version}`,
      });
    case 'table':
      return `${renderTable(report, context)}\n${renderEconomicsTable(economics, context.pipeline)}\n`;
  }
}
