import { describe, expect, it } from 'vitest';
import {
  type ConversionOptions,
  type ConversionRow,
  conversion,
  funnelReport,
  type JourneyEventInput,
  type JourneyInput,
  presets,
} from '../../src/index.js';
import { json, nonFinitePaths, stage, thrown } from '../helpers.js';

// Stages of the preset, by index: target 0, contact 1, suspect 2, lead 3,
// qualified_lead 4 (the handoff), prospect 5, customer 6.
const pipeline = presets.buyingPipeline;
const asOf = '2026-06-30';

const won = (at: string): JourneyEventInput => ({ type: 'outcome', outcome: 'won', at });
const lost = (at: string, reason: string): JourneyEventInput => ({
  type: 'outcome',
  outcome: 'lost',
  at,
  reason,
});
const disqualified = (at: string, reason: string): JourneyEventInput => ({
  type: 'outcome',
  outcome: 'disqualified',
  at,
  reason,
});
const recycled = (at: string): JourneyEventInput => ({ type: 'outcome', outcome: 'recycled', at });
const activity = (at: string): JourneyEventInput => ({ type: 'activity', at, kind: 'call' });

/** Paths of every number inside `value` that is not finite (NaN, ±Infinity). */

// J1 skips target/contact/suspect (implied) and is won without a customer stage event.
// J2 skips lead (implied by its qualified_lead entry) and is lost at qualified_lead.
// J3 skips suspect and is still open at lead.
// J4 is recycled at qualified_lead, re-enters it and is open at prospect.
// J5 is won without any stage event: every stage is implied by the win.
// J6 has no stage event at all (unstaged: left out of conversion).
// J7 has no origin and is disqualified at lead.
const J1: JourneyInput = {
  id: 'j1-won',
  origin: 'marketing',
  events: [
    stage('lead', '2026-01-05'),
    stage('qualified_lead', '2026-01-15'),
    stage('prospect', '2026-02-01'),
    won('2026-03-01'),
  ],
};
const J2: JourneyInput = {
  id: 'j2-lost',
  origin: 'sales',
  events: [
    stage('suspect', '2026-01-02'),
    stage('qualified_lead', '2026-01-20'),
    lost('2026-02-10', 'price'),
  ],
};
const J3: JourneyInput = {
  id: 'j3-open',
  origin: 'marketing',
  events: [
    stage('target', '2026-01-01'),
    stage('contact', '2026-01-10'),
    stage('lead', '2026-02-01'),
  ],
};
const J4: JourneyInput = {
  id: 'j4-recycled',
  origin: 'marketing',
  events: [
    stage('lead', '2026-01-03'),
    stage('qualified_lead', '2026-01-12'),
    recycled('2026-02-01'),
    stage('qualified_lead', '2026-03-01'),
    stage('prospect', '2026-03-20'),
  ],
};
const J5: JourneyInput = { id: 'j5-won-no-stage', origin: 'sales', events: [won('2026-02-15')] };
const J6: JourneyInput = {
  id: 'j6-unstaged',
  origin: 'marketing',
  events: [activity('2026-01-07')],
};
const J7: JourneyInput = {
  id: 'j7-no-origin',
  events: [stage('lead', '2026-01-04'), disqualified('2026-01-08', 'no budget')],
};
const journeys = [J1, J2, J3, J4, J5, J6, J7];

type Counts = Pick<
  ConversionRow,
  'stage' | 'reached' | 'advanced' | 'late' | 'exited' | 'open' | 'won'
>;
const counts = (rows: readonly ConversionRow[]): Counts[] =>
  rows.map(({ stage: id, reached, advanced, late, exited, open, won: wins }) => ({
    stage: id,
    reached,
    advanced,
    late,
    exited,
    open,
    won: wins,
  }));
const row = (
  id: string,
  reached: number,
  advanced: number,
  exited: number,
  open: number,
  late = 0,
  wins = 0,
): Counts => ({ stage: id, reached, advanced, late, exited, open, won: wins });

