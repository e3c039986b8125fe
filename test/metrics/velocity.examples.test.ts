import { describe, expect, it } from 'vitest';
import {
  type DurationSummary,
  funnelReport,
  type JourneyInput,
  presets,
  velocity,
} from '../../src/index.js';
import { json, nonFinitePaths, outcome, stage } from '../helpers.js';

// Stages: target 0, contact 1, suspect 2, lead 3, qualified_lead 4, prospect 5, customer 6.
// 2026 is not a leap year: 02-19 → 03-01 is 10 days.
const pipeline = presets.buyingPipeline;
const asOf = '2026-03-01';

const emptySummary: DurationSummary = {
  count: 0,
  mean: null,
  median: null,
  p75: null,
  p90: null,
  min: null,
  max: null,
};

function expectClose(actual: readonly (number | null)[] | undefined, expected: number[]): void {
  expect(actual?.length).toBe(expected.length);
  expected.forEach((value, index) => {
    expect(actual?.[index]).toBeCloseTo(value, 12);
  });
}

// V1 lead 01-01 → qualified 01-05 → prospect 01-15 → won 02-14 (the win enters customer).
// V2 lead 01-01 → prospect 01-21 (qualified_lead implied: no time) → lost 02-01.
// V3 lead 02-20, still open at asOf 03-01: 9 days in lead, censored.
// V4 lead 01-03 → qualified 01-09 → disqualified 01-20.
// V5 lead 01-20 → qualified 02-19, still open: 10 days in qualified_lead, censored.
const V1: JourneyInput = {
  id: 'v1',
  origin: 'marketing',
  events: [
    stage('lead', '2026-01-01'),
    stage('qualified_lead', '2026-01-05'),
    stage('prospect', '2026-01-15'),
    outcome('won', '2026-02-14'),
  ],
};
const V2: JourneyInput = {
  id: 'v2',
  origin: 'sales',
  events: [
    stage('lead', '2026-01-01'),
    stage('prospect', '2026-01-21'),
    outcome('lost', '2026-02-01'),
  ],
};
const V3: JourneyInput = { id: 'v3', events: [stage('lead', '2026-02-20')] };
const V4: JourneyInput = {
  id: 'v4',
  origin: 'marketing',
  events: [
    stage('lead', '2026-01-03'),
    stage('qualified_lead', '2026-01-09'),
    outcome('disqualified', '2026-01-20'),
  ],
};
const V5: JourneyInput = {
  id: 'v5',
  origin: 'sales',
  events: [stage('lead', '2026-01-20'), stage('qualified_lead', '2026-02-19')],
};
const base = [V1, V2, V3, V4, V5];

