import { beforeAll, describe, expect, it } from 'vitest';
import {
  definePipeline,
  type FunnelReport,
  funnelReport,
  type JourneyEventInput,
  type JourneyInput,
  summarizeJourney,
  winRate,
} from '../../src/index.js';
import {
  type CsvRow,
  countBy,
  DAY_MS,
  field,
  hasData,
  median,
  medianUnitsFixed2,
  readCsv,
  unitsToFixed2,
  utcDay,
} from './realData.js';

// Maven "CRM Sales Opportunities": 8,800 opportunities of a fictitious B2B hardware seller.
// Every opportunity belongs to a sales agent from its first row, so every stage is owned by Sales;
// win rate starts at `engaging` (the handoff), where an opportunity has a date and can close.
//
// One row → one journey:
// - Prospecting rows have no date at all. A stage event needs a time, and inventing one (the
//   export date, asOf) would make up a fact, so these journeys get no events: the library counts
//   them as `unstaged` (not measured, never dropped). A second suite shows the alternative of
//   dating them at the snapshot.
// - engage_date → entered `engaging`; close_date → outcome won / lost (Won implies the last stage).
// - amount = close_value for Won only. A Lost row's close_value is 0, which means "no value
//   recorded", not a free deal, so lost journeys carry no amount (counted as `withoutValue`).
// - product: 'GTXPro' in sales_pipeline.csv is 'GTX Pro' in products.csv; we use the
//   products.csv spelling so groups and the price list join on one name.

const files = ['maven_crm/sales_pipeline.csv', 'maven_crm/products.csv'];
const ASOF = '2018-01-01'; // the day after the last engage / close date in the file (2017-12-31)

const pipeline = definePipeline({
  id: 'maven-crm',
  name: 'Maven CRM sales opportunities',
  stages: [
    { id: 'prospecting', owner: 'sales', description: 'Opportunity created, not yet engaged.' },
    { id: 'engaging', owner: 'sales', description: 'The agent is engaging the account.' },
    { id: 'won', owner: 'sales', description: 'Closed won.' },
  ],
  handoff: 'engaging',
});

/** The products.csv spelling of a product name. */
const productName = (raw: string): string => (raw === 'GTXPro' ? 'GTX Pro' : raw);

function journeyOf(row: CsvRow, listPrices?: ReadonlyMap<string, string>): JourneyInput {
  const stage = field(row, 'deal_stage');
  const engaged = field(row, 'engage_date');
  const closed = field(row, 'close_date');
  const product = productName(field(row, 'product'));
  const account = field(row, 'account');
  const events: JourneyEventInput[] = [];
  if (engaged !== '') events.push({ type: 'stage', stage: 'engaging', at: engaged });
  if (stage === 'Won' || stage === 'Lost') {
    events.push({ type: 'outcome', outcome: stage === 'Won' ? 'won' : 'lost', at: closed });
  }
  // Won: what was closed. Otherwise, when a price list is given: the product's list price.
  const amount = stage === 'Won' ? field(row, 'close_value') : listPrices?.get(product);
  return {
    id: field(row, 'opportunity_id'),
    attributes: {
      product,
      sales_agent: field(row, 'sales_agent'),
      account: account === '' ? null : account,
    },
    ...(amount !== undefined && { amount }),
    events,
  };
}