const Z95 = 1.959963984540054;
/** The Wilson score interval in closed form. */
function wilson(x: number, n: number, z = Z95): { lower: number; upper: number } {
  const p = x / n;
  const shrink = 1 + (z * z) / n;
  const center = (p + (z * z) / (2 * n)) / shrink;
  const half = (z / shrink) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { lower: x === 0 ? 0 : center - half, upper: x === n ? 1 : center + half };
}

describe('conversion: hand-checked cohorts', () => {
  it('counts implied passages by default and splits every row into its fates', () => {
    const result = conversion(pipeline, journeys, { asOf });
    // J6 (unstaged) is nowhere. target/contact/suspect: J1 J2 J3 J4 J5 J7 all reached (J3 saw
    // target and contact, the rest are implied) and all went further.
    // lead: J1, J2 (implied by qualified_lead), J3, J4, J5, J7 = 6
    //   advanced J1 J2 J4 J5 = 4, exited J7 = 1, open J3 = 1.
    // qualified_lead: J1 J2 J4 J5 = 4; advanced J1 J4 J5 = 3, exited J2 = 1.
    // prospect: J1 J4 J5 = 3; advanced J1 J5 = 2, open J4 = 1 (its re-entry is not a new pass).
    // customer: J1 J5 = 2, both won.
    expect(counts(result.stages)).toEqual([
      row('target', 6, 6, 0, 0),
      row('contact', 6, 6, 0, 0),
      row('suspect', 6, 6, 0, 0),
      row('lead', 6, 4, 1, 1),
      row('qualified_lead', 4, 3, 1, 0),
      row('prospect', 3, 2, 0, 1),
      row('customer', 2, 0, 0, 0, 0, 2),
    ]);
    expect(result.mode).toBe('cohort');
    expect(result.stages.map((r) => r.next)).toEqual([
      'contact',
      'suspect',
      'lead',
      'qualified_lead',
      'prospect',
      'customer',
      null,
    ]);
    // rate = advanced / reached: 6/6, 6/6, 6/6, 4/6, 3/4, 2/3; none on the last stage.
    expect(result.stages.map((r) => r.rate)).toEqual([1, 1, 1, 4 / 6, 3 / 4, 2 / 3, null]);
    // resolvedRate = advanced / (advanced + exited): lead 4/5, qualified_lead 3/4, prospect 2/2.
    expect(result.stages.map((r) => r.resolvedRate)).toEqual([1, 1, 1, 0.8, 0.75, 1, null]);
    // overall target → customer: 2 of 6.
    expect(result.overall).toMatchObject({
      from: 'target',
      to: 'customer',
      reached: 6,
      converted: 2,
      rate: 2 / 6,
    });
  });

  it('keeps the partition reached = advanced + late + exited + open (+ won) on every row', () => {
    const variants: ConversionOptions[] = [
      { asOf },
      { asOf, skipped: 'strict' },
      { asOf, within: 20 },
      { asOf, cohort: { start: '2026-01-03', end: '2026-01-05', stage: 'lead' } },
    ];
    for (const options of variants) {
      for (const r of conversion(pipeline, journeys, options).stages) {
        expect(r.advanced + r.late + (r.exited ?? 0) + (r.open ?? 0) + r.won).toBe(r.reached);
      }
    }
  });

  it("counts only observed entries with skipped: 'strict'", () => {
    const result = conversion(pipeline, journeys, { asOf, skipped: 'strict' });
    // Observed entries: J1 lead, qualified_lead, prospect, customer (the win); J2 suspect,
    // qualified_lead; J3 target, contact, lead; J4 lead, qualified_lead, prospect; J5 customer
    // (the win); J7 lead.
    // target: J3 (advanced); contact: J3 (advanced); suspect: J2 (advanced: it got further).
    // lead: J1 J3 J4 J7 = 4: advanced J1 J4, open J3, exited J7.
    // qualified_lead: J1 J2 J4 = 3: advanced J1 J4, exited J2.
    // prospect: J1 J4 = 2: advanced J1, open J4. customer: J1 J5 won.
    expect(counts(result.stages)).toEqual([
      row('target', 1, 1, 0, 0),
      row('contact', 1, 1, 0, 0),
      row('suspect', 1, 1, 0, 0),
      row('lead', 4, 2, 1, 1),
      row('qualified_lead', 3, 2, 1, 0),
      row('prospect', 2, 1, 0, 1),
      row('customer', 2, 0, 0, 0, 0, 2),
    ]);
    // overall: only J3 observed target, and it has not reached customer: 0 of 1.
    expect(result.overall).toMatchObject({ reached: 1, converted: 0, rate: 0 });
  });

  it('counts an advance later than `within` days as late', () => {
    const result = conversion(pipeline, journeys, { asOf, within: 20 });
    // Pass times (implied = the next observed entry): J1 ≤suspect 01-05, lead 01-05,
    // qualified 01-15, prospect 02-01, customer 03-01. J2 ≤suspect 01-02, lead/qualified 01-20.
    // J3 target 01-01, contact 01-10, suspect/lead 02-01. J4 ≤lead 01-03, qualified 01-12,
    // prospect 03-20. J5 everything 02-15. J7 everything 01-04.
    // contact: J3 01-10 → 02-01 = 22 days > 20: late. The rest advance in 0 days.
    // suspect: J2 01-02 → 01-20 = 18 days: in time.
    // lead: J1 10 days, J4 9 days, J2 and J5 0 days: all 4 in time.
    // qualified_lead: J1 17 days in time, J5 0, J4 01-12 → 03-20 = 67 days: late.
    // prospect: J5 0 in time, J1 02-01 → 03-01 = 28 days: late.
    expect(counts(result.stages)).toEqual([
      row('target', 6, 6, 0, 0),
      row('contact', 6, 5, 0, 0, 1),
      row('suspect', 6, 6, 0, 0),
      row('lead', 6, 4, 1, 1),
      row('qualified_lead', 4, 2, 1, 0, 1),
      row('prospect', 3, 1, 0, 1, 1),
      row('customer', 2, 0, 0, 0, 0, 2),
    ]);
    // rate counts only in-time advances: qualified 2/4, prospect 1/3;
    // resolvedRate: qualified 2/(2+1).
    expect(result.stages[4]?.rate).toBe(0.5);
    expect(result.stages[4]?.resolvedRate).toBe(2 / 3);
    expect(result.stages[5]?.rate).toBe(1 / 3);
    // overall target → customer within 20 days: J1 takes 01-05 → 03-01 = 55 days; J5 0 days.
    expect(result.overall).toMatchObject({ reached: 6, converted: 1, rate: 1 / 6 });
  });

  it('keeps only the journeys that entered the cohort stage inside [start, end)', () => {
    const result = conversion(pipeline, journeys, {
      asOf,
      cohort: { start: '2026-01-03', end: '2026-01-05', stage: 'lead' },
    });
    // Lead pass times: J1 01-05 (= end: out), J2 01-20, J3 02-01, J4 01-03 (= start: in),
    // J5 02-15, J7 01-04 (in). Cohort: J4 and J7.
    // lead: 2 reached, J4 advanced, J7 exited. qualified_lead and prospect: J4 only.
    expect(counts(result.stages)).toEqual([
      row('target', 2, 2, 0, 0),
      row('contact', 2, 2, 0, 0),
      row('suspect', 2, 2, 0, 0),
      row('lead', 2, 1, 1, 0),
      row('qualified_lead', 1, 1, 0, 0),
      row('prospect', 1, 0, 0, 1),
      row('customer', 0, 0, 0, 0),
    ]);
    expect(result.overall).toMatchObject({ reached: 2, converted: 0, rate: 0 });
  });

  it('defaults the cohort stage to `from`, and an implied passage counts at the next entry', () => {
    // Cohort on target (the default from) in [01-01, 01-04): target pass times are J1 01-05,
    // J2 01-02 (implied by suspect), J3 01-01, J4 01-03, J5 02-15, J7 01-04 (= end: out).
    const result = conversion(pipeline, journeys, {
      asOf,
      cohort: { start: '2026-01-01', end: '2026-01-04' },
    });
    expect(result.stages[0]?.reached).toBe(3); // J2, J3, J4
    // With from: 'lead' the cohort is on lead: J1 01-05? no (≥ 01-04), J4 01-03 yes, J7 01-04 no.
    const fromLead = conversion(pipeline, journeys, {
      asOf,
      from: 'lead',
      cohort: { start: '2026-01-01', end: '2026-01-04' },
    });
    expect(fromLead.stages[3]?.reached).toBe(1);
    expect(fromLead.overall).toMatchObject({ from: 'lead', to: 'customer', reached: 1 });
  });

  it("divides entries into k+1 by entries into k inside the window with mode: 'flow'", () => {
    const result = conversion(pipeline, journeys, {
      asOf,
      mode: 'flow',
      cohort: { start: '2026-01-01', end: '2026-02-01' },
    });
    // Entries in [01-01, 02-01), at the pass times listed above:
    // target: J1 01-05, J2 01-02, J3 01-01, J4 01-03, J7 01-04 = 5 (J5 02-15 is outside)
    // contact: J1 J2 J3(01-10) J4 J7 = 5
    // suspect: J1 J2 J4 J7 = 4 (J3's implied suspect is 02-01 = end: outside)
    // lead: J1 J2(01-20) J4 J7 = 4
    // qualified_lead: J1 01-15, J2 01-20, J4 01-12 = 3 (J4's re-entry on 03-01 is no new entry)
    // prospect: J1 02-01 and J4 03-20 are outside = 0; customer: 0.
    expect(result.mode).toBe('flow');
    expect(result.stages.map((r) => [r.stage, r.reached, r.advanced, r.rate])).toEqual([
      ['target', 5, 5, 1],
      ['contact', 5, 4, 0.8],
      ['suspect', 4, 4, 1],
      ['lead', 4, 3, 0.75],
      ['qualified_lead', 3, 0, 0],
      ['prospect', 0, 0, null],
      ['customer', 0, 0, null],
    ]);
    for (const r of result.stages) {
      expect(r).toMatchObject({
        late: 0,
        exited: null,
        open: null,
        won: 0,
        resolvedRate: null,
        interval: { lower: null, upper: null },
      });
    }
  });

  it('keeps journeys entirely outside the window out of the flow-mode `overall`', () => {
    // The rows of flow mode count entries inside the window only. `overall` sits in the same
    // result labelled mode 'flow', so a journey whose every event lies outside the window must
    // not change it. Here 'january' (lead 01-01, won 01-20) is outside [03-01, 04-01): with it
    // or without it, the window holds the same entries (march: lead 03-01).
    const march: JourneyInput = { id: 'march', events: [stage('lead', '2026-03-01')] };
    const january: JourneyInput = {
      id: 'january',
      events: [stage('lead', '2026-01-01'), won('2026-01-20')],
    };
    const options: ConversionOptions = {
      asOf,
      mode: 'flow',
      cohort: { start: '2026-03-01', end: '2026-04-01' },
    };
    const alone = conversion(pipeline, [march], options);
    const both = conversion(pipeline, [march, january], options);
    expect(both.stages).toEqual(alone.stages);
    expect(both.overall).toEqual(alone.overall);
  });

  it('measures overall between `from` and `to`', () => {
    const result = conversion(pipeline, journeys, {
      asOf,
      from: 'lead',
      to: 'prospect',
      by: 'origin',
    });
    // Reached lead: J1 J2 J3 J4 J5 J7 = 6; of those reached prospect: J1 J4 J5 = 3.
    expect(result.overall).toMatchObject({
      from: 'lead',
      to: 'prospect',
      reached: 6,
      converted: 3,
      rate: 0.5,
    });
    const w = wilson(3, 6);
    expect(result.overall.interval.lower).toBeCloseTo(w.lower, 12);
    expect(result.overall.interval.upper).toBeCloseTo(w.upper, 12);
    // By origin: marketing J1 J3 J4 → 2 of 3; sales J2 J5 → 1 of 2; no origin J7 → 0 of 1.
    expect(result.groups?.map((g) => [g.key, g.overall.reached, g.overall.converted])).toEqual([
      ['marketing', 3, 2],
      ['sales', 2, 1],
      [null, 1, 0],
    ]);
  });

  it('groups by origin, with a missing origin as the null group (last), not dropped', () => {
    const result = conversion(pipeline, journeys, { asOf, by: 'origin' });
    // marketing: J1 J3 J4 (J6 is unstaged, so not counted); sales: J2 J5; null: J7.
    expect(result.groups?.map((g) => [g.key, g.journeys])).toEqual([
      ['marketing', 3],
      ['sales', 2],
      [null, 1],
    ]);
    // lead row per group: marketing J1 adv, J3 open, J4 adv; sales J2 J5 adv; null J7 exited.
    expect(result.groups?.map((g) => counts(g.stages)[3])).toEqual([
      row('lead', 3, 2, 0, 1),
      row('lead', 2, 2, 0, 0),
      row('lead', 1, 0, 1, 0),
    ]);
    const none = result.groups?.[2];
    expect(none?.stages[3]?.rate).toBe(0);
    expect(none?.stages[3]?.resolvedRate).toBe(0);
    // The null group never reached qualified_lead: its rate there is null, not 0.
    expect(none?.stages[4]).toMatchObject({ reached: 0, rate: null, resolvedRate: null });
    expect(none?.stages[4]?.interval).toEqual({ lower: null, upper: null });
  });

  it('gives the Wilson interval of a row in closed form (95% and 90%)', () => {
    const lead = conversion(pipeline, journeys, { asOf }).stages[3];
    // 4 of 6 at z = 1.959964: centre (4/6 + z²/12)/(1 + z²/6) = 0.98679/1.64025 = 0.60161,
    // half-width z·√(4/6·2/6/6 + z²/144)/1.64025 = 1.95996·0.25242/1.64025 = 0.30162.
    const w = wilson(4, 6);
    expect(lead?.interval.lower).toBeCloseTo(w.lower, 12);
    expect(lead?.interval.upper).toBeCloseTo(w.upper, 12);
    expect(lead?.interval.lower).toBeCloseTo(0.29999, 4);
    expect(lead?.interval.upper).toBeCloseTo(0.90323, 4);
    // A row with every journey advancing (6 of 6) has an upper limit of exactly 1.
    const target = conversion(pipeline, journeys, { asOf }).stages[0];
    expect(target?.interval.upper).toBe(1);
    expect(target?.interval.lower).toBeCloseTo(wilson(6, 6).lower, 12);
    // confidence 0.9: z = 1.6448536269514722.
    const narrow = conversion(pipeline, journeys, { asOf, confidence: 0.9 }).stages[3];
    const w90 = wilson(4, 6, 1.6448536269514722);
    expect(narrow?.interval.lower).toBeCloseTo(w90.lower, 12);
    expect(narrow?.interval.upper).toBeCloseTo(w90.upper, 12);
  });

  it('ignores events after asOf', () => {
    // As of 2026-02-05: J1 is at prospect (won later), J2 is at qualified_lead (lost later),
    // J4 is at qualified_lead (recycled later), J5 has not happened, J3 is at lead.
    const result = conversion(pipeline, journeys, { asOf: '2026-02-05' });
    expect(counts(result.stages).slice(3)).toEqual([
      row('lead', 5, 3, 1, 1), // J1 J2 J3 J4 J7: advanced J1 J2 J4, exited J7, open J3
      row('qualified_lead', 3, 1, 0, 2), // J1 advanced; J2 and J4 open
      row('prospect', 1, 0, 0, 1), // J1 open
      row('customer', 0, 0, 0, 0),
    ]);
  });

  it('returns zero counts and null rates for an empty input, with no NaN anywhere', () => {
    const result = conversion(pipeline, [], { asOf, by: 'origin' });
    expect(result.groups).toEqual([]);
    for (const r of result.stages) {
      expect(r).toMatchObject({
        reached: 0,
        advanced: 0,
        late: 0,
        exited: 0,
        open: 0,
        won: 0,
        rate: null,
        resolvedRate: null,
        interval: { lower: null, upper: null },
      });
    }
    expect(result.overall).toEqual({
      from: 'target',
      to: 'customer',
      reached: 0,
      converted: 0,
      rate: null,
      interval: { lower: null, upper: null },
    });
    expect(JSON.stringify(result)).not.toContain('NaN');
    expect(nonFinitePaths(result)).toEqual([]);
    // Only unstaged journeys: the same as empty.
    expect(json(conversion(pipeline, [J6], { asOf }))).toEqual(
      json(conversion(pipeline, [], { asOf })),
    );
  });

  it('leaves out a journey with no stage event', () => {
    const without = conversion(
      pipeline,
      journeys.filter((j) => j !== J6),
      { asOf },
    );
    expect(json(conversion(pipeline, journeys, { asOf }))).toEqual(json(without));
  });
});

