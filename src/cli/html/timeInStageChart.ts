import type { VelocityResult } from '../../metrics/velocity.js';
import type { Pipeline } from '../../pipeline/types.js';
import { formatDays } from '../format/numbers.js';
import { escapeHtml, px, seriesColour } from './escape.js';
import { svgChart } from './svgChart.js';

const width = 820;
const height = 320;
const left = 56;
const right = 200;
const top = 14;
const bottom = 40;
const plotWidth = width - left - right;
const plotHeight = height - top - bottom;

/** A round axis end at or above `value`: 1, 2 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/**
 * Time in stage: for every stage with a Kaplan–Meier curve, the share of journeys still in the
 * stage after t days (open journeys censored at `asOf`), as step lines; the dashed line at 50%
 * crosses each curve at its median. The time axis ends at three times the slowest median.
 */
export function timeInStageChart(pipeline: Pipeline, velocity: VelocityResult): string {
  const curves = velocity.stages
    .map((row, index) => ({ row, index, curve: row.timeInStage?.curve }))
    .filter(
      (entry): entry is typeof entry & { curve: NonNullable<typeof entry.curve> } =>
        entry.curve !== undefined && entry.curve.times.length > 0,
    );
  // The axis ends at three times the slowest median, so that one long tail (journeys left open
  // for a year) does not squash the others; without any median, at the longest time seen.
  const medians = curves.map(({ row }) => row.timeInStage?.median ?? null);
  const slowest = Math.max(0, ...medians.map((median) => median ?? 0));
  const longest = Math.max(
    0,
    ...curves.map(({ curve }) => curve.times[curve.times.length - 1] ?? 0),
  );
  const maxDays = niceCeiling(Math.max(1, slowest > 0 ? Math.min(3 * slowest, longest) : longest));
  const x = (days: number) => left + (Math.min(days, maxDays) / maxDays) * plotWidth;
  const y = (share: number) => top + (1 - share) * plotHeight;
  const parts: string[] = [];
  for (let tick = 0; tick <= 5; tick += 1) {
    const days = (maxDays * tick) / 5;
    parts.push(
      `<line class="grid" x1="${px(x(days))}" x2="${px(x(days))}" y1="${top}" y2="${top + plotHeight}"/>`,
      `<text class="axis" x="${px(x(days))}" y="${top + plotHeight + 16}" text-anchor="middle">${days}</text>`,
    );
  }
  for (let tick = 0; tick <= 4; tick += 1) {
    const share = tick / 4;
    parts.push(
      `<line class="grid" x1="${left}" x2="${left + plotWidth}" y1="${px(y(share))}" y2="${px(y(share))}"/>`,
      `<text class="axis" x="${left - 6}" y="${px(y(share) + 4)}" text-anchor="end">${tick * 25}%</text>`,
    );
  }
  parts.push(
    `<line class="median-line" x1="${left}" x2="${left + plotWidth}" y1="${px(y(0.5))}" y2="${px(y(0.5))}"/>`,
    `<text class="axis" x="${left + plotWidth / 2}" y="${height - 4}" text-anchor="middle">days in stage</text>`,
    `<text class="axis" x="14" y="${px(top + plotHeight / 2)}" text-anchor="middle" transform="rotate(-90 14 ${px(top + plotHeight / 2)})">still in stage</text>`,
  );
  curves.forEach(({ row, index, curve }, position) => {
    const colour = seriesColour(position);
    let d = `M${px(x(0))} ${px(y(1))}`;
    let previous = 1;
    curve.times.forEach((time, i) => {
      const survival = curve.survival[i] ?? previous;
      if (time > maxDays) return;
      d += `H${px(x(time))}`;
      if (survival !== previous) d += `V${px(y(survival))}`;
      previous = survival;
    });
    const last = curve.times[curve.times.length - 1] ?? 0;
    d += `H${px(x(Math.min(last, maxDays)))}`;
    const name = pipeline.stages[index]?.name ?? row.stage;
    const median = row.timeInStage?.median ?? null;
    parts.push(
      `<path class="km-curve" data-stage="${escapeHtml(row.stage)}" d="${d}" stroke="${colour}"><title>${escapeHtml(`${name}: median ${formatDays(median)} days in stage`)}</title></path>`,
    );
    const legendY = top + 10 + position * 20;
    parts.push(
      `<line x1="${width - right + 14}" x2="${width - right + 34}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${colour}" stroke-width="3"/>`,
      `<text class="legend" x="${width - right + 40}" y="${legendY}">${escapeHtml(name)} <tspan class="muted">${formatDays(median)} d</tspan></text>`,
    );
  });
  if (curves.length === 0) {
    parts.push(
      `<text class="bar-text" x="${left + 10}" y="${top + 30}">No observed time in any stage.</text>`,
    );
  }
  return svgChart(
    'time-in-stage',
    'Share of journeys still in each stage by days since entering (Kaplan–Meier)',
    { width, height },
    parts,
  );
}
