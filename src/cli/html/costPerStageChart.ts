import type { ProgramEconomics } from '../../economics/programEconomics.js';
import type { Pipeline } from '../../pipeline/types.js';
import type { ReportEconomics } from '../economics/reportEconomics.js';
import { stagesWithEntries } from '../format/economicsTable.js';
import { formatCount, formatKey, formatMoney } from '../format/numbers.js';
import {
  barHeight,
  barLabel,
  barLeft,
  barTop,
  barWidth,
  blockHeight,
  blockTitle,
  chartHeight,
  textLeft,
  width,
} from './barBlocks.js';
import { escapeHtml, px, seriesColour } from './escape.js';
import { maxGroupsShown } from './groupConversionChart.js';
import { svgChart } from './svgChart.js';

/**
 * The programs the chart shows: all of them, or the {@link maxGroupsShown} with the most spend
 * (ties by name), kept in the report's order (by name, journeys without a program last).
 */
export function chartedPrograms(programs: readonly ProgramEconomics[]): ProgramEconomics[] {
  if (programs.length <= maxGroupsShown) return [...programs];
  const kept = new Set(
    [...programs]
      .sort(
        (a, b) =>
          b.spend.comparedTo(a.spend) || formatKey(a.program).localeCompare(formatKey(b.program)),
      )
      .slice(0, maxGroupsShown),
  );
  return programs.filter((row) => kept.has(row));
}

/** Why a program has no cost at a stage: it has no spend lines (unknown), or nobody reached it. */
function noCostReason(row: ProgramEconomics, entries: number): string {
  return row.spendLines === 0
    ? 'no spend lines: cost unknown'
    : entries === 0
      ? 'no entries'
      : 'no cost';
}

/**
 * Cost per stage by program: one block per stage that journeys reached (cost per lead, per
 * qualified lead, per opportunity …), one horizontal bar per program with its cost per entry
 * (spend ÷ journeys that reached the stage), labelled with the amount and the entries. All bars
 * share one scale, so the cost of going further down the funnel shows as longer bars. A cost that
 * is null — a program without spend lines, or without entries at the stage — is written as
 * "no cost" with the reason, never drawn as a zero bar. A pure function of its inputs.
 */
export function costPerStageChart(pipeline: Pipeline, economics: ReportEconomics): string {
  const stages = stagesWithEntries(economics);
  const programs = chartedPrograms(economics.programs);
  const colourOf = new Map(economics.programs.map((row, index) => [row, seriesColour(index)]));
  let maxCost = 0;
  for (const row of programs) {
    for (const index of stages) {
      const cost = row.stages[index]?.costPerEntry;
      if (cost) maxCost = Math.max(maxCost, cost.toNumber());
    }
  }
  const height = chartHeight(stages.length, programs.length);
  const parts: string[] = [];
  if (stages.length === 0 || programs.length === 0) {
    parts.push(
      `<text class="bar-text" x="8" y="24">No journey reached a stage: there is no cost per stage to show.</text>`,
    );
  }
  stages.forEach((stageIndex, block) => {
    const stage = pipeline.stages[stageIndex];
    const id = stage?.id ?? String(stageIndex);
    const y0 = block * blockHeight(programs.length);
    parts.push(blockTitle(y0, `Cost per ${stage?.name ?? id}`));
    programs.forEach((row, position) => {
      const figures = row.stages[stageIndex];
      const entries = figures?.entries ?? 0;
      const cost = figures?.costPerEntry ?? null;
      const y = barTop(y0, position);
      const label = formatKey(row.program);
      const data = `data-program="${escapeHtml(label)}" data-stage="${escapeHtml(id)}"`;
      parts.push(barLabel(y, label));
      if (cost === null) {
        parts.push(
          `<text class="no-cost" ${data} x="${barLeft + 4}" y="${px(y + barHeight - 3)}">no cost <tspan class="muted">(${escapeHtml(noCostReason(row, entries))}${entries > 0 ? `; ${formatCount(entries)} ${entries === 1 ? 'entry' : 'entries'}` : ''})</tspan></text>`,
        );
        return;
      }
      const share = maxCost > 0 ? cost.toNumber() / maxCost : 0;
      const tip = `${label}: ${formatMoney(cost)} per ${stage?.name ?? id} (${formatMoney(row.spend)} ÷ ${formatCount(entries)})`;
      parts.push(
        `<rect class="cost-bar" ${data} data-cost="${cost.toFixed(2)}" x="${barLeft}" y="${px(y)}" width="${px(Math.max(1, share * barWidth))}" height="${barHeight}" fill="${colourOf.get(row) ?? '#555555'}" fill-opacity="0.8"><title>${escapeHtml(tip)}</title></rect>`,
        `<text class="bar-text" x="${textLeft}" y="${px(y + barHeight - 3)}">${formatMoney(cost)} <tspan class="muted">× ${formatCount(entries)}</tspan></text>`,
      );
    });
  });
  return svgChart(
    'cost-per-stage',
    'Cost per entry at each stage, by program',
    { width, height },
    parts,
  );
}
