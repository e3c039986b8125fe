import { describe, expect, it } from 'vitest';
import { solveAbsorbingChain } from '../../src/forecasting/absorbingChain.js';
import {
  definePipeline,
  type JourneyInput,
  presets,
  stageWinProbabilities,
  weightedPipeline,
} from '../../src/index.js';
import { issueCodesAndPaths, nonFinitePaths, outcome, stage, thrown } from '../helpers.js';
import { deals } from './fixtures.js';

const chain = definePipeline({
  stages: [
    { id: 'lead', owner: 'marketing' },
    { id: 'mql', owner: 'marketing' },
    { id: 'sql', owner: 'sales' },
    { id: 'opportunity', owner: 'sales' },
    { id: 'won', owner: 'sales' },
  ],
});

// The issue's chain, solved by hand: lead → MQL 0.3 / lost 0.7; MQL → SQL 0.4 / lost 0.6;
// SQL → MQL 0.1, → opportunity 0.5, → lost 0.4; opportunity → won 0.25 / lost 0.75.
// p(opp) = 0.25; p(sql) = 0.1 p(mql) + 0.5 × 0.25 with p(mql) = 0.4 p(sql), so
// p(sql) (1 − 0.04) = 0.125: p(sql) = 0.125 ÷ 0.96 = 0.13020833…; p(mql) = 0.4 × that = 0.05208333…;
// p(lead) = 0.3 × p(mql) = 0.015625.
// Expected moves t = N·1: t(opp) = 1; t(sql) = 1 + 0.1 t(mql) + 0.5, t(mql) = 1 + 0.4 t(sql):
// t(sql) = 1.6 ÷ 0.96 = 1.6666…; t(mql) = 1 + 0.4 × 1.6666… = 1.6666…; t(lead) = 1 + 0.3 × 1.6666… = 1.5.
const P = [0.015625, (0.125 * 0.4) / 0.96, 0.125 / 0.96, 0.25, 1];
const T = [1.5, 1 + (0.4 * 1.6) / 0.96, 1.6 / 0.96, 1, 0];

let day = 0;
/** A journey through the given stages (one day apart), then an outcome. */
function path(stages: string[], end: 'won' | 'lost' | 'disqualified' | 'open'): JourneyInput {
  day += 1;
  const at = (offset: number) =>
    new Date(Date.UTC(2026, 0, 1) + (day * 20 + offset) * 86_400_000).toISOString();
  const events = stages.map((id, index) => stage(id, at(index)));
  if (end !== 'open') events.push(outcome(end, at(stages.length)));
  return { id: `j${day}`, amount: 100, events };
}
const times = (count: number, make: () => JourneyInput) => Array.from({ length: count }, make);

// Moves, counted: lead → mql 3, lead → lost 7; mql → sql 4, mql → lost 6;
// sql → mql 1, sql → opportunity 5, sql → lost 4; opportunity → won 2, opportunity → lost 6.
const journeys: JourneyInput[] = [
  path(['lead', 'mql', 'sql', 'opportunity'], 'won'),
  path(['lead', 'mql', 'sql', 'opportunity'], 'lost'),
  path(['lead', 'mql', 'sql', 'mql', 'sql', 'opportunity'], 'lost'),
  ...times(7, () => path(['lead'], 'lost')),
  ...times(6, () => path(['mql'], 'lost')),
  ...times(2, () => path(['sql', 'opportunity'], 'lost')),
  ...times(4, () => path(['sql'], 'lost')),
  path(['opportunity'], 'won'),
  ...times(2, () => path(['opportunity'], 'lost')),
  // Left out: open journeys add no move for their current stage; disqualifications with
  // `includeDisqualified: false` (by default a disqualification ends the journey like a loss).
  path(['lead'], 'open'),
  path(['opportunity'], 'disqualified'),
];

