import { describe, expect, it } from 'vitest';
import { type JourneyInput, presets, recycling } from '../../src/index.js';
import { issueCodesAndPaths, nonFinitePaths, outcome, stage, thrown } from '../helpers.js';

// Stages: target 0, contact 1, suspect 2, lead 3, qualified_lead 4, prospect 5, customer 6.
const pipeline = presets.buyingPipeline;

const journeys: JourneyInput[] = [
  // r1: recycled from qualified_lead on 01-10, back as a lead 30 days later, won.
  {
    id: 'r1',
    origin: 'marketing',
    events: [
      stage('lead', '2026-01-01'),
      stage('qualified_lead', '2026-01-05'),
      outcome('recycled', '2026-01-10', 'no budget yet'),
      stage('lead', '2026-02-09'),
      stage('qualified_lead', '2026-02-15'),
      stage('prospect', '2026-03-01'),
      outcome('won', '2026-04-01'),
    ],
  },
  // r2: recycled from qualified_lead, still nurturing.
  {
    id: 'r2',
    origin: 'marketing',
    events: [
      stage('lead', '2026-01-02'),
      stage('qualified_lead', '2026-01-06'),
      outcome('recycled', '2026-01-16'),
    ],
  },
  // r3: recycled from prospect, back as a lead 15 days later, recycled again from lead, then lost.
  {
    id: 'r3',
    origin: 'sales',
    events: [
      stage('qualified_lead', '2026-01-03'),
      stage('prospect', '2026-01-10'),
      outcome('recycled', '2026-01-20'),
      stage('lead', '2026-02-04'),
      outcome('recycled', '2026-02-14'),
      outcome('lost', '2026-03-01', 'went dark'),
    ],
  },
  // r4: never recycled.
  {
    id: 'r4',
    origin: 'sales',
    events: [stage('lead', '2026-01-05'), stage('qualified_lead', '2026-01-12')],
  },
  // r5: no origin; recycled from prospect, back in qualified_lead 2 days later.
  {
    id: 'r5',
    events: [
      stage('prospect', '2026-01-07'),
      outcome('recycled', '2026-01-17'),
      stage('qualified_lead', '2026-01-19'),
    ],
  },
  // r6: no stage at all.
  { id: 'r6', origin: 'partner', events: [{ type: 'activity', at: '2026-01-01' }] },
];

describe('recycling: hand-checked', () => {
  const result = recycling(pipeline, journeys);

  it('shares overall, and what became of the recycled journeys', () => {
    // Recycled r1, r2, r3, r5 of 6 journeys; r3 twice: 5 recycles.
    expect([result.journeys, result.recycled, result.recycles]).toEqual([6, 4, 5]);
    expect(result.share).toBeCloseTo(4 / 6, 12);
    // r1 won (re-entered), r3 lost (re-entered), r2 nurturing, r5 back in the funnel (re-entered).
    expect(result.afterwards).toEqual({
      recycled: 4,
      reentered: 3,
      won: 1,
      lost: 1,
      disqualified: 0,
      nurturing: 1,
      backInFunnel: 1,
    });
  });

  it('time to re-entry: 30 (r1), 15 (r3), 2 (r5) days', () => {
    const { count, mean, median, min, max } = result.timeToReentryDays;
    expect([count, median, min, max]).toEqual([3, 15, 2, 30]);
    expect(mean).toBeCloseTo(47 / 3, 12);
  });

  it('by stage: recycled from the stage ÷ reached it', () => {
    // Reached lead and qualified_lead: r1–r5 (implied for r3 and r5); prospect r1, r3, r5.
    // From lead: r3; from qualified_lead: r1, r2; from prospect: r3, r5.
    expect(result.stages.slice(3).map((row) => [row.stage, row.reached, row.recycled])).toEqual([
      ['lead', 5, 1],
      ['qualified_lead', 5, 2],
      ['prospect', 3, 2],
      ['customer', 1, 0],
    ]);
    expect(result.stages[5]?.share).toBeCloseTo(2 / 3, 12);
    expect(result.recyclesBeforeAnyStage).toBe(0);
  });

  it('by origin, the missing origin last', () => {
    expect(
      result.groups.map((group) => [group.key, group.journeys, group.recycled, group.share]),
    ).toEqual([
      ['marketing', 2, 2, 1],
      ['partner', 1, 0, 0],
      ['sales', 2, 1, 0.5],
      [null, 1, 1, 1],
    ]);
    expect(result.groups[0]?.afterwards).toMatchObject({ won: 1, nurturing: 1 });
    expect(nonFinitePaths(result)).toEqual([]);
  });

  it('as of an earlier moment, later events are ignored', () => {
    const early = recycling(pipeline, journeys, { asOf: '2026-02-01' });
    // r1, r2, r3 nurturing; r5 back in qualified_lead on 01-19 (2 days).
    expect(early.afterwards).toEqual({
      recycled: 4,
      reentered: 1,
      won: 0,
      lost: 0,
      disqualified: 0,
      nurturing: 3,
      backInFunnel: 1,
    });
    expect(early.timeToReentryDays.median).toBe(2);
    expect(early.recycles).toBe(4);
  });

  it('a win after a recycle is a re-entry (into the last stage)', () => {
    const result = recycling(pipeline, [
      {
        id: 'x',
        events: [
          stage('prospect', '2026-01-01'),
          outcome('recycled', '2026-01-05'),
          outcome('won', '2026-01-25'),
        ],
      },
    ]);
    // Recycled from prospect on 01-05, won 20 days later without a stage event.
    expect([result.afterwards.reentered, result.afterwards.won]).toEqual([1, 1]);
    expect(result.timeToReentryDays.median).toBe(20);
  });

  it('a recycle before any stage entry is counted in no stage row', () => {
    const result = recycling(pipeline, [
      { id: 'x', events: [outcome('recycled', '2026-01-01'), stage('lead', '2026-01-03')] },
    ]);
    expect([result.recycled, result.recyclesBeforeAnyStage]).toEqual([1, 1]);
    expect(result.stages.every((row) => row.recycled === 0)).toBe(true);
    expect(result.timeToReentryDays.median).toBe(2);
  });

  it('rejects unknown options and stages with their paths', () => {
    const options = thrown(() => recycling(pipeline, journeys, { by: '' }));
    expect([options.code, issueCodesAndPaths(options)[0]?.path]).toEqual([
      'invalid_options',
      ['by'],
    ]);
    const bad = thrown(() =>
      recycling(pipeline, [{ id: 'x', events: [stage('sql', '2026-01-01')] }]),
    );
    expect([bad.code, issueCodesAndPaths(bad)[0]?.path]).toEqual([
      'unknown_stage',
      [0, 'events', 0, 'stage'],
    ]);
  });
});