describe.skipIf(!hasData(...files))('Maven CRM sales pipeline (real data)', () => {
  let rows: CsvRow[] = [];
  let journeys: JourneyInput[] = [];
  let report: FunnelReport;
  const stageOf = (row: CsvRow) => field(row, 'deal_stage');
  const won = () => rows.filter((row) => stageOf(row) === 'Won');
  const lost = () => rows.filter((row) => stageOf(row) === 'Lost');

  beforeAll(() => {
    rows = readCsv('maven_crm/sales_pipeline.csv');
    journeys = rows.map((row) => journeyOf(row));
    report = funnelReport(pipeline, journeys, { asOf: ASOF, by: 'product' });
  });

  it('has the shape the README describes, checked before trusting any figure', () => {
    expect(rows).toHaveLength(8800);
    expect(new Set(rows.map((row) => field(row, 'opportunity_id'))).size).toBe(8800);
    // Each deal stage has exactly one pattern of dates and values.
    const patterns = countBy(rows, (row) =>
      [
        stageOf(row),
        field(row, 'engage_date') === '' ? 'no engage' : 'engage',
        field(row, 'close_date') === '' ? 'no close' : 'close',
        field(row, 'close_value') === ''
          ? 'no value'
          : field(row, 'close_value') === '0'
            ? '0'
            : '>0',
      ].join(' | '),
    );
    expect(Object.fromEntries(patterns)).toEqual({
      'Won | engage | close | >0': 4238,
      'Lost | engage | close | 0': 2473,
      'Engaging | engage | no close | no value': 1589,
      'Prospecting | no engage | no close | no value': 500,
    });
    // Whole currency units only, and nobody closed before engaging.
    expect(won().every((row) => /^[1-9]\d*$/.test(field(row, 'close_value')))).toBe(true);
    expect(
      rows.filter(
        (row) =>
          field(row, 'close_date') !== '' &&
          utcDay(field(row, 'close_date')) < utcDay(field(row, 'engage_date')),
      ),
    ).toEqual([]);
    // The product spelled two ways across the two files.
    const products = readCsv('maven_crm/products.csv').map((row) => field(row, 'product'));
    expect(products).toContain('GTX Pro');
    expect(products).not.toContain('GTXPro');
    expect(countBy(rows, (row) => field(row, 'product')).get('GTXPro')).toBe(1480);
    expect(rows.some((row) => field(row, 'product') === 'GTX Pro')).toBe(false);
  });

  it('counts the undated Prospecting rows as unstaged, not measured and not dropped', () => {
    const prospecting = rows
      .filter((row) => stageOf(row) === 'Prospecting')
      .map((row) => field(row, 'opportunity_id'))
      .sort();
    expect(report.journeys).toBe(8800);
    expect(report.unstaged.count).toBe(prospecting.length);
    expect(report.unstaged.examples).toEqual(prospecting.slice(0, 20));
    expect(report.measured).toBe(8800 - prospecting.length);
    expect(report.outsideCohort).toBe(0);
    // What the library says about one of them: open, at no stage.
    const first = journeys.find((journey) => journey.id === prospecting[0]);
    expect(first).toBeDefined();
    if (first) {
      const summary = summarizeJourney(pipeline, first, { asOf: ASOF });
      expect(summary.status).toBe('open');
      expect(summary.currentStage).toBeNull();
      expect(summary.reached).toEqual({});
    }
  });

  it('counts won and lost deals and the win rate among engaged deals exactly', () => {
    const wonCount = won().length;
    const lostCount = lost().length;
    expect(report.winRate.from).toBe('engaging');
    expect(report.winRate.won).toBe(wonCount);
    expect(report.winRate.lost).toBe(lostCount);
    expect(report.winRate.rate).toBe(wonCount / (wonCount + lostCount));
    // Lost deals carry no amount: counted in the rate, not in the values.
    expect(report.winRate.withoutValue).toBe(lostCount);
    expect(report.winRate.lostValue.toFixed(2)).toBe('0.00');
    expect(report.winRate.valueRate).toBe(1);
    // Every closed deal was engaged, so the rate is the same from the first stage.
    const fromStart = winRate(pipeline, journeys, { asOf: ASOF, from: 'prospecting' });
    expect([fromStart.won, fromStart.lost]).toEqual([wonCount, lostCount]);
  });

  it('totals the won value to the cent and takes its exact median', () => {
    const values = won().map((row) => BigInt(field(row, 'close_value')));
    const total = values.reduce((sum, value) => sum + value, 0n);
    expect(report.deals.count).toBe(values.length);
    expect(report.deals.withValue).toBe(values.length);
    expect(report.deals.total.toFixed(2)).toBe(unitsToFixed2(total));
    expect(report.winRate.wonValue.toFixed(2)).toBe(unitsToFixed2(total));
    expect(report.deals.median?.toFixed(2)).toBe(medianUnitsFixed2(values));
    // The mean, rounded half to even to the cent: total ÷ count in exact integer arithmetic.
    const cents = total * 100n;
    const count = BigInt(values.length);
    const quotient = cents / count;
    const twiceRemainder = (cents % count) * 2n;
    const rounded =
      twiceRemainder > count || (twiceRemainder === count && quotient % 2n === 1n)
        ? quotient + 1n
        : quotient;
    expect(report.deals.mean?.toFixed(2)).toBe(
      `${rounded / 100n}.${String(rounded % 100n).padStart(2, '0')}`,
    );
  });

  it('counts the open deals: engaging ones at the stage, prospecting ones as unstaged', () => {
    const open = rows.filter((row) => field(row, 'close_date') === '').length;
    expect(open).toBe(2089);
    const engaging = report.conversion.stages.find((row) => row.stage === 'engaging');
    expect(engaging?.open).toBe(rows.filter((row) => stageOf(row) === 'Engaging').length);
    expect((engaging?.open ?? 0) + report.unstaged.count).toBe(open);
    // Open engaged deals have no amount: reported as an anomaly, the only one in this file.
    expect(report.anomalies.map((anomaly) => [anomaly.kind, anomaly.count])).toEqual([
      ['missing_amount', 1589],
    ]);
  });

  it('follows every engaged deal through the stages', () => {
    const wonCount = won().length;
    const lostCount = lost().length;
    const engaged = rows.filter((row) => field(row, 'engage_date') !== '').length;
    const table = report.conversion.stages.map(({ stage, reached, advanced, exited, open }) => ({
      stage,
      reached,
      advanced,
      exited,
      open,
    }));
    expect(table).toEqual([
      // Every measured journey reached prospecting by implied passage: the rate here is 1,
      // because the 500 still prospecting could not be dated and are not measured.
      { stage: 'prospecting', reached: engaged, advanced: engaged, exited: 0, open: 0 },
      {
        stage: 'engaging',
        reached: engaged,
        advanced: wonCount,
        exited: lostCount,
        open: engaged - wonCount - lostCount,
      },
      { stage: 'won', reached: wonCount, advanced: 0, exited: 0, open: 0 },
    ]);
    expect(report.conversion.overall.rate).toBe(wonCount / engaged);
  });

  it('measures the sales cycle from engage to close like a spreadsheet would', () => {
    const days = won().map(
      (row) => (utcDay(field(row, 'close_date')) - utcDay(field(row, 'engage_date'))) / DAY_MS,
    );
    const { cycle, stages } = report.velocity;
    expect(cycle.count).toBe(days.length);
    expect(cycle.median).toBe(median(days));
    expect(cycle.min).toBe(Math.min(...days));
    expect(cycle.max).toBe(Math.max(...days));
    expect(cycle.mean).toBeCloseTo(days.reduce((sum, day) => sum + day, 0) / days.length, 9);
    // engaging → won is the same interval; prospecting was never observed, so it has no times.
    const engaging = stages.find((row) => row.stage === 'engaging');
    expect(engaging?.toNext?.median).toBe(median(days));
    expect(stages[0]?.toNext?.count).toBe(0);
    expect(report.negativeDurations).toBe(0);
  });

  it('estimates time in engaging with open deals censored at asOf (Kaplan–Meier)', () => {
    // Closed deals left engaging at close_date; open ones are still there at asOf.
    const asOf = utcDay(ASOF);
    const spells = rows
      .filter((row) => field(row, 'engage_date') !== '')
      .map((row) => {
        const closed = field(row, 'close_date');
        const end = closed === '' ? asOf : utcDay(closed);
        return { days: (end - utcDay(field(row, 'engage_date'))) / DAY_MS, left: closed !== '' };
      });
    // The product-limit estimate, written out: at each distinct time with exits,
    // S ← S × (1 − exits ÷ at risk); the median is the first time S ≤ 1/2.
    const times = [...new Set(spells.map((spell) => spell.days))].sort((a, b) => a - b);
    let survival = 1;
    let medianDays: number | null = null;
    for (const time of times) {
      const atRisk = spells.filter((spell) => spell.days >= time).length;
      const exits = spells.filter((spell) => spell.days === time && spell.left).length;
      survival *= 1 - exits / atRisk;
      if (medianDays === null && survival <= 0.5 + 1e-12) medianDays = time;
    }
    const engaging = report.velocity.stages.find((row) => row.stage === 'engaging');
    expect(engaging?.timeInStage?.median).toBe(medianDays);
    expect(engaging?.timeInStage?.curve.survival.at(-1)).toBeCloseTo(survival, 12);
    const events = engaging?.timeInStage?.curve.events ?? [];
    expect(events.reduce((sum, count) => sum + count, 0)).toBe(won().length + lost().length);
  });

  it('splits win rate and won value by product, with GTXPro read as GTX Pro', () => {
    const groups = report.winRate.groups ?? [];
    const names = [...new Set(rows.map((row) => productName(field(row, 'product'))))].sort();
    expect(groups.map((group) => group.key)).toEqual(names);
    expect(names).toContain('GTX Pro');
    expect(names).not.toContain('GTXPro');
    for (const group of groups) {
      const mine = rows.filter((row) => productName(field(row, 'product')) === group.key);
      const wonRows = mine.filter((row) => stageOf(row) === 'Won');
      const lostCount = mine.filter((row) => stageOf(row) === 'Lost').length;
      const value = wonRows.reduce((sum, row) => sum + BigInt(field(row, 'close_value')), 0n);
      expect(group, String(group.key)).toMatchObject({
        won: wonRows.length,
        lost: lostCount,
        rate: wonRows.length / (wonRows.length + lostCount),
      });
      expect(group.wonValue.toFixed(2), String(group.key)).toBe(unitsToFixed2(value));
    }
    // A conversion group holds the measured journeys only: the product's rows minus its prospects.
    const gtxPro = report.conversion.groups?.find((group) => group.key === 'GTX Pro');
    const gtxProRows = rows.filter((row) => field(row, 'product') === 'GTXPro');
    expect(gtxPro?.journeys).toBe(
      gtxProRows.filter((row) => stageOf(row) !== 'Prospecting').length,
    );
  });

  it('splits win rate by sales agent', () => {
    const byAgent = funnelReport(pipeline, journeys, { asOf: ASOF, by: 'sales_agent' });
    const groups = byAgent.winRate.groups ?? [];
    const agents = [...new Set(rows.map((row) => field(row, 'sales_agent')))].sort();
    expect(groups.map((group) => group.key)).toEqual(agents);
    for (const group of groups) {
      const mine = rows.filter((row) => field(row, 'sales_agent') === group.key);
      const wonRows = mine.filter((row) => stageOf(row) === 'Won');
      const lostCount = mine.filter((row) => stageOf(row) === 'Lost').length;
      const value = wonRows.reduce((sum, row) => sum + BigInt(field(row, 'close_value')), 0n);
      expect(
        [group.won, group.lost, group.rate, group.wonValue.toFixed(2)],
        String(group.key),
      ).toEqual([
        wonRows.length,
        lostCount,
        wonRows.length / (wonRows.length + lostCount),
        unitsToFixed2(value),
      ]);
    }
    // The agents' figures add up to the whole.
    expect(groups.reduce((sum, group) => sum + group.won, 0)).toBe(byAgent.winRate.won);
  });
});

