import { describe, expect, it } from 'vitest';
import {
  type DurationSummary,
  funnelReport,
  type JourneyEventInput,
  type JourneyInput,
  type LeakageFigures,
  leakage,
  presets,
} from '../../src/index.js';
import { json, nonFinitePaths, outcome, stage } from '../helpers.js';

// Stages: target 0, contact 1, suspect 2, lead 3, qualified_lead 4, prospect 5, customer 6.
const pipeline = presets.buyingPipeline;
const asOf = '2026-03-01';

const touch = (at: string): JourneyEventInput => ({ type: 'activity', at, kind: 'call' });

const none: DurationSummary = {
  count: 0,
  mean: null,
  median: null,
  p75: null,
  p90: null,
  min: null,
  max: null,
};
const nothing: LeakageFigures = {
  exited: 0,
  reasons: [],
  immediatelyDiscontinued: 0,
  open: 0,
  meanOpenAgeDays: null,
  openWithoutValue: 0,
  followUpDays: none,
  withoutFollowUp: 0,
  activitiesToAdvance: none,
  activitiesToExit: none,
};

// L1 marketing: lead 01-01, calls 01-03 and 01-04, qualified 01-10, call 01-12, lost 01-14
//    (price): 4 days after entering qualified_lead.
// L2 sales: qualified 01-05 (lead implied), no call, lost 02-05 (price): 31 days.
// L3 sales: qualified 01-20, disqualified 01-22 (no budget): 2 days; a call on 01-25 comes
//    after the close and does not count.
// L4 marketing, no amount: lead 02-01, qualified 02-10, call 02-20, open (19 days at asOf).
// L5 no origin, 10: qualified 02-15, open (14 days), no call.
// L6 marketing, 5: lead 01-05, qualified 01-15, recycled 01-25, call 02-01, qualified again
//    02-20, open (9 days since the re-entry).
// L7 unstaged. L8 sales: won without any stage event on 02-01.
const L: JourneyInput[] = [
  {
    id: 'l1',
    origin: 'marketing',
    amount: '1000',
    events: [
      stage('lead', '2026-01-01'),
      touch('2026-01-03'),
      touch('2026-01-04'),
      stage('qualified_lead', '2026-01-10'),
      touch('2026-01-12'),
      outcome('lost', '2026-01-14', 'price'),
    ],
  },
  {
    id: 'l2',
    origin: 'sales',
    amount: '2000',
    events: [stage('qualified_lead', '2026-01-05'), outcome('lost', '2026-02-05', 'price')],
  },
  {
    id: 'l3',
    origin: 'sales',
    amount: '3000',
    events: [
      stage('qualified_lead', '2026-01-20'),
      outcome('disqualified', '2026-01-22', 'no budget'),
      touch('2026-01-25'),
    ],
  },
  {
    id: 'l4',
    origin: 'marketing',
    events: [
      stage('lead', '2026-02-01'),
      stage('qualified_lead', '2026-02-10'),
      touch('2026-02-20'),
    ],
  },
  { id: 'l5', amount: '10', events: [stage('qualified_lead', '2026-02-15')] },
  {
    id: 'l6',
    origin: 'marketing',
    amount: '5',
    events: [
      stage('lead', '2026-01-05'),
      stage('qualified_lead', '2026-01-15'),
      outcome('recycled', '2026-01-25'),
      touch('2026-02-01'),
      stage('qualified_lead', '2026-02-20'),
    ],
  },
  { id: 'l7', origin: 'marketing', events: [touch('2026-01-02')] },
  { id: 'l8', origin: 'sales', amount: '7', events: [outcome('won', '2026-02-01')] },
];

