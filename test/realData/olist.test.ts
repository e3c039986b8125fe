import { beforeAll, describe, expect, it } from 'vitest';
import {
  definePipeline,
  type EventRow,
  type FunnelReport,
  funnelReport,
  type Journey,
  journeysFromEvents,
  summarizeJourney,
  velocity,
} from '../../src/index.js';
import { thrown } from '../helpers.js';
import {
  type CsvRow,
  countBy,
  DAY_MS,
  field,
  hasData,
  median,
  readCsv,
  utcDay,
} from './realData.js';

// Olist marketing funnel (Brazil, 2017–2018): 8,000 marketing-qualified leads with their first
// contact date and origin, and the 842 of them that closed (won) with a won date.
//
// Pipeline: mql (Marketing) → closed (Sales, the last stage, reached by winning). The export has
// no lost deals: a lead that did not close is open.
//
// Time: first_contact_date is a date ('2018-02-01'), which the library reads as midnight UTC.
// won_date is a naive date-time ('2018-02-26 19:58:54'), which the core rejects as ambiguous.
// We read it as UTC too ('2018-02-26T19:58:54Z'): both columns then share one clock and a
// duration is the wall-clock difference a spreadsheet gives. (Reading won_date in
// America/Sao_Paulo while the date column stays midnight UTC would shift every won time by 2–3
// hours against its first contact; reading both there would need the date column converted too.)

const files = [
  'olist/olist_marketing_qualified_leads_dataset.csv',
  'olist/olist_closed_deals_dataset.csv',
];
const ASOF = '2018-11-15'; // the day after the last won date (2018-11-14 18:04:19)
/** The deal won on 2018-03-06, two days before its first contact on 2018-03-08. */
const WON_BEFORE_CONTACT = 'b91cf8812365f50ff4bda4bcd6206b05';

const pipeline = definePipeline({
  id: 'olist',
  name: 'Olist marketing funnel',
  stages: [
    { id: 'mql', name: 'Marketing-qualified lead', owner: 'marketing' },
    { id: 'closed', name: 'Closed deal', owner: 'sales' },
  ],
});

const naive = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A naive 'YYYY-MM-DD HH:MM:SS' read as UTC, in the ISO form the library accepts. */
function naiveAsUtcIso(text: string): string {
  if (!naive.test(text)) throw new Error(`Not a naive date-time: "${text}"`);
  return `${text.replace(' ', 'T')}Z`;
}

