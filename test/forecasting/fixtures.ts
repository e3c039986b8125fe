import type { JourneyEventInput, JourneyInput } from '../../src/index.js';
import { outcome, stage } from '../helpers.js';

/** A forecast event: made at `at`, closing on `closeDate`, with an amount when given. */
export const forecast = (at: string, closeDate: string, amount?: string): JourneyEventInput =>
  amount === undefined
    ? { type: 'forecast', at, closeDate }
    : { type: 'forecast', at, closeDate, amount };

// Hand-built close-date history on the buying pipeline (no public data has it). Q2 2026 is
// [2026-04-01, 2026-07-01). Categories in the `forecastCategory` attribute.
//
// on-time         10,000  forecast 03-01 → close 05-15 (amount 11,000); won 05-10.
// pushed-once     20,000  forecast 03-01 → 06-15; 06-20 → 07-31 (+46 days); open.
// pushed-twice    30,000  forecast 02-01 → 04-30; 04-25 → 05-31 (+31); 05-28 → 08-31 (+92); open.
// pulled-in       40,000  forecast 02-15 → 08-15 (Q3); 04-10 → 06-10 (pulled into Q2); won 06-05.
// lost-in-period  15,000  forecast 02-20 → 06-30; lost 05-20.
// won-early       25,000  forecast 01-10 → 04-20; won 03-25 (in Q1).
// never-forecast   5,000  prospect 03-01; open, no forecast.
// created         12,000  qualified_lead 04-15; forecast 04-16 → 06-20 (amount 13,000); open.
// disqualified     8,000  forecast 03-10 → 05-01; disqualified 04-20.
export const deals: JourneyInput[] = [
  {
    id: 'on-time',
    amount: '10000',
    attributes: { forecastCategory: 'commit' },
    events: [
      stage('prospect', '2026-02-01'),
      forecast('2026-03-01', '2026-05-15', '11000'),
      outcome('won', '2026-05-10'),
    ],
  },
  {
    id: 'pushed-once',
    amount: '20000',
    attributes: { forecastCategory: 'commit' },
    events: [
      stage('prospect', '2026-02-01'),
      forecast('2026-03-01', '2026-06-15'),
      forecast('2026-06-20', '2026-07-31'),
    ],
  },
  {
    id: 'pushed-twice',
    amount: '30000',
    attributes: { forecastCategory: 'best_case' },
    events: [
      stage('prospect', '2026-01-15'),
      forecast('2026-02-01', '2026-04-30'),
      forecast('2026-04-25', '2026-05-31'),
      forecast('2026-05-28', '2026-08-31'),
    ],
  },
  {
    id: 'pulled-in',
    amount: '40000',
    attributes: { forecastCategory: 'commit' },
    events: [
      stage('prospect', '2026-02-10'),
      forecast('2026-02-15', '2026-08-15'),
      forecast('2026-04-10', '2026-06-10'),
      outcome('won', '2026-06-05'),
    ],
  },
  {
    id: 'lost-in-period',
    amount: '15000',
    attributes: { forecastCategory: 'best_case' },
    events: [
      stage('prospect', '2026-01-20'),
      forecast('2026-02-20', '2026-06-30'),
      outcome('lost', '2026-05-20', 'price'),
    ],
  },
  {
    id: 'won-early',
    amount: '25000',
    attributes: { forecastCategory: 'closed' },
    events: [
      stage('prospect', '2026-01-05'),
      forecast('2026-01-10', '2026-04-20'),
      outcome('won', '2026-03-25'),
    ],
  },
  { id: 'never-forecast', amount: '5000', events: [stage('prospect', '2026-03-01')] },
  {
    id: 'created',
    amount: '12000',
    attributes: { forecastCategory: 'pipeline' },
    events: [stage('qualified_lead', '2026-04-15'), forecast('2026-04-16', '2026-06-20', '13000')],
  },
  {
    id: 'disqualified',
    amount: '8000',
    attributes: { forecastCategory: 'pipeline' },
    events: [
      stage('prospect', '2026-02-01'),
      forecast('2026-03-10', '2026-05-01'),
      outcome('disqualified', '2026-04-20'),
    ],
  },
];

export const Q1 = { start: '2026-01-01', end: '2026-04-01' } as const;
export const Q2 = { start: '2026-04-01', end: '2026-07-01' } as const;
export const Q4 = { start: '2026-10-01', end: '2027-01-01' } as const;
