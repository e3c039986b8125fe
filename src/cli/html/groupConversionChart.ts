import type { ConversionResult, ConversionRow } from '../../metrics/conversion.js';
import type { Pipeline } from '../../pipeline/types.js';
import { formatCount, formatInterval, formatKey, formatPercent } from '../format/numbers.js';
import { escapeHtml, px, seriesColour } from './escape.js';

const width = 820;
const labelRight = 168;
const barLeft = 180;
const barWidth = 420;
const textLeft = barLeft + barWidth + 14;
const barHeight = 14;
const barGap = 5;
const headerHeight = 24;
const blockGap = 12;
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
  const blockHeight = headerHeight + series.length * (barHeight + barGap) + blockGap;
  const height = Math.max(40, transitions * blockHeight + 10);
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
    const y0 = index * blockHeight;
    parts.push(
      `<text class="block-title" x="8" y="${px(y0 + 16)}">${escapeHtml(`${from?.name ?? ''} → ${to?.name ?? ''}`)}</text>`,
    );
    series.forEach((entry, position) => {
      const row = entry.stages[index];
      const y = y0 + headerHeight + position * (barHeight + barGap);
      const colour = position === 0 ? '#333333' : seriesColour(position - 1);
      parts.push(
        `<text class="group-label" x="${labelRight}" y="${px(y + barHeight - 3)}" text-anchor="end">${escapeHtml(entry.label)}</text>`,
      );
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
  return `<svg id="conversion-by-group" class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="Conversion to the next stage by group, with 95% intervals" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
