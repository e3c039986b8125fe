import { describe, expect, it } from 'vitest';
import { parseJourney, presets, pushRate, slippage } from '../../src/index.js';
import { issueCodesAndPaths, json, nonFinitePaths, outcome, stage, thrown } from '../helpers.js';
import { deals, forecast, Q2 } from './fixtures.js';

const pipeline = presets.buyingPipeline;

describe('pushRate', () => {
  it('counts the commit at the period start and where each deal ends', () => {
    const result = pushRate(pipeline, deals, { period: Q2 });
    // Committed at 04-01: on-time, pushed-once, pushed-twice (latest forecast 02-01 → 04-30),
    // lost-in-period, disqualified. Not: pulled-in (08-15 at 04-01), won-early (closed), never-forecast, created.
    expect(result.committed).toBe(5);
    expect(result.won).toBe(1); // on-time
    expect(result.lost).toBe(2); // lost-in-period, disqualified
    expect(result.pushed).toBe(2); // pushed-once, pushed-twice
    expect(result.rate).toBe(2 / 5);
    // 11,000 (on-time's forecast amount) + 20,000 + 30,000 + 15,000 + 8,000 = 84,000
    expect(result.committedValue.toFixed(2)).toBe('84000.00');
    expect(result.wonValue.toFixed(2)).toBe('11000.00');
    expect(result.lostValue.toFixed(2)).toBe('23000.00');
    expect(result.pushedValue.toFixed(2)).toBe('50000.00');
    expect(result.valueRate).toBeCloseTo(50000 / 84000, 15);
    // pushed-once: 06-15 → 07-31 = 15 + 31 = 46 days; pushed-twice: the first move after 04-01,
    // 04-30 → 05-31 = 31 days. Mean 38.5.
    expect(result.meanDaysPushed).toBe(38.5);
    expect(result.pushedWithNewDate).toBe(2);
    expect(result.pushedDeals.map((row) => [row.id, row.daysPushed])).toEqual([
      ['pushed-once', 46],
      ['pushed-twice', 31],
    ]);
    expect(result.withoutValue).toBe(0);
    expect(nonFinitePaths(result)).toEqual([]);
  });

  it('reads the commit at a later snapshot', () => {
    // At 05-01: on-time (05-15), pushed-once (06-15), pushed-twice (04-25 → 05-31), pulled-in
    // (04-10 → 06-10), lost-in-period (06-30), created (06-20). disqualified closed 04-20.
    const result = pushRate(pipeline, deals, { period: Q2, snapshot: '2026-05-01' });
    expect(result.committed).toBe(6);
    expect([result.won, result.lost, result.pushed]).toEqual([2, 1, 3]);
    // pushed-twice's first move after 05-01 is 05-28: 05-31 → 08-31 = 92 days; created never moved.
    expect(result.pushedDeals.map((row) => [row.id, row.daysPushed])).toEqual([
      ['pushed-twice', 92],
      ['pushed-once', 46],
      ['created', null],
    ]);
    expect(result.meanDaysPushed).toBe(69);
    // created's committed value is its forecast amount, 13,000.
    expect(result.pushedValue.toFixed(2)).toBe('63000.00');
  });

  it('gives nulls, not NaN, for an empty period and journeys without forecasts', () => {
    const result = pushRate(pipeline, [deals[6] as never], { period: Q2 });
    expect(result.committed).toBe(0);
    expect(result.rate).toBeNull();
    expect(result.valueRate).toBeNull();
    expect(result.meanDaysPushed).toBeNull();
    expect(nonFinitePaths(result)).toEqual([]);
    const empty = pushRate(pipeline, deals, { period: { start: '2026-04-01', end: '2026-04-01' } });
    expect(empty.committed).toBe(0);
    expect(empty.rate).toBeNull();
  });

  it('counts a deal without any amount, and takes parsed journeys like raw ones', () => {
    const noAmount = {
      id: 'no-amount',
      events: [stage('prospect', '2026-03-01'), forecast('2026-03-02', '2026-05-01')],
    };
    const parsed = [...deals, noAmount].map((journey) => parseJourney(journey));
    const result = pushRate(pipeline, parsed, { period: Q2 });
    expect(result.committed).toBe(6);
    expect(result.pushed).toBe(3);
    expect(result.withoutValue).toBe(1);
    expect(result.committedValue.toFixed(2)).toBe('84000.00');
    expect(json(pushRate(pipeline, [...deals, noAmount], { period: Q2 }))).toEqual(json(result));
  });

  it('an outcome at the snapshot instant happens inside the period', () => {
    const journey = {
      id: 'a',
      amount: 100,
      events: [forecast('2026-03-01', '2026-04-15'), outcome('won', '2026-04-01')],
    };
    const result = pushRate(pipeline, [journey], { period: Q2 });
    expect([result.committed, result.won]).toEqual([1, 1]);
  });

  it('does not change its input', () => {
    const copy = structuredClone(deals);
    pushRate(pipeline, deals, { period: Q2 });
    expect(deals).toEqual(copy);
  });

  it('rejects bad options with the path', () => {
    expect(
      issueCodesAndPaths(
        thrown(() =>
          pushRate(pipeline, deals, { period: { start: '2026-07-01', end: '2026-04-01' } }),
        ),
      ),
    ).toEqual([{ code: 'invalid_value', path: ['period', 'end'] }]);
    const late = thrown(() => pushRate(pipeline, deals, { period: Q2, snapshot: '2026-07-01' }));
    expect([late.code, ...issueCodesAndPaths(late)]).toEqual([
      'invalid_options',
      { code: 'invalid_value', path: ['snapshot'] },
    ]);
    expect(
      issueCodesAndPaths(
        thrown(() => pushRate(pipeline, deals, { period: Q2, snapshto: 1 } as never)),
      ),
    ).toEqual([{ code: 'unrecognized_keys', path: ['snapshto'] }]);
    const badDate = thrown(() =>
      pushRate(pipeline, deals, { period: { start: '2026-04-01T00:00', end: '2026-07-01' } }),
    );
    expect(issueCodesAndPaths(badDate)).toEqual([
      { code: 'invalid_date', path: ['period', 'start'] },
    ]);
  });

  it('rejects a bad journey with its path', () => {
    const bad = [
      deals[0],
      { id: 'x', events: [{ type: 'forecast', at: '2026-01-01', closeDate: 'soon' }] },
    ];
    const error = thrown(() => pushRate(pipeline, bad as never, { period: Q2 }));
    expect(error.code).toBe('invalid_journey');
    expect(issueCodesAndPaths(error)).toEqual([
      { code: 'invalid_date', path: [1, 'events', 0, 'closeDate'] },
    ]);
    const unknown = thrown(() =>
      pushRate(pipeline, [{ id: 'y', events: [stage('mql', '2026-01-01')] }], { period: Q2 }),
    );
    expect(issueCodesAndPaths(unknown)).toEqual([
      { code: 'unknown_stage', path: [0, 'events', 0, 'stage'] },
    ]);
  });
});