describe('stageWinProbabilities', () => {
  it('matches the chain solved by hand, from observed journeys', () => {
    const result = stageWinProbabilities(chain, journeys, { includeDisqualified: false });
    expect(result.stages.map((row) => row.stage)).toEqual([
      'lead',
      'mql',
      'sql',
      'opportunity',
      'won',
    ]);
    result.stages.forEach((row, index) => {
      expect(row.probability).toBeCloseTo(P[index] as number, 12);
      expect(row.expectedMoves).toBeCloseTo(T[index] as number, 12);
      expect(row.gap).toBeNull();
    });
    expect(result.stages[0]?.probability).toBeCloseTo(0.015625, 15);
    expect(result.stages[1]?.probability).toBeCloseTo(0.0520833, 7);
    expect(result.stages[2]?.probability).toBeCloseTo(0.1302083, 7);
    expect(result.stages[3]?.probability).toBe(0.25);
    expect(result.stages[2]).toMatchObject({
      departures: 10,
      transitions: { mql: 1, opportunity: 5 },
      lost: 4,
    });
    expect(result.stages[3]).toMatchObject({ departures: 8, transitions: { won: 2 }, lost: 6 });
    // 10 + 10 + 10 + 8 moves.
    expect(result.moves).toBe(38);
    expect(result.disqualifiedLeftOut).toBe(1);
    expect(result.journeys).toBe(journeys.length);
  });

  it('matches the chain solved by hand, from pseudo-counts alone', () => {
    const result = stageWinProbabilities(chain, [], {
      pseudoCounts: {
        lead: { mql: 0.3, lost: 0.7 },
        mql: { sql: 0.4, lost: 0.6 },
        sql: { mql: 0.1, opportunity: 0.5, lost: 0.4 },
        opportunity: { won: 0.25, lost: 0.75 },
      },
    });
    result.stages.forEach((row, index) => {
      expect(row.probability).toBeCloseTo(P[index] as number, 12);
      expect(row.expectedMoves).toBeCloseTo(T[index] as number, 12);
      expect(row.departures).toBe(0); // pseudo-counts are not observations
    });
  });

  it('counts a disqualification as an end that is not a win, by default', () => {
    const result = stageWinProbabilities(chain, journeys);
    // opportunity: 2 won of 9 moves.
    expect(result.stages[3]?.probability).toBeCloseTo(2 / 9, 15);
    expect(result.disqualifiedLeftOut).toBe(0);
  });

  it('has no answer for a stage never left, nor for the stages that lead to it', () => {
    const sparse = [path(['lead', 'mql'], 'open'), path(['sql', 'opportunity'], 'won')];
    const result = stageWinProbabilities(chain, sparse);
    expect(result.stages.map((row) => [row.stage, row.probability, row.gap])).toEqual([
      ['lead', null, 'reaches_unknown'],
      ['mql', null, 'no_departures'],
      ['sql', 1, null],
      ['opportunity', 1, null],
      ['won', 1, null],
    ]);
    // One pseudo-count each way fills the gap: mql = ½ × p(sql) where sql → opportunity 2 / lost 1,
    // opportunity → won 2 / lost 1: p(opp) = 2/3, p(sql) = 2/3 × 2/3 = 4/9, p(mql) = 2/9, lead: 1/2 × … with lead → mql 2, lost 1.
    const smoothed = stageWinProbabilities(chain, sparse, { pseudoCounts: 1 });
    expect(smoothed.stages[3]?.probability).toBeCloseTo(2 / 3, 15);
    expect(smoothed.stages[2]?.probability).toBeCloseTo(4 / 9, 15);
    expect(smoothed.stages[1]?.probability).toBeCloseTo(2 / 9, 15);
    expect(smoothed.stages[0]?.probability).toBeCloseTo((2 / 3) * (2 / 9), 15);
    expect(nonFinitePaths([result, smoothed])).toEqual([]);
  });

  it('reports a loop that never ends', () => {
    const rows = solveAbsorbingChain(
      [
        [0, 1, 0],
        [1, 0, 0],
        [0, 0, 0],
      ],
      [
        [0, 0],
        [0, 0],
        [1, 1],
      ],
    );
    expect(rows.map((row) => row.gap)).toEqual(['never_absorbed', 'never_absorbed', null]);
    expect(rows[2]?.absorption).toEqual([0.5, 0.5]);
  });

  it('rejects bad pseudo-counts with the path', () => {
    const bad = (pseudoCounts: unknown) =>
      issueCodesAndPaths(thrown(() => stageWinProbabilities(chain, [], { pseudoCounts } as never)));
    expect(bad(-1)).toEqual([{ code: 'too_small', path: ['pseudoCounts'] }]);
    expect(bad({ nope: { lost: 1 } })).toEqual([
      { code: 'unknown_stage', path: ['pseudoCounts', 'nope'] },
    ]);
    expect(bad({ lead: { nope: 1 } })).toEqual([
      { code: 'unknown_stage', path: ['pseudoCounts', 'lead', 'nope'] },
    ]);
    expect(bad({ won: { lost: 1 } })).toEqual([
      { code: 'invalid_value', path: ['pseudoCounts', 'won'] },
    ]);
  });
});

