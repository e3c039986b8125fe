// funnelReport over 1,000,000 journeys given as objects, beside the hand-written baseline, in
// one run so the ratio is measured on the same machine and data. Run: npm run bench
import { bench, describe } from 'vitest';
import { funnelReport, presets } from '../src/index.js';
import { baseline, funnelJourneys } from './funnelData.js';

const pipeline = presets.buyingPipeline;
const journeys = funnelJourneys(pipeline, 1_000_000);
const asOf = '2026-06-30T00:00:00Z';
const options = { time: 0, iterations: 5, warmupIterations: 1, warmupTime: 0 };

describe('1,000,000 journeys as objects', () => {
  bench(
    'hand-written typed-array baseline (counts, medians, won total)',
    () => {
      baseline(pipeline, journeys, Date.parse(asOf));
    },
    options,
  );
  bench(
    'funnelReport (validated; conversion, velocity, win rate, leakage, deals, anomalies)',
    () => {
      funnelReport(pipeline, journeys, { asOf, by: 'origin' });
    },
    options,
  );
});
