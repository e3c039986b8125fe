import { describe, expect, it } from 'vitest';
import {
  definePipeline,
  isPipelineError,
  type JourneyInput,
  presets,
  type StaleJourney,
  stale,
} from '../../src/index.js';
import { outcome, stage, thrown } from '../helpers.js';

const pipeline = presets.buyingPipeline;
const asOf = '2026-03-01'; // 2026 is not a leap year: 02-01 → 03-01 is 28 days.

/** The rows without floating noise: [id, stage, age, limit, from, over] with 9 decimals. */
const rows = (result: readonly StaleJourney[]) =>
  result.map((row) => [
    row.id,
    row.stage,
    Number(row.ageDays.toFixed(9)),
    Number(row.limitDays.toFixed(9)),
    row.limitFrom,
    Number(row.overDays.toFixed(9)),
  ]);

// Open: lead-old at lead since 01-01 (59 days); qual-feb at qualified_lead since 02-01 (28);
// qual-late since 02-20 (9); qual-jan since 01-20 (40); recycled re-entered qualified_lead on
// 02-15 (14 days; first entry 01-02); prospect-feb skipped to prospect on 02-01 (28).
// Closed: won (lead → qualified 10 days → prospect 20 days → won 10 days later), lost (lead →
// qualified 20 days). Not staged: unstaged. Won without any stage event: won-no-stage.
const S: JourneyInput[] = [
  { id: 'lead-old', events: [stage('lead', '2026-01-01')] },
  { id: 'qual-feb', events: [stage('qualified_lead', '2026-02-01')] },
  { id: 'qual-late', events: [stage('qualified_lead', '2026-02-20')] },
  {
    id: 'won',
    events: [
      stage('lead', '2026-01-01'),
      stage('qualified_lead', '2026-01-11'),
      stage('prospect', '2026-01-31'),
      outcome('won', '2026-02-10'),
    ],
  },
  {
    id: 'lost',
    events: [
      stage('lead', '2026-01-05'),
      stage('qualified_lead', '2026-01-25'),
      outcome('lost', '2026-02-01'),
    ],
  },
  { id: 'qual-jan', events: [stage('lead', '2026-01-10'), stage('qualified_lead', '2026-01-20')] },
  {
    id: 'recycled',
    events: [
      stage('qualified_lead', '2026-01-02'),
      outcome('recycled', '2026-01-10'),
      stage('qualified_lead', '2026-02-15'),
    ],
  },
  { id: 'unstaged', events: [{ type: 'activity', at: '2026-01-01' }] },
  { id: 'won-no-stage', events: [outcome('won', '2026-02-01')] },
  { id: 'prospect-feb', events: [stage('prospect', '2026-02-01')] },
];

