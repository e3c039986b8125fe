import { describe, expect, it } from 'vitest';
import { entryPoints, type JourneyInput, presets } from '../../src/index.js';
import { issueCodesAndPaths, outcome, stage, thrown } from '../helpers.js';

// Stages: target 0, contact 1, suspect 2, lead 3, qualified_lead 4 (the handoff), prospect 5, customer 6.
const pipeline = presets.buyingPipeline;

const journeys: JourneyInput[] = [
  {
    id: 'e1',
    origin: 'web',
    events: [stage('contact', '2025-01-15'), stage('lead', '2025-02-01')],
  },
  { id: 'e2', origin: 'tradeshow', events: [stage('lead', '2025-02-01')] },
  { id: 'e3', origin: 'web', events: [stage('lead', '2025-04-10')] },
  // Nothing in 2025-Q3.
  { id: 'e4', origin: 'web', events: [stage('qualified_lead', '2025-10-01')] },
  // Won without a stage event, 23:00 UTC on New Year's Eve: first seen at customer, in 2025 (UTC).
  {
    id: 'e5',
    origin: 'referral',
    events: [{ type: 'outcome', outcome: 'won', at: '2025-12-31T23:00:00Z' }],
  },
  { id: 'e6', origin: 'tradeshow', events: [stage('lead', '2026-01-05')] },
  { id: 'e7', events: [stage('prospect', '2026-02-01'), outcome('lost', '2026-03-01')] },
  { id: 'e8', origin: 'web', events: [{ type: 'activity', at: '2026-01-01' }] },
];

const counts = (stages: readonly { count: number }[]) => stages.map((row) => row.count);

describe('entryPoints: hand-checked', () => {
  it('overall and by source', () => {
    const result = entryPoints(pipeline, journeys);
    expect([result.journeys, result.unstaged]).toEqual([7, 1]);
    // contact e1; lead e2 e3 e6; qualified_lead e4; prospect e7; customer e5.
    expect(counts(result.stages)).toEqual([0, 1, 0, 3, 1, 1, 1]);
    expect(result.atOrAfterHandoff.count).toBe(3);
    expect(result.atOrAfterHandoff.share).toBeCloseTo(3 / 7, 12);
    expect(result.groups.map((group) => [group.key, group.journeys])).toEqual([
      ['referral', 1],
      ['tradeshow', 2],
      ['web', 3],
      [null, 1],
    ]);
  });

  it('per quarter: the mix, new and gone sources, the same-source share', () => {
    const result = entryPoints(pipeline, journeys, { period: 'quarter' });
    expect(
      result.periods.map((row) => [
        row.period,
        row.journeys,
        row.atOrAfterHandoff.share,
        row.newSources,
        row.goneSources,
        row.sameSourceShare,
      ]),
    ).toEqual([
      ['2025-Q1', 2, 0, [], [], null],
      // web again: 1 of 1 from a source of the quarter before; tradeshow gone.
      ['2025-Q2', 1, 0, [], ['tradeshow'], 1],
      // An empty quarter is listed: no entries, web gone.
      ['2025-Q3', 0, null, [], ['web'], null],
      // After an empty quarter every source is new.
      ['2025-Q4', 2, 1, ['referral', 'web'], [], 0],
      ['2026-Q1', 2, 0.5, ['tradeshow', null], ['referral', 'web'], 0],
    ]);
    expect(result.periods[0]?.start.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(result.periods[4]?.end.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(result.periods[0]?.sources).toEqual([
      { key: 'tradeshow', count: 1, share: 0.5 },
      { key: 'web', count: 1, share: 0.5 },
    ]);
  });

  it('per year (default) and per month', () => {
    const years = entryPoints(pipeline, journeys).periods;
    // 2026: tradeshow (a 2025 source) and no origin (new): same-source share 1 of 2.
    expect(years.map((row) => [row.period, row.journeys, row.sameSourceShare])).toEqual([
      ['2025', 5, null],
      ['2026', 2, 0.5],
    ]);
    expect(years[1]?.goneSources).toEqual(['referral', 'web']);
    const months = entryPoints(pipeline, journeys, { period: 'month', asOf: '2025-03-01' });
    // Only e1 and e2 entered by asOf; e1 in January, e2 in February.
    expect(months.periods.map((row) => [row.period, row.journeys])).toEqual([
      ['2025-01', 1],
      ['2025-02', 1],
    ]);
    expect(months.unstaged).toBe(6);
  });

  it('empty input has no periods and null shares', () => {
    const result = entryPoints(pipeline, []);
    expect([result.journeys, result.periods, result.atOrAfterHandoff.share]).toEqual([0, [], null]);
  });

  it('rejects an unknown period with its path', () => {
    const error = thrown(() => entryPoints(pipeline, journeys, { period: 'week' as never }));
    expect([error.code, issueCodesAndPaths(error)]).toEqual([
      'invalid_options',
      [{ code: 'invalid_value', path: ['period'] }],
    ]);
  });
});
