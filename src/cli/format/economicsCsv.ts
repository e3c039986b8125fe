import type { ProgramEconomics } from '../../economics/programEconomics.js';
import type { Decimal } from '../../money/money.js';
import type { ReportEconomics } from '../economics/reportEconomics.js';
import { csvField } from './csv.js';

type Value = number | string | null | Decimal;

function cell(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'object') return value.toString();
  return String(value);
}

/**
 * The economics as rows of the CSV report (`section, group, stage, measure, value`), to append
 * to `renderCsv`'s: section `economics`, `group` the program (`(none)` for journeys without one,
 * empty for the total of every program, as elsewhere for all journeys), `stage` set for
 * `entries` and `costPerEntry`. Money is exact; an empty value is a null figure (a cost with no
 * entries, or no spend lines to price it); `returnOnSpend` is a ratio.
 */
export function economicsCsvRows(economics: ReportEconomics): string[] {
  const rows: string[] = [];
  const add = (group: string, stage: string, measure: string, value: Value) => {
    rows.push(['economics', group, stage, measure, cell(value)].map(csvField).join(','));
  };
  const program = (group: string, row: ProgramEconomics) => {
    add(group, '', 'spend', row.spend);
    add(group, '', 'spendLines', row.spendLines);
    add(group, '', 'spendWithoutJourneys', row.spendWithoutJourneys);
    add(group, '', 'journeys', row.journeys);
    add(group, '', 'outsidePeriods', row.outsidePeriods);
    add(group, '', 'unstaged', row.unstaged);
    for (const stage of row.stages) {
      add(group, stage.stage, 'entries', stage.entries);
      add(group, stage.stage, 'costPerEntry', stage.costPerEntry);
    }
    add(group, '', 'won', row.won);
    add(group, '', 'wonValue', row.wonValue);
    add(group, '', 'wonWithoutValue', row.wonWithoutValue);
    add(group, '', 'acquisitionCost', row.acquisitionCost);
    add(group, '', 'returnOnSpend', row.returnOnSpend);
    const from = row.conversion.from ?? '';
    add(group, from, 'conversion.reached', row.conversion.reached);
    add(group, from, 'conversion.won', row.conversion.won);
    add(group, from, 'conversion.rate', row.conversion.rate);
    add(group, from, 'conversion.rateLower', row.conversion.interval.lower);
    add(group, from, 'conversion.rateUpper', row.conversion.interval.upper);
  };
  for (const row of economics.programs) program(row.program ?? '(none)', row);
  program('', economics.total);
  return rows;
}
