// funnelReport from the built package (what users run), beside the hand-written baseline, on
// 1,000,000 journeys. Run: npm run bench:dist (builds first). Prints each round and the mean.
import { fileURLToPath } from 'node:url';
import type * as Library from '../src/index.js';
import { baseline, funnelJourneys } from './funnelData.js';

// The built file is imported by path at run time, so the typecheck never needs a build.
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const { funnelReport, presets }: typeof Library = await import(built);

const pipeline = presets.buyingPipeline;
const journeys = funnelJourneys(pipeline, 1_000_000);
const stageEvents = journeys.reduce(
  (total, journey) => total + journey.events.filter((event) => event.type === 'stage').length,
  0,
);
const asOf = '2026-06-30T00:00:00Z';
const rounds = 6;
// Each in its own block (after one warm-up run of each), so that neither pays for the garbage
// collection of the other's leftovers over the caller's large input.
const run = {
  funnelReport: () => funnelReport(pipeline, journeys, { asOf, by: 'origin' }),
  baseline: () => baseline(pipeline, journeys, Date.parse(asOf)),
};
const times: Record<string, number[]> = {};
for (const [name, once] of Object.entries(run)) {
  once();
  times[name] = Array.from({ length: rounds }, () => {
    const started = performance.now();
    once();
    return performance.now() - started;
  });
}
const mean = (values: number[]) =>
  values.reduce((total, value) => total + value, 0) / values.length;
console.log(
  `1,000,000 journeys, ${stageEvents} stage events, ${rounds} rounds each after a warm-up (dist/index.js)`,
);
for (const [name, values] of Object.entries(times)) {
  console.log(
    `${name.padEnd(13)} mean ${(mean(values) / 1000).toFixed(2)} s, min ${(Math.min(...values) / 1000).toFixed(2)} s, max ${(Math.max(...values) / 1000).toFixed(2)} s`,
  );
}
console.log(
  `ratio ${(mean(times['funnelReport'] ?? []) / mean(times['baseline'] ?? [])).toFixed(2)}`,
);
