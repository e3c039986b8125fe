// The funnel calculators one by one, and the same report computed in two pieces and merged.
import { readFileSync } from 'node:fs';
import {
  conversion,
  createFunnelAccumulator,
  dealMetrics,
  funnelAccumulatorFromJSON,
  funnelReport,
  type JourneyInput,
  leakage,
  presets,
  stale,
  velocity,
  winRate,
} from 'buying-pipeline';

const pipeline = presets.buyingPipeline;
const journeys: JourneyInput[] = JSON.parse(
  readFileSync(new URL('./data/journeys.json', import.meta.url), 'utf8'),
);
const asOf = '2026-06-30';

const byOrigin = conversion(pipeline, journeys, { by: 'origin', from: 'lead', to: 'customer' });
for (const group of byOrigin.groups ?? []) {
  console.log(
    `lead → customer, ${group.key ?? 'no origin'}: ${group.overall.converted}/${group.overall.reached}`,
  );
}
console.log('win rate from prospect:', winRate(pipeline, journeys, { from: 'prospect' }).rate);
console.log(
  'median days lead → qualified:',
  velocity(pipeline, journeys, { asOf }).stages[3]?.toNext?.median,
);
console.log(
  'exits at qualified_lead:',
  leakage(pipeline, journeys, { asOf }).stages[4]?.all.reasons,
);
console.log(
  'deal median:',
  dealMetrics(pipeline, journeys, { mixBy: 'industry' }).median?.toFixed(2),
);
console.log(
  'stale (over 60 days):',
  stale(pipeline, journeys, { asOf, limitDays: 60 }).map((row) => `${row.id}@${row.stage}`),
);

// Two workers each take half; their states travel as JSON and merge into the same report.
const options = { asOf, by: 'origin' } as const;
const halves = [journeys.slice(0, 5), journeys.slice(5)].map((part) => {
  const accumulator = createFunnelAccumulator(pipeline, options);
  for (const journey of part) accumulator.add(journey);
  return JSON.stringify(accumulator.toJSON());
});
const merged = funnelAccumulatorFromJSON(pipeline, JSON.parse(halves[0] as string));
merged.merge(funnelAccumulatorFromJSON(pipeline, JSON.parse(halves[1] as string)));
const same =
  JSON.stringify(merged.result()) === JSON.stringify(funnelReport(pipeline, journeys, options));
console.log('merged report equals the one-pass report:', same);
if (!same) process.exit(1);
