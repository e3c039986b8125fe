import { describe, expect, it } from 'vitest';
import {
  forecastAccuracy,
  type JourneyInput,
  pipelineCoverage,
  pipelineWaterfall,
  presets,
  pushRate,
  salesVelocity,
  winRate,
} from '../../src/index.js';
import { issueCodesAndPaths, json, nonFinitePaths, outcome, stage, thrown } from '../helpers.js';
import { deals, forecast, Q1, Q2, Q4 } from './fixtures.js';

const pipeline = presets.buyingPipeline;
const bar = (count: number, value: string) => ({ count, value });
const bars = (result: ReturnType<typeof pipelineWaterfall>) =>
  Object.fromEntries(
    (['openAtStart', 'created', 'pulledIn', 'won', 'lost', 'pushedOut', 'openAtEnd'] as const).map(
      (name) => [name, bar(result[name].count, result[name].value.toFixed(2))],
    ),
  );

describe('pipelineWaterfall', () => {
  it('walks Q2 from its opening pipeline to its closing one', () => {
    const result = pipelineWaterfall(pipeline, deals, Q2);
    // Values are journey amounts. Start: on-time 10,000 + pushed-once 20,000 + pushed-twice 30,000
    // + lost-in-period 15,000 + disqualified 8,000 = 83,000. created (first forecast 04-16) 12,000;
    // pulled-in (had a Q3 forecast at the start) 40,000. Won: on-time + pulled-in = 50,000.
    // Lost: lost-in-period + disqualified = 23,000. Pushed out: pushed-once + pushed-twice = 50,000.
    // End: created, 12,000 = 83,000 + 12,000 + 40,000 − 50,000 − 23,000 − 50,000.
    expect(bars(result)).toEqual({
      openAtStart: bar(5, '83000.00'),
      created: bar(1, '12000.00'),
      pulledIn: bar(1, '40000.00'),
      won: bar(2, '50000.00'),
      lost: bar(2, '23000.00'),
      pushedOut: bar(2, '50000.00'),
      openAtEnd: bar(1, '12000.00'),
    });
    expect(result.withoutValue).toBe(0);
    // The opening pipeline is pushRate's commit.
    expect(result.openAtStart.count).toBe(pushRate(pipeline, deals, { period: Q2 }).committed);
    expect(nonFinitePaths(result)).toEqual([]);
  });

  it('counts a deal created and won inside the period on both sides', () => {
    const quick: JourneyInput = {
      id: 'quick',
      amount: '700.10',
      events: [forecast('2026-04-02', '2026-05-01'), outcome('won', '2026-04-20')],
    };
    // Pushed out, then pulled back in: in at both ends, no flow.
    const back: JourneyInput = {
      id: 'back',
      amount: '5',
      events: [
        forecast('2026-03-01', '2026-05-01'),
        forecast('2026-04-05', '2026-09-01'),
        forecast('2026-05-05', '2026-06-01'),
      ],
    };
    expect(bars(pipelineWaterfall(pipeline, [quick, back], Q2))).toEqual({
      openAtStart: bar(1, '5.00'),
      created: bar(1, '700.10'),
      pulledIn: bar(0, '0.00'),
      won: bar(1, '700.10'),
      lost: bar(0, '0.00'),
      pushedOut: bar(0, '0.00'),
      openAtEnd: bar(1, '5.00'),
    });
  });

  it('is all zeros for an empty period, and rejects an end before the start', () => {
    const empty = pipelineWaterfall(pipeline, deals, { start: '2026-05-01', end: '2026-05-01' });
    expect(empty.openAtStart.count + empty.openAtEnd.count + empty.created.count).toBe(0);
    expect(
      issueCodesAndPaths(
        thrown(() =>
          pipelineWaterfall(pipeline, deals, { start: '2026-05-01', end: '2026-04-01' }),
        ),
      ),
    ).toEqual([{ code: 'invalid_value', path: ['end'] }]);
  });
});

