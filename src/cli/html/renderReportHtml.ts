import type { FunnelReport } from '../../metrics/report.js';
import type { Pipeline } from '../../pipeline/types.js';
import type { ReportEconomics } from '../economics/reportEconomics.js';
import {
  costPerEntryRows,
  economicsNotes,
  economicsSummaryHeader,
  economicsSummaryRows,
  stagesWithEntries,
} from '../format/economicsTable.js';
import { formatCount, formatDays, formatMoney, formatPercent } from '../format/numbers.js';
import { velocityRows, winRateRows } from '../format/reportRows.js';
import { costPerStageChart } from './costPerStageChart.js';
import { escapeHtml } from './escape.js';
import { funnelChart } from './funnelChart.js';
import { groupConversionChart, maxGroupsShown } from './groupConversionChart.js';
import { timeInStageChart } from './timeInStageChart.js';

/** What the page says about where the report came from. */
export interface ReportPageOptions {
  /** The pipeline the report was computed with (stage names, owners, the handoff). */
  readonly pipeline: Pipeline;
  /** The page title (default: the pipeline's name and "funnel report"). */
  readonly title?: string;
  /** Where the journeys came from, e.g. the input file's name. */
  readonly source?: string;
  /** The `by` option the report was grouped by. */
  readonly by?: string;
  /** Campaign economics (`report --spend`): adds the cost-per-stage chart and the economics tables. */
  readonly economics?: ReportEconomics;
  /** Lines for the data-quality section, e.g. rows the ingest could not read. */
  readonly notes?: readonly string[];
  /** Who made the page, e.g. "buying-pipeline 0.1.0". */
  readonly generator?: string;
}

const style = `
:root{color-scheme:light;--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--marketing:#3f6fa8;--sales:#c46a2f}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#f6f8fa}
main{max-width:980px;margin:0 auto;padding:24px 20px 48px}
header h1{margin:0 0 4px;font-size:26px}
header p{margin:0;color:var(--muted)}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin-top:18px}
h2{font-size:18px;margin:0 0 4px}
.lede{color:var(--muted);margin:0 0 10px;font-size:14px}
.cards{display:flex;flex-wrap:wrap;gap:12px;background:none;border:0;padding:0}
.card{flex:1 1 120px;background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px}
.card b{display:block;font-size:18px;white-space:nowrap;font-variant-numeric:tabular-nums}
.card span{color:var(--muted);font-size:13px}
svg.chart{width:100%;height:auto;display:block}
svg text{font-size:13px;fill:var(--ink)}
svg .stage-name{font-weight:600}
svg .stage-owner,svg .stage-detail,svg .axis,svg .muted,svg .handoff-label{fill:var(--muted);font-size:12px}
svg .stage-count{fill:#fff;font-weight:700;stroke:#1f2937;stroke-width:3px;stroke-opacity:.55;paint-order:stroke}
svg .stage-rate{font-weight:600}
svg .no-cost{fill:var(--muted);font-style:italic}
svg .block-title{font-weight:600}
svg .handoff{stroke:var(--ink);stroke-dasharray:5 4;stroke-width:1}
svg .grid{stroke:#eaeef2;stroke-width:1}
svg .interval{stroke:var(--ink);stroke-width:1.5;fill:none}
svg .km-curve{fill:none;stroke-width:2.5}
svg .median-line{stroke:var(--muted);stroke-dasharray:4 4}
table{border-collapse:collapse;width:100%;font-size:14px;margin-top:8px}
th,td{padding:5px 8px;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
.scroll{overflow-x:auto}
td.wrap{white-space:normal;text-align:left;min-width:180px}
th{font-weight:600;color:var(--muted)}
.legend-keys{font-size:13px;color:var(--muted)}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}
ul{margin:6px 0 0;padding-left:20px}
footer{margin-top:18px;color:var(--muted);font-size:13px}
@media print{body{background:#fff}section{break-inside:avoid}}
`;

