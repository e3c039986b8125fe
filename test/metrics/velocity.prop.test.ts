import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { type JourneyInput, velocity } from '../../src/index.js';
import {
  AFTER_ALL,
  DAY,
  type EventSpec,
  eventSpecsArb,
  journeysArb,
  LAST,
  msOf,
  outcomeSpec,
  pipeline,
  STEP,
  stageIds,
} from './arbitraries.js';

/** Events of a journey that closes (won, lost or disqualified) after everything else happened. */
const closedSpecsArb: fc.Arbitrary<EventSpec[]> = fc
  .tuple(
    eventSpecsArb,
    fc.integer({ min: 1, max: 20 }),
    fc.constantFrom('won' as const, 'lost' as const, 'disqualified' as const),
  )
  .chain(([specs, gap, outcome]) => {
    const last = specs.reduce((max, spec) => Math.max(max, spec.at), AFTER_ALL - 100 * DAY);
    return outcomeSpec(fc.constant(last + gap * STEP), fc.constant(outcome)).map((close) => [
      ...specs,
      close,
    ]);
  });

/**
 * Time in each stage, computed here from the raw events: from the first observed entry into the
 * stage to the first observed entry into any later stage, or to the close when it exited there.
 * A win is an observed entry into the last stage. Negative durations are left out.
 */
function timesInStage(journeys: readonly JourneyInput[]): number[][] {
  const days: number[][] = stageIds.map(() => []);
  for (const journey of journeys) {
    const first: (number | undefined)[] = stageIds.map(() => undefined);
    const enter = (stage: number, at: number) => {
      const seen = first[stage];
      first[stage] = seen === undefined ? at : Math.min(seen, at);
    };
    let close: { at: number; outcome: string } | undefined;
    for (const event of journey.events) {
      const at = msOf(event.at);
      if (event.type === 'stage') enter(stageIds.indexOf(event.stage), at);
      if (event.type === 'outcome') {
        if (event.outcome === 'won') enter(LAST, at);
        if (close === undefined || at > close.at) close = { at, outcome: event.outcome };
      }
    }
    const furthest = first.reduce<number>((max, at, stage) => (at === undefined ? max : stage), -1);
    const exited = close !== undefined && close.outcome !== 'won';
    for (let stage = 0; stage < LAST && stage <= furthest; stage += 1) {
      const entered = first[stage];
      if (entered === undefined) continue;
      const later = first.slice(stage + 1).filter((at): at is number => at !== undefined);
      let end: number;
      if (later.length > 0) end = Math.min(...later);
      else if (exited && stage === furthest && close) end = close.at;
      else throw new Error(`Journey ${journey.id} is still open at ${stageIds[stage]}`);
      if (end >= entered) (days[stage] as number[]).push((end - entered) / DAY);
    }
  }
  return days;
}

describe('velocity: Kaplan–Meier without censoring is the empirical curve', () => {
  test.prop([journeysArb({ specs: closedSpecsArb })], { numRuns: 250 })(
    'every journey closed and asOf after everything: time in stage is the empirical survival',
    (journeys) => {
      const result = velocity(pipeline, journeys, { asOf: new Date(AFTER_ALL + 365 * DAY) });
      const expected = timesInStage(journeys);
      result.stages.forEach((row, stage) => {
        if (stage === LAST) {
          expect(row.timeInStage).toBeNull();
          return;
        }
        const curve = row.timeInStage?.curve;
        if (!curve) throw new Error(`No curve at ${row.stage}`);
        const durations = [...(expected[stage] as number[])].sort((a, b) => a - b);
        const n = durations.length;
        const times = [...new Set(durations)];
        const above = (time: number) => durations.filter((duration) => duration > time).length;
        expect(curve.times).toEqual(times);
        expect(curve.censored).toEqual(times.map(() => 0));
        expect(curve.events).toEqual(
          times.map((time) => durations.filter((duration) => duration === time).length),
        );
        expect(curve.atRisk).toEqual(
          times.map((time) => durations.filter((duration) => duration >= time).length),
        );
        curve.survival.forEach((survival, index) => {
          expect(survival).toBeCloseTo(above(times[index] as number) / n, 12);
        });
        const median = times.find((time) => 2 * above(time) <= n) ?? null;
        expect(curve.median).toBe(median);
        expect(row.timeInStage?.median).toBe(median);
      });
    },
  );
});