describe('forecastAccuracy', () => {
  it('compares the commit with what was won, per period and in all', () => {
    const result = forecastAccuracy(pipeline, deals, { periods: [Q1, Q2, Q4] });
    const [q1, q2, q4] = result.periods;
    // Q1: no forecast existed at 01-01: forecast 0; won-early won 25,000. |−25,000| ÷ 25,000 = 1.
    expect([q1?.committed, q1?.forecast.toFixed(0), q1?.won, q1?.actual.toFixed(0)]).toEqual([
      0,
      '0',
      1,
      '25000',
    ]);
    expect(q1?.error.toFixed(0)).toBe('-25000');
    expect(q1?.absolutePercentageError).toBe(1);
    // Q2: forecast 84,000 (pushRate's committed value); actual on-time 10,000 + pulled-in 40,000
    // = 50,000; error 34,000; APE 34,000 ÷ 50,000 = 0.68.
    expect([q2?.committed, q2?.forecast.toFixed(0), q2?.won, q2?.actual.toFixed(0)]).toEqual([
      5,
      '84000',
      2,
      '50000',
    ]);
    expect(q2?.error.toFixed(0)).toBe('34000');
    expect(q2?.absolutePercentageError).toBe(0.68);
    // Q4: nothing either way: APE null.
    expect(q4?.absolutePercentageError).toBeNull();
    expect(result.periodsWithoutActual).toBe(1);
    // WAPE = (25,000 + 34,000 + 0) ÷ 75,000; bias = (84,000 − 75,000) ÷ 75,000 = 0.12.
    expect(result.absoluteError.toFixed(0)).toBe('59000');
    expect(result.wape).toBeCloseTo(59000 / 75000, 15);
    expect(result.bias).toBeCloseTo(0.12, 15);
    expect(result.categories).toBeUndefined();
    expect(nonFinitePaths(result)).toEqual([]);
  });

  it('groups by forecast category', () => {
    const result = forecastAccuracy(pipeline, deals, { periods: [Q2], byCategory: true });
    const rows = result.categories?.map((group) => [
      group.category,
      group.periods[0]?.forecast.toFixed(0),
      group.periods[0]?.actual.toFixed(0),
      group.wape,
    ]);
    // pipeline: disqualified 8,000 committed, nothing won. best_case: pushed-twice 30,000 +
    // lost-in-period 15,000. commit: on-time 11,000 + pushed-once 20,000 = 31,000 against on-time
    // 10,000 + pulled-in 40,000 = 50,000: WAPE 19,000 ÷ 50,000 = 0.38. closed: won-early, in Q1.
    expect(rows).toEqual([
      ['pipeline', '8000', '0', null],
      ['best_case', '45000', '0', null],
      ['commit', '31000', '50000', 0.38],
      ['closed', '0', '0', null],
      [null, '0', '0', null],
    ]);
    const named = forecastAccuracy(
      pipeline,
      deals.map((deal) => ({
        ...deal,
        attributes: { stage_category: deal.attributes?.['forecastCategory'] ?? null },
      })),
      { periods: [Q2], byCategory: 'stage_category' },
    );
    expect(json(named.categories)).toEqual(json(result.categories));
  });

  it('rejects bad periods with their path', () => {
    expect(
      issueCodesAndPaths(thrown(() => forecastAccuracy(pipeline, deals, { periods: [] }))),
    ).toEqual([{ code: 'too_small', path: ['periods'] }]);
    expect(
      issueCodesAndPaths(
        thrown(() =>
          forecastAccuracy(pipeline, deals, {
            periods: [Q1, { start: '2026-05-01', end: '2026-04-01' }],
          }),
        ),
      ),
    ).toEqual([{ code: 'invalid_value', path: ['periods', 1, 'end'] }]);
    expect(
      issueCodesAndPaths(
        thrown(() =>
          forecastAccuracy(pipeline, deals, { periods: [{ ...Q2, snapshot: '2026-08-01' }] }),
        ),
      ),
    ).toEqual([{ code: 'invalid_value', path: ['periods', 0, 'snapshot'] }]);
  });
});