describe('velocity: hand-checked durations', () => {
  it('measures time to the next stage from observed entries only', () => {
    const result = velocity(pipeline, base, { asOf });
    const byStage = Object.fromEntries(result.stages.map((s) => [s.stage, s]));
    // lead → qualified_lead: V1 4, V4 6, V5 30 days. V2 skipped qualified_lead: nothing.
    // mean 40/3; median 6; p75: h = 2·0.75 = 1.5 → 6 + 0.5·24 = 18; p90: h = 1.8 → 6 + 0.8·24 = 25.2.
    const lead = byStage['lead']?.toNext;
    expect(lead).toMatchObject({ count: 3, median: 6, p75: 18, min: 4, max: 30 });
    expect(lead?.mean).toBeCloseTo(40 / 3, 12);
    expect(lead?.p90).toBeCloseTo(25.2, 12);
    // qualified_lead → prospect: V1 01-05 → 01-15 = 10 (V2's qualified_lead is implied).
    expect(byStage['qualified_lead']?.toNext).toMatchObject({ count: 1, median: 10 });
    // prospect → customer: V1 01-15 → 02-14 (the win) = 30. V2 lost: no entry into customer.
    expect(byStage['prospect']?.toNext).toMatchObject({ count: 1, median: 30 });
    // Nobody entered target, contact or suspect: nothing, not zero.
    for (const id of ['target', 'contact', 'suspect']) {
      expect(byStage[id]?.toNext).toEqual(emptySummary);
      expect(byStage[id]?.timeInStage?.median).toBeNull();
      expect(byStage[id]?.timeInStage?.curve.times).toEqual([]);
    }
    // The last stage has neither.
    expect(byStage['customer']).toEqual({ stage: 'customer', toNext: null, timeInStage: null });
  });

  it('estimates time in stage by Kaplan–Meier, the open journey censored at asOf', () => {
    const lead = velocity(pipeline, base, { asOf }).stages[3]?.timeInStage;
    // Days in lead: V1 4 (left for qualified), V4 6, V2 20 (left for prospect, 01-01 → 01-21),
    // V5 30, all observed; V3 9 censored (02-20 → asOf 03-01).
    // t=4:  n=5, d=1 → S = 4/5 = 0.8
    // t=6:  n=4, d=1 → S = 0.8 · 3/4 = 0.6
    // t=9:  n=3, censored → S = 0.6
    // t=20: n=2, d=1 → S = 0.6 · 1/2 = 0.3 ≤ 0.5 → median 20
    // t=30: n=1, d=1 → S = 0
    // (The naive median of the five numbers would be 9; of the four events 13.)
    expect(lead?.median).toBe(20);
    expect(lead?.curve).toMatchObject({
      times: [4, 6, 9, 20, 30],
      atRisk: [5, 4, 3, 2, 1],
      events: [1, 1, 0, 1, 1],
      censored: [0, 0, 1, 0, 0],
      median: 20,
    });
    expectClose(lead?.curve.survival, [0.8, 0.6, 0.6, 0.3, 0]);
    expect(lead?.curve.lower[4]).toBeNull(); // S = 0: no interval
  });

  it('counts a censoring tied with an event as still at risk', () => {
    const ql = velocity(pipeline, base, { asOf }).stages[4]?.timeInStage;
    // Days in qualified_lead: V1 10 (left for prospect), V4 11 (disqualified 01-09 → 01-20),
    // V5 10 censored (02-19 → 03-01). V2 has no observed entry.
    // t=10: n=3, d=1, c=1 → S = 2/3; t=11: n=1, d=1 → S = 0 → median 11.
    expect(ql?.curve).toMatchObject({
      times: [10, 11],
      atRisk: [3, 1],
      events: [1, 1],
      censored: [1, 0],
      median: 11,
    });
    expectClose(ql?.curve.survival, [2 / 3, 0]);
    // prospect: V1 30 (to the win), V2 11 (lost 01-21 → 02-01). t=11: S = 1/2 → median 11.
    const prospect = velocity(pipeline, base, { asOf }).stages[5]?.timeInStage;
    expect(prospect?.median).toBe(11);
    expectClose(prospect?.curve.survival, [0.5, 0]);
  });

  it('measures the cycle from the first observed entry to won, and from a chosen stage', () => {
    // Only V1 is won: 01-01 → 02-14 = 44 days; from qualified_lead: 01-05 → 02-14 = 40.
    expect(velocity(pipeline, base, { asOf }).cycle).toEqual({
      count: 1,
      mean: 44,
      median: 44,
      p75: 44,
      p90: 44,
      min: 44,
      max: 44,
    });
    expect(velocity(pipeline, base, { asOf, from: 'qualified_lead' }).cycle.median).toBe(40);
    // From prospect: V1 01-15 → 02-14 = 30.
    expect(velocity(pipeline, base, { asOf, from: 'prospect' }).cycle.median).toBe(30);
    // From suspect: nobody entered it, so no cycle at all.
    expect(velocity(pipeline, base, { asOf, from: 'suspect' }).cycle).toEqual(emptySummary);
  });

  it('adds several won journeys into the cycle, even count median = mean of the middle two', () => {
    const W2: JourneyInput = {
      id: 'w2',
      events: [stage('qualified_lead', '2026-01-10'), outcome('won', '2026-02-09')],
    };
    // Cycles: V1 44, W2 01-10 → 02-09 = 30 → median (30 + 44)/2 = 37.
    const cycle = velocity(pipeline, [...base, W2], { asOf }).cycle;
    expect(cycle).toMatchObject({ count: 2, median: 37, mean: 37, min: 30, max: 44 });
  });

  it('measures a recycled journey from its first entries', () => {
    // lead 01-01 → qualified 01-11 → recycled 01-21 → qualified again 02-10 → prospect 02-20.
    // First entries count: lead → qualified 10 days; qualified → prospect 01-11 → 02-20 = 40
    // days (the time in nurture included); prospect open: censored at 03-01 after 9 days.
    const R: JourneyInput = {
      id: 'recycled',
      events: [
        stage('lead', '2026-01-01'),
        stage('qualified_lead', '2026-01-11'),
        outcome('recycled', '2026-01-21'),
        stage('qualified_lead', '2026-02-10'),
        stage('prospect', '2026-02-20'),
      ],
    };
    const result = velocity(pipeline, [R], { asOf });
    expect(result.stages[3]?.toNext?.median).toBe(10);
    expect(result.stages[4]?.toNext?.median).toBe(40);
    expect(result.stages[4]?.timeInStage?.curve).toMatchObject({ times: [40], events: [1] });
    expect(result.stages[5]?.timeInStage?.curve).toMatchObject({
      times: [9],
      events: [0],
      censored: [1],
      median: null,
    });
  });

  it('gets nothing from a journey won without any stage event, not even a cycle', () => {
    // Its only entry is the win's implied entry into customer (02-10): no stage to advance
    // from, no time in any stage, and no observed start for a cycle (a cycle of 0 days from the
    // win to itself would pull the median down).
    const W: JourneyInput = { id: 'won-no-stage', events: [outcome('won', '2026-02-10')] };
    const result = velocity(pipeline, [W], { asOf });
    for (const row of result.stages.slice(0, 6)) {
      expect(row.toNext).toEqual(emptySummary);
      expect(row.timeInStage?.curve.times).toEqual([]);
    }
    expect(result.cycle).toEqual(emptySummary);
    // Beside V1 (44 days) it changes nothing.
    expect(velocity(pipeline, [...base, W], { asOf }).cycle).toMatchObject({
      count: 1,
      median: 44,
    });
    // From lead it has no start, so no cycle.
    expect(velocity(pipeline, [W], { asOf, from: 'lead' }).cycle).toEqual(emptySummary);
  });

  it("is the same with skipped: 'strict' (durations only use observed entries anyway)", () => {
    const implied = funnelReport(pipeline, base, { asOf });
    const strict = funnelReport(pipeline, base, { asOf, skipped: 'strict' });
    expect(json(strict.velocity)).toEqual(json(implied.velocity));
    expect(json(velocity(pipeline, base, { asOf }))).toEqual(json(implied.velocity));
  });

  it('leaves out journeys with no stage event and journeys outside the cohort', () => {
    const unstaged: JourneyInput = {
      id: 'unstaged',
      events: [{ type: 'activity', at: '2026-01-02' }],
    };
    expect(json(velocity(pipeline, [...base, unstaged], { asOf }))).toEqual(
      json(velocity(pipeline, base, { asOf })),
    );
    // Cohort on lead in [01-01, 01-04): V1, V2 (01-01) and V4 (01-03).
    // lead → qualified: V1 4, V4 6 → median 5.
    const cohort = velocity(pipeline, base, {
      asOf,
      cohort: { start: '2026-01-01', end: '2026-01-04', stage: 'lead' },
    });
    expect(cohort.stages[3]?.toNext).toMatchObject({ count: 2, median: 5 });
  });

  it('returns empty summaries and null medians for an empty input, with no NaN', () => {
    const result = velocity(pipeline, [], { asOf });
    expect(result.cycle).toEqual(emptySummary);
    for (const row of result.stages.slice(0, 6)) {
      expect(row.toNext).toEqual(emptySummary);
      expect(row.timeInStage).toEqual({
        median: null,
        curve: {
          times: [],
          atRisk: [],
          events: [],
          censored: [],
          survival: [],
          lower: [],
          upper: [],
          median: null,
        },
      });
    }
    expect(JSON.stringify(result)).not.toContain('NaN');
    expect(nonFinitePaths(result)).toEqual([]);
  });
});