describe.skipIf(!hasData(...files))(
  'Maven CRM with the two choices a data team may make instead',
  () => {
    let rows: CsvRow[] = [];

    beforeAll(() => {
      rows = readCsv('maven_crm/sales_pipeline.csv');
    });

    it('dates the Prospecting rows at the snapshot so that they are measured as open', () => {
      // The export is a snapshot as of ASOF: a Prospecting row is known to be prospecting then.
      const journeys = rows.map((row) => {
        const journey = journeyOf(row);
        return journey.events.length > 0
          ? journey
          : { ...journey, events: [{ type: 'stage' as const, stage: 'prospecting', at: ASOF }] };
      });
      const report = funnelReport(pipeline, journeys, { asOf: ASOF });
      const prospecting = rows.filter((row) => field(row, 'deal_stage') === 'Prospecting').length;
      expect(report.unstaged.count).toBe(0);
      expect(report.measured).toBe(8800);
      expect(report.conversion.stages[0]).toMatchObject({
        stage: 'prospecting',
        reached: 8800,
        advanced: 8800 - prospecting,
        open: prospecting,
        rate: (8800 - prospecting) / 8800,
      });
      // All open deals are now in the report.
      const open = report.conversion.stages.reduce((sum, row) => sum + (row.open ?? 0), 0);
      expect(open).toBe(rows.filter((row) => field(row, 'close_date') === '').length);
      // Their time in prospecting is censored at 0 days: no median.
      expect(report.velocity.stages[0]?.timeInStage?.median).toBeNull();
    });

    it('values lost and open deals at list price, which needs the GTXPro spelling fixed', () => {
      const prices = new Map(
        readCsv('maven_crm/products.csv').map((row) => [
          field(row, 'product'),
          field(row, 'sales_price'),
        ]),
      );
      // Without the fix, every GTXPro row would miss the price list.
      const unpriced = rows.filter((row) => !prices.has(field(row, 'product')));
      expect(countBy(unpriced, (row) => field(row, 'product'))).toEqual(
        new Map([['GTXPro', 1480]]),
      );
      expect(rows.every((row) => prices.has(productName(field(row, 'product'))))).toBe(true);

      const journeys = rows.map((row) => journeyOf(row, prices));
      const report = funnelReport(pipeline, journeys, { asOf: ASOF });
      const price = (row: CsvRow) => BigInt(prices.get(productName(field(row, 'product'))) ?? '');
      const wonValue = rows
        .filter((row) => field(row, 'deal_stage') === 'Won')
        .reduce((sum, row) => sum + BigInt(field(row, 'close_value')), 0n);
      const lostValue = rows
        .filter((row) => field(row, 'deal_stage') === 'Lost')
        .reduce((sum, row) => sum + price(row), 0n);
      expect(report.winRate.wonValue.toFixed(2)).toBe(unitsToFixed2(wonValue));
      expect(report.winRate.lostValue.toFixed(2)).toBe(unitsToFixed2(lostValue));
      expect(report.winRate.withoutValue).toBe(0);
      expect(report.winRate.valueRate).toBe(Number(wonValue) / Number(wonValue + lostValue));
      // Open engaged deals now have a value: no missing amounts.
      expect(report.anomalies).toEqual([]);
    });
  },
);