describe("conversion with passes: 'each' (re-entries after a recycle count as passes)", () => {
  // A: lead → qualified_lead, recycled, then lead → qualified_lead → prospect → won.
  // B: target → contact, lost (one pass).
  const passesJourneys: JourneyInput[] = [
    {
      id: 'A',
      events: [
        stage('lead', '2026-01-01'),
        stage('qualified_lead', '2026-01-05'),
        recycled('2026-01-10'),
        stage('lead', '2026-02-01'),
        stage('qualified_lead', '2026-02-05'),
        stage('prospect', '2026-02-10'),
        won('2026-03-01'),
      ],
    },
    {
      id: 'B',
      events: [
        stage('target', '2026-01-01'),
        stage('contact', '2026-01-02'),
        lost('2026-01-03', 'price'),
      ],
    },
  ];
  const counts = (result: ReturnType<typeof conversion>) =>
    result.stages.map((row) => [row.stage, row.reached, row.advanced, row.exited, row.open]);

  it('counts each pass: the earlier one exits where it was passed back, the later starts where it re-entered', () => {
    const each = conversion(pipeline, passesJourneys, { asOf, passes: 'each' });
    // A's first pass: target … qualified_lead (implied up to lead), exited at qualified_lead.
    // A's second pass: lead … customer, won. B: target → contact, exited at contact.
    expect(counts(each)).toEqual([
      ['target', 2, 2, 0, 0],
      ['contact', 2, 1, 1, 0],
      ['suspect', 1, 1, 0, 0],
      ['lead', 2, 2, 0, 0],
      ['qualified_lead', 2, 1, 1, 0],
      ['prospect', 1, 1, 0, 0],
      ['customer', 1, 0, 0, 0],
    ]);
    // lead → qualified_lead: 2 of 2; qualified_lead → prospect: 1 of 2.
    expect(each.stages[4]?.rate).toBe(0.5);
    // The overall figure stays per journey: 1 of 2 journeys from target to customer.
    expect(each.overall).toMatchObject({ reached: 2, converted: 1 });
  });

  it("is the default 'first' for journeys that were never recycled or reopened", () => {
    const first = conversion(pipeline, passesJourneys, { asOf });
    // A counts once, on its first entries: every stage reached and advanced, then won.
    expect(counts(first)).toEqual([
      ['target', 2, 2, 0, 0],
      ['contact', 2, 1, 1, 0],
      ['suspect', 1, 1, 0, 0],
      ['lead', 1, 1, 0, 0],
      ['qualified_lead', 1, 1, 0, 0],
      ['prospect', 1, 1, 0, 0],
      ['customer', 1, 0, 0, 0],
    ]);
    const single = passesJourneys.slice(1);
    expect(conversion(pipeline, single, { asOf, passes: 'each' })).toEqual(
      conversion(pipeline, single, { asOf }),
    );
  });

  it('a lost deal reopened into a stage is a second pass; funnelReport agrees with conversion', () => {
    const reopened: JourneyInput = {
      id: 'C',
      events: [
        stage('prospect', '2026-01-01'),
        lost('2026-01-20', 'timing'),
        stage('prospect', '2026-03-01'),
      ],
    };
    const each = conversion(pipeline, [reopened], { asOf, passes: 'each' });
    // First pass: target … prospect (implied), exited at prospect; second: prospect, open.
    expect(each.stages[5]).toMatchObject({ reached: 2, advanced: 0, exited: 1, open: 1 });
    expect(each.stages[0]).toMatchObject({ reached: 1, advanced: 1 });
    const report = funnelReport(pipeline, [reopened], { asOf, passes: 'each' });
    expect(report.conversion).toEqual(each);
  });

  it('rejects an unknown passes value with its path', () => {
    const error = thrown(() => conversion(pipeline, [], { asOf, passes: 'all' as never }));
    expect(error.code).toBe('invalid_options');
    expect(error.issues[0]?.path).toEqual(['passes']);
  });
});