/** The same, as epoch ms, computed here without the library (for the independent figures). */
function naiveAsUtcMs(text: string): number {
  const match = naive.exec(text);
  if (!match) throw new Error(`Not a naive date-time: "${text}"`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

describe.skipIf(!hasData(...files))('Olist MQLs and closed deals (real data)', () => {
  let leads: CsvRow[] = [];
  let deals: CsvRow[] = [];
  let journeys: Journey[] = [];
  let report: FunnelReport;
  const firstContact = new Map<string, number>();

  beforeAll(() => {
    leads = readCsv(files[0] as string);
    deals = readCsv(files[1] as string);
    for (const lead of leads)
      firstContact.set(field(lead, 'mql_id'), utcDay(field(lead, 'first_contact_date')));
    const rows: EventRow[] = [
      ...leads.map((lead): EventRow => {
        const origin = field(lead, 'origin');
        return {
          journeyId: field(lead, 'mql_id'),
          type: 'stage',
          stage: 'mql',
          at: field(lead, 'first_contact_date'),
          // An empty origin is unknown to us: no origin, which the reports group as null.
          ...(origin !== '' && { origin }),
        };
      }),
      ...deals.map(
        (deal): EventRow => ({
          journeyId: field(deal, 'mql_id'),
          type: 'outcome',
          outcome: 'won',
          at: naiveAsUtcIso(field(deal, 'won_date')),
        }),
      ),
    ];
    journeys = journeysFromEvents(rows, { pipeline });
    report = funnelReport(pipeline, journeys, { asOf: ASOF, by: 'origin' });
  });

  /** Days from first contact to won, per deal, computed from the CSV rows. */
  const cycleDays = () =>
    deals.map((deal) => {
      const contact = firstContact.get(field(deal, 'mql_id'));
      if (contact === undefined) throw new Error(`Deal without an MQL: ${field(deal, 'mql_id')}`);
      return (naiveAsUtcMs(field(deal, 'won_date')) - contact) / DAY_MS;
    });

  it('has the shape the README describes', () => {
    expect(leads).toHaveLength(8000);
    expect(deals).toHaveLength(842);
    expect(new Set(leads.map((lead) => field(lead, 'mql_id'))).size).toBe(8000);
    expect(new Set(deals.map((deal) => field(deal, 'mql_id'))).size).toBe(842);
    expect(deals.every((deal) => firstContact.has(field(deal, 'mql_id')))).toBe(true);
    expect(
      leads.every((lead) => /^\d{4}-\d{2}-\d{2}$/.test(field(lead, 'first_contact_date'))),
    ).toBe(true);
    expect(deals.every((deal) => naive.test(field(deal, 'won_date')))).toBe(true);
    expect(countBy(leads, (lead) => field(lead, 'origin')).get('')).toBe(60);
    // Exactly one deal is won before its first contact, the one named above.
    const early = cycleDays()
      .map((days, index) => ({ days, id: field(deals[index] as CsvRow, 'mql_id') }))
      .filter(({ days }) => days < 0);
    expect(early.map(({ id }) => id)).toEqual([WON_BEFORE_CONTACT]);
  });

  it('rejects the raw CSV values, naming every row: empty origins and naive won dates', () => {
    const raw: EventRow[] = [
      ...leads.map(
        (lead): EventRow => ({
          journeyId: field(lead, 'mql_id'),
          type: 'stage',
          stage: 'mql',
          at: field(lead, 'first_contact_date'),
          origin: field(lead, 'origin'),
        }),
      ),
      ...deals.map(
        (deal): EventRow => ({
          journeyId: field(deal, 'mql_id'),
          type: 'outcome',
          outcome: 'won',
          at: field(deal, 'won_date'),
        }),
      ),
    ];
    const error = thrown(() => journeysFromEvents(raw, { pipeline }));
    expect(error.code).toBe('invalid_rows');
    const emptyOrigins = leads.flatMap((lead, index) =>
      field(lead, 'origin') === '' ? [[index, 'origin']] : [],
    );
    const naiveDates = deals.map((_, index) => [leads.length + index, 'at']);
    expect(error.issues.map((issue) => [...issue.path])).toEqual([...emptyOrigins, ...naiveDates]);
    expect(error.issues.at(-1)?.code).toBe('invalid_date');
  });

  it('groups the two files into one journey per MQL', () => {
    expect(journeys).toHaveLength(leads.length);
    expect(report.journeys).toBe(leads.length);
    expect(report.unstaged.count).toBe(0);
    expect(report.measured).toBe(leads.length);
  });

  it('converts MQLs to closed deals at the rate the files give', () => {
    const { overall, stages } = report.conversion;
    expect(overall).toMatchObject({ from: 'mql', to: 'closed', reached: 8000, converted: 842 });
    expect(overall.reached).toBe(leads.length);
    expect(overall.converted).toBe(deals.length);
    expect(overall.rate).toBe(deals.length / leads.length);
    expect(stages[0]).toMatchObject({
      stage: 'mql',
      reached: leads.length,
      advanced: deals.length,
      exited: 0,
      open: leads.length - deals.length,
    });
    // No lost deals in the export: the win rate among closed deals is trivially 1.
    expect(report.winRate).toMatchObject({ from: 'closed', won: 842, lost: 0, rate: 1 });
  });

  it('keeps the leads with an empty origin as the null group, last', () => {
    const groups = report.conversion.groups ?? [];
    const origins = [...countBy(leads, (lead) => field(lead, 'origin')).keys()];
    expect(groups).toHaveLength(origins.length);
    expect(groups.at(-1)?.key).toBeNull();
    expect(groups.reduce((sum, group) => sum + group.journeys, 0)).toBe(leads.length);
    const wonIds = new Set(deals.map((deal) => field(deal, 'mql_id')));
    for (const group of groups) {
      const mine = leads.filter((lead) => (field(lead, 'origin') || null) === group.key);
      const converted = mine.filter((lead) => wonIds.has(field(lead, 'mql_id'))).length;
      expect(
        [group.journeys, group.overall.converted, group.overall.rate],
        String(group.key),
      ).toEqual([mine.length, converted, converted / mine.length]);
    }
    const empty = groups.at(-1);
    expect([empty?.journeys, empty?.overall.converted]).toEqual([60, 14]);
    // 'unknown' is a value the source wrote, not a missing one: it stays its own group.
    expect(groups.find((group) => group.key === 'unknown')?.journeys).toBe(1099);
    // Leakage lists the missing origin side by side with the others, last.
    const mql = report.leakage.stages[0];
    expect(mql?.byOrigin.at(-1)).toMatchObject({ origin: null, open: 60 - 14 });
  });

  it('keeps the deal won before its first contact, closed, and reports it', () => {
    const journey = journeys.find((one) => one.id === WON_BEFORE_CONTACT);
    expect(journey).toBeDefined();
    if (!journey) return;
    const summary = summarizeJourney(pipeline, journey, { asOf: ASOF });
    expect(summary.status).toBe('won');
    expect(summary.closedAt?.toISOString()).toBe('2018-03-06T19:38:55.000Z');
    expect(summary.reached['mql']?.toISOString()).toBe('2018-03-08T00:00:00.000Z');
    expect(summary.anomalies).toEqual(['outcome_before_first_stage', 'time_out_of_order']);

    const independent = cycleDays().filter((days) => days < 0).length;
    const anomalies = Object.fromEntries(report.anomalies.map((one) => [one.kind, one]));
    expect(anomalies['outcome_before_first_stage']?.count).toBe(independent);
    expect(anomalies['outcome_before_first_stage']?.examples).toEqual([WON_BEFORE_CONTACT]);
    // The same deal also has its closed stage entered before its MQL stage.
    expect(anomalies['time_out_of_order']?.examples).toEqual([WON_BEFORE_CONTACT]);
    expect(report.anomalies.map((one) => one.kind)).toEqual([
      'outcome_before_first_stage',
      'time_out_of_order',
    ]);
  });

  it('measures the cycle from MQL to won like a spreadsheet, leaving out the negative one', () => {
    const days = cycleDays();
    const forward = days.filter((day) => day >= 0);
    const result = velocity(pipeline, journeys, { asOf: ASOF, from: 'mql' });
    expect(result.cycle.count).toBe(forward.length);
    expect(result.cycle.median).toBeCloseTo(median(forward) as number, 9);
    expect(result.cycle.min).toBe(Math.min(...forward));
    expect(result.cycle.max).toBe(Math.max(...forward));
    // From MQL to closed is the same interval per deal.
    expect(result.stages[0]?.toNext?.median).toBeCloseTo(median(forward) as number, 9);
  });

  it('leaves the won-before-contact deal out of the cycle, by default as with from: mql', () => {
    // Default cycle start: the first observed entry into a stage before the last — the MQL
    // stage here. The win is not a start, so this deal's cycle would be −1.2 days: it is left
    // out and counted as a negative duration, exactly as with `from: 'mql'`.
    const days = cycleDays();
    const kept = days.filter((day) => day >= 0);
    const { cycle } = report.velocity;
    expect(cycle.count).toBe(days.length - 1);
    expect(kept).toHaveLength(days.length - 1);
    expect(cycle.median).toBeCloseTo(median(kept) as number, 9);
    // `negativeDurations` counts durations, not journeys: this one deal gives three
    // (mql → closed, time in mql, and the cycle).
    expect(report.negativeDurations).toBe(3);
    expect(report.velocity.stages[0]?.toNext?.count).toBe(days.length - 1);
    // Time in mql: the 841 other deals left it, the 7,158 open leads are censored at asOf.
    const curve = report.velocity.stages[0]?.timeInStage?.curve;
    const total = (counts: readonly number[] | undefined) =>
      (counts ?? []).reduce((sum, count) => sum + count, 0);
    expect([total(curve?.events), total(curve?.censored)]).toEqual([
      days.length - 1,
      leads.length - deals.length,
    ]);
    const fromMql = funnelReport(pipeline, journeys, { asOf: ASOF, velocity: { from: 'mql' } });
    expect(fromMql.negativeDurations).toBe(3);
    expect(fromMql.velocity.cycle).toEqual(cycle);
  });
});