describe('slippage', () => {
  it('lists each forecast deal, worst first', () => {
    const rows = slippage(pipeline, deals, { asOf: '2026-06-30' });
    // pushed-twice: 04-30 → 05-31 (+31) → 08-31 (+92): 2 pushes, 123 days.
    // pushed-once: 06-15 → 07-31 on 06-20: 1 push, 46 days.
    // pulled-in: 08-15 → 06-10: a pull-in of 66 days (Jun 10 → Aug 15 = 20 + 31 + 15).
    expect(rows[0]).toMatchObject({
      id: 'pushed-twice',
      pushes: 2,
      daysPushed: 123,
      pullIns: 0,
      status: 'open',
      forecasts: 3,
    });
    expect(rows[0]?.firstCloseDate.toISOString()).toBe('2026-04-30T00:00:00.000Z');
    expect(rows[0]?.latestCloseDate.toISOString()).toBe('2026-08-31T00:00:00.000Z');
    const pulled = rows.find((row) => row.id === 'pulled-in');
    expect(pulled).toMatchObject({ pushes: 0, pullIns: 1, daysPulledIn: 66, status: 'won' });
    // Eight deals have a forecast by 06-30; never-forecast has none.
    expect(rows.map((row) => row.id)).toEqual([
      'pushed-twice',
      'pushed-once',
      'created',
      'disqualified',
      'lost-in-period',
      'on-time',
      'pulled-in',
      'won-early',
    ]);
    // Before 06-20, pushed-once had not moved yet; before 05-28, pushed-twice had moved once.
    const earlier = slippage(pipeline, deals, { asOf: '2026-05-27' });
    expect(earlier.map((row) => [row.id, row.pushes, row.daysPushed]).slice(0, 2)).toEqual([
      ['pushed-twice', 1, 31],
      ['created', 0, 0],
    ]);
  });

  it('rejects a missing asOf', () => {
    expect(issueCodesAndPaths(thrown(() => slippage(pipeline, deals, {} as never)))).toEqual([
      { code: 'invalid_date', path: ['asOf'] },
    ]);
  });
});