describe('pipelineCoverage', () => {
  const options = { asOf: '2026-05-15', period: Q2, target: '100000' } as const;

  it('divides the open pipeline of the period by what is left of the target', () => {
    const result = pipelineCoverage(pipeline, deals, options);
    // Open at 05-15 closing in Q2: pushed-once 20,000, pushed-twice 30,000 (05-31), pulled-in
    // 40,000 (06-10), lost-in-period 15,000 (lost only on 05-20), created 13,000 (forecast
    // amount) = 118,000. Won in Q2 by then: on-time 10,000. Remaining 90,000. Coverage 118 ÷ 90.
    expect([result.openDeals, result.openValue.toFixed(0), result.won.toFixed(0)]).toEqual([
      5,
      '118000',
      '10000',
    ]);
    expect(result.remaining.toFixed(0)).toBe('90000');
    expect(result.attained).toBe(false);
    expect(result.coverage).toBeCloseTo(118000 / 90000, 15);
    expect(result.openWithoutForecast).toBe(1); // never-forecast
    // History by 05-15: won on-time 10,000 and won-early 25,000, nothing lost (disqualified left
    // out): value win rate 1, so 1× coverage is required.
    expect(result.winRateFrom).toBe('history');
    expect(result.valueWinRate).toBe(1);
    expect(result.requiredCoverage).toBe(1);
    expect(result.requiredPipeline?.toFixed(0)).toBe('90000');
    expect(result.shortfall?.toFixed(0)).toBe('0');
    // With a 50% close rate: 180,000 needed, 62,000 short.
    const half = pipelineCoverage(pipeline, deals, { ...options, winRate: 0.5 });
    expect([half.requiredPipeline?.toFixed(0), half.shortfall?.toFixed(0)]).toEqual([
      '180000',
      '62000',
    ]);
    expect(nonFinitePaths(result)).toEqual([]);
  });

  it('seed 002: a 50% close rate and a 100,000 quota need 200,000 of pipeline', () => {
    const given = pipelineCoverage(pipeline, [], {
      asOf: '2026-04-01',
      period: Q2,
      target: 100000,
      winRate: 0.5,
    });
    expect(given.requiredCoverage).toBe(2);
    expect(given.requiredPipeline?.toFixed(2)).toBe('200000.00');
    expect(given.coverage).toBe(0); // no open pipeline at all
    // The same from history: 50,000 won and 50,000 lost is a 50% value win rate.
    const history: JourneyInput[] = [
      {
        id: 'w',
        amount: '50000',
        events: [stage('prospect', '2026-01-02'), outcome('won', '2026-02-01')],
      },
      {
        id: 'l',
        amount: '30000',
        events: [stage('prospect', '2026-01-02'), outcome('lost', '2026-02-01')],
      },
      {
        id: 'l2',
        amount: '20000',
        events: [stage('qualified_lead', '2026-01-02'), outcome('lost', '2026-03-01')],
      },
    ];
    const learned = pipelineCoverage(pipeline, history, {
      asOf: '2026-04-01',
      period: Q2,
      target: '100000',
    });
    expect(learned.valueWinRate).toBe(0.5);
    expect(learned.requiredCoverage).toBe(2);
    expect(learned.requiredPipeline?.toFixed(2)).toBe('200000.00');
    expect(learned.valueWinRate).toBe(winRate(pipeline, history, { asOf: '2026-04-01' }).valueRate);
  });

  it('divides the remaining target by the win rate exactly, also for rates like 0.3 and 3 ÷ 7', () => {
    // 300 ÷ 0.3 = 1,000 exactly; multiplying by a rounded 1 ÷ 0.3 gave 999.99…9.
    const given = pipelineCoverage(pipeline, [], {
      asOf: '2026-04-01',
      period: Q2,
      target: '300',
      winRate: 0.3,
    });
    expect(given.requiredPipeline?.toString()).toBe('1000');
    expect(given.shortfall?.toString()).toBe('1000');
    // History: 300 won, 400 lost → value win rate 3 ÷ 7; 300 × 7 ÷ 3 = 700 exactly.
    const history: JourneyInput[] = [
      {
        id: 'w',
        amount: '300',
        events: [stage('prospect', '2026-01-02'), outcome('won', '2026-02-01')],
      },
      {
        id: 'l',
        amount: '400',
        events: [stage('prospect', '2026-01-02'), outcome('lost', '2026-02-01')],
      },
    ];
    const learned = pipelineCoverage(pipeline, history, {
      asOf: '2026-04-01',
      period: Q2,
      target: '300',
    });
    expect(learned.requiredPipeline?.toString()).toBe('700');
    expect(learned.shortfall?.toString()).toBe('700');
    expect(learned.requiredCoverage).toBeCloseTo(7 / 3, 15);
  });

  it('reports a met target as attained, never a negative remainder or an infinite coverage', () => {
    const result = pipelineCoverage(pipeline, deals, { ...options, target: '4000' });
    expect([result.attained, result.remaining.toFixed(0), result.coverage]).toEqual([
      true,
      '0',
      null,
    ]);
    const zero = pipelineCoverage(pipeline, deals, { ...options, target: 0 });
    expect([zero.attained, zero.coverage]).toEqual([true, null]);
    // Nothing won in the history: no required coverage.
    const lostOnly = pipelineCoverage(
      pipeline,
      [
        {
          id: 'l',
          amount: 10,
          events: [stage('prospect', '2026-01-02'), outcome('lost', '2026-02-01')],
        },
      ],
      { ...options },
    );
    expect([
      lostOnly.valueWinRate,
      lostOnly.requiredCoverage,
      lostOnly.requiredPipeline,
      lostOnly.shortfall,
    ]).toEqual([0, null, null, null]);
    expect(nonFinitePaths([result, zero, lostOnly])).toEqual([]);
  });

  it('rejects bad options with the path', () => {
    const bad = (extra: object) =>
      issueCodesAndPaths(thrown(() => pipelineCoverage(pipeline, deals, { ...options, ...extra })));
    expect(bad({ target: '-1' })).toEqual([{ code: 'too_small', path: ['target'] }]);
    expect(bad({ winRate: 0 })).toEqual([{ code: 'too_small', path: ['winRate'] }]);
    expect(bad({ winRate: 1.5 })).toEqual([{ code: 'too_big', path: ['winRate'] }]);
    expect(bad({ from: 'mql' })).toEqual([{ code: 'unknown_stage', path: ['from'] }]);
  });
});

