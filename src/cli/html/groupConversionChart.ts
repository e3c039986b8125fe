import type { ConversionResult, ConversionRow } from '../../metrics/conversion.js';
import type { Pipeline } from '../../pipeline/types.js';
import { formatCount, formatInterval, formatKey, formatPercent } from '../format/numbers.js';
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
import { svgChart } from './svgChart.js';

/** More groups than this are summarised as a count: a chart of 40 bars per stage says nothing. */
export const maxGroupsShown = 8;

interface Series {
  readonly label: string;
  readonly journeys: number;
  readonly stages: readonly ConversionRow[];
}

/**
 * Conversion to the next stage, one block per stage, one bar per group (and one for all journeys
 * first), each with its Wilson interval as a whisker. Without groups it shows all journeys only.
 * The largest groups are shown when there are more than {@link maxGroupsShown}.
 */
export function groupConversionChart(pipeline: Pipeline, conversion: ConversionResult): string {
  const groups = [...(conversion.groups ?? [])]
    .sort((a, b) => b.journeys - a.journeys)
    .slice(0, maxGroupsShown);
  const series: Series[] = [
    {
      label: 'all',
      journeys: conversion.stages[0]?.reached ?? 0,
      stages: conversion.stages,
    },
    ...groups.map((group) => ({
      label: formatKey(group.key),
      journeys: group.journeys,
      stages: group.stages,
    })),
  ];
  const transitions = conversion.stages.length - 1;
  const height = chartHeight(transitions, series.length);
  const parts: string[] = [];
  // Grid lines at 0, 25, 50, 75 and 100%.
  for (let tick = 0; tick <= 4; tick += 1) {
    const x = barLeft + (barWidth * tick) / 4;
    parts.push(
      `<line class="grid" x1="${px(x)}" x2="${px(x)}" y1="0" y2="${height - 14}"/>`,
      `<text class="axis" x="${px(x)}" y="${height - 2}" text-anchor="middle">${tick * 25}%</text>`,
    );
  }
  for (let index = 0; index < transitions; index += 1) {
    const from = pipeline.stages[index];
    const to = pipeline.stages[index + 1];
    const y0 = index * blockHeight(series.length);
    parts.push(blockTitle(y0, `${from?.name ?? ''} → ${to?.name ?? ''}`));
    series.forEach((entry, position) => {
      const row = entry.stages[index];
      const y = barTop(y0, position);
      const colour = position === 0 ? '#333333' : seriesColour(position - 1);
      parts.push(barLabel(y, entry.label));
      if (!row || row.rate === null) {
        parts.push(
          `<text class="bar-text" x="${barLeft + 4}" y="${px(y + barHeight - 3)}">nobody reached ${escapeHtml(from?.name ?? '')}</text>`,
        );
        return;
      }
      const tip = `${entry.label}: ${formatCount(row.advanced)} of ${formatCount(row.reached)} advanced (${formatPercent(row.rate)}, 95% CI ${formatInterval(row.interval)})`;
      parts.push(
        `<rect class="rate-bar" data-stage="${escapeHtml(row.stage)}" data-group="${escapeHtml(entry.label)}" x="${barLeft}" y="${px(y)}" width="${px(Math.max(1, row.rate * barWidth))}" height="${barHeight}" fill="${colour}" fill-opacity="0.75"><title>${escapeHtml(tip)}</title></rect>`,
      );
      const { lower, upper } = row.interval;
      if (lower !== null && upper !== null) {
        const x1 = barLeft + lower * barWidth;
        const x2 = barLeft + upper * barWidth;
        const mid = y + barHeight / 2;
        parts.push(
          `<path class="interval" d="M${px(x1)} ${px(mid)}H${px(x2)}M${px(x1)} ${px(y + 2)}V${px(y + barHeight - 2)}M${px(x2)} ${px(y + 2)}V${px(y + barHeight - 2)}"/>`,
        );
      }
      parts.push(
        `<text class="bar-text" x="${textLeft}" y="${px(y + barHeight - 3)}">${formatPercent(row.rate)} <tspan class="muted">${formatInterval(row.interval)} · ${formatCount(row.advanced)}/${formatCount(row.reached)}</tspan></text>`,
      );
    });
  }
  return svgChart(
    'conversion-by-group',
    'Conversion to the next stage by group, with 95% intervals',
    { width, height },
    parts,
  );
}
