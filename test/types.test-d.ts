import { describe, expectTypeOf, it } from 'vitest';
import {
  type Decimal,
  definePipeline,
  type Journey,
  type JourneyInput,
  type JourneySummary,
  journeysFromEvents,
  type Pipeline,
  type PipelineError,
  parseJourney,
  presets,
  summarizeJourney,
} from '../src/index.js';

describe('public types', () => {
  it('definePipeline returns a Pipeline whose stages are readonly', () => {
    const pipeline = definePipeline({ stages: [{ id: 'a', owner: 'sales' }] });
    expectTypeOf(pipeline).toEqualTypeOf<Pipeline>();
    expectTypeOf(pipeline.stages[0]).toEqualTypeOf<Pipeline['stages'][number] | undefined>();
    // @ts-expect-error stages are readonly
    pipeline.stages.push({ id: 'b', owner: 'sales', name: 'b', steps: [] });
  });

  it('rejects an unknown owner and outcome at compile time', () => {
    // @ts-expect-error 'salez' is not an owner
    definePipeline({ stages: [{ id: 'a', owner: 'salez' }] });
    const journey: JourneyInput = {
      id: 'a',
      // @ts-expect-error 'abandoned' is not one of the four outcomes
      events: [{ type: 'outcome', outcome: 'abandoned', at: '2026-01-01' }],
    };
    expectTypeOf(journey).toMatchTypeOf<JourneyInput>();
  });

  it('a parsed Journey is itself a JourneyInput, with Decimal money', () => {
    const journey = parseJourney({ id: 'a', amount: '1', events: [] });
    expectTypeOf(journey).toEqualTypeOf<Journey>();
    expectTypeOf(journey).toMatchTypeOf<JourneyInput>();
    expectTypeOf(journey.amount).toEqualTypeOf<Decimal | undefined>();
    expectTypeOf(journeysFromEvents([])).toEqualTypeOf<Journey[]>();
  });

  it('summaries put empty values in the types', () => {
    const summary = summarizeJourney(presets.buyingPipeline, { id: 'a', events: [] }, { asOf: 0 });
    expectTypeOf(summary).toEqualTypeOf<JourneySummary>();
    expectTypeOf(summary.reached['lead']).toEqualTypeOf<Date | null | undefined>();
    expectTypeOf(summary.ageInStageDays).toEqualTypeOf<number | null>();
    expectTypeOf(summary.amount).toEqualTypeOf<Decimal | null>();
  });

  it('PipelineError issues are a non-empty list', () => {
    expectTypeOf<PipelineError['issues'][0]['path']>().toEqualTypeOf<
      readonly (string | number)[]
    >();
  });
});
