// A deterministic generator for the funnel benchmark: 1,000,000 journeys as plain objects, the
// way a data team holds them after reading an export — about 2.4 stage events per journey, three
// origins, amounts with cents as strings, ISO-8601 times with Z, some outcomes and activities.
import type { JourneyEventInput, JourneyInput, Pipeline } from '../src/index.js';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const origins = ['marketing', 'sales', 'partner'] as const;
const DAY = 86_400_000;

export function funnelJourneys(pipeline: Pipeline, count: number, seed = 7): JourneyInput[] {
  const next = random(seed);
  const start = Date.UTC(2024, 0, 1);
  const stages = pipeline.stages.map((stage) => stage.id);
  const journeys: JourneyInput[] = new Array(count);
  for (let index = 0; index < count; index += 1) {
    const events: JourneyEventInput[] = [];
    let at = start + Math.floor(next() * 700 * DAY);
    // Enter at one of the first three stages, then walk on with falling odds (skips happen).
    let stage = Math.floor(next() * 3);
    events.push({ type: 'stage', stage: stages[stage] as string, at: new Date(at).toISOString() });
    while (stage < stages.length - 2 && next() < 0.62) {
      at += Math.floor(next() * 30 * DAY);
      stage += next() < 0.9 ? 1 : 2;
      events.push({
        type: 'stage',
        stage: stages[stage] as string,
        at: new Date(at).toISOString(),
      });
    }
    if (next() < 0.25)
      events.push({
        type: 'activity',
        at: new Date(at + 3_600_000).toISOString(),
        kind: 'call',
        by: 'sales',
      });
    const roll = next();
    if (roll < 0.15)
      events.push({ type: 'outcome', outcome: 'won', at: new Date(at + 10 * DAY).toISOString() });
    else if (roll < 0.4)
      events.push({
        type: 'outcome',
        outcome: 'lost',
        at: new Date(at + 5 * DAY).toISOString(),
        reason: 'price',
      });
    journeys[index] = {
      id: `J${index}`,
      origin: origins[index % 3] as string,
      amount: `${Math.floor(next() * 50_000)}.${String(Math.floor(next() * 100)).padStart(2, '0')}`,
      events,
    };
  }
  return journeys;
}

/**
 * The hand-written baseline the issue names: one loop over the same objects into typed arrays,
 * then counts per stage, the median time to the next stage, and won totals in integer cents.
 * No validation, no anomalies, no intervals: the floor for what a report can cost.
 */
export function baseline(pipeline: Pipeline, journeys: readonly JourneyInput[], asOf: number) {
  const stageCount = pipeline.stages.length;
  const index = new Map(pipeline.stages.map((stage, position) => [stage.id, position]));
  const reached = new Float64Array(stageCount);
  const toNext = Array.from({ length: stageCount }, () => new Float64Array(journeys.length));
  const toNextCount = new Int32Array(stageCount);
  const first = new Float64Array(stageCount);
  let won = 0;
  let lost = 0;
  let wonCents = 0;
  for (const journey of journeys) {
    first.fill(Number.NaN);
    let furthest = -1;
    let status = 0;
    for (const event of journey.events) {
      const time = Date.parse(event.at as string);
      if (time > asOf) continue;
      if (event.type === 'stage') {
        const stage = index.get(event.stage) as number;
        if (Number.isNaN(first[stage] as number)) first[stage] = time;
        if (stage > furthest) furthest = stage;
      } else if (event.type === 'outcome') {
        status = event.outcome === 'won' ? 1 : event.outcome === 'lost' ? 2 : status;
        if (event.outcome === 'won') furthest = stageCount - 1;
      }
    }
    for (let stage = 0; stage <= furthest; stage += 1)
      reached[stage] = (reached[stage] as number) + 1;
    for (let stage = 0; stage < stageCount - 1; stage += 1) {
      const gap = (first[stage + 1] as number) - (first[stage] as number);
      if (gap >= 0) (toNext[stage] as Float64Array)[(toNextCount[stage] as number)++] = gap;
    }
    if (status === 1) {
      won += 1;
      const [whole = '0', cents = '0'] = String(journey.amount).split('.');
      wonCents += Number(whole) * 100 + Number(cents.padEnd(2, '0'));
    } else if (status === 2) {
      lost += 1;
    }
  }
  const medians = toNext.map((values, stage) => {
    const sorted = values.subarray(0, toNextCount[stage]).sort();
    const middle = sorted.length >> 1;
    return sorted.length === 0
      ? null
      : sorted.length % 2
        ? sorted[middle]
        : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  });
  return { reached, medians, won, lost, wonCents };
}
