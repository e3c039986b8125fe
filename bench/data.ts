// A deterministic generator of journeys over the buying pipeline, for benchmarks.
import type { JourneyEventInput, JourneyInput, Pipeline } from '../src/index.js';

/** A small linear congruential generator: the same seed gives the same journeys. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function generateJourneys(pipeline: Pipeline, count: number, seed = 42): JourneyInput[] {
  const next = random(seed);
  const start = Date.UTC(2025, 0, 1);
  const day = 86_400_000;
  return Array.from({ length: count }, (_, index) => {
    const events: JourneyEventInput[] = [];
    let at = start + Math.floor(next() * 365) * day;
    let stage = Math.floor(next() * 3);
    while (stage < pipeline.stages.length - 1 && next() < 0.7) {
      events.push({
        type: 'stage',
        stage: pipeline.stages[stage]?.id ?? '',
        at: new Date(at).toISOString(),
      });
      if (next() < 0.5) events.push({ type: 'activity', at: at + day, kind: 'call', by: 'sales' });
      at += Math.floor(1 + next() * 20) * day;
      stage += 1 + (next() < 0.2 ? 1 : 0);
    }
    const roll = next();
    if (roll < 0.3) events.push({ type: 'outcome', outcome: 'won', at });
    else if (roll < 0.6) events.push({ type: 'outcome', outcome: 'lost', at, reason: 'price' });
    return {
      id: `J-${index}`,
      origin: next() < 0.5 ? 'marketing' : 'sales',
      amount: (Math.floor(next() * 1_000_000) / 100).toFixed(2),
      events: events.reverse(),
    };
  });
}
