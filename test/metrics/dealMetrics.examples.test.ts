import { describe, expect, it } from 'vitest';
import { dealMetrics, funnelReport, type JourneyInput, presets } from '../../src/index.js';
import { json, nonFinitePaths, outcome, stage } from '../helpers.js';

const pipeline = presets.buyingPipeline;

/** Won deals with the given amounts, from lead. */
const wonWith = (...amounts: string[]): JourneyInput[] =>
  amounts.map((amount, index) => ({
    id: `deal-${index}`,
    amount,
    events: [stage('lead', '2026-01-01'), outcome('won', '2026-02-01')],
  }));

// Won: D1 1234.57 (existing: true, retail), D2 0.10 (existing: 'no', retail; won without any
// stage event), D3 100 (existing: 'yes', tech), D4 200.00 (isCustomer: 1, no industry; recycled
// and re-entered before winning), D5 no amount (tech).
// Not won: D6 lost 999, D7 open 5, D8 unstaged 3.
const D: JourneyInput[] = [
  {
    id: 'd1',
    amount: '1234.57',
    attributes: { existingCustomer: true, industry: 'retail' },
    events: [stage('lead', '2026-01-01'), outcome('won', '2026-02-01')],
  },
  {
    id: 'd2',
    amount: '0.10',
    attributes: { existingCustomer: 'no', industry: 'retail' },
    events: [outcome('won', '2026-02-01')],
  },
  {
    id: 'd3',
    amount: 100,
    attributes: { existingCustomer: 'yes', industry: 'tech' },
    events: [stage('qualified_lead', '2026-01-05'), outcome('won', '2026-03-01')],
  },
  {
    id: 'd4',
    amount: '200.00',
    attributes: { isCustomer: 1 },
    events: [
      stage('qualified_lead', '2026-01-01'),
      outcome('recycled', '2026-01-10'),
      stage('qualified_lead', '2026-02-01'),
      outcome('won', '2026-03-01'),
    ],
  },
  {
    id: 'd5',
    attributes: { industry: 'tech' },
    events: [stage('prospect', '2026-01-01'), outcome('won', '2026-02-01')],
  },
  {
    id: 'd6',
    amount: '999',
    attributes: { existingCustomer: true, industry: 'retail' },
    events: [stage('lead', '2026-01-10'), outcome('lost', '2026-01-20')],
  },
  { id: 'd7', amount: '5', events: [stage('qualified_lead', '2026-01-15')] },
  { id: 'd8', amount: '3', events: [{ type: 'activity', at: '2026-01-01' }] },
];

