import { describe, expect, it } from 'vitest';
import { funnelReport, type JourneyInput, presets, winRate } from '../../src/index.js';
import { json, nonFinitePaths, outcome, stage } from '../helpers.js';

// Stages: target 0, contact 1, suspect 2, lead 3, qualified_lead 4 (handoff), prospect 5, customer 6.
const pipeline = presets.buyingPipeline;

/** A value with every number rounded to 12 decimals, to compare floating results. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 1e12) / 1e12;
  if (Array.isArray(value)) return value.map(rounded);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, rounded(child)]));
}

const Z95 = 1.959963984540054;
function wilson(x: number, n: number, z = Z95): { lower: number; upper: number } {
  const p = x / n;
  const shrink = 1 + (z * z) / n;
  const center = (p + (z * z) / (2 * n)) / shrink;
  const half = (z / shrink) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { lower: x === 0 ? 0 : center - half, upper: x === n ? 1 : center + half };
}

// W1 marketing 1234.56 won; W2 marketing 0.10 won (from qualified_lead, lead implied).
// W3 sales 500 lost after prospect. W4 sales 300 disqualified at lead (never reached the
// handoff). W5 sales 200 disqualified at qualified_lead. W6 partner, no amount, lost at
// prospect (qualified_lead implied). W7 event, open (no closed deal in its group).
// W8 no origin, 100, won without any stage event. W9 unstaged. W10 sales 50: lost, recycled,
// re-entered qualified_lead and won.
const W: JourneyInput[] = [
  {
    id: 'w1',
    origin: 'marketing',
    amount: '1234.56',
    events: [
      stage('lead', '2026-01-01'),
      stage('qualified_lead', '2026-01-10'),
      outcome('won', '2026-03-01'),
    ],
  },
  {
    id: 'w2',
    origin: 'marketing',
    amount: '0.10',
    events: [stage('qualified_lead', '2026-01-05'), outcome('won', '2026-02-01')],
  },
  {
    id: 'w3',
    origin: 'sales',
    amount: '500',
    events: [
      stage('qualified_lead', '2026-01-05'),
      stage('prospect', '2026-01-20'),
      outcome('lost', '2026-02-10'),
    ],
  },
  {
    id: 'w4',
    origin: 'sales',
    amount: '300',
    events: [stage('lead', '2026-01-02'), outcome('disqualified', '2026-01-20')],
  },
  {
    id: 'w5',
    origin: 'sales',
    amount: '200',
    events: [stage('qualified_lead', '2026-01-03'), outcome('disqualified', '2026-01-30')],
  },
  {
    id: 'w6',
    origin: 'partner',
    events: [stage('prospect', '2026-01-10'), outcome('lost', '2026-02-01')],
  },
  { id: 'w7', origin: 'event', amount: '75', events: [stage('lead', '2026-01-01')] },
  { id: 'w8', amount: '100', events: [outcome('won', '2026-02-15')] },
  { id: 'w9', origin: 'marketing', amount: '1', events: [{ type: 'activity', at: '2026-01-01' }] },
  {
    id: 'w10',
    origin: 'sales',
    amount: 50,
    events: [
      stage('qualified_lead', '2026-01-05'),
      outcome('lost', '2026-01-20'),
      outcome('recycled', '2026-02-01'),
      stage('qualified_lead', '2026-03-01'),
      outcome('won', '2026-04-01'),
    ],
  },
];

describe('winRate: hand-checked closes', () => {
  it('counts won ÷ (won + lost) among journeys that reached the handoff, by count and value', () => {
    const result = winRate(pipeline, W);
    // Reached qualified_lead and closed: won W1 W2 W8 (implied by the win) W10 (won after a
    // recycle); lost W3, W6 (implied). W4 never reached the handoff, W5 is disqualified, W7 is
    // open, W9 unstaged.
    // wonValue 1234.56 + 0.10 + 100 + 50 = 1384.66; lostValue 500 (W6 has no amount).
    expect(json(result)).toMatchObject({
      from: 'qualified_lead',
      won: 4,
      lost: 2,
      wonValue: '1384.66',
      lostValue: '500',
      withoutValue: 1,
    });
    expect(result.rate).toBe(4 / 6);
    // valueRate 1384.66 / (1384.66 + 500) = 1384.66 / 1884.66.
    expect(result.valueRate).toBeCloseTo(1384.66 / 1884.66, 14);
    const w = wilson(4, 6);
    expect(result.interval.lower).toBeCloseTo(w.lower, 12);
    expect(result.interval.upper).toBeCloseTo(w.upper, 12);
    expect('groups' in result).toBe(false);
  });

  it('adds money exactly: 1234.56 + 0.10 = 1234.66', () => {
    const result = winRate(pipeline, W, { by: 'origin' });
    const marketing = result.groups?.find((group) => group.key === 'marketing');
    expect(marketing?.wonValue.toFixed(2)).toBe('1234.66');
    expect(json(marketing)).toMatchObject({ won: 2, lost: 0, wonValue: '1234.66', lostValue: '0' });
    expect(marketing?.rate).toBe(1);
    expect(marketing?.valueRate).toBe(1);
    // 2 of 2: the upper limit is exactly 1, the lower one Wilson's.
    expect(marketing?.interval.upper).toBe(1);
    expect(marketing?.interval.lower).toBeCloseTo(wilson(2, 2).lower, 12);
  });

  it('groups by origin: a group with no closed deal has null rates, a missing origin is null', () => {
    const result = winRate(pipeline, W, { by: 'origin' });
    // Groups in key order, null last: event (W7 open), marketing (W1 W2), partner (W6 lost,
    // no amount), sales (W3 lost 500, W10 won 50; W4 and W5 not counted), null (W8 won 100).
    expect(rounded(json(result.groups))).toEqual(
      rounded([
        {
          key: 'event',
          won: 0,
          lost: 0,
          rate: null,
          interval: { lower: null, upper: null },
          wonValue: '0',
          lostValue: '0',
          valueRate: null,
          withoutValue: 0,
        },
        {
          key: 'marketing',
          won: 2,
          lost: 0,
          rate: 1,
          interval: { lower: wilson(2, 2).lower, upper: 1 },
          wonValue: '1234.66',
          lostValue: '0',
          valueRate: 1,
          withoutValue: 0,
        },
        {
          key: 'partner',
          won: 0,
          lost: 1,
          rate: 0,
          interval: { lower: 0, upper: wilson(0, 1).upper },
          wonValue: '0',
          lostValue: '0',
          valueRate: null, // no value either side: null, not 0
          withoutValue: 1,
        },
        {
          key: 'sales',
          won: 1,
          lost: 1,
          rate: 0.5,
          interval: wilson(1, 2),
          wonValue: '50',
          lostValue: '500',
          valueRate: 50 / 550,
          withoutValue: 0,
        },
        {
          key: null,
          won: 1,
          lost: 0,
          rate: 1,
          interval: { lower: wilson(1, 1).lower, upper: 1 },
          wonValue: '100',
          lostValue: '0',
          valueRate: 1,
          withoutValue: 0,
        },
      ]),
    );
  });

  it('counts disqualified journeys as lost with includeDisqualified', () => {
    const result = winRate(pipeline, W, { includeDisqualified: true });
    // W5 (disqualified at qualified_lead, 200) joins the lost; W4 never reached the handoff.
    // won 4, lost 3; lostValue 500 + 200 = 700.
    expect(json(result)).toMatchObject({ won: 4, lost: 3, wonValue: '1384.66', lostValue: '700' });
    expect(result.rate).toBe(4 / 7);
    expect(result.valueRate).toBeCloseTo(1384.66 / 2084.66, 14);
  });

  it('measures among the journeys that reached `from`', () => {
    // From lead, disqualified included: W4 (300) joins too: lost W3 W5 W6 W4 = 4, 1000.
    const fromLead = winRate(pipeline, W, { from: 'lead', includeDisqualified: true });
    expect(json(fromLead)).toMatchObject({ from: 'lead', won: 4, lost: 4, lostValue: '1000' });
    // From prospect, disqualified included: W5 and W4 never reached prospect. Won W1 W2 W8 W10
    // (implied by their wins), lost W3 W6.
    const fromProspect = winRate(pipeline, W, { from: 'prospect', includeDisqualified: true });
    expect(json(fromProspect)).toMatchObject({
      from: 'prospect',
      won: 4,
      lost: 2,
      lostValue: '500',
    });
    // From customer: only the won reached it; 4 of 4.
    expect(winRate(pipeline, W, { from: 'customer' })).toMatchObject({ won: 4, lost: 0, rate: 1 });
  });

  it("counts only observed handoff entries with skipped: 'strict'", () => {
    // Observed qualified_lead: W1 W2 W3 W5 W10. W6 (prospect only) and W8 (win only) drop out.
    // won W1 W2 W10 = 3 (1234.56 + 0.10 + 50 = 1284.66), lost W3 = 1 (500).
    const result = winRate(pipeline, W, { skipped: 'strict' });
    expect(json(result)).toMatchObject({
      won: 3,
      lost: 1,
      wonValue: '1284.66',
      lostValue: '500',
      withoutValue: 0,
    });
    expect(result.rate).toBe(0.75);
  });

  it('ignores events after asOf (the recycled journey is then lost)', () => {
    // As of 02-20: W1 (won 03-01) is open; W10 is recycled (open) after its loss.
    // won W2 W8 = 2 (0.10 + 100); lost W3 W6 = 2 (500).
    const result = winRate(pipeline, W, { asOf: '2026-02-20' });
    expect(json(result)).toMatchObject({ won: 2, lost: 2, wonValue: '100.1', lostValue: '500' });
    // As of 01-25: W10 is lost (50) and nothing else has closed after the handoff.
    const early = winRate(pipeline, W, { asOf: '2026-01-25' });
    expect(json(early)).toMatchObject({ won: 0, lost: 1, lostValue: '50', rate: 0 });
  });

  it('counts a won journey without an amount in the rate and in withoutValue', () => {
    const journeys: JourneyInput[] = [
      { id: 'a', events: [stage('prospect', '2026-01-01'), outcome('won', '2026-02-01')] },
      {
        id: 'b',
        amount: '10.01',
        events: [stage('prospect', '2026-01-01'), outcome('lost', '2026-02-01')],
      },
    ];
    const result = winRate(pipeline, journeys);
    expect(json(result)).toMatchObject({
      won: 1,
      lost: 1,
      rate: 0.5,
      wonValue: '0',
      lostValue: '10.01',
      valueRate: 0,
      withoutValue: 1,
    });
  });

  it('agrees with funnelReport', () => {
    const options = { asOf: '2026-12-31', by: 'origin' } as const;
    expect(json(funnelReport(pipeline, W, options).winRate)).toEqual(
      json(winRate(pipeline, W, options)),
    );
  });

  it('returns null rates and zero values for an empty input, with no NaN', () => {
    const result = winRate(pipeline, [], { by: 'origin' });
    expect(json(result)).toEqual({
      from: 'qualified_lead',
      won: 0,
      lost: 0,
      rate: null,
      interval: { lower: null, upper: null },
      wonValue: '0',
      lostValue: '0',
      valueRate: null,
      withoutValue: 0,
      groups: [],
    });
    expect(JSON.stringify(result)).not.toContain('NaN');
    expect(nonFinitePaths(result)).toEqual([]);
  });
});
