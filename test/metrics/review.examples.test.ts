import { describe, expect, it } from 'vitest';
import {
  createFunnelAccumulator,
  dealMetrics,
  funnelAccumulatorFromJSON,
  funnelReport,
  type JourneyInput,
  leakage,
  parseJourney,
  presets,
  summarizeJourney,
  winRate,
} from '../../src/index.js';
import { thrown } from '../helpers.js';

// Regressions for what a review of the metrics engine found (one test per finding).
const pipeline = presets.buyingPipeline;
const won = (id: string, amount: string): JourneyInput => ({
  id,
  amount,
  events: [
    { type: 'stage', stage: 'qualified_lead', at: '2026-01-01' },
    { type: 'outcome', outcome: 'won', at: '2026-02-01' },
  ],
});

describe('review regressions', () => {
  it('keeps whole-number amounts past 2^53 cents exact', () => {
    // 9007199254740993 is not a double; in cents even less so. Decimal keeps every digit.
    const deals = dealMetrics(pipeline, [won('a', '9007199254740993')]);
    expect(deals.total.toFixed(0)).toBe('9007199254740993');
    expect(winRate(pipeline, [won('a', '9999999999999999')]).wonValue.toFixed(0)).toBe(
      '9999999999999999',
    );
  });

  it('reads fractional epoch milliseconds as Date does, on the fast and the slow path', () => {
    const t = Date.UTC(2026, 0, 1);
    const journey: JourneyInput = {
      id: 'f',
      events: [
        { type: 'stage', stage: 'lead', at: t + 0.7 },
        { type: 'outcome', outcome: 'lost', at: t + 0.2 },
      ],
    };
    // Both times truncate to t: the same instant, so the loss follows the stage entry.
    const fast = summarizeJourney(pipeline, journey, { asOf: '2026-02-01' });
    const slow = summarizeJourney(pipeline, parseJourney(journey), { asOf: '2026-02-01' });
    expect(fast).toEqual(slow);
    expect(fast.anomalies).toEqual([]);
    const accumulator = createFunnelAccumulator(pipeline, { asOf: '2026-02-01' });
    accumulator.add({ id: 'o', events: [{ type: 'stage', stage: 'lead', at: t + 0.5 }] });
    const again = funnelAccumulatorFromJSON(
      pipeline,
      JSON.parse(JSON.stringify(accumulator.toJSON())),
    );
    expect(JSON.stringify(again.result())).toBe(JSON.stringify(accumulator.result()));
  });

  it('rejects event types named like Object.prototype members with a PipelineError', () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const journey = { id: 'x', events: [{ type, at: '2026-01-01' }] } as unknown as JourneyInput;
      expect(thrown(() => funnelReport(pipeline, [journey], { asOf: '2026-02-01' })).code).toBe(
        'invalid_journey',
      );
    }
  });

  it('flags entries out of order across skipped stages', () => {
    const summary = summarizeJourney(
      pipeline,
      {
        id: 'o',
        events: [
          { type: 'stage', stage: 'prospect', at: '2026-03-01' },
          { type: 'stage', stage: 'lead', at: '2026-03-10' },
        ],
      },
      { asOf: '2026-04-01' },
    );
    expect(summary.anomalies).toContain('time_out_of_order');
  });

  it('restarts the age in a stage when a closed journey is reopened into it', () => {
    const summary = summarizeJourney(
      pipeline,
      {
        id: 'r',
        amount: '1',
        events: [
          { type: 'stage', stage: 'prospect', at: '2026-01-01' },
          { type: 'outcome', outcome: 'lost', at: '2026-01-10' },
          { type: 'stage', stage: 'prospect', at: '2026-06-01' },
        ],
      },
      { asOf: '2026-06-30' },
    );
    expect(summary.status).toBe('open');
    expect(summary.ageInStageDays).toBe(29); // 1 June to 30 June, not 180 days from 1 January
    expect(summary.anomalies).toEqual([]); // a reopen is a new pass, not a duplicate entry
  });

  it('measures the cohort for the other figures in flow mode too', () => {
    const journeys: JourneyInput[] = [
      {
        ...won('q1', '100'),
        events: [
          { type: 'stage', stage: 'lead', at: '2026-02-01' },
          { type: 'outcome', outcome: 'won', at: '2026-03-01' },
        ],
      },
      {
        id: 'old',
        amount: '50',
        events: [
          { type: 'stage', stage: 'lead', at: '2025-06-01' },
          { type: 'outcome', outcome: 'lost', at: '2025-07-01' },
        ],
      },
    ];
    const cohort = { start: '2026-01-01', end: '2026-04-01' };
    const plain = funnelReport(pipeline, journeys, {
      asOf: '2026-06-30',
      cohort,
      winRate: { from: 'lead' },
    });
    const flow = funnelReport(pipeline, journeys, {
      asOf: '2026-06-30',
      cohort,
      winRate: { from: 'lead' },
      conversion: { mode: 'flow' },
    });
    expect([flow.winRate.won, flow.winRate.lost, flow.measured, flow.outsideCohort]).toEqual([
      1, 0, 1, 1,
    ]);
    expect(JSON.stringify(flow.winRate)).toBe(JSON.stringify(plain.winRate));
  });

  it('counts a touch at the instant of the close as follow-up', () => {
    const result = leakage(
      pipeline,
      [
        {
          id: 'c',
          events: [
            { type: 'stage', stage: 'qualified_lead', at: '2026-01-01T00:00:00Z' },
            { type: 'activity', at: '2026-01-05T09:00:00Z', kind: 'call' },
            { type: 'outcome', outcome: 'lost', at: '2026-01-05T09:00:00Z' },
          ],
        },
      ],
      { asOf: '2026-02-01' },
    );
    const handoff = result.stages[4]?.all;
    expect(handoff?.followUpDays.median).toBe(4.375); // 4 days and 9 hours
    expect(handoff?.withoutFollowUp).toBe(0);
    expect(handoff?.activitiesToExit.max).toBe(1);
  });

  it('never groups by an attribute inherited from Object.prototype, and keeps 0 and -0 one key', () => {
    const journeys: JourneyInput[] = [
      won('a', '1'),
      { ...won('b', '2'), attributes: { score: -0 } },
      { ...won('c', '3'), attributes: { score: 0 } },
    ];
    const byToString = winRate(pipeline, journeys, { by: 'toString' });
    expect(byToString.groups?.map((group) => group.key)).toEqual([null]);
    const forward = JSON.stringify(winRate(pipeline, journeys, { by: 'score' }));
    const backward = JSON.stringify(winRate(pipeline, [...journeys].reverse(), { by: 'score' }));
    expect(forward).toBe(backward);
    expect(
      Object.is(winRate(pipeline, journeys.slice(1), { by: 'score' }).groups?.[0]?.key, 0),
    ).toBe(true);
  });

  it('rejects attributes that are not a plain object instead of dropping them', () => {
    const journey = {
      id: 'm',
      attributes: new Map([['industry', 'retail']]),
      events: [],
    } as unknown as JourneyInput;
    expect(thrown(() => parseJourney(journey)).issues[0]?.path).toEqual(['attributes']);
    expect(thrown(() => funnelReport(pipeline, [journey], { asOf: '2026-01-01' })).code).toBe(
      'invalid_journey',
    );
  });

  it('checks the journey count and every per-stage list of a saved state', () => {
    const accumulator = createFunnelAccumulator(pipeline, { asOf: '2026-06-30' });
    accumulator.add(won('a', '1'));
    const json = JSON.parse(JSON.stringify(accumulator.toJSON()));
    expect(
      thrown(() => funnelAccumulatorFromJSON(pipeline, { ...json, added: -5 })).issues[0]?.path,
    ).toEqual(['added']);
    expect(
      thrown(() => funnelAccumulatorFromJSON(pipeline, { ...json, added: undefined })).code,
    ).toBe('invalid_options');
    const short = {
      ...json,
      state: { ...json.state, inStageEventMs: json.state.inStageEventMs.slice(1) },
    };
    expect(thrown(() => funnelAccumulatorFromJSON(pipeline, short)).code).toBe('invalid_options');
  });
});
