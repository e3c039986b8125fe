import { describe, expect, it } from 'vitest';
import {
  type JourneyInput,
  type ProgramEconomics,
  presets,
  programEconomics,
  type SpendInput,
} from '../../src/index.js';
import { json, nonFinitePaths, outcome, stage } from '../helpers.js';

// Stages: target 0, contact 1, suspect 2, lead 3, qualified_lead 4, prospect 5, customer 6.
const pipeline = presets.buyingPipeline;

const period = (start: string, end: string) => ({ start, end });

// Two programs whose periods overlap each other (and two webinar lines that overlap in March),
// a program with spend and no journeys (podcast), journeys from a program without spend
// (referral) and journeys without a program.
const spend: SpendInput[] = [
  { program: 'webinar', period: period('2026-01-01', '2026-04-01'), amount: '3000' },
  { program: 'webinar', period: period('2026-03-01', '2026-07-01'), amount: 1500 },
  { program: 'tradeshow', period: period('2026-02-01', '2026-05-01'), amount: '6000.00' },
  { program: 'podcast', period: period('2026-01-01', '2026-07-01'), amount: '999.99' },
];

const journeys: JourneyInput[] = [
  // w1: first entry 01-10, inside the first webinar line; won with 10000.
  {
    id: 'w1',
    origin: 'webinar',
    amount: '10000',
    events: [
      stage('lead', '2026-01-10'),
      stage('qualified_lead', '2026-01-20'),
      stage('prospect', '2026-02-01'),
      outcome('won', '2026-03-01'),
    ],
  },
  // w2: first entry 03-15, inside both webinar lines: measured once. Lost at qualified_lead.
  {
    id: 'w2',
    origin: 'webinar',
    amount: '4000',
    events: [
      stage('lead', '2026-03-15'),
      stage('qualified_lead', '2026-03-20'),
      outcome('lost', '2026-04-10', 'price'),
    ],
  },
  // w3: first entry 05-01, inside the second line only; open at lead.
  { id: 'w3', origin: 'webinar', events: [stage('lead', '2026-05-01')] },
  // w4: first entry 08-01, outside every webinar period.
  { id: 'w4', origin: 'webinar', events: [stage('lead', '2026-08-01')] },
  // w5: no stage at all.
  { id: 'w5', origin: 'webinar', events: [{ type: 'activity', at: '2026-02-01' }] },
  // t1: first entry 02-05 (qualified_lead; earlier stages implied), won with 25000.50.
  {
    id: 't1',
    origin: 'tradeshow',
    amount: '25000.50',
    events: [
      stage('qualified_lead', '2026-02-05'),
      stage('prospect', '2026-02-20'),
      outcome('won', '2026-04-01'),
    ],
  },
  // t2: first entry one hour before the period ends; won without an amount.
  {
    id: 't2',
    origin: 'tradeshow',
    events: [
      { type: 'stage', stage: 'lead', at: '2026-04-30T23:00:00Z' },
      stage('prospect', '2026-05-10'),
      outcome('won', '2026-06-01'),
    ],
  },
  // t3: first entry exactly at the period's (exclusive) end: outside.
  { id: 't3', origin: 'tradeshow', events: [stage('lead', '2026-05-01')] },
  // r1: a program without spend, won with 5000.
  {
    id: 'r1',
    origin: 'referral',
    amount: 5000,
    events: [stage('lead', '2026-02-01'), outcome('won', '2026-03-01')],
  },
  // n1: no program at all.
  { id: 'n1', events: [stage('lead', '2026-01-05')] },
];

const costs = (row: ProgramEconomics | undefined) =>
  row?.stages.map((entry) => [entry.entries, entry.costPerEntry?.toFixed(2) ?? null]);

