import { TZDate, tz } from '@date-fns/tz';
// One module per function: the package root would load all of date-fns' ~250 modules at start-up.
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { BusinessCalendar } from '../calendar/types.js';
import type { Obligation } from './obligation.js';
import type { VolumeRule } from './types.js';

/** The start of the period containing `time`, in the calendar's zone (weeks start on Monday). */
function periodStart(calendar: BusinessCalendar, per: VolumeRule['per'], time: number): number {
  const context = { in: tz(calendar.timeZone) };
  if (per === 'week') return startOfWeek(time, { ...context, weekStartsOn: 1 }).getTime();
  if (per === 'month') return startOfMonth(time, context).getTime();
  return startOfQuarter(time, context).getTime();
}

/** The start of the next period. */
function nextPeriod(calendar: BusinessCalendar, per: VolumeRule['per'], start: number): number {
  const context = { in: tz(calendar.timeZone) };
  if (per === 'week') return addWeeks(start, 1, context).getTime();
  return addMonths(start, per === 'month' ? 1 : 3, context).getTime();
}

function label(calendar: BusinessCalendar, per: VolumeRule['per'], start: number): string {
  const local = new TZDate(start, calendar.timeZone);
  const month = String(local.getMonth() + 1).padStart(2, '0');
  const day = String(local.getDate()).padStart(2, '0');
  if (per === 'month') return `${local.getFullYear()}-${month}`;
  if (per === 'quarter') return `${local.getFullYear()}-Q${Math.floor(local.getMonth() / 3) + 1}`;
  return `the week of ${local.getFullYear()}-${month}-${day}`;
}

/**
 * The obligations of a volume rule: one per period from the period containing `from` to the one
 * containing the earlier of `to` (exclusive) and `asOf`. A finished period is met when its count
 * is within bounds; the running one is breached as soon as it has too many entries, met once it
 * has enough when there is no upper bound, and pending otherwise.
 *
 * @param entries - the times of the entries into the rule's stage, up to asOf
 */
export function volumeObligations(
  calendar: BusinessCalendar,
  rule: VolumeRule,
  ruleIndex: number,
  entries: readonly number[],
  from: number,
  to: number,
  asOf: number,
): Obligation[] {
  const obligations: Obligation[] = [];
  const sorted = [...entries].sort((a, b) => a - b);
  const last = Math.min(to, asOf + 1);
  let next = 0;
  for (let start = periodStart(calendar, rule.per, from); start < last; ) {
    const end = nextPeriod(calendar, rule.per, start);
    while (next < sorted.length && (sorted[next] as number) < start) next += 1;
    let count = 0;
    while (next + count < sorted.length && (sorted[next + count] as number) < end) count += 1;
    const tooMany = rule.atMost !== undefined && count > rule.atMost;
    const tooFew = rule.atLeast !== undefined && count < rule.atLeast;
    const finished = end <= asOf;
    const status = tooMany
      ? 'breached'
      : finished
        ? tooFew
          ? 'breached'
          : 'met'
        : rule.atMost === undefined && !tooFew
          ? 'met'
          : 'pending';
    const bounds = [
      rule.atLeast === undefined ? null : `at least ${rule.atLeast}`,
      rule.atMost === undefined ? null : `at most ${rule.atMost}`,
    ]
      .filter((text) => text !== null)
      .join(' and ');
    obligations.push({
      rule: ruleIndex,
      journey: null,
      agent: null,
      status,
      dueAt: end,
      resolvedAt: Number.NaN,
      lateByHours: null,
      responseHours: null,
      hoursLeft: null,
      detail: `${count} ${count === 1 ? 'entry' : 'entries'} into ${rule.stage} in ${label(calendar, rule.per, start)}, ${bounds} agreed${finished ? '' : ' (period running)'}`,
      period: [start, end],
    });
    start = end;
  }
  return obligations;
}
