// Turn a flat event table into journeys and summarise where each one stands.
import { journeysFromEvents, presets, summarizeJourney } from 'buying-pipeline';

const pipeline = presets.demandWaterfall;
const rows = [
  {
    journeyId: 'L-1',
    type: 'stage',
    stage: 'inquiry',
    at: '2026-05-02T10:00:00+02:00',
    origin: 'marketing',
  },
  { journeyId: 'L-1', type: 'behaviour', at: '2026-05-03T08:00:00+02:00', name: 'pricing_page' },
  { journeyId: 'L-1', type: 'stage', stage: 'mql', at: '2026-05-04T09:00:00+02:00' },
  { journeyId: 'L-1', type: 'stage', stage: 'sal', at: '2026-05-04T15:00:00+02:00' },
  {
    journeyId: 'L-1',
    type: 'activity',
    at: '2026-05-05T11:00:00+02:00',
    kind: 'call',
    by: 'sales',
  },
  {
    journeyId: 'L-2',
    type: 'stage',
    stage: 'sql',
    at: '2026-05-10',
    origin: 'sales',
    amount: '18000',
  },
  { journeyId: 'L-2', type: 'outcome', outcome: 'won', at: '2026-06-20' },
  { journeyId: 'L-3', type: 'stage', stage: 'mql', at: '2026-05-12', origin: 'marketing' },
  {
    journeyId: 'L-3',
    type: 'outcome',
    outcome: 'disqualified',
    at: '2026-05-13',
    reason: 'student',
  },
] as const;

for (const journey of journeysFromEvents(rows, { pipeline })) {
  const summary = summarizeJourney(pipeline, journey, { asOf: '2026-06-30' });
  console.log(
    JSON.stringify({
      id: summary.id,
      status: summary.status,
      furthest: summary.furthestStage,
      reached: summary.reached,
      age: summary.ageInStageDays,
    }),
  );
}
