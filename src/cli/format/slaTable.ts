import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { SlaResult, SlaTally } from '../../sla/evaluateSla.js';
import { csvField } from './csv.js';
import { formatCount, formatPercent } from './numbers.js';
import { textTable } from './table.js';

/** A time as people in the calendar's zone read it: `Tue 2026-02-10 11:00`. */
function localTime(date: Date, timeZone: string): string {
  return format(new TZDate(date.getTime(), timeZone), 'EEE yyyy-MM-dd HH:mm');
}

const hours = (value: number | null): string => (value === null ? '—' : String(round(value)));
const round = (value: number): number => Math.round(value * 100) / 100;

function tallyLine(name: string, tally: SlaTally): string {
  return `${name}: ${formatCount(tally.met)} met, ${formatCount(tally.breached)} breached of ${formatCount(tally.evaluated)} (compliance ${formatPercent(tally.compliance)})`;
}

/**
 * The SLA evaluation as text: one row per rule, the totals per owner, the breach table and the
 * at-risk list, with times in the SLA calendar's zone.
 */
export function renderSlaTable(
  result: SlaResult,
  context: { readonly timeZone: string; readonly journeys: number; readonly source?: string },
): string {
  const { timeZone } = context;
  const out: string[] = [
    `SLA: ${formatCount(context.journeys)} journeys${context.source ? ` from ${context.source}` : ''}, as of ${localTime(result.asOf, timeZone)} (times in ${timeZone})`,
    '',
    'Rules (compliance = met ÷ (met + breached); hours from trigger to response on the rule’s clock)',
    textTable(
      [
        'rule',
        'owner',
        'kind',
        'evaluated',
        'met',
        'breached',
        'at risk',
        'pending',
        'withdrawn',
        'compliance',
        'median h',
        'p90 h',
      ],
      result.rules.map((rule) => [
        rule.id,
        rule.owner,
        rule.kind,
        formatCount(rule.evaluated),
        formatCount(rule.met),
        formatCount(rule.breached),
        formatCount(rule.atRisk),
        formatCount(rule.pending),
        formatCount(rule.withdrawn),
        formatPercent(rule.compliance),
        hours(rule.responseHours.median),
        hours(rule.responseHours.p90),
      ]),
      [1, 2],
    ),
    `${tallyLine('Marketing', result.byOwner.marketing)}; ${tallyLine('Sales', result.byOwner.sales)}`,
    '',
    `Breaches (${formatCount(result.breaches.length)}, by due time)`,
  ];
  if (result.breaches.length > 0) {
    out.push(
      textTable(
        ['rule', 'owner', 'journey', 'agent', 'due', 'resolved', 'late h', 'detail'],
        result.breaches.map((breach) => [
          breach.rule,
          breach.owner,
          breach.journey ?? '—',
          breach.agent ?? '—',
          localTime(breach.dueAt, timeZone),
          breach.resolvedAt !== null
            ? localTime(breach.resolvedAt, timeZone)
            : // Reason, attempt and volume rules are decided at their due time: nothing is open.
              breach.lateByHours === null
              ? '—'
              : 'open',
          hours(breach.lateByHours),
          breach.detail,
        ]),
        [1, 2, 3, 4, 5, 7],
      ),
    );
  }
  out.push('', `At risk (${formatCount(result.atRisk.length)}, the ones to act on first)`);
  if (result.atRisk.length > 0) {
    out.push(
      textTable(
        ['rule', 'owner', 'journey', 'agent', 'due', 'hours left'],
        result.atRisk.map((risk) => [
          risk.rule,
          risk.owner,
          risk.journey ?? '—',
          risk.agent ?? '—',
          localTime(risk.dueAt, timeZone),
          hours(risk.hoursLeft),
        ]),
        [1, 2, 3, 4],
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

/** The columns of the breach CSV. */
export const breachColumns = [
  'rule',
  'owner',
  'kind',
  'journey',
  'agent',
  'due_at',
  'resolved_at',
  'late_by_hours',
  'detail',
  'period_start',
  'period_end',
] as const;

/**
 * The breaches as CSV, one per row (times as ISO-8601 in UTC; empty cells for what a breach does
 * not have: no journey for a volume period, no resolution, no lateness for reason rules).
 */
export function renderBreachCsv(result: SlaResult): string {
  const rows = result.breaches.map((breach) =>
    [
      breach.rule,
      breach.owner,
      breach.kind,
      breach.journey ?? '',
      breach.agent ?? '',
      breach.dueAt.toISOString(),
      breach.resolvedAt?.toISOString() ?? '',
      breach.lateByHours === null ? '' : String(breach.lateByHours),
      breach.detail,
      breach.period?.start.toISOString() ?? '',
      breach.period?.end.toISOString() ?? '',
    ]
      .map(csvField)
      .join(','),
  );
  return `${[breachColumns.join(','), ...rows].join('\n')}\n`;
}
