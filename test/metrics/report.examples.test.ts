import { describe, expect, it } from 'vitest';
import {
  type ConversionRow,
  conversion,
  dealMetrics,
  funnelReport,
  type JourneyInput,
  leakage,
  presets,
  velocity,
  winRate,
} from '../../src/index.js';
import { json, nonFinitePaths, outcome, stage } from '../helpers.js';

// Stages: target 0, contact 1, suspect 2, lead 3, qualified_lead 4 (handoff), prospect 5, customer 6.
const pipeline = presets.buyingPipeline;
const asOf = '2026-06-30';

const fates = (r: ConversionRow | undefined) => [
  r?.reached,
  r?.advanced,
  r?.exited,
  r?.open,
  r?.won,
];

// N1 won on 01-05 before its first stage event (lead 01-10): outcome_before_first_stage.
// N2 entered qualified_lead twice without a recycle: stage_reentered.
// N3 open past the handoff without an amount: missing_amount.
// N4 open at lead without an amount: below the handoff, no anomaly.
// N5 lost past the handoff without an amount: closed, no anomaly.
// N6 recycled and re-entered qualified_lead: a re-entry after a recycle is no anomaly.
const N: JourneyInput[] = [
  {
    id: 'n1-won-before-lead',
    origin: 'marketing',
    amount: '100',
    events: [outcome('won', '2026-01-05'), stage('lead', '2026-01-10')],
  },
  {
    id: 'n2-reentered',
    origin: 'marketing',
    amount: '50',
    events: [
      stage('lead', '2026-01-01'),
      stage('qualified_lead', '2026-01-10'),
      stage('qualified_lead', '2026-01-20'),
    ],
  },
  {
    id: 'n3-no-amount',
    origin: 'sales',
    events: [stage('qualified_lead', '2026-02-01'), stage('prospect', '2026-02-10')],
  },
  { id: 'n4-lead-no-amount', origin: 'partner', events: [stage('lead', '2026-02-01')] },
  {
    id: 'n5-closed-no-amount',
    events: [stage('qualified_lead', '2026-02-01'), outcome('lost', '2026-03-01')],
  },
  {
    id: 'n6-recycled',
    origin: 'sales',
    amount: '10',
    events: [
      stage('qualified_lead', '2026-01-01'),
      outcome('recycled', '2026-01-15'),
      stage('qualified_lead', '2026-02-01'),
    ],
  },
];