describe('weightedPipeline', () => {
  const pipeline = presets.buyingPipeline;
  const asOf = '2026-05-15';

  it('weights open value by configured stage probabilities, by stage and category', () => {
    const result = weightedPipeline(pipeline, deals, {
      asOf,
      probabilities: { qualified_lead: 0.1, prospect: 0.4 },
      byCategory: true,
    });
    // Open at 05-15: at prospect pushed-once 20,000, pushed-twice 30,000, pulled-in 40,000,
    // lost-in-period 15,000, never-forecast 5,000 (journey amount) = 110,000 → × 0.4 = 44,000;
    // at qualified_lead created 13,000 (forecast amount) → × 0.1 = 1,300. Total 45,300 of 123,000.
    expect([result.count, result.value.toFixed(2), result.weightedValue.toFixed(2)]).toEqual([
      6,
      '123000.00',
      '45300.00',
    ]);
    const prospect = result.stages.find((row) => row.stage === 'prospect');
    expect([prospect?.count, prospect?.probability, prospect?.weightedValue.toFixed(2)]).toEqual([
      5,
      0.4,
      '44000.00',
    ]);
    expect(result.probabilitiesFrom).toBe('option');
    // commit: pushed-once + pulled-in = 60,000 → 24,000; best_case: 45,000 → 18,000;
    // pipeline: created → 1,300; no category: never-forecast → 2,000.
    expect(
      result.categories?.map((group) => [
        group.category,
        group.value.toFixed(0),
        group.weightedValue.toFixed(0),
      ]),
    ).toEqual([
      ['pipeline', '13000', '1300'],
      ['best_case', '45000', '18000'],
      ['commit', '60000', '24000'],
      [null, '5000', '2000'],
    ]);
  });

  it('learns the probabilities from the history when none are given', () => {
    const history = [
      ...journeys,
      { id: 'open-sql', amount: '1000', events: [stage('sql', '2027-12-01')] },
      { id: 'open-opp', amount: '400', events: [stage('opportunity', '2027-12-01')] },
    ];
    // The journeys above span 2026–2027.
    const result = weightedPipeline(chain, history, {
      asOf: '2028-01-01',
      includeDisqualified: false,
    });
    // 1,000 × 0.13020833… (sql) + 400 × 0.25 (opportunity) + 100 × 0.015625 (the open journey at lead).
    const expected = 1000 * (P[2] as number) + 400 * 0.25 + 100 * 0.015625;
    expect(result.weightedValue.toNumber()).toBeCloseTo(expected, 9);
    expect(result.probabilitiesFrom).toBe('history');
    expect(result.withoutProbability).toBe(0);
  });

  it('leaves stages without a probability out of the weighted value, and counts them', () => {
    const result = weightedPipeline(pipeline, deals, { asOf, probabilities: { prospect: 0.5 } });
    expect([result.weightedValue.toFixed(0), result.withoutProbability]).toEqual(['55000', 1]);
    expect(result.stages.find((row) => row.stage === 'qualified_lead')?.probability).toBeNull();
  });

  it('rejects bad options with the path', () => {
    const bad = (extra: object) =>
      issueCodesAndPaths(thrown(() => weightedPipeline(pipeline, deals, { asOf, ...extra })));
    expect(bad({ probabilities: { prospect: 1.2 } })).toEqual([
      { code: 'too_big', path: ['probabilities', 'prospect'] },
    ]);
    expect(bad({ probabilities: { mql: 0.2 } })).toEqual([
      { code: 'unknown_stage', path: ['probabilities', 'mql'] },
    ]);
    expect(bad({ probabilities: {}, pseudoCounts: 1 })).toEqual([
      { code: 'invalid_value', path: ['pseudoCounts'] },
    ]);
  });
});
