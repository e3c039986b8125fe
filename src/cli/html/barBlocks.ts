import { escapeHtml, px } from './escape.js';

// The layout of the charts drawn as blocks of horizontal bars (one block per stage, one bar per
// group or program): conversion by group and cost per stage look alike on the page.

/** The chart's width, in the SVG's own units. */
export const width = 820;
/** Where the row labels end (they are right-aligned). */
export const labelRight = 168;
/** Where the bars start. */
export const barLeft = 180;
/** The length of a full bar. */
export const barWidth = 420;
/** Where the figures beside the bars start. */
export const textLeft = barLeft + barWidth + 14;
/** One bar's thickness. */
export const barHeight = 14;
const barGap = 5;
const headerHeight = 24;
const blockGap = 12;

/** The height of one block: its title and `rows` bars. */
export function blockHeight(rows: number): number {
  return headerHeight + rows * (barHeight + barGap) + blockGap;
}

/** The height of a chart of `blocks` blocks of `rows` bars each (never less than one line). */
export function chartHeight(blocks: number, rows: number): number {
  return Math.max(40, blocks * blockHeight(rows) + 10);
}

/** The top of the `position`-th bar of a block that starts at `blockTop`. */
export function barTop(blockTop: number, position: number): number {
  return blockTop + headerHeight + position * (barHeight + barGap);
}

/** A block's title, above its bars. */
export function blockTitle(blockTop: number, title: string): string {
  return `<text class="block-title" x="8" y="${px(blockTop + 16)}">${escapeHtml(title)}</text>`;
}

/** The label of the bar at `y`, right-aligned before it. */
export function barLabel(y: number, label: string): string {
  return `<text class="group-label" x="${labelRight}" y="${px(y + barHeight - 3)}" text-anchor="end">${escapeHtml(label)}</text>`;
}