describe('funnelReport: hand-checked reports', () => {
  it('counts and lists each anomaly, and keeps every anomalous journey', () => {
    const report = funnelReport(pipeline, N, { asOf });
    expect(report.anomalies).toEqual([
      { kind: 'outcome_before_first_stage', count: 1, examples: ['n1-won-before-lead'] },
      { kind: 'stage_reentered', count: 1, examples: ['n2-reentered'] },
      { kind: 'missing_amount', count: 1, examples: ['n3-no-amount'] },
      // N1's win (customer, 01-05) is dated before its lead entry (01-10), across skipped stages.
      { kind: 'time_out_of_order', count: 1, examples: ['n1-won-before-lead'] },
    ]);
    expect(report.journeys).toBe(6);
    expect(report.measured).toBe(6);
    const rows = report.conversion.stages;
    // lead: all six reach it (N3 N5 N6 by implication, N1 by its win): advanced N1 N2 N3 N5
    // N6 = 5, open N4.
    expect(fates(rows[3])).toEqual([6, 5, 0, 1, 0]);
    // qualified_lead: N1 N2 N3 N5 N6 = 5: advanced N1 N3, exited N5, open N2 N6.
    expect(fates(rows[4])).toEqual([5, 2, 1, 2, 0]);
    // prospect: N1 N3: advanced N1, open N3. customer: N1 won (the win is kept).
    expect(fates(rows[5])).toEqual([2, 1, 0, 1, 0]);
    expect(fates(rows[6])).toEqual([1, 0, 0, 0, 1]);
    // N1 is a won deal of 100; N5 a loss without an amount.
    expect(json(report.deals)).toMatchObject({ count: 1, total: '100' });
    expect(json(report.winRate)).toMatchObject({ won: 1, lost: 1, rate: 0.5, withoutValue: 1 });
    // N1's lead entry (01-10) comes after its win (01-05): its time in lead (01-10 → 01-05) and
    // its cycle (from the lead entry to the win) would be negative; both are left out and counted.
    expect(report.negativeDurations).toBe(2);
    expect(report.velocity.cycle.count).toBe(0);
    // Time in lead: N2 01-01 → 01-10 = 9 days; N4 open since 02-01, censored at 06-30 after
    // 28 + 31 + 30 + 31 + 29 = 149 days.
    expect(report.velocity.stages[3]?.timeInStage?.curve).toMatchObject({
      times: [9, 149],
      events: [1, 0],
    });
  });

  it('counts journeys with no stage event as unstaged, lists them, and measures the rest', () => {
    const journeys: JourneyInput[] = [
      { id: 'zz-activity', origin: 'marketing', events: [{ type: 'activity', at: '2026-01-02' }] },
      { id: 'aa-lost', origin: 'marketing', amount: '9', events: [outcome('lost', '2026-01-03')] },
      {
        id: 'mm-behaviour',
        events: [{ type: 'behaviour', at: '2026-01-04', name: 'webinar', value: 45 }],
      },
      { id: 'later', events: [stage('lead', '2026-07-15')] }, // after asOf: nothing yet
      { id: 'staged', origin: 'marketing', events: [stage('lead', '2026-01-01')] },
      // A win without any stage event is not unstaged: the win implies every stage.
      { id: 'won-only', origin: 'sales', amount: '20.05', events: [outcome('won', '2026-02-01')] },
    ];
    const report = funnelReport(pipeline, journeys, { asOf, by: 'origin' });
    expect(report.unstaged).toEqual({
      count: 4,
      examples: ['aa-lost', 'later', 'mm-behaviour', 'zz-activity'],
    });
    expect(report.journeys).toBe(6);
    expect(report.measured).toBe(2);
    expect(report.conversion.stages[0]?.reached).toBe(2); // staged (implied), won-only (implied)
    expect(report.conversion.stages[3]).toMatchObject({ reached: 2, advanced: 1, open: 1 });
    expect(report.conversion.stages[6]).toMatchObject({ reached: 1, won: 1 });
    expect(report.conversion.groups?.map((g) => [g.key, g.journeys])).toEqual([
      ['marketing', 1],
      ['sales', 1],
    ]);
    // The loss without a stage is not a loss anywhere in the funnel; the win is a win.
    expect(json(report.winRate)).toMatchObject({ won: 1, lost: 0, rate: 1, wonValue: '20.05' });
    expect(json(report.deals)).toMatchObject({ count: 1, total: '20.05' });
    expect(report.leakage.stages.every((row) => row.all.exited === 0)).toBe(true);
  });

  it('lists at most 20 unstaged examples, the smallest ids', () => {
    const ids = Array.from({ length: 25 }, (_, index) => `u${String(index).padStart(2, '0')}`);
    const journeys = [...ids].reverse().map((id): JourneyInput => ({ id, events: [] }));
    const report = funnelReport(pipeline, journeys, { asOf });
    expect(report.unstaged.count).toBe(25);
    expect(report.unstaged.examples).toEqual(ids.slice(0, 20));
  });

  it('counts the journeys outside the cohort apart from the unstaged ones', () => {
    const unstaged: JourneyInput = {
      id: 'unstaged',
      events: [{ type: 'activity', at: '2026-01-02' }],
    };
    const report = funnelReport(pipeline, [...N, unstaged], {
      asOf,
      cohort: { start: '2026-01-01', end: '2026-02-01', stage: 'lead' },
    });
    // Lead pass times: N1 01-10, N2 01-01, N6 01-01 (implied by qualified_lead) are in;
    // N3 02-01 (implied), N4 02-01, N5 02-01 (= end) are out.
    expect(report.outsideCohort).toBe(3);
    expect(report.unstaged.count).toBe(1);
    expect(report.journeys).toBe(7);
    expect(report.measured).toBe(3); // 7 − 1 unstaged − 3 outside
    expect(report.conversion.stages[3]?.reached).toBe(3);
    // Anomalies are counted among the measured journeys: N3 (missing_amount) is outside.
    expect(report.anomalies.map((a) => a.kind)).toEqual([
      'outcome_before_first_stage',
      'stage_reentered',
      'time_out_of_order',
    ]);
  });

  it("reads skipped: 'strict' into conversion and win rate, not into velocity", () => {
    const implied = funnelReport(pipeline, N, { asOf });
    const strict = funnelReport(pipeline, N, { asOf, skipped: 'strict' });
    // Strict lead: observed by N1 (01-10), N2 and N4: advanced N1 (customer) and N2, open N4.
    expect(fates(strict.conversion.stages[3])).toEqual([3, 2, 0, 1, 0]);
    // Strict qualified_lead: N2 N3 N5 N6 observed it (N1 did not): advanced N3, exited N5,
    // open N2 N6.
    expect(fates(strict.conversion.stages[4])).toEqual([4, 1, 1, 2, 0]);
    // Win rate from an observed handoff: N5 lost; N1 won without entering qualified_lead.
    expect(strict.winRate).toMatchObject({ won: 0, lost: 1, rate: 0 });
    expect(json(strict.velocity)).toEqual(json(implied.velocity));
  });

  it('groups by origin: a group with no closed deal has a null win rate, no origin is null', () => {
    const report = funnelReport(pipeline, N, { asOf, by: 'origin' });
    expect(report.conversion.groups?.map((g) => [g.key, g.journeys])).toEqual([
      ['marketing', 2],
      ['partner', 1],
      ['sales', 2],
      [null, 1],
    ]);
    // From the handoff: marketing N1 won (N2 open); partner never reached it; sales N3 and N6
    // are open; null N5 lost without an amount.
    expect(json(report.winRate.groups)).toEqual([
      {
        key: 'marketing',
        won: 1,
        lost: 0,
        rate: 1,
        interval: { lower: expect.any(Number), upper: 1 },
        wonValue: '100',
        lostValue: '0',
        valueRate: 1,
        withoutValue: 0,
      },
      ...['partner', 'sales'].map((key) => ({
        key,
        won: 0,
        lost: 0,
        rate: null,
        interval: { lower: null, upper: null },
        wonValue: '0',
        lostValue: '0',
        valueRate: null,
        withoutValue: 0,
      })),
      {
        key: null,
        won: 0,
        lost: 1,
        rate: 0,
        interval: { lower: 0, upper: expect.any(Number) },
        wonValue: '0',
        lostValue: '0',
        valueRate: null,
        withoutValue: 1,
      },
    ]);
    expect(
      report.leakage.stages[4]?.byOrigin.map((side) => [side.origin, side.exited, side.open]),
    ).toEqual([
      ['marketing', 0, 1], // N2 open
      ['partner', 0, 0],
      ['sales', 0, 1], // N6 open at qualified_lead (N3 is at prospect)
      [null, 1, 0], // N5 lost
    ]);
  });

  it('gives the same figures as the separate calculators', () => {
    const report = funnelReport(pipeline, N, { asOf, by: 'origin' });
    expect(json(report.conversion)).toEqual(json(conversion(pipeline, N, { asOf, by: 'origin' })));
    expect(json(report.velocity)).toEqual(json(velocity(pipeline, N, { asOf })));
    expect(json(report.winRate)).toEqual(json(winRate(pipeline, N, { asOf, by: 'origin' })));
    expect(json(report.leakage)).toEqual(json(leakage(pipeline, N, { asOf })));
    expect(json(report.deals)).toEqual(json(dealMetrics(pipeline, N, { asOf })));
    expect(report.asOf).toEqual(new Date('2026-06-30T00:00:00.000Z'));
  });

  it('reports an empty input with zero counts, null rates and no NaN', () => {
    const report = funnelReport(pipeline, [], { asOf, by: 'origin', deals: { mixBy: 'industry' } });
    expect(json(report)).toMatchObject({
      asOf: '2026-06-30T00:00:00.000Z',
      journeys: 0,
      measured: 0,
      unstaged: { count: 0, examples: [] },
      outsideCohort: 0,
      anomalies: [],
      negativeDurations: 0,
      winRate: { won: 0, lost: 0, rate: null, valueRate: null, wonValue: '0', groups: [] },
      deals: { count: 0, total: '0', mean: null, median: null, mix: [] },
      conversion: { groups: [], overall: { reached: 0, rate: null } },
      velocity: { cycle: { count: 0, median: null } },
    });
    for (const row of report.conversion.stages) {
      expect([row.reached, row.rate, row.resolvedRate, row.interval.lower]).toEqual([
        0,
        null,
        null,
        null,
      ]);
    }
    for (const row of report.leakage.stages) expect(row.all.meanOpenAgeDays).toBeNull();
    expect(JSON.stringify(report)).not.toContain('NaN');
    expect(nonFinitePaths(report)).toEqual([]);
  });
});
