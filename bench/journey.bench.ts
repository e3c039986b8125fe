// How fast journeys are validated and summarised. Run: npm run bench
import { bench, describe } from 'vitest';
import { journeysFromEvents, parseJourney, presets, summarizeJourney } from '../src/index.js';
import { generateJourneys } from './data.js';

const pipeline = presets.buyingPipeline;
const journeys = generateJourneys(pipeline, 10_000);
const rows = journeys.flatMap((journey) =>
  journey.events.map((event) => ({ journeyId: journey.id, ...event })),
);

describe('10,000 journeys', () => {
  bench('parseJourney', () => {
    for (const journey of journeys) parseJourney(journey, { pipeline });
  });
  bench('summarizeJourney', () => {
    for (const journey of journeys) summarizeJourney(pipeline, journey, { asOf: '2026-06-30' });
  });
  bench(`journeysFromEvents (${rows.length} rows)`, () => {
    journeysFromEvents(rows, { pipeline });
  });
});