describe('salesVelocity', () => {
  it('multiplies open opportunities, win rate and deal size, divided by the cycle', () => {
    const result = salesVelocity(pipeline, deals, { asOf: '2026-06-30', from: 'prospect' });
    // Open at prospect or later: pushed-once, pushed-twice, never-forecast (created is at qualified_lead).
    // Closed: won on-time, pulled-in, won-early; lost lost-in-period (disqualified left out): 3 ÷ 4.
    // Deal size (10,000 + 40,000 + 25,000) ÷ 3 = 25,000.
    // Cycles from prospect: 02-01 → 05-10 = 98 days, 02-10 → 06-05 = 115, 01-05 → 03-25 = 79: 292 ÷ 3.
    // perDay = 3 × 0.75 × 25,000 ÷ (292 ÷ 3) = 168,750 ÷ 292 = 577.9109… → 577.91.
    expect(result.openOpportunities).toBe(3);
    expect([result.won, result.lost, result.winRate]).toEqual([3, 1, 0.75]);
    expect(result.averageDealSize?.toFixed(2)).toBe('25000.00');
    expect(result.averageCycleDays).toBeCloseTo(292 / 3, 12);
    expect(result.perDay?.toFixed(2)).toBe('577.91');
    expect(result.winRate).toBe(
      winRate(pipeline, deals, { asOf: '2026-06-30', from: 'prospect' }).rate,
    );
    expect(nonFinitePaths(result)).toEqual([]);
  });

  it('gives null with the counts when the cycle cannot be measured or nothing was won', () => {
    // From the handoff: every won deal skipped qualified_lead (an implied passage has no time).
    const implied = salesVelocity(pipeline, deals, { asOf: '2026-06-30' });
    expect(implied.from).toBe('qualified_lead');
    expect(implied.openOpportunities).toBe(4);
    expect([implied.averageCycleDays, implied.wonWithoutCycle, implied.perDay]).toEqual([
      null,
      3,
      null,
    ]);
    const none = salesVelocity(pipeline, [], { asOf: '2026-06-30' });
    expect([none.openOpportunities, none.winRate, none.averageDealSize, none.perDay]).toEqual([
      0,
      null,
      null,
      null,
    ]);
    const lost = salesVelocity(
      pipeline,
      [
        {
          id: 'l',
          amount: 10,
          events: [stage('prospect', '2026-01-02'), outcome('lost', '2026-02-01')],
        },
      ],
      { asOf: '2026-06-30' },
    );
    expect([lost.winRate, lost.averageDealSize, lost.perDay]).toEqual([0, null, null]);
    expect(nonFinitePaths([implied, none, lost])).toEqual([]);
  });

  it('rejects an unknown stage', () => {
    expect(
      issueCodesAndPaths(
        thrown(() => salesVelocity(pipeline, deals, { asOf: '2026-06-30', from: 'sql' })),
      ),
    ).toEqual([{ code: 'unknown_stage', path: ['from'] }]);
  });
});
