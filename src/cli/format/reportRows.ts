import type { VelocityResult } from '../../metrics/velocity.js';
import type { WinRateResult } from '../../metrics/winRate.js';
import {
  formatCount,
  formatDays,
  formatInterval,
  formatKey,
  formatMoney,
  formatPercent,
} from './numbers.js';

// Rows of the report's tables that the text table and the HTML page show alike; each keeps its
// own header and layout.

/**
 * Win rate rows: all journeys, then one per group: label, won, lost, rate, 95% CI, won value,
 * lost value, rate by value.
 */
export function winRateRows(winRate: WinRateResult): string[][] {
  return [
    ['all', winRate] as const,
    ...(winRate.groups ?? []).map((group) => [formatKey(group.key), group] as const),
  ].map(([label, figures]) => [
    label,
    formatCount(figures.won),
    formatCount(figures.lost),
    formatPercent(figures.rate),
    formatInterval(figures.interval),
    formatMoney(figures.wonValue),
    formatMoney(figures.lostValue),
    formatPercent(figures.valueRate),
  ]);
}

/**
 * Velocity rows for the stages some journey advanced from: stage (as `label` writes it),
 * advanced, median and p90 days to the next stage, median days in the stage.
 */
export function velocityRows(
  velocity: VelocityResult,
  label: (stage: string) => string,
): string[][] {
  return velocity.stages
    .filter((row) => row.toNext !== null)
    .map((row) => [
      label(row.stage),
      formatCount(row.toNext?.count ?? 0),
      formatDays(row.toNext?.median),
      formatDays(row.toNext?.p90),
      formatDays(row.timeInStage?.median),
    ]);
}
