import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  createFunnelAccumulator,
  definePipeline,
  type FunnelOptions,
  funnelAccumulatorFromJSON,
  funnelReport,
  isPipelineError,
  type JourneyEventInput,
  type JourneyInput,
  presets,
} from '../../src/index.js';
import { json, outcome, stage, thrown } from '../helpers.js';

const pipeline = presets.buyingPipeline;
const asOf = '2026-06-30';

const touch = (at: string): JourneyEventInput => ({ type: 'activity', at });

// A mix: won with and without stages, lost with reasons, open, recycled, unstaged, anomalies,
// amounts with cents and sub-cent amounts, a missing origin, attributes for the mix.
const journeys: JourneyInput[] = [
  {
    id: 'a-won',
    origin: 'marketing',
    amount: '1234.56',
    attributes: { industry: 'retail', existingCustomer: true },
    events: [
      stage('lead', '2026-01-05'),
      touch('2026-01-06'),
      stage('qualified_lead', '2026-01-15'),
      stage('prospect', '2026-02-01'),
      outcome('won', '2026-03-01'),
    ],
  },
  {
    id: 'b-lost',
    origin: 'sales',
    amount: '0.10',
    events: [
      stage('suspect', '2026-01-02'),
      stage('qualified_lead', '2026-01-20'),
      outcome('lost', '2026-02-10', 'price'),
    ],
  },
  {
    id: 'c-open',
    origin: 'marketing',
    events: [stage('target', '2026-01-01'), stage('lead', '2026-02-01')],
  },
  {
    id: 'd-recycled',
    origin: 'marketing',
    amount: '10.005',
    events: [
      stage('lead', '2026-01-03'),
      stage('qualified_lead', '2026-01-12'),
      outcome('recycled', '2026-02-01'),
      stage('qualified_lead', '2026-03-01'),
      stage('prospect', '2026-03-20'),
    ],
  },
  {
    id: 'e-won-no-stage',
    origin: 'sales',
    amount: 99.99,
    attributes: { industry: 'tech' },
    events: [outcome('won', '2026-02-15')],
  },
  { id: 'f-unstaged', origin: 'marketing', events: [touch('2026-01-07')] },
  {
    id: 'g-no-origin',
    events: [stage('lead', '2026-01-04'), outcome('disqualified', '2026-01-08', 'no budget')],
  },
  {
    id: 'h-won-before',
    amount: '5',
    events: [outcome('won', '2026-01-05'), stage('lead', '2026-01-10')],
  },
  { id: 'i-no-amount', origin: 'partner', events: [stage('prospect', '2026-04-01')] },
];

const options: FunnelOptions = {
  asOf,
  by: 'origin',
  conversion: { within: 30 },
  winRate: { includeDisqualified: true },
  deals: { mixBy: 'industry' },
};