describe('programEconomics: hand-checked', () => {
  const result = programEconomics(pipeline, journeys, spend);
  const row = (program: string | null) => result.programs.find((p) => p.program === program);

  it('lists every program, sorted, the missing program last', () => {
    expect(result.programs.map((p) => p.program)).toEqual([
      'podcast',
      'referral',
      'tradeshow',
      'webinar',
      null,
    ]);
  });

  it('webinar: two overlapping lines, a journey inside both counted once', () => {
    const webinar = row('webinar');
    // Spend 3000 + 1500 = 4500 over w1, w2, w3; w4 outside, w5 unstaged.
    expect(webinar?.spend.toFixed(2)).toBe('4500.00');
    expect(webinar?.spendLines).toBe(2);
    expect(webinar?.spendWithoutJourneys.toFixed(2)).toBe('0.00');
    expect([webinar?.journeys, webinar?.outsidePeriods, webinar?.unstaged]).toEqual([3, 1, 1]);
    // Reached: stages 0–3 all three; qualified_lead w1, w2; prospect and customer w1.
    // 4500 ÷ 3 = 1500, 4500 ÷ 2 = 2250, 4500 ÷ 1 = 4500.
    expect(costs(webinar)).toEqual([
      [3, '1500.00'],
      [3, '1500.00'],
      [3, '1500.00'],
      [3, '1500.00'],
      [2, '2250.00'],
      [1, '4500.00'],
      [1, '4500.00'],
    ]);
    expect(webinar?.won).toBe(1);
    expect(webinar?.wonValue.toFixed(2)).toBe('10000.00');
    // CAC 4500 ÷ 1; return 10000 ÷ 4500 = 2.222…
    expect(webinar?.acquisitionCost?.toFixed(2)).toBe('4500.00');
    expect(webinar?.returnOnSpend).toBeCloseTo(10000 / 4500, 12);
    // From the program's first stage (target, implied for all three) to won: 1 of 3.
    expect(webinar?.conversion.from).toBe('target');
    expect([webinar?.conversion.reached, webinar?.conversion.won]).toEqual([3, 1]);
    expect(webinar?.conversion.rate).toBeCloseTo(1 / 3, 12);
    const { lower, upper } = webinar?.conversion.interval ?? { lower: null, upper: null };
    expect(lower).toBeLessThan(1 / 3);
    expect(upper).toBeGreaterThan(1 / 3);
  });

  it('tradeshow: the end of a period is exclusive; a win without an amount is counted', () => {
    const show = row('tradeshow');
    // t1 and t2 inside; t3 enters exactly at the end. 6000 ÷ 2 = 3000 at every stage.
    expect([show?.journeys, show?.outsidePeriods, show?.unstaged]).toEqual([2, 1, 0]);
    expect(costs(show)).toEqual(Array.from({ length: 7 }, () => [2, '3000.00']));
    expect([show?.won, show?.wonWithoutValue]).toEqual([2, 1]);
    expect(show?.wonValue.toFixed(2)).toBe('25000.50');
    // CAC 6000 ÷ 2 = 3000; return 25000.50 ÷ 6000 = 4.16675.
    expect(show?.acquisitionCost?.toFixed(2)).toBe('3000.00');
    expect(show?.returnOnSpend).toBe(4.16675);
    expect(show?.conversion.rate).toBe(1);
  });

  it('podcast: spend without journeys is reported, with null costs and no return', () => {
    const podcast = row('podcast');
    expect(podcast?.spend.toFixed(2)).toBe('999.99');
    expect(podcast?.spendWithoutJourneys.toFixed(2)).toBe('999.99');
    expect(podcast?.journeys).toBe(0);
    expect(costs(podcast)).toEqual(Array.from({ length: 7 }, () => [0, null]));
    expect(podcast?.acquisitionCost).toBeNull();
    // 0 ÷ 999.99: the spend bought nothing.
    expect(podcast?.returnOnSpend).toBe(0);
    expect(podcast?.conversion).toEqual({
      from: null,
      reached: 0,
      won: 0,
      rate: null,
      interval: { lower: null, upper: null },
    });
  });

  it('referral: journeys of a program without spend are measured, their cost unknown', () => {
    const referral = row('referral');
    expect(referral?.spend.toFixed(2)).toBe('0.00');
    expect(referral?.spendLines).toBe(0);
    expect(referral?.journeys).toBe(1);
    expect(costs(referral)).toEqual(Array.from({ length: 7 }, () => [1, null]));
    expect(referral?.won).toBe(1);
    expect(referral?.wonValue.toFixed(2)).toBe('5000.00');
    expect(referral?.acquisitionCost).toBeNull();
    expect(referral?.returnOnSpend).toBeNull();
  });

  it('journeys without a program form the null program', () => {
    const none = row(null);
    expect([none?.journeys, none?.won, none?.spendLines]).toEqual([1, 0, 0]);
    expect(costs(none)?.slice(3, 5)).toEqual([
      [1, null],
      [0, null],
    ]);
  });

  it('total: exact sums and blended costs', () => {
    const { total } = result;
    expect(total.program).toBeNull();
    // 3000 + 1500 + 6000 + 999.99
    expect(total.spend.toFixed(2)).toBe('11499.99');
    expect(total.spendLines).toBe(4);
    expect(total.spendWithoutJourneys.toFixed(2)).toBe('999.99');
    // journeys 3 + 2 + 0 + 1 + 1; outside w4, t3; unstaged w5.
    expect([total.journeys, total.outsidePeriods, total.unstaged]).toEqual([7, 2, 1]);
    // Stages 0–3: 7 journeys; qualified_lead: w1 w2 t1 t2 r1 = 5; prospect, customer: w1 t1 t2 r1 = 4.
    // 11499.99 ÷ 7 = 1642.8557… → 1642.86; ÷ 5 = 2299.998 → 2300.00; ÷ 4 = 2874.9975 → 2875.00.
    expect(costs(total)).toEqual([
      [7, '1642.86'],
      [7, '1642.86'],
      [7, '1642.86'],
      [7, '1642.86'],
      [5, '2300.00'],
      [4, '2875.00'],
      [4, '2875.00'],
    ]);
    // Won w1 t1 t2 r1: 10000 + 25000.50 + 5000 = 40000.50.
    expect(total.won).toBe(4);
    expect(total.wonValue.toFixed(2)).toBe('40000.50');
    expect(total.acquisitionCost?.toFixed(2)).toBe('2875.00');
    expect(total.returnOnSpend).toBeCloseTo(40000.5 / 11499.99, 12);
    expect([total.conversion.reached, total.conversion.won]).toEqual([7, 4]);
  });

  it('serialises money as strings and has no NaN or Infinity', () => {
    expect(nonFinitePaths(result)).toEqual([]);
    const written = json(result) as {
      total: { spend: unknown; stages: { costPerEntry: unknown }[] };
    };
    expect(written.total.spend).toBe('11499.99');
    expect(written.total.stages[0]?.costPerEntry).toBe('1642.86');
  });

  it('does not mutate its inputs', () => {
    const before = JSON.stringify([journeys, spend]);
    programEconomics(pipeline, journeys, spend, { asOf: '2026-12-31' });
    expect(JSON.stringify([journeys, spend])).toBe(before);
  });
});