describe('leakage: hand-checked leaks', () => {
  it('ranks exits by reason and counts immediate discontinuations at the handoff', () => {
    const ql = leakage(pipeline, L, { asOf }).stages[4];
    expect(ql?.stage).toBe('qualified_lead');
    // Exits at qualified_lead: L1 price, L2 price, L3 no budget → price 2, no budget 1.
    // Within 7 days of entering: L1 (4 days) and L3 (2 days); L2 took 31.
    expect(ql?.all.exited).toBe(3);
    expect(ql?.all.reasons).toEqual([
      { reason: 'price', count: 2 },
      { reason: 'no budget', count: 1 },
    ]);
    expect(ql?.all.immediatelyDiscontinued).toBe(2);
    // immediateDays 3: only L3 (2 days); L1's 4 days are too many.
    const strictDays = leakage(pipeline, L, { asOf, immediateDays: 3 });
    expect(strictDays.immediateDays).toBe(3);
    expect(strictDays.stages[4]?.all.immediatelyDiscontinued).toBe(1);
    expect(leakage(pipeline, L, { asOf }).immediateDays).toBe(7);
  });

  it('counts open journeys, their mean age in the stage and those without a value', () => {
    const ql = leakage(pipeline, L, { asOf }).stages[4]?.all;
    // Open at qualified_lead: L4 02-10 → 03-01 = 19 days, L5 02-15 → 14, L6 02-20 (its
    // re-entry after the recycle) → 9. Mean (19 + 14 + 9)/3 = 14. Without an amount: L4.
    expect(ql?.open).toBe(3);
    expect(ql?.meanOpenAgeDays).toBe(14);
    expect(ql?.openWithoutValue).toBe(1);
    // Nobody is open at lead.
    expect(leakage(pipeline, L, { asOf }).stages[3]?.all.meanOpenAgeDays).toBeNull();
  });

  it('measures the follow-up from an observed entry to the first activity in the stage', () => {
    const result = leakage(pipeline, L, { asOf });
    const ql = result.stages[4]?.all;
    // qualified_lead: L1 01-10 → call 01-12 = 2 days; L4 02-10 → 02-20 = 10; L6 01-15 → its
    // call on 02-01 (while recycled, before the re-entry) = 17. Without: L2, L3 (its call is
    // after the close), L5. Follow-ups [2, 10, 17]: median 10, mean 29/3.
    expect(ql?.followUpDays).toMatchObject({ count: 3, median: 10, min: 2, max: 17 });
    expect(ql?.followUpDays.mean).toBeCloseTo(29 / 3, 12);
    expect(ql?.withoutFollowUp).toBe(3);
    // Activities in the stage for those who exited there: L1 1 (01-12), L2 0, L3 0.
    expect(ql?.activitiesToExit).toMatchObject({ count: 3, min: 0, median: 0, max: 1 });
    expect(ql?.activitiesToExit.mean).toBeCloseTo(1 / 3, 12);
    // Nobody advanced from an observed qualified_lead entry.
    expect(ql?.activitiesToAdvance).toEqual(none);
    // lead: observed by L1 (calls 01-03, 01-04 before qualifying 01-10), L4 and L6 (none).
    // Follow-up: L1 2 days. Activities to advance: [0, 0, 2].
    const lead = result.stages[3]?.all;
    expect(lead?.followUpDays).toMatchObject({ count: 1, median: 2 });
    expect(lead?.withoutFollowUp).toBe(2);
    expect(lead?.activitiesToAdvance).toMatchObject({ count: 3, median: 0, max: 2 });
    expect(lead?.activitiesToAdvance.mean).toBeCloseTo(2 / 3, 12);
    expect(lead?.exited).toBe(0);
  });

  it('gives implied stages nothing to measure', () => {
    const result = leakage(pipeline, L, { asOf });
    // target, contact, suspect, prospect are only ever implied (and nobody exited or waits there).
    for (const index of [0, 1, 2, 5]) expect(result.stages[index]?.all).toEqual(nothing);
  });

  it('puts each origin side by side, the missing origin as null (last)', () => {
    const ql = leakage(pipeline, L, { asOf }).stages[4];
    expect(ql?.byOrigin.map((side) => side.origin)).toEqual(['marketing', 'sales', null]);
    const [marketing, sales, missing] = ql?.byOrigin ?? [];
    // marketing (L1, L4, L6): exit L1 price (immediate); open L4 19 and L6 9 → mean 14, L4 has no
    // amount; follow-ups [2, 10, 17].
    expect(marketing).toMatchObject({
      origin: 'marketing',
      exited: 1,
      reasons: [{ reason: 'price', count: 1 }],
      immediatelyDiscontinued: 1,
      open: 2,
      meanOpenAgeDays: 14,
      openWithoutValue: 1,
      withoutFollowUp: 0,
    });
    expect(marketing?.followUpDays).toMatchObject({ count: 3, median: 10 });
    // sales (L2, L3; L8 never observed qualified_lead): two exits, one each (ties by reason),
    // L3 immediate; no follow-up at all.
    expect(sales).toMatchObject({
      origin: 'sales',
      exited: 2,
      reasons: [
        { reason: 'no budget', count: 1 },
        { reason: 'price', count: 1 },
      ],
      immediatelyDiscontinued: 1,
      open: 0,
      meanOpenAgeDays: null,
      withoutFollowUp: 2,
      followUpDays: none,
    });
    expect(sales?.activitiesToExit).toMatchObject({ count: 2, max: 0 });
    // no origin (L5): open 14 days with an amount, no follow-up.
    expect(missing).toMatchObject({
      origin: null,
      exited: 0,
      open: 1,
      meanOpenAgeDays: 14,
      openWithoutValue: 0,
      withoutFollowUp: 1,
    });
  });

  it('lists a missing reason last among equal counts', () => {
    const journeys: JourneyInput[] = [
      { id: 'a', events: [stage('lead', '2026-01-01'), outcome('lost', '2026-01-02')] },
      { id: 'b', events: [stage('lead', '2026-01-01'), outcome('lost', '2026-01-03', 'timing')] },
      {
        id: 'c',
        events: [stage('lead', '2026-01-01'), outcome('disqualified', '2026-01-20', 'spam')],
      },
      { id: 'd', events: [stage('lead', '2026-01-01'), outcome('lost', '2026-01-30', 'spam')] },
    ];
    const lead = leakage(pipeline, journeys, { asOf }).stages[3]?.all;
    // spam 2 first; then timing 1 and the missing reason 1 (null last).
    expect(lead?.reasons).toEqual([
      { reason: 'spam', count: 2 },
      { reason: 'timing', count: 1 },
      { reason: null, count: 1 },
    ]);
    // Within 7 days: a (1 day), b (2 days); c 19 days, d 29 days.
    expect(lead?.immediatelyDiscontinued).toBe(2);
    // immediateDays 0: an exit at the very instant of entering still counts; none here.
    expect(
      leakage(pipeline, journeys, { asOf, immediateDays: 0 }).stages[3]?.all
        .immediatelyDiscontinued,
    ).toBe(0);
  });

  it('counts a journey won without any stage event only at customer', () => {
    const result = leakage(pipeline, [L[7] as JourneyInput], { asOf });
    for (const row of result.stages.slice(0, 6)) expect(row.all).toEqual(nothing);
    // Its only observed entry is customer: no exit, nothing open, no attempts to advance or exit.
    // (Whether a won journey without a later activity is "without follow-up" at customer is
    // left open here.)
    const { withoutFollowUp: _ignored, ...customer } = result.stages[6]?.all ?? nothing;
    const { withoutFollowUp: _none, ...empty } = nothing;
    expect(customer).toEqual(empty);
    expect(result.stages[6]?.byOrigin.map((side) => side.origin)).toEqual(['sales']);
  });

  it("uses the cohort's observed entries only with skipped: 'strict'", () => {
    const cohort = { start: '2026-01-01', end: '2026-03-01', stage: 'lead' };
    // Implied: every staged journey passed lead in the window (L2 01-05, L3 01-20, L5 02-15,
    // L8 02-01 by their later entries), so the figures equal the whole set.
    const implied = leakage(pipeline, L, { asOf, cohort });
    expect(json(implied)).toEqual(json(leakage(pipeline, L, { asOf })));
    // Strict: only L1, L4 and L6 entered lead. Exits at qualified_lead: L1 only.
    const strict = leakage(pipeline, L, { asOf, cohort, skipped: 'strict' });
    expect(strict.stages[4]?.all).toMatchObject({
      exited: 1,
      reasons: [{ reason: 'price', count: 1 }],
      open: 2,
      meanOpenAgeDays: 14, // L4 19, L6 9
    });
    expect(strict.stages[4]?.byOrigin.map((side) => side.origin)).toEqual(['marketing']);
  });

  it('agrees with funnelReport, and leaves out a journey with no stage event', () => {
    expect(json(funnelReport(pipeline, L, { asOf }).leakage)).toEqual(
      json(leakage(pipeline, L, { asOf })),
    );
    const withoutUnstaged = L.filter((journey) => journey.id !== 'l7');
    expect(json(leakage(pipeline, L, { asOf }))).toEqual(
      json(leakage(pipeline, withoutUnstaged, { asOf })),
    );
  });

  it('returns zeros and nulls for an empty input, with no NaN', () => {
    const result = leakage(pipeline, [], { asOf });
    expect(result.immediateDays).toBe(7);
    expect(result.stages.map((row) => row.stage)).toEqual(pipeline.stages.map((s) => s.id));
    for (const row of result.stages) {
      expect(row.all).toEqual(nothing);
      expect(row.byOrigin).toEqual([]);
    }
    expect(JSON.stringify(result)).not.toContain('NaN');
    expect(nonFinitePaths(result)).toEqual([]);
  });
});
