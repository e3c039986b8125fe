import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  type DateInput,
  type JourneyEventInput,
  type JourneyInput,
  presets,
  summarizeJourney,
} from '../../src/index.js';

const pipeline = presets.buyingPipeline;
const stageIds = ['target', 'contact', 'suspect', 'lead', 'qualified_lead', 'prospect', 'customer'];

const HOUR = 3_600_000;
const start = Date.UTC(2026, 0, 1);

/** Instants on a 12-hour grid over 80 days (ties are common), across 2026-03-08 (DST in New York). */
const instant = fc.integer({ min: 0, max: 160 }).map((step) => start + step * 12 * HOUR);

/** Three instants only: nearly every event ties with another one. */
const crowdedInstant = fc.constantFrom(start, start + 12 * HOUR, start + 36 * HOUR);

/** The same instant in every input form the library accepts. */
const dateInputAt = (instants: fc.Arbitrary<number>): fc.Arbitrary<DateInput> =>
  fc
    .tuple(instants, fc.constantFrom('ms', 'iso', 'date', 'offset'))
    .map(([ms, form]): DateInput => {
      if (form === 'ms') return ms;
      if (form === 'date') return new Date(ms);
      if (form === 'iso') return new Date(ms).toISOString();
      return new Date(ms - 5 * HOUR).toISOString().replace('Z', '-05:00');
    });

/** Random events over the buying pipeline, in random order, at the given instants. */
const eventsAt = (instants: fc.Arbitrary<number>): fc.Arbitrary<JourneyEventInput[]> => {
  const at = dateInputAt(instants);
  const stageEvent: fc.Arbitrary<JourneyEventInput> = fc.record({
    type: fc.constant('stage' as const),
    stage: fc.constantFrom(...stageIds),
    at,
  });
  const outcomeEvent: fc.Arbitrary<JourneyEventInput> = fc.record(
    {
      type: fc.constant('outcome' as const),
      outcome: fc.constantFrom(
        'won' as const,
        'lost' as const,
        'disqualified' as const,
        'recycled' as const,
      ),
      at,
      reason: fc.constantFrom('price', 'timing', 'no budget'),
    },
    { requiredKeys: ['type', 'outcome', 'at'] },
  );
  const otherEvent: fc.Arbitrary<JourneyEventInput> = fc.oneof(
    fc.record(
      {
        type: fc.constant('activity' as const),
        at,
        kind: fc.constantFrom('call', 'email', 'meeting'),
        by: fc.constantFrom('sales', 'marketing'),
      },
      { requiredKeys: ['type', 'at'] },
    ),
    fc.record({
      type: fc.constant('behaviour' as const),
      at,
      name: fc.constantFrom('webinar', 'download', 'pricing_page_visit'),
    }),
    fc.record(
      {
        type: fc.constant('forecast' as const),
        at,
        closeDate: at,
        amount: fc.integer({ min: 0, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2)),
      },
      { requiredKeys: ['type', 'at', 'closeDate'] },
    ),
  );
  return fc
    .tuple(
      fc.array(stageEvent, { maxLength: 8 }),
      fc.array(outcomeEvent, { maxLength: 3 }),
      fc.array(otherEvent, { maxLength: 4 }),
    )
    .chain(([stages, outcomes, others]) => {
      const all = [...stages, ...outcomes, ...others];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    });
};

const journeyWith = (events: fc.Arbitrary<JourneyEventInput[]>): fc.Arbitrary<JourneyInput> =>
  fc.record(
    {
      id: fc.constantFrom('acme', 'globex', 'initech'),
      origin: fc.constantFrom('marketing', 'sales', 'partner'),
      amount: fc.oneof(
        fc.integer({ min: 0, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2)),
        fc.integer({ min: 0, max: 100_000 }),
      ),
      attributes: fc.dictionary(
        fc.constantFrom('industry', 'employees', 'region'),
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
      ),
      events,
    },
    { requiredKeys: ['id', 'events'] },
  );

/** Journeys spread over 80 days, and journeys whose events crowd into three instants. */
const journeyArb: fc.Arbitrary<JourneyInput> = fc.oneof(
  { arbitrary: journeyWith(eventsAt(instant)), weight: 3 },
  { arbitrary: journeyWith(eventsAt(crowdedInstant)), weight: 1 },
);

/** asOf from before the first possible event to after the last, often after all of them. */
const asOfArb = fc
  .oneof(
    { arbitrary: fc.integer({ min: -2, max: 170 }), weight: 2 },
    { arbitrary: fc.constant(170), weight: 1 },
  )
  .map((step) => new Date(start + step * 12 * HOUR).toISOString());