describe('programEconomics: options', () => {
  it('attributes a line with a stage by entries into that stage', () => {
    // Follow-up spend of 900 per qualified lead entered in February.
    const lines: SpendInput[] = [
      {
        program: 'outbound',
        period: period('2026-02-01', '2026-03-01'),
        amount: 900,
        stage: 'qualified_lead',
      },
    ];
    const outbound: JourneyInput[] = [
      // o1: lead in January, qualified in February: inside.
      {
        id: 'o1',
        origin: 'outbound',
        events: [stage('lead', '2026-01-20'), stage('qualified_lead', '2026-02-10')],
      },
      // o2: lead in February but qualified in March: outside.
      {
        id: 'o2',
        origin: 'outbound',
        events: [stage('lead', '2026-02-05'), stage('qualified_lead', '2026-03-05')],
      },
      // o3: prospect on 02-15, so qualified_lead is implied at 02-15: inside.
      { id: 'o3', origin: 'outbound', events: [stage('prospect', '2026-02-15')] },
      // o4: never qualified: outside.
      { id: 'o4', origin: 'outbound', events: [stage('lead', '2026-02-15')] },
    ];
    const [row] = programEconomics(pipeline, outbound, lines).programs;
    expect([row?.journeys, row?.outsidePeriods]).toEqual([2, 2]);
    // 900 ÷ 2 qualified leads = 450.
    expect(row?.stages[4]?.costPerEntry?.toFixed(2)).toBe('450.00');
    // Strict: o3 did not observably enter qualified_lead, so the line does not cover it.
    const [strict] = programEconomics(pipeline, outbound, lines, { skipped: 'strict' }).programs;
    expect([strict?.journeys, strict?.outsidePeriods]).toEqual([1, 3]);
  });

  it('reads the program from an attribute with `by`, numbers as text', () => {
    const lines: SpendInput[] = [
      { program: '42', period: period('2026-01-01', '2026-02-01'), amount: '100' },
    ];
    const tagged: JourneyInput[] = [
      { id: 'a', attributes: { campaign: 42 }, events: [stage('lead', '2026-01-02')] },
      { id: 'b', attributes: { campaign: '42' }, events: [stage('lead', '2026-01-03')] },
      { id: 'c', origin: '42', events: [stage('lead', '2026-01-04')] },
    ];
    const result = programEconomics(pipeline, tagged, lines, { by: 'campaign' });
    expect(result.programs.map((row) => [row.program, row.journeys])).toEqual([
      ['42', 2],
      [null, 1],
    ]);
    expect(result.programs[0]?.stages[3]?.costPerEntry?.toFixed(2)).toBe('50.00');
  });

  it('ignores events after asOf', () => {
    // As of 02-28, w1 (won 03-01) is not won yet.
    const early = programEconomics(pipeline, journeys, spend, { asOf: '2026-02-28' });
    const webinar = early.programs.find((row) => row.program === 'webinar');
    // w1 only: w2, w3 and w4 enter later, so as of asOf they are unstaged, like w5.
    expect([webinar?.journeys, webinar?.unstaged, webinar?.won]).toEqual([1, 4, 0]);
    expect(webinar?.acquisitionCost).toBeNull();
    expect(webinar?.returnOnSpend).toBe(0);
  });

  it('reports a recycled journey that is later won once, at its first entry', () => {
    const lines: SpendInput[] = [
      { program: 'ebook', period: period('2026-01-01', '2026-02-01'), amount: '800' },
    ];
    const recycledThenWon: JourneyInput = {
      id: 'x',
      origin: 'ebook',
      amount: '2400',
      events: [
        stage('lead', '2026-01-10'),
        stage('qualified_lead', '2026-01-15'),
        outcome('recycled', '2026-01-20', 'not ready'),
        stage('lead', '2026-03-01'),
        stage('qualified_lead', '2026-03-10'),
        outcome('won', '2026-04-01'),
      ],
    };
    const [row] = programEconomics(pipeline, [recycledThenWon], lines).programs;
    // First entry 01-10 is inside January, the re-entry in March does not matter.
    expect(row?.journeys).toBe(1);
    expect(row?.stages[3]?.entries).toBe(1);
    expect(row?.acquisitionCost?.toFixed(2)).toBe('800.00');
    expect(row?.returnOnSpend).toBe(3);
  });
});