describe('stale: hand-checked limits', () => {
  it('flags open journeys older than a limit for every stage, worst first, ties by id', () => {
    // Limit 20: lead-old 59 → 39 over; qual-jan 40 → 20; qual-feb and prospect-feb 28 → 8 each
    // (by id: prospect-feb first). recycled 14 and qual-late 9 are within the limit; closed,
    // unstaged and won journeys are never stale.
    expect(rows(stale(pipeline, S, { asOf, limitDays: 20 }))).toEqual([
      ['lead-old', 'lead', 59, 20, 'option', 39],
      ['qual-jan', 'qualified_lead', 40, 20, 'option', 20],
      ['prospect-feb', 'prospect', 28, 20, 'option', 8],
      ['qual-feb', 'qualified_lead', 28, 20, 'option', 8],
    ]);
  });

  it('measures a recycled journey from its re-entry', () => {
    // Limit 10: recycled has been in qualified_lead for 14 days since 02-15 (not 58 since 01-02).
    const result = stale(pipeline, S, { asOf, limitDays: 10 });
    expect(rows(result.filter((row) => row.id === 'recycled'))).toEqual([
      ['recycled', 'qualified_lead', 14, 10, 'option', 4],
    ]);
    expect(result.map((row) => row.id)).toEqual([
      'lead-old', // 49 over
      'qual-jan', // 30
      'prospect-feb', // 18
      'qual-feb', // 18
      'recycled', // 4
    ]);
  });

  it('takes per-stage limits from a record and the rest from the p90 of the time to advance', () => {
    // lead 30: lead-old 59 → 29. qualified_lead 30: qual-jan 40 → 10 (qual-feb 28 is within).
    // prospect has no option: p90 of the observed prospect → customer times [10] (won) = 10:
    // prospect-feb 28 → 18.
    expect(rows(stale(pipeline, S, { asOf, limitDays: { lead: 30, qualified_lead: 30 } }))).toEqual(
      [
        ['lead-old', 'lead', 59, 30, 'option', 29],
        ['prospect-feb', 'prospect', 28, 10, 'p90', 18],
        ['qual-jan', 'qualified_lead', 40, 30, 'option', 10],
      ],
    );
  });

  it('uses the p90 of observed times to the next stage (implied passages add nothing)', () => {
    // lead → qualified: won 10, lost 20, qual-jan 10 → sorted [10, 10, 20]; p90: h = 2·0.9 = 1.8
    // → 10 + 0.8·10 = 18. (prospect-feb and won-no-stage passed lead only by implication: had
    // they added 0-day passages, the p90 would be lower.)
    // qualified → prospect: won 20 → p90 20. prospect → customer: won 10 → p90 10.
    // lead-old 59 → 41; qual-jan 40 → 20; prospect-feb 28 → 18; qual-feb 28 → 8.
    expect(rows(stale(pipeline, S, { asOf }))).toEqual([
      ['lead-old', 'lead', 59, 18, 'p90', 41],
      ['qual-jan', 'qualified_lead', 40, 20, 'p90', 20],
      ['prospect-feb', 'prospect', 28, 10, 'p90', 18],
      ['qual-feb', 'qualified_lead', 28, 20, 'p90', 8],
    ]);
  });

  it("falls back to the stage's expectedDays, after the option and the p90", () => {
    const custom = definePipeline({
      stages: [
        { id: 'lead', owner: 'marketing', expectedDays: 10 },
        { id: 'opportunity', owner: 'sales', expectedDays: 20 },
        { id: 'customer', owner: 'sales' },
      ],
    });
    const feb = '2026-02-01';
    const journeys: JourneyInput[] = [
      { id: 'x1', events: [stage('lead', '2026-01-01')] }, // 31 days in lead
      { id: 'x2', events: [stage('opportunity', '2026-01-20')] }, // 12 days
      { id: 'x3', events: [stage('opportunity', '2026-01-01')] }, // 31 days
      { id: 'x5', events: [stage('customer', '2026-01-01')] }, // no limit at customer
    ];
    // No observed advance: lead 10 (expectedDays): x1 31 → 21; opportunity 20: x3 31 → 11.
    expect(rows(stale(custom, journeys, { asOf: feb }))).toEqual([
      ['x1', 'lead', 31, 10, 'expectedDays', 21],
      ['x3', 'opportunity', 31, 20, 'expectedDays', 11],
    ]);
    // x4 advances lead → opportunity in 2 days: lead's p90 is 2, ahead of expectedDays.
    // x1 31 → 29 over; x4 sits in opportunity for 29 days → 9 over.
    const x4: JourneyInput = {
      id: 'x4',
      events: [stage('lead', '2026-01-01'), stage('opportunity', '2026-01-03')],
    };
    expect(rows(stale(custom, [...journeys, x4], { asOf: feb }))).toEqual([
      ['x1', 'lead', 31, 2, 'p90', 29],
      ['x3', 'opportunity', 31, 20, 'expectedDays', 11],
      ['x4', 'opportunity', 29, 20, 'expectedDays', 9],
    ]);
    // An option for opportunity only: opportunity 30 → x3 31 → 1; lead keeps its p90.
    expect(
      rows(stale(custom, [...journeys, x4], { asOf: feb, limitDays: { opportunity: 30 } })),
    ).toEqual([
      ['x1', 'lead', 31, 2, 'p90', 29],
      ['x3', 'opportunity', 31, 30, 'option', 1],
    ]);
  });

  it('reads a per-stage record by own keys only (a stage may be called "constructor")', () => {
    // A valid pipeline whose first stage id is also an Object.prototype member. The record
    // names only customer, so constructor falls back to its expectedDays 5: 'a' has been there
    // 01-01 → 02-01 = 31 days → 26 over.
    const odd = definePipeline({
      stages: [
        { id: 'constructor', owner: 'marketing', expectedDays: 5 },
        { id: 'customer', owner: 'sales' },
      ],
    });
    const journey: JourneyInput = { id: 'a', events: [stage('constructor', '2026-01-01')] };
    expect(rows(stale(odd, [journey], { asOf: '2026-02-01', limitDays: { customer: 3 } }))).toEqual(
      [['a', 'constructor', 31, 5, 'expectedDays', 26]],
    );
  });

  it('reads any iterable, and returns nothing for an empty input', () => {
    function* generate() {
      yield* S;
    }
    expect(stale(pipeline, generate(), { asOf, limitDays: 20 })).toEqual(
      stale(pipeline, S, { asOf, limitDays: 20 }),
    );
    expect(stale(pipeline, [], { asOf })).toEqual([]);
    expect(stale(pipeline, [], { asOf, limitDays: 0 })).toEqual([]);
    // Only closed, unstaged or won-without-stage journeys: nothing, whatever the limit.
    const quiet = S.filter((j) => ['won', 'lost', 'unstaged', 'won-no-stage'].includes(j.id));
    expect(stale(pipeline, quiet, { asOf, limitDays: 0 })).toEqual([]);
  });

  it('rejects a limit for an unknown stage or a negative limit, with the path', () => {
    const unknown = thrown(() => stale(pipeline, S, { asOf, limitDays: { mql: 3 } }));
    expect(isPipelineError(unknown)).toBe(true);
    expect(unknown.code).toBe('invalid_options');
    expect(unknown.issues[0]).toMatchObject({ code: 'unknown_stage', path: ['limitDays', 'mql'] });
    const negative = thrown(() => stale(pipeline, S, { asOf, limitDays: -1 }));
    expect(negative.code).toBe('invalid_options');
    expect(negative.issues[0].path).toEqual(['limitDays']);
    const negativeStage = thrown(() => stale(pipeline, S, { asOf, limitDays: { lead: -2 } }));
    expect(negativeStage.issues[0].path).toEqual(['limitDays', 'lead']);
  });
});