/** A journey, an asOf, and the same events in another order. */
const permutedArb = fc.tuple(journeyArb, asOfArb).chain(([journey, asOf]) =>
  fc.tuple(
    fc.constant(journey),
    fc.constant(asOf),
    fc.shuffledSubarray([...journey.events], {
      minLength: journey.events.length,
      maxLength: journey.events.length,
    }),
  ),
);

describe('summarizeJourney properties', () => {
  test.prop([journeyArb, asOfArb])(
    'reached is exactly the pipeline prefix up to furthestStage (implied passage)',
    (journey, asOf) => {
      const summary = summarizeJourney(pipeline, journey, { asOf });
      const keys = Object.keys(summary.reached);
      if (summary.furthestStage === null) {
        expect(keys).toEqual([]);
        expect(summary.currentStage).toBeNull();
        return;
      }
      const k = stageIds.indexOf(summary.furthestStage);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(keys).toEqual(stageIds.slice(0, k + 1));
      // The furthest stage was entered, so it has an observed time.
      expect(summary.reached[summary.furthestStage]).toBeInstanceOf(Date);
      for (const value of Object.values(summary.reached)) {
        if (value !== null) expect(value.getTime()).toBeLessThanOrEqual(Date.parse(asOf));
      }
      expect(stageIds.indexOf(summary.currentStage ?? '')).toBeLessThanOrEqual(k);
      expect(stageIds.indexOf(summary.currentStage ?? '')).toBeGreaterThanOrEqual(0);
    },
  );

  test.prop([permutedArb], { numRuns: 1000 })(
    'does not depend on the order of the input events',
    ([journey, asOf, shuffled]) => {
      const original = summarizeJourney(pipeline, journey, { asOf });
      const permuted = summarizeJourney(pipeline, { ...journey, events: shuffled }, { asOf });
      const reversed = summarizeJourney(
        pipeline,
        { ...journey, events: [...journey.events].reverse() },
        { asOf },
      );
      expect(JSON.stringify(permuted)).toBe(JSON.stringify(original));
      expect(JSON.stringify(reversed)).toBe(JSON.stringify(original));
    },
  );

  test.prop([journeyArb, asOfArb])('never mutates its input', (journey, asOf) => {
    const options = { asOf };
    const before = structuredClone({ journey, options });
    summarizeJourney(pipeline, journey, options);
    expect({ journey, options }).toEqual(before);
    expect(Object.isFrozen(journey)).toBe(false);
    expect(Object.isFrozen(journey.events)).toBe(false);
    for (const event of journey.events) {
      expect(Object.isFrozen(event)).toBe(false);
      if (event.at instanceof Date) expect(Object.isFrozen(event.at)).toBe(false);
    }
  });

  test.prop([journeyArb, asOfArb])(
    'serialises to JSON without NaN: ageInStageDays is null or a finite number ≥ 0',
    (journey, asOf) => {
      const summary = summarizeJourney(pipeline, journey, { asOf });
      const age = summary.ageInStageDays;
      if (summary.currentStage === null) {
        expect(age).toBeNull();
      } else {
        expect(typeof age).toBe('number');
        expect(Number.isFinite(age)).toBe(true);
        expect(age).toBeGreaterThanOrEqual(0);
      }
      expect(Number.isInteger(summary.recycles)).toBe(true);
      expect(summary.recycles).toBeGreaterThanOrEqual(0);
      const text = JSON.stringify(summary);
      expect(text).not.toContain('NaN');
      const back = JSON.parse(text) as Record<string, unknown>;
      expect(back['ageInStageDays']).toBe(age);
      expect(back['recycles']).toBe(summary.recycles);
      expect(back['amount']).toBe(summary.amount === null ? null : summary.amount.toString());
    },
  );

  test.prop([journeyArb, asOfArb])(
    'entries are in time order up to asOf, and close fields agree with the status',
    (journey, asOf) => {
      const summary = summarizeJourney(pipeline, journey, { asOf });
      const times = summary.entries.map((entry) => entry.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const time of times) expect(time).toBeLessThanOrEqual(Date.parse(asOf));
      // An outcome dated before any stage stands; the stages recorded after it do not move the journey.
      if (!summary.anomalies.includes('outcome_before_first_stage')) {
        expect(summary.currentStage).toBe(summary.entries.at(-1)?.stage ?? null);
      }
      if (summary.status === 'open') {
        expect(summary.closedAt).toBeNull();
        expect(summary.exitedAt).toBeNull();
      } else {
        expect(summary.closedAt?.getTime()).toBeLessThanOrEqual(Date.parse(asOf));
      }
      if (summary.status === 'won') expect(summary.currentStage).toBe('customer');
      if (summary.status === 'lost' || summary.status === 'disqualified') {
        expect(summary.exitedAt).toBe(summary.furthestStage);
      } else {
        expect(summary.exitedAt).toBeNull();
      }
    },
  );
});