describe('dealMetrics: hand-checked deals', () => {
  it('counts the won deals and sizes them exactly', () => {
    const deals = dealMetrics(pipeline, D);
    // Won: D1 D2 D3 D4 D5 = 5; with an amount: 4 (D5 has none).
    // Sorted amounts 0.10, 100, 200.00, 1234.57: total 1534.67;
    // mean 1534.67 / 4 = 383.6675 → 383.67; median (100 + 200)/2 = 150.
    expect(json(deals)).toMatchObject({
      count: 5,
      withValue: 4,
      total: '1534.67',
      mean: '383.67',
      median: '150',
    });
    expect(deals.mean?.toFixed(2)).toBe('383.67');
    expect(deals.mix).toBeNull();
  });

  it('splits existing and new customers by the existingAttribute', () => {
    const deals = dealMetrics(pipeline, D);
    // existingCustomer: D1 true and D3 'yes' are existing (1234.57 + 100 = 1334.57); D2 'no',
    // D4 and D5 (missing) are new (0.10 + 200.00 = 200.10).
    expect(json(deals.existing)).toMatchObject({ count: 2, countShare: 0.4, value: '1334.57' });
    expect(json(deals.new)).toMatchObject({ count: 3, countShare: 0.6, value: '200.1' });
    expect(deals.existing.valueShare).toBeCloseTo(1334.57 / 1534.67, 14);
    expect(deals.new.valueShare).toBeCloseTo(200.1 / 1534.67, 14);
    // existingAttribute isCustomer: D4 (1) alone is existing: 200 of 1534.67.
    const byFlag = dealMetrics(pipeline, D, { existingAttribute: 'isCustomer' });
    expect(json(byFlag.existing)).toMatchObject({ count: 1, countShare: 0.2, value: '200' });
    expect(json(byFlag.new)).toMatchObject({ count: 4, countShare: 0.8, value: '1334.67' });
    expect(byFlag.existing.valueShare).toBeCloseTo(200 / 1534.67, 14);
  });

  it('shows the mix by an attribute, by count and by value, the missing value as null (last)', () => {
    const deals = dealMetrics(pipeline, D, { mixBy: 'industry' });
    // retail: D1 D2 = 2, 1234.57 + 0.10 = 1234.67; tech: D3 D5 = 2, 100; missing: D4 = 1, 200.
    expect(deals.mix?.map(({ valueShare, ...share }) => json(share))).toEqual([
      { key: 'retail', count: 2, countShare: 0.4, value: '1234.67' },
      { key: 'tech', count: 2, countShare: 0.4, value: '100' },
      { key: null, count: 1, countShare: 0.2, value: '200' },
    ]);
    const shares = [1234.67 / 1534.67, 100 / 1534.67, 200 / 1534.67];
    shares.forEach((expected, index) => {
      expect(deals.mix?.[index]?.valueShare).toBeCloseTo(expected, 14);
    });
  });

  it('rounds the mean to the cent, half to even', () => {
    // (0.01 + 0.04)/2 = 0.025 → 0.02 (half to even; half up would give 0.03).
    expect(dealMetrics(pipeline, wonWith('0.01', '0.04')).mean?.toString()).toBe('0.02');
    // (0.03 + 0.04)/2 = 0.035 → 0.04.
    expect(dealMetrics(pipeline, wonWith('0.03', '0.04')).mean?.toString()).toBe('0.04');
    // 10 / 3 = 3.333… → 3.33.
    expect(dealMetrics(pipeline, wonWith('1', '2', '7')).mean?.toString()).toBe('3.33');
  });

  it('takes the middle amount of an odd count and the mean of the middle two of an even one', () => {
    // Odd: 5, 100.25, 7000 → 100.25 (the input order does not matter).
    expect(dealMetrics(pipeline, wonWith('7000', '5', '100.25')).median?.toString()).toBe('100.25');
    // Even: 5, 100.25, 200.75, 7000 → (100.25 + 200.75)/2 = 150.5.
    expect(dealMetrics(pipeline, wonWith('200.75', '7000', '5', '100.25')).median?.toString()).toBe(
      '150.5',
    );
  });

  it('keeps sub-cent amounts exact', () => {
    // 10.005 + 20 + 30 = 60.005; median 20; mean 20.00166… → 20.00.
    const deals = dealMetrics(pipeline, wonWith('10.005', '20', '30'));
    expect(json(deals)).toMatchObject({ total: '60.005', median: '20', mean: '20' });
  });

  it("changes only through the cohort with skipped: 'strict'", () => {
    const cohort = { start: '2026-01-01', end: '2026-04-01', stage: 'lead' };
    // Implied: every staged journey passed lead in the window, so the 5 won deals stay.
    const implied = funnelReport(pipeline, D, { asOf: '2026-06-30', cohort }).deals;
    expect(implied.count).toBe(5);
    // Strict: only D1 and D6 entered lead; D1 is the one won deal.
    const strict = funnelReport(pipeline, D, { asOf: '2026-06-30', cohort, skipped: 'strict' });
    expect(json(strict.deals)).toMatchObject({ count: 1, total: '1234.57', median: '1234.57' });
    expect(
      json(dealMetrics(pipeline, D, { cohort: { ...cohort, stage: 'qualified_lead' } })),
    ).toMatchObject({
      // Passed qualified_lead in the window: D1 (02-01, implied by the win), D2 (02-01), D3, D4, D5.
      count: 5,
    });
  });

  it('ignores wins after asOf', () => {
    // As of 02-15: D3 and D4 (won 03-01) are still open. Won: D1 1234.57, D2 0.10, D5 (none).
    const deals = dealMetrics(pipeline, D, { asOf: '2026-02-15' });
    expect(json(deals)).toMatchObject({
      count: 3,
      withValue: 2,
      total: '1234.67',
      mean: '617.34', // 1234.67 / 2 = 617.335 → half to even: 617.34
    });
  });

  it('agrees with funnelReport', () => {
    const options = { asOf: '2026-12-31', deals: { mixBy: 'industry' } } as const;
    expect(json(funnelReport(pipeline, D, options).deals)).toEqual(
      json(dealMetrics(pipeline, D, { asOf: '2026-12-31', mixBy: 'industry' })),
    );
  });

  it('returns zeros and nulls for an empty input, with no NaN', () => {
    const deals = dealMetrics(pipeline, [], { mixBy: 'industry' });
    const share = { count: 0, countShare: null, value: '0', valueShare: null };
    expect(json(deals)).toEqual({
      count: 0,
      withValue: 0,
      total: '0',
      mean: null,
      median: null,
      existing: share,
      new: share,
      mix: [],
    });
    expect(JSON.stringify(deals)).not.toContain('NaN');
    expect(nonFinitePaths(deals)).toEqual([]);
    // Won deals without any amount: counted, but no size.
    const noAmounts = dealMetrics(pipeline, [{ id: 'x', events: [outcome('won', '2026-01-01')] }]);
    expect(json(noAmounts)).toMatchObject({
      count: 1,
      withValue: 0,
      total: '0',
      mean: null,
      median: null,
    });
    expect(noAmounts.existing.valueShare).toBeNull();
    expect(noAmounts.new.countShare).toBe(1);
  });
});
