import type { ConversionRow } from '../../metrics/conversion.js';
import type { LeakageFigures } from '../../metrics/leakage.js';
import type { FunnelReport } from '../../metrics/report.js';
import type { WinFigures } from '../../metrics/winRate.js';
import type { Decimal } from '../../money/money.js';
import type { DurationSummary } from '../../stats/summarizeDurations.js';

/** The columns of the CSV report: one figure per row ("tidy"), ready for a pivot table. */
export const csvColumns = ['section', 'group', 'stage', 'measure', 'value'] as const;

type Value = number | string | boolean | null | Decimal;

/** Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

// Numbers keep their full precision, money its exact decimal text, null is an empty cell.
function cell(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'object') return value.toString();
  return String(value);
}

// A group column: empty for all journeys; the group's value, and "(none)" for a missing value.
function groupName(key: string | number | boolean | null): string {
  return key === null ? '(none)' : String(key);
}

/**
 * The funnel report as CSV with the columns `section, group, stage, measure, value`: one figure
 * per row, every figure of the report except the Kaplan–Meier curves (use `--format json`).
 * `group` is empty for all journeys, the group's value with `--by` (`(none)` when missing);
 * `stage` is empty for figures that are not per stage. Rates are fractions in [0, 1]; an empty
 * value is a null figure (nothing to divide by); money is exact.
 */
export function renderCsv(report: FunnelReport): string {
  const rows: string[] = [csvColumns.join(',')];
  const add = (section: string, group: string, stage: string, measure: string, value: Value) => {
    rows.push([section, group, stage, measure, cell(value)].map(csvField).join(','));
  };

  add('report', '', '', 'asOf', report.asOf.toISOString());
  add('report', '', '', 'journeys', report.journeys);
  add('report', '', '', 'measured', report.measured);
  add('report', '', '', 'unstaged', report.unstaged.count);
  add('report', '', '', 'outsideCohort', report.outsideCohort);
  add('report', '', '', 'negativeDurations', report.negativeDurations);
  for (const anomaly of report.anomalies) add('anomalies', '', '', anomaly.kind, anomaly.count);

  const conversionRows = (group: string, stages: readonly ConversionRow[]) => {
    for (const row of stages) {
      add('conversion', group, row.stage, 'reached', row.reached);
      add('conversion', group, row.stage, 'advanced', row.advanced);
      add('conversion', group, row.stage, 'late', row.late);
      add('conversion', group, row.stage, 'exited', row.exited);
      add('conversion', group, row.stage, 'open', row.open);
      add('conversion', group, row.stage, 'won', row.won);
      add('conversion', group, row.stage, 'rate', row.rate);
      add('conversion', group, row.stage, 'rateLower', row.interval.lower);
      add('conversion', group, row.stage, 'rateUpper', row.interval.upper);
      add('conversion', group, row.stage, 'resolvedRate', row.resolvedRate);
    }
  };
  const overall = (group: string, figures: FunnelReport['conversion']['overall']) => {
    const stage = `${figures.from}→${figures.to}`;
    add('conversion.overall', group, stage, 'reached', figures.reached);
    add('conversion.overall', group, stage, 'converted', figures.converted);
    add('conversion.overall', group, stage, 'rate', figures.rate);
    add('conversion.overall', group, stage, 'rateLower', figures.interval.lower);
    add('conversion.overall', group, stage, 'rateUpper', figures.interval.upper);
  };
  conversionRows('', report.conversion.stages);
  overall('', report.conversion.overall);
  for (const group of report.conversion.groups ?? []) {
    add('conversion.group', groupName(group.key), '', 'journeys', group.journeys);
    conversionRows(groupName(group.key), group.stages);
    overall(groupName(group.key), group.overall);
  }

  const win = (group: string, figures: WinFigures) => {
    const stage = report.winRate.from;
    add('winRate', group, stage, 'won', figures.won);
    add('winRate', group, stage, 'lost', figures.lost);
    add('winRate', group, stage, 'rate', figures.rate);
    add('winRate', group, stage, 'rateLower', figures.interval.lower);
    add('winRate', group, stage, 'rateUpper', figures.interval.upper);
    add('winRate', group, stage, 'wonValue', figures.wonValue);
    add('winRate', group, stage, 'lostValue', figures.lostValue);
    add('winRate', group, stage, 'valueRate', figures.valueRate);
    add('winRate', group, stage, 'withoutValue', figures.withoutValue);
  };
  win('', report.winRate);
  for (const group of report.winRate.groups ?? []) win(groupName(group.key), group);

  const durations = (section: string, stage: string, prefix: string, summary: DurationSummary) => {
    for (const measure of ['count', 'mean', 'median', 'p75', 'p90', 'min', 'max'] as const) {
      add(section, '', stage, `${prefix}${measure}`, summary[measure]);
    }
  };
  for (const row of report.velocity.stages) {
    if (row.toNext) durations('velocity', row.stage, 'toNext.', row.toNext);
    if (row.timeInStage)
      add('velocity', '', row.stage, 'timeInStage.median', row.timeInStage.median);
  }
  durations('velocity.cycle', '', '', report.velocity.cycle);

  const leak = (group: string, stage: string, figures: LeakageFigures) => {
    add('leakage', group, stage, 'exited', figures.exited);
    for (const reason of figures.reasons) {
      add('leakage', group, stage, `reason:${reason.reason ?? '(none)'}`, reason.count);
    }
    add('leakage', group, stage, 'immediatelyDiscontinued', figures.immediatelyDiscontinued);
    add('leakage', group, stage, 'open', figures.open);
    add('leakage', group, stage, 'meanOpenAgeDays', figures.meanOpenAgeDays);
    add('leakage', group, stage, 'openWithoutValue', figures.openWithoutValue);
    add('leakage', group, stage, 'followUpDays.median', figures.followUpDays.median);
    add('leakage', group, stage, 'followUpDays.count', figures.followUpDays.count);
    add('leakage', group, stage, 'withoutFollowUp', figures.withoutFollowUp);
    add('leakage', group, stage, 'activitiesToAdvance.mean', figures.activitiesToAdvance.mean);
    add('leakage', group, stage, 'activitiesToExit.mean', figures.activitiesToExit.mean);
  };
  for (const row of report.leakage.stages) {
    leak('', row.stage, row.all);
    // Leakage is split by origin, whatever `by` is.
    for (const origin of row.byOrigin)
      leak(`origin:${origin.origin ?? '(none)'}`, row.stage, origin);
  }

  const { deals } = report;
  add('deals', '', '', 'count', deals.count);
  add('deals', '', '', 'withValue', deals.withValue);
  add('deals', '', '', 'total', deals.total);
  add('deals', '', '', 'mean', deals.mean);
  add('deals', '', '', 'median', deals.median);
  for (const [name, share] of [
    ['existing', deals.existing],
    ['new', deals.new],
  ] as const) {
    add('deals', name, '', 'count', share.count);
    add('deals', name, '', 'countShare', share.countShare);
    add('deals', name, '', 'value', share.value);
    add('deals', name, '', 'valueShare', share.valueShare);
  }
  return `${rows.join('\n')}\n`;
}
