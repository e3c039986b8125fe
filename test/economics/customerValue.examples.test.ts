import { describe, expect, it } from 'vitest';
import { customerValue, type JourneyInput, presets, type SpendInput } from '../../src/index.js';
import { issueCodesAndPaths, json, nonFinitePaths, outcome, stage, thrown } from '../helpers.js';

const pipeline = presets.buyingPipeline;
const account = (name: string) => ({ account: name });

const journeys: JourneyInput[] = [
  // acme: three wins (one without an amount) and a loss.
  {
    id: 'a1',
    attributes: account('acme'),
    amount: 1000,
    events: [stage('lead', '2024-05-01'), outcome('won', '2024-06-01')],
  },
  {
    id: 'a2',
    attributes: account('acme'),
    amount: '2500.50',
    events: [stage('prospect', '2025-01-10'), outcome('won', '2025-02-01')],
  },
  { id: 'a3', attributes: account('acme'), events: [outcome('won', '2026-01-15')] },
  {
    id: 'a4',
    attributes: account('acme'),
    amount: 7000,
    events: [stage('lead', '2026-02-01'), outcome('lost', '2026-03-01')],
  },
  // bolt: one win.
  {
    id: 'b1',
    attributes: account('bolt'),
    amount: '4000',
    events: [stage('lead', '2026-01-01'), outcome('won', '2026-02-01')],
  },
  // crane: recycled, then won.
  {
    id: 'c1',
    attributes: account('crane'),
    amount: '600',
    events: [
      stage('qualified_lead', '2025-09-01'),
      outcome('recycled', '2025-09-15'),
      stage('lead', '2025-11-01'),
      outcome('won', '2026-01-10'),
    ],
  },
  // dyno: won, then reopened by a stage event: open, not a customer (the walk decides).
  {
    id: 'd1',
    attributes: account('dyno'),
    amount: 900,
    events: [
      stage('lead', '2025-01-01'),
      outcome('won', '2025-02-01'),
      stage('prospect', '2025-03-01'),
    ],
  },
  // zeta: open.
  { id: 'z1', attributes: account('zeta'), events: [stage('lead', '2026-01-01')] },
  // Won without an account.
  { id: 'n1', amount: 999, events: [stage('lead', '2026-01-01'), outcome('won', '2026-01-20')] },
];

const spend: SpendInput[] = [
  { program: 'webinar', period: { start: '2024-01-01', end: '2025-01-01' }, amount: 1000 },
  { program: 'tradeshow', period: { start: '2025-01-01', end: '2026-07-01' }, amount: '1500.25' },
];

describe('customerValue: hand-checked', () => {
  const result = customerValue(journeys, { pipeline, spend });

  it('an account with three wins is one customer with three purchases', () => {
    const acme = result.accounts.find((row) => row.account === 'acme');
    // 1000 + 2500.50 (+ a win without an amount) = 3500.50; the loss is not a purchase.
    expect(json(acme)).toEqual({
      account: 'acme',
      purchases: 3,
      value: '3500.5',
      withoutValue: 1,
      firstWonAt: '2024-06-01T00:00:00.000Z',
      lastWonAt: '2026-01-15T00:00:00.000Z',
    });
  });

  it('lifetime value, purchases per customer, repeat customers', () => {
    // Customers acme, bolt, crane (dyno reopened, zeta open, n1 has no account).
    expect(result.accounts.map((row) => row.account)).toEqual(['acme', 'bolt', 'crane']);
    expect([result.customers, result.purchases, result.wonWithoutAccount]).toEqual([3, 5, 1]);
    // 5 purchases ÷ 3 customers; 1 repeat customer of 3.
    expect(result.purchasesPerCustomer).toBeCloseTo(5 / 3, 12);
    expect([result.repeatCustomers, result.repeatRate]).toEqual([1, 1 / 3]);
    // 3500.50 + 4000 + 600 = 8100.50; ÷ 3 = 2700.1666… → 2700.17.
    expect(result.totalValue.toFixed(2)).toBe('8100.50');
    expect(result.purchasesWithoutValue).toBe(1);
    expect(result.lifetimeValue?.toFixed(2)).toBe('2700.17');
  });

  it('acquisition cost and the value-to-cost ratio with spend', () => {
    // 1000 + 1500.25 = 2500.25; ÷ 3 customers = 833.4166… → 833.42; 8100.50 ÷ 2500.25.
    expect(result.spend?.toFixed(2)).toBe('2500.25');
    expect(result.acquisitionCost?.toFixed(2)).toBe('833.42');
    expect(result.valueToCost).toBeCloseTo(8100.5 / 2500.25, 12);
    expect(nonFinitePaths(result)).toEqual([]);
  });

  it('without spend, null cost figures; asOf ignores later wins', () => {
    const early = customerValue(journeys, { pipeline, asOf: '2025-12-31' });
    // acme a1, a2; crane not won yet; dyno reopened on 2025-03-01.
    expect(early.accounts.map((row) => [row.account, row.purchases])).toEqual([['acme', 2]]);
    expect([early.spend, early.acquisitionCost, early.valueToCost]).toEqual([null, null, null]);
    expect(early.lifetimeValue?.toFixed(2)).toBe('3500.50');
  });

  it('reads the account from another attribute, and empty input gives nulls', () => {
    const byCompany = customerValue(
      [{ id: 'x', attributes: { company: 7 }, amount: 5, events: [outcome('won', '2026-01-01')] }],
      { pipeline, account: 'company' },
    );
    expect(byCompany.accounts.map((row) => row.account)).toEqual(['7']);
    const none = customerValue([], { pipeline, spend });
    expect([none.customers, none.lifetimeValue, none.acquisitionCost, none.valueToCost]).toEqual([
      0,
      null,
      null,
      null,
    ]);
  });

  it('rejects a missing pipeline and bad spend with their paths', () => {
    const noPipeline = thrown(() => customerValue(journeys, {} as never));
    expect(noPipeline.code).toBe('invalid_options');
    expect(issueCodesAndPaths(noPipeline)[0]?.path).toEqual(['pipeline']);
    const badSpend = thrown(() =>
      customerValue(journeys, { pipeline, spend: [{ ...(spend[0] as SpendInput), amount: -1 }] }),
    );
    expect([badSpend.code, issueCodesAndPaths(badSpend)]).toEqual([
      'invalid_spend',
      [{ code: 'too_small', path: ['spend', 0, 'amount'] }],
    ]);
  });
});
