import type { FunnelReport } from '../../metrics/report.js';
import type { Pipeline } from '../../pipeline/types.js';
import {
  formatCount,
  formatDays,
  formatInterval,
  formatKey,
  formatMoney,
  formatPercent,
} from './numbers.js';
import { velocityRows, winRateRows } from './reportRows.js';

/** What the text report says about where the figures came from. */
export interface TableContext {
  /** The pipeline of the report (names, owners, handoff). */
  readonly pipeline: Pipeline;
  /** Where the journeys came from, e.g. the file name. */
  readonly source?: string;
  /** The `by` option the report was grouped by. */
  readonly by?: string;
  /** Extra lines for the notes, e.g. rows the ingest could not read. */
  readonly notes?: readonly string[];
}

/**
 * A plain-text table: left-aligned first column, right-aligned numbers, two spaces apart. Other
 * text columns (names, details) are left-aligned when listed in `left` by index.
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  left: readonly number[] = [],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || left.includes(column)
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

/**
 * The funnel report as text for a terminal: conversion per stage (and per group), win rate,
 * velocity, leakage, deals, and what was not measured.
 */
export function renderTable(report: FunnelReport, context: TableContext): string {
  const { pipeline } = context;
  const { conversion, velocity, winRate, leakage, deals } = report;
  const groups = conversion.groups ?? [];
  const out: string[] = [];

  out.push(
    `${pipeline.name}: ${formatCount(report.journeys)} journeys${context.source ? ` from ${context.source}` : ''}, as of ${report.asOf.toISOString().slice(0, 10)}${context.by ? `, by ${context.by}` : ''}`,
    `Marketing owns ${
      pipeline.stages
        .filter((stage) => stage.owner === 'marketing')
        .map((stage) => stage.id)
        .join(', ') || 'no stage'
    }; Sales takes over at "${pipeline.handoff}".`,
    '',
    'Conversion (reached → advanced; rate with its 95% Wilson interval)',
    textTable(
      [
        'stage',
        'owner',
        'reached',
        'advanced',
        'exited',
        'open',
        'rate',
        '95% CI',
        ...groups.map((group) => formatKey(group.key)),
      ],
      conversion.stages.map((row, index) => [
        `${row.stage === pipeline.handoff ? '→ ' : '  '}${row.stage}`,
        pipeline.stages[index]?.owner ?? '',
        formatCount(row.reached),
        formatCount(row.advanced),
        row.exited === null ? '—' : formatCount(row.exited),
        row.open === null ? '—' : formatCount(row.open),
        formatPercent(row.rate),
        formatInterval(row.interval),
        ...groups.map((group) => formatPercent(group.stages[index]?.rate)),
      ]),
    ),
    `overall ${conversion.overall.from} → ${conversion.overall.to}: ${formatCount(conversion.overall.converted)} of ${formatCount(conversion.overall.reached)} (${formatPercent(conversion.overall.rate)}${conversion.overall.interval.lower === null ? '' : `, ${formatInterval(conversion.overall.interval)}`})`,
    '',
    `Win rate among journeys that reached ${winRate.from} (won ÷ won + lost)`,
    textTable(
      ['group', 'won', 'lost', 'rate', '95% CI', 'won value', 'lost value', 'by value'],
      winRateRows(winRate),
    ),
    '',
    'Velocity (days; time in stage is Kaplan–Meier with open journeys censored)',
    textTable(
      ['stage', 'advanced', 'median to next', 'p90 to next', 'median in stage'],
      velocityRows(velocity, (stage) => stage),
    ),
    `cycle to won: median ${formatDays(velocity.cycle.median)} days over ${formatCount(velocity.cycle.count)} deals`,
    '',
    `Leakage (exited at the stage; "fast" = within ${leakage.immediateDays} days of entering)`,
    textTable(
      [
        'stage',
        'exited',
        'fast',
        'top reason',
        'open',
        'mean open days',
        'follow-up median',
        'no follow-up',
      ],
      leakage.stages.map((row) => {
        const top = row.all.reasons[0];
        return [
          row.stage,
          formatCount(row.all.exited),
          formatCount(row.all.immediatelyDiscontinued),
          top ? `${top.reason ?? 'no reason'} ×${top.count}` : '—',
          formatCount(row.all.open),
          formatDays(row.all.meanOpenAgeDays),
          formatDays(row.all.followUpDays.median),
          formatCount(row.all.withoutFollowUp),
        ];
      }),
    ),
    '',
    `Deals: ${formatCount(deals.count)} won (${formatCount(deals.withValue)} with an amount), total ${formatMoney(deals.total)}, mean ${formatMoney(deals.mean)}, median ${formatMoney(deals.median)}; ${formatCount(deals.existing.count)} from existing customers, ${formatCount(deals.new.count)} new`,
  );

  const notes = [
    ...(context.notes ?? []),
    `${formatCount(report.unstaged.count)} journeys without any stage (not measured)`,
    report.outsideCohort > 0 ? `${formatCount(report.outsideCohort)} outside the cohort` : '',
    ...report.anomalies.map(
      (anomaly) => `${anomaly.kind.replaceAll('_', ' ')}: ${formatCount(anomaly.count)}`,
    ),
    report.negativeDurations > 0
      ? `${formatCount(report.negativeDurations)} negative durations left out of velocity`
      : '',
  ].filter(Boolean);
  out.push(`Notes: ${notes.join('; ')}`);
  return `${out.join('\n')}\n`;
}