describe('createFunnelAccumulator: pieces give the one-pass report', () => {
  it('adds journeys one at a time into the same report as funnelReport', () => {
    const accumulator = createFunnelAccumulator(pipeline, options);
    for (const journey of journeys) expect(accumulator.add(journey)).toBe(accumulator);
    const report = funnelReport(pipeline, journeys, options);
    expect(json(accumulator.result())).toEqual(json(report));
    // A spot check that the report is not trivially empty: 9 read, 1 unstaged.
    expect(report.journeys).toBe(9);
    expect(report.measured).toBe(8);
  });

  it('merges two accumulators, in either order, into the same report', () => {
    const first = journeys.slice(0, 4);
    const second = journeys.slice(4);
    const build = (part: JourneyInput[]) => {
      const accumulator = createFunnelAccumulator(pipeline, options);
      for (const journey of part) accumulator.add(journey);
      return accumulator;
    };
    const expected = json(funnelReport(pipeline, journeys, options));
    expect(json(build(first).merge(build(second)).result())).toEqual(expected);
    expect(json(build(second).merge(build(first)).result())).toEqual(expected);
    // Merging an empty accumulator changes nothing.
    expect(json(build(journeys).merge(build([])).result())).toEqual(expected);
  });

  it('survives toJSON → JSON.stringify → JSON.parse → funnelAccumulatorFromJSON', () => {
    const accumulator = createFunnelAccumulator(pipeline, options);
    for (const journey of journeys.slice(0, 5)) accumulator.add(journey);
    const copy = funnelAccumulatorFromJSON(
      pipeline,
      JSON.parse(JSON.stringify(accumulator.toJSON())),
    );
    expect(json(copy.result())).toEqual(json(accumulator.result()));
    // The copy goes on where the original stopped.
    for (const journey of journeys.slice(5)) copy.add(journey);
    expect(json(copy.result())).toEqual(json(funnelReport(pipeline, journeys, options)));
    // And it merges with an accumulator built here.
    const rest = createFunnelAccumulator(pipeline, options);
    for (const journey of journeys.slice(5)) rest.add(journey);
    const again = funnelAccumulatorFromJSON(
      pipeline,
      JSON.parse(JSON.stringify(accumulator.toJSON())),
    );
    expect(json(again.merge(rest).result())).toEqual(
      json(funnelReport(pipeline, journeys, options)),
    );
  });

  it('saves the options it was built with, even if the caller changes their object later', () => {
    const given = { asOf: '2026-06-30', conversion: { within: 10 } };
    const accumulator = createFunnelAccumulator(pipeline, given);
    accumulator.add(journeys[0] as JourneyInput);
    // The caller reuses its options object for something else.
    given.asOf = '2026-01-10';
    given.conversion.within = 100;
    const copy = funnelAccumulatorFromJSON(
      pipeline,
      JSON.parse(JSON.stringify(accumulator.toJSON())),
    );
    // The state was built as of 06-30 with within 10; the copy must say so.
    expect(json(copy.result())).toEqual(json(accumulator.result()));
    expect(accumulator.options).toEqual({ asOf: '2026-06-30', conversion: { within: 10 } });
  });

  it('gives an empty report before anything is added', () => {
    const accumulator = createFunnelAccumulator(pipeline, options);
    expect(json(accumulator.result())).toEqual(json(funnelReport(pipeline, [], options)));
  });

  it('merges accumulators whose options differ only in how asOf is written', () => {
    const a = createFunnelAccumulator(pipeline, { asOf: '2026-06-30' });
    const b = createFunnelAccumulator(pipeline, { asOf: new Date('2026-06-30T00:00:00Z') });
    a.add(journeys[0] as JourneyInput);
    b.add(journeys[1] as JourneyInput);
    expect(a.merge(b).result().journeys).toBe(2);
  });

  it('refuses to merge accumulators with different options or pipelines', () => {
    const base = createFunnelAccumulator(pipeline, options);
    const otherAsOf = createFunnelAccumulator(pipeline, { ...options, asOf: '2026-07-01' });
    const error = thrown(() => base.merge(otherAsOf));
    expect(isPipelineError(error)).toBe(true);
    expect(error.code).toBe('invalid_options');
    expect(error.issues[0]).toMatchObject({ code: 'mismatch', path: [] });
    const otherWithin = createFunnelAccumulator(pipeline, {
      ...options,
      conversion: { within: 31 },
    });
    expect(thrown(() => base.merge(otherWithin)).code).toBe('invalid_options');
    const otherPipeline = createFunnelAccumulator(presets.demandWaterfall, { asOf });
    expect(
      thrown(() => createFunnelAccumulator(pipeline, { asOf }).merge(otherPipeline)).code,
    ).toBe('invalid_options');
    // Nothing was merged into base by the failed attempts.
    expect(base.result().journeys).toBe(0);
  });

  it('refuses a saved state for another pipeline', () => {
    const saved = JSON.parse(JSON.stringify(createFunnelAccumulator(pipeline, { asOf }).toJSON()));
    const other = definePipeline({
      stages: [
        { id: 'lead', owner: 'marketing' },
        { id: 'customer', owner: 'sales' },
      ],
    });
    const error = thrown(() => funnelAccumulatorFromJSON(other, saved));
    expect(error.code).toBe('invalid_options');
  });

  it('names the journey by its running index when add fails', () => {
    const accumulator = createFunnelAccumulator(pipeline, { asOf });
    accumulator.add(journeys[0] as JourneyInput).add(journeys[1] as JourneyInput);
    const error = thrown(() =>
      accumulator.add({ id: 'bad', events: [stage('mql', '2026-01-01')] }),
    );
    expect(error.code).toBe('unknown_stage');
    expect(error.issues[0].path).toEqual([2, 'events', 0, 'stage']);
    // The bad journey was not counted.
    expect(accumulator.result().journeys).toBe(2);
  });

  it('does not hang or crash when an accumulator is merged with itself', () => {
    // Expected: either a PipelineError (merging with itself is refused) or every journey
    // counted twice. Run in a child process with little memory and a time limit, because a
    // loop that appends a list to itself never ends.
    const source = new URL('../../src/index.ts', import.meta.url).href;
    const code = `
      const { createFunnelAccumulator, isPipelineError, presets } = await import(${JSON.stringify(source)});
      const a = createFunnelAccumulator(presets.buyingPipeline, { asOf: '2026-06-30' });
      a.add({ id: 'x', events: [
        { type: 'stage', stage: 'lead', at: '2026-01-01' },
        { type: 'stage', stage: 'qualified_lead', at: '2026-01-05' },
      ] });
      try {
        a.merge(a);
        console.log('merged ' + a.result().journeys);
      } catch (error) {
        console.log(isPipelineError(error) ? 'refused' : 'other ' + String(error));
      }`;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--max-old-space-size=128', '--input-type=module', '-e', code],
      { encoding: 'utf8', timeout: 20_000 },
    );
    const fatal = child.stderr.split('\n').find((line) => /FATAL|Error/.test(line)) ?? '';
    expect({ status: child.status, signal: child.signal, fatal }).toEqual({
      status: 0,
      signal: null,
      fatal: '',
    });
    expect(['merged 2', 'refused']).toContain(child.stdout.trim());
  }, 30_000);
});

describe('createFunnelAccumulator: fromJSON as a method', () => {
  it('reads a state written by toJSON into a new accumulator of the same pipeline', () => {
    const pipeline = presets.buyingPipeline;
    const journeys = [
      {
        id: 'a',
        origin: 'marketing',
        amount: '10.50',
        events: [
          { type: 'stage' as const, stage: 'lead', at: '2026-01-05' },
          { type: 'outcome' as const, outcome: 'won' as const, at: '2026-02-01' },
        ],
      },
      { id: 'b', events: [{ type: 'stage' as const, stage: 'prospect', at: '2026-01-07' }] },
    ];
    const first = createFunnelAccumulator(pipeline, { asOf: '2026-06-30' });
    first.add(journeys[0] as JourneyInput);
    const copy = first.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
    expect(copy).not.toBe(first);
    copy.add(journeys[1] as JourneyInput);
    expect(JSON.stringify(copy.result())).toBe(
      JSON.stringify(funnelReport(pipeline, journeys, { asOf: '2026-06-30' })),
    );
  });
});
