import { type FunnelReport, funnelReport, type JourneyInput, presets } from '../../src/index.js';
import { outcome, stage } from '../helpers.js';

export const pipeline = presets.buyingPipeline;
export const asOf = '2026-06-30';

/**
 * Six hand-made journeys with known figures:
 * - m1 marketing 1,000.50: lead 01-02 → qualified_lead 01-05 → prospect 01-15 → won 02-14
 * - m2 marketing: lead 01-03 → qualified_lead 01-10 → lost 01-20 ("price, timing")
 * - m3 marketing: lead 01-04, still open
 * - s1 sales 2,000: qualified_lead 02-01 → prospect 02-03 → won 03-05
 * - s2 sales: prospect 02-10 → lost 03-01 (no reason)
 * - p1 no origin, <script> attribute: lead 03-01 → disqualified 03-02
 */
export const journeys: JourneyInput[] = [
  {
    id: 'm1',
    origin: 'marketing',
    amount: '1000.50',
    events: [
      stage('lead', '2026-01-02'),
      stage('qualified_lead', '2026-01-05'),
      stage('prospect', '2026-01-15'),
      outcome('won', '2026-02-14'),
    ],
  },
  {
    id: 'm2',
    origin: 'marketing',
    events: [
      stage('lead', '2026-01-03'),
      stage('qualified_lead', '2026-01-10'),
      outcome('lost', '2026-01-20', 'price, timing'),
    ],
  },
  { id: 'm3', origin: 'marketing', events: [stage('lead', '2026-01-04')] },
  {
    id: 's1',
    origin: 'sales',
    amount: '2000',
    events: [
      stage('qualified_lead', '2026-02-01'),
      stage('prospect', '2026-02-03'),
      outcome('won', '2026-03-05'),
    ],
  },
  {
    id: 's2',
    origin: 'sales',
    events: [stage('prospect', '2026-02-10'), outcome('lost', '2026-03-01')],
  },
  {
    id: 'p1',
    attributes: { note: '<script>alert(1)</script>' },
    events: [stage('lead', '2026-03-01'), outcome('disqualified', '2026-03-02', '<b>spam</b>')],
  },
];

/** The report of {@link journeys}, by origin unless `by` says otherwise (null: no groups). */
export function smallReport(by: string | null = 'origin'): FunnelReport {
  return funnelReport(pipeline, journeys, { asOf, ...(by === null ? {} : { by }) });
}