/** A table; the cells of the `wrap` column may wrap (long text such as reasons). */
function table(header: readonly string[], rows: readonly (readonly string[])[], wrap = -1): string {
  const head = header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('');
  const cell = (text: string, column: number) =>
    `<td${column === wrap ? ' class="wrap"' : ''}>${escapeHtml(text)}</td>`;
  const body = rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('');
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function card(value: string, label: string): string {
  return `<div class="card"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

/** The economics section: the cost-per-stage chart, the summary per program, costs per entry. */
function economicsSection(pipeline: Pipeline, economics: ReportEconomics): string {
  const nameOf = (index: number) => pipeline.stages[index]?.name ?? String(index);
  const notes = economicsNotes(economics);
  const shown =
    economics.programs.length > maxGroupsShown
      ? ` The chart shows the ${maxGroupsShown} programs with the most spend of ${economics.programs.length}.`
      : '';
  return `<section id="economics-section"><h2>Campaign economics by ${escapeHtml(economics.by)}</h2><p class="lede">Cost per entry at each stage: a program's spend ÷ its journeys that reached the stage (${formatCount(economics.spendLines)} spend lines from ${escapeHtml(economics.spendFile)}; a line pays for the journeys first seen inside its period). "No cost" means no spend lines (cost unknown, not zero) or no entries.${shown}</p>${costPerStageChart(pipeline, economics)}${table([...economicsSummaryHeader], economicsSummaryRows(economics))}<p class="lede">Cost per entry, with the entries after ×.</p>${table(['program', ...stagesWithEntries(economics).map(nameOf)], costPerEntryRows(economics))}${notes.length > 0 ? `<ul>${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>` : ''}<p class="lede">Recycling: ${formatCount(economics.recycling.recycled)} of ${formatCount(economics.recycling.journeys)} journeys passed back to Marketing (${formatPercent(economics.recycling.share)}), ${formatCount(economics.recycling.afterwards.won)} of them won since.</p></section>
`;
}

/**
 * Renders a funnel report as one self-contained HTML page: inline CSS and SVG, no script, no
 * network, no external asset (it opens offline and prints). The page shows headline figures, the
 * funnel (one shape per stage with its count and conversion), conversion to the next stage by
 * group with 95% Wilson intervals, time in stage (Kaplan–Meier), win rate, deals, leakage, and
 * the data-quality notes. A pure function of its inputs: the same report gives the same page.
 */
export function renderReportHtml(report: FunnelReport, options: ReportPageOptions): string {
  const { pipeline } = options;
  const title = options.title ?? `${pipeline.name} — funnel report`;
  const asOf = report.asOf.toISOString().slice(0, 10);
  const { conversion, velocity, winRate, deals, leakage } = report;
  const nameOf = (id: string) => pipeline.stages.find((stage) => stage.id === id)?.name ?? id;
  const groups = conversion.groups ?? [];
  const by = options.by;

  const subtitle = [
    `${formatCount(report.journeys)} journeys${options.source ? ` from ${options.source}` : ''}`,
    `as of ${asOf}`,
    by ? `grouped by ${by}` : '',
  ]
    .filter(Boolean)
    .join(' · ');

  const cards = [
    card(formatCount(report.measured), 'journeys measured'),
    card(
      formatPercent(conversion.overall.rate),
      `${nameOf(conversion.overall.from)} → ${nameOf(conversion.overall.to)}`,
    ),
    card(formatPercent(winRate.rate), `win rate from ${nameOf(winRate.from)}`),
    card(formatMoney(deals.total), `won value (${formatCount(deals.count)} deals)`),
    card(formatMoney(deals.median), 'median deal'),
    card(`${formatDays(velocity.cycle.median)} d`, 'median cycle to won'),
  ].join('');

  const ownerKeys = ['marketing', 'sales', 'shared']
    .filter((owner) => pipeline.stages.some((stage) => stage.owner === owner))
    .map(
      (owner) => `<span class="swatch" style="background:var(--${owner}, #6f8a4a)"></span>${owner}`,
    )
    .join('');

  const groupNote =
    groups.length > maxGroupsShown
      ? ` The ${maxGroupsShown} largest of ${groups.length} groups are shown.`
      : '';
  const groupLede = by
    ? `Of the journeys that reached a stage, the share that reached a later one, for all journeys and by ${escapeHtml(by)}; the whisker is the 95% Wilson interval.${groupNote}`
    : 'Of the journeys that reached a stage, the share that reached a later one; the whisker is the 95% Wilson interval. Group with --by to compare origins or segments.';

  const winRows = winRateRows(winRate);

  const velocityTableRows = velocityRows(velocity, nameOf);

  const leakageRows = leakage.stages.map((row) => [
    nameOf(row.stage),
    formatCount(row.all.exited),
    row.all.reasons
      .slice(0, 3)
      .map((reason) => `${reason.reason ?? 'no reason'} ×${reason.count}`)
      .join(', ') || '—',
    formatCount(row.all.immediatelyDiscontinued),
    formatCount(row.all.open),
    formatDays(row.all.meanOpenAgeDays),
    formatDays(row.all.followUpDays.median),
    formatCount(row.all.withoutFollowUp),
  ]);

  const notes = [
    ...(options.notes ?? []),
    `${formatCount(report.unstaged.count)} journeys had no stage at all and are not measured.`,
    report.outsideCohort > 0
      ? `${formatCount(report.outsideCohort)} journeys were outside the cohort window.`
      : '',
    ...report.anomalies.map(
      (anomaly) =>
        `${anomaly.kind.replaceAll('_', ' ')}: ${formatCount(anomaly.count)} journeys (e.g. ${anomaly.examples.slice(0, 5).join(', ')}).`,
    ),
    report.negativeDurations > 0
      ? `${formatCount(report.negativeDurations)} durations were left out of velocity because a later event was dated before an earlier one.`
      : '',
  ].filter(Boolean);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${style}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header>
<section class="cards">${cards}</section>
<section id="funnel-section"><h2>Funnel</h2><p class="lede">Journeys that reached each stage (an entry into a later stage implies passing the earlier ones), and the share that advanced. Colour shows the owner:<span class="legend-keys">${ownerKeys}</span></p>${funnelChart(pipeline, conversion)}</section>
<section id="groups-section"><h2>Conversion${by ? ` by ${escapeHtml(by)}` : ''}</h2><p class="lede">${groupLede}</p>${groupConversionChart(pipeline, conversion)}</section>
<section id="velocity-section"><h2>Time in stage</h2><p class="lede">Share of journeys still in each stage after a number of days; journeys still open are counted until ${asOf} (Kaplan–Meier). Median cycle to won: ${formatDays(velocity.cycle.median)} days over ${formatCount(velocity.cycle.count)} deals.</p>${timeInStageChart(pipeline, velocity)}${table(['stage', 'advanced (observed)', 'median days to next', 'p90 days to next', 'median days in stage'], velocityTableRows)}</section>
<section id="win-section"><h2>Win rate and deals</h2><p class="lede">Won ÷ (won + lost) among journeys that reached ${escapeHtml(nameOf(winRate.from))}; disqualified left out. By value: won value ÷ closed value.</p>${table(['group', 'won', 'lost', 'rate', '95% CI', 'won value', 'lost value', 'value rate'], winRows)}<p class="lede">${formatCount(deals.count)} deals won, ${formatCount(deals.withValue)} with an amount: total ${formatMoney(deals.total)}, mean ${formatMoney(deals.mean)}, median ${formatMoney(deals.median)}; ${formatCount(deals.existing.count)} from existing customers, ${formatCount(deals.new.count)} new.</p></section>
${options.economics ? economicsSection(pipeline, options.economics) : ''}<section id="leakage-section"><h2>Leakage</h2><p class="lede">Where journeys closed without advancing, and why; open journeys and how long they have waited; follow-up time from entering a stage to its first activity.</p>${table(['stage', 'exited', 'top reasons', `within ${leakage.immediateDays} d`, 'open', 'mean open days', 'median follow-up days', 'no follow-up'], leakageRows, 2)}</section>
<section id="notes-section"><h2>Data notes</h2><ul>${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul></section>
<footer>${escapeHtml(options.generator ?? 'buying-pipeline')} · rates with 95% Wilson intervals; durations in days between recorded timestamps only.</footer>
</main>
</body>
</html>
`;
}
