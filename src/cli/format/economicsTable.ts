import type { ProgramEconomics } from '../../economics/programEconomics.js';
import type { Pipeline } from '../../pipeline/types.js';
import type { ReportEconomics } from '../economics/reportEconomics.js';
import {
  formatCount,
  formatDays,
  formatInterval,
  formatKey,
  formatMoney,
  formatPercent,
} from './numbers.js';
import { textTable } from './table.js';

/** A ratio such as return on spend, to two decimals: "3.00"; an em dash for null. */
export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}

/** A program as people read it: journeys without one are "(none)". */
export function programLabel(row: ProgramEconomics): string {
  return formatKey(row.program);
}

/**
 * The stages worth a cost column: those that some program's journeys reached. A stage nobody
 * reached has no cost anywhere, and would only widen the table.
 */
export function stagesWithEntries(economics: ReportEconomics): number[] {
  return economics.total.stages.flatMap((row, index) => (row.entries > 0 ? [index] : []));
}

/** The per-program summary: one row per program, then the total. */
export function economicsSummaryRows(economics: ReportEconomics): string[][] {
  return [
    ...economics.programs.map((row) => [programLabel(row), row] as const),
    ['total', economics.total] as const,
  ].map(([label, row]) => [
    label,
    row.spendLines === 0 ? '—' : formatMoney(row.spend),
    formatCount(row.journeys),
    formatCount(row.won),
    formatMoney(row.wonValue),
    formatMoney(row.acquisitionCost),
    formatRatio(row.returnOnSpend),
    row.conversion.from === null
      ? '—'
      : `${formatPercent(row.conversion.rate)} from ${row.conversion.from}`,
    formatInterval(row.conversion.interval),
  ]);
}

/** Header of {@link economicsSummaryRows}. */
export const economicsSummaryHeader = [
  'program',
  'spend',
  'journeys',
  'won',
  'won value',
  'acquisition cost',
  'return',
  'conversion to won',
  '95% CI',
] as const;

/** The cost per entry of every program (and the blended total) at the stages with entries. */
export function costPerEntryRows(economics: ReportEconomics): string[][] {
  const stages = stagesWithEntries(economics);
  return [
    ...economics.programs.map((row) => [programLabel(row), row] as const),
    ['total (blended)', economics.total] as const,
  ].map(([label, row]) => [
    label,
    ...stages.map((index) => {
      const stage = row.stages[index];
      if (!stage || stage.entries === 0) return '—';
      return `${formatMoney(stage.costPerEntry)} ×${formatCount(stage.entries)}`;
    }),
  ]);
}

function journeysText(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'journey' : 'journeys'}`;
}

/** What the economics leave out or cannot price, as sentences. */
export function economicsNotes(economics: ReportEconomics): string[] {
  const notes: string[] = [];
  for (const row of economics.programs) {
    const label = programLabel(row);
    if (row.spendLines === 0 && row.journeys > 0) {
      notes.push(
        `${label}: ${journeysText(row.journeys)} without spend lines — cost unknown, not zero (add a line with amount 0 if it is free).`,
      );
    }
    if (row.outsidePeriods > 0) {
      notes.push(
        `${label}: ${journeysText(row.outsidePeriods)} first seen outside every spend period, not measured.`,
      );
    }
    if (!row.spendWithoutJourneys.isZero()) {
      notes.push(
        `${label}: ${formatMoney(row.spendWithoutJourneys)} of spend in periods where no journey of the program was first seen.`,
      );
    }
    if (row.wonWithoutValue > 0) {
      notes.push(`${label}: ${formatCount(row.wonWithoutValue)} wins without an amount.`);
    }
  }
  return notes;
}

/**
 * The economics as text for a terminal: a summary per program (spend, journeys measured, won,
 * won value, acquisition cost, return on spend, conversion to won), the cost per entry at every
 * stage that journeys reached, recycling and entry points by year, and the notes.
 */
export function renderEconomicsTable(economics: ReportEconomics, pipeline: Pipeline): string {
  const stages = stagesWithEntries(economics);
  const { recycling, entryPoints } = economics;
  const out: string[] = [
    `Campaign economics by ${economics.by} (${formatCount(economics.spendLines)} spend lines from ${economics.spendFile}; a line pays for the journeys first seen inside its period)`,
    textTable([...economicsSummaryHeader], economicsSummaryRows(economics)),
    '',
    'Cost per entry (spend ÷ journeys that reached the stage, ×entries; — : no entries or no spend lines)',
    textTable(
      ['program', ...stages.map((index) => pipeline.stages[index]?.id ?? String(index))],
      costPerEntryRows(economics),
    ),
  ];
  const notes = economicsNotes(economics);
  if (notes.length > 0) out.push(...notes.map((note) => `  ${note}`));
  const after = recycling.afterwards;
  out.push(
    '',
    `Recycling: ${formatCount(recycling.recycled)} of ${formatCount(recycling.journeys)} journeys passed back to Marketing (${formatPercent(recycling.share)}); since then ${formatCount(after.won)} won, ${formatCount(after.lost)} lost, ${formatCount(after.disqualified)} disqualified, ${formatCount(after.nurturing)} nurturing, ${formatCount(after.backInFunnel)} back in the funnel; median ${formatDays(recycling.timeToReentryDays.median)} days to re-entry`,
    '',
    `Entry points by ${entryPoints.period} (first observed stage; handoff = ${pipeline.handoff})`,
    textTable(
      ['period', 'entries', 'at or after handoff', 'same sources', 'new sources', 'gone sources'],
      entryPoints.periods.map((period) => [
        period.period,
        formatCount(period.journeys),
        formatPercent(period.atOrAfterHandoff.share),
        formatPercent(period.sameSourceShare),
        period.newSources.map(formatKey).join(', ') || '—',
        period.goneSources.map(formatKey).join(', ') || '—',
      ]),
    ),
  );
  return out.join('\n');
}
