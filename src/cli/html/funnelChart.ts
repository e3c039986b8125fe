import type { ConversionResult } from '../../metrics/conversion.js';
import type { Pipeline } from '../../pipeline/types.js';
import { formatCount, formatInterval, formatPercent } from '../format/numbers.js';
import { escapeHtml, ownerColour, px } from './escape.js';
import { svgChart } from './svgChart.js';

const width = 820;
const rowHeight = 46;
const gap = 8;
const top = 12;
const labelRight = 178;
const funnelLeft = 190;
const funnelWidth = 400;
const centre = funnelLeft + funnelWidth / 2;
const rightColumn = funnelLeft + funnelWidth + 16;
// A stage nobody reached still gets a visible sliver, so the chart keeps one shape per stage.
const minimumWidth = 6;

/**
 * The funnel: one trapezoid per stage, as wide as the journeys that reached it (relative to the
 * widest), narrowing to the next stage's width; beside it the count, and the conversion to the
 * next stage with its interval. A dashed line marks the handoff from Marketing to Sales.
 */
export function funnelChart(pipeline: Pipeline, conversion: ConversionResult): string {
  const rows = conversion.stages;
  const widest = Math.max(1, ...rows.map((row) => row.reached));
  const widthOf = (reached: number) => Math.max(minimumWidth, (reached / widest) * funnelWidth);
  const height = top * 2 + rows.length * (rowHeight + gap);
  const parts: string[] = [];
  rows.forEach((row, index) => {
    const stage = pipeline.stages[index];
    const y = top + index * (rowHeight + gap);
    const upper = widthOf(row.reached);
    const next = rows[index + 1];
    const lower = next
      ? Math.max(minimumWidth, Math.min(upper, widthOf(next.reached)))
      : upper * 0.82;
    const points = [
      [centre - upper / 2, y],
      [centre + upper / 2, y],
      [centre + lower / 2, y + rowHeight],
      [centre - lower / 2, y + rowHeight],
    ]
      .map(([x, yy]) => `${px(x ?? 0)},${px(yy ?? 0)}`)
      .join(' ');
    const name = stage?.name ?? row.stage;
    const owner = stage?.owner ?? 'shared';
    const tip = `${name}: ${formatCount(row.reached)} reached${row.rate === null ? '' : `, ${formatPercent(row.rate)} advanced to ${next ? (pipeline.stages[index + 1]?.name ?? next.stage) : 'the next stage'}`}`;
    parts.push(
      `<polygon class="funnel-stage" data-stage="${escapeHtml(row.stage)}" data-reached="${row.reached}" points="${points}" fill="${ownerColour(owner)}"><title>${escapeHtml(tip)}</title></polygon>`,
      `<text class="stage-name" x="${labelRight}" y="${px(y + 20)}" text-anchor="end">${escapeHtml(name)}</text>`,
      `<text class="stage-owner" x="${labelRight}" y="${px(y + 36)}" text-anchor="end">${escapeHtml(owner)}</text>`,
      `<text class="stage-count" x="${centre}" y="${px(y + rowHeight / 2 + 5)}" text-anchor="middle">${formatCount(row.reached)}</text>`,
    );
    if (next) {
      const interval = formatInterval(row.interval);
      const detail = [
        row.exited ? `${formatCount(row.exited)} exited` : '',
        row.open ? `${formatCount(row.open)} open` : '',
      ].filter(Boolean);
      parts.push(
        `<text class="stage-rate" x="${rightColumn}" y="${px(y + 20)}">↓ ${formatPercent(row.rate)} advanced${interval ? ` <tspan class="muted">(${interval})</tspan>` : ''}</text>`,
        `<text class="stage-detail" x="${rightColumn}" y="${px(y + 36)}">${escapeHtml(detail.join(' · '))}</text>`,
      );
    } else {
      parts.push(
        `<text class="stage-rate" x="${rightColumn}" y="${px(y + 20)}">${formatCount(row.won)} won</text>`,
      );
    }
    if (row.stage === pipeline.handoff && index > 0) {
      parts.push(
        `<line class="handoff" x1="8" x2="${width - 8}" y1="${px(y - gap / 2)}" y2="${px(y - gap / 2)}"/>`,
        `<text class="handoff-label" x="8" y="${px(y - gap / 2 - 3)}">handoff</text>`,
      );
    }
  });
  const label = `Funnel of ${rows.length} stages: ${rows.map((row) => `${row.stage} ${row.reached}`).join(', ')}`;
  return svgChart('funnel', label, { width, height }, parts);
}
