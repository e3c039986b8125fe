import { describe, expect, it } from 'vitest';
import {
  conversion,
  createFunnelAccumulator,
  dealMetrics,
  type FunnelOptions,
  funnelReport,
  isPipelineError,
  type JourneyInput,
  leakage,
  type PipelineError,
  presets,
  stale,
  velocity,
  winRate,
} from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

const pipeline = presets.buyingPipeline;
const asOf = '2026-06-30';

const first = (error: PipelineError) => {
  expect(isPipelineError(error)).toBe(true);
  return { code: error.code, issue: issueCodesAndPaths(error)[0] };
};

const good: JourneyInput = {
  id: 'good',
  events: [{ type: 'stage', stage: 'lead', at: '2026-01-01' }],
};
const unknownAt1: JourneyInput = {
  id: 'bad',
  events: [
    { type: 'stage', stage: 'lead', at: '2026-01-01' },
    { type: 'stage', stage: 'mql', at: '2026-01-05' },
  ],
};

describe('metrics: bad options throw a PipelineError with the path', () => {
  it('names an unknown stage in the funnel options', () => {
    const cases: [FunnelOptions, (string | number)[]][] = [
      [{ asOf, conversion: { from: 'mql' } }, ['conversion', 'from']],
      [{ asOf, conversion: { to: 'sql' } }, ['conversion', 'to']],
      [
        { asOf, cohort: { start: '2026-01-01', end: '2026-02-01', stage: 'mql' } },
        ['cohort', 'stage'],
      ],
      [{ asOf, velocity: { from: 'mql' } }, ['velocity', 'from']],
      [{ asOf, winRate: { from: 'mql' } }, ['winRate', 'from']],
    ];
    for (const [options, path] of cases) {
      expect(first(thrown(() => funnelReport(pipeline, [good], options)))).toEqual({
        code: 'invalid_options',
        issue: { code: 'unknown_stage', path },
      });
      expect(first(thrown(() => createFunnelAccumulator(pipeline, options))).issue?.path).toEqual(
        path,
      );
    }
  });

  it("names the standalone conversion's `from` as the caller wrote it: ['from']", () => {
    // The caller passed { from: 'mql' }; there is no `conversion` key in what they wrote.
    const error = thrown(() => conversion(pipeline, [good], { from: 'mql' }));
    expect(error.code).toBe('invalid_options');
    expect(error.issues[0].code).toBe('unknown_stage');
    expect(error.issues[0].path).toEqual(['from']);
  });

  it('names the other standalone options as the caller wrote them', () => {
    const cases: [string, () => unknown, (string | number)[]][] = [
      ['conversion to', () => conversion(pipeline, [], { to: 'sql' }), ['to']],
      ['conversion within', () => conversion(pipeline, [], { within: -1 }), ['within']],
      ['conversion mode', () => conversion(pipeline, [], { mode: 'flow' }), ['mode']],
      ['winRate from', () => winRate(pipeline, [], { from: 'mql' }), ['from']],
      ['velocity from', () => velocity(pipeline, [], { asOf, from: 'mql' }), ['from']],
      [
        'leakage immediateDays',
        () => leakage(pipeline, [], { asOf, immediateDays: -1 }),
        ['immediateDays'],
      ],
      ['dealMetrics mixBy', () => dealMetrics(pipeline, [], { mixBy: '' }), ['mixBy']],
    ];
    for (const [name, run, path] of cases) {
      expect.soft(thrown(run).issues[0].path, name).toEqual(path);
    }
  });

  it('rejects a cohort window whose end precedes its start (an empty window is fine)', () => {
    const cohort = { start: '2026-02-01', end: '2026-01-01' };
    const expected = {
      code: 'invalid_options',
      issue: { code: 'invalid_value', path: ['cohort', 'end'] },
    };
    expect(first(thrown(() => funnelReport(pipeline, [good], { asOf, cohort })))).toEqual(expected);
    expect(first(thrown(() => conversion(pipeline, [good], { cohort })))).toEqual(expected);
    expect(first(thrown(() => velocity(pipeline, [good], { asOf, cohort })))).toEqual(expected);
    const empty = { start: '2026-01-01', end: '2026-01-01' };
    expect(funnelReport(pipeline, [good], { asOf, cohort: empty }).outsideCohort).toBe(1);
  });

  it('rejects a confidence of 0, 1 or 1.5', () => {
    for (const [confidence, code] of [
      [0, 'too_small'],
      [1, 'too_big'],
      [1.5, 'too_big'],
    ] as const) {
      const expected = { code: 'invalid_options', issue: { code, path: ['confidence'] } };
      expect(first(thrown(() => funnelReport(pipeline, [good], { asOf, confidence })))).toEqual(
        expected,
      );
      expect(first(thrown(() => conversion(pipeline, [good], { confidence })))).toEqual(expected);
      expect(first(thrown(() => winRate(pipeline, [good], { confidence })))).toEqual(expected);
      expect(first(thrown(() => velocity(pipeline, [good], { asOf, confidence })))).toEqual(
        expected,
      );
    }
  });

  it('rejects unknown option keys, with the key in the path', () => {
    const unknown = (run: () => unknown) => first(thrown(run));
    expect(unknown(() => funnelReport(pipeline, [], { asOf, foo: 1 } as never))).toEqual({
      code: 'invalid_options',
      issue: { code: 'unrecognized_keys', path: ['foo'] },
    });
    expect(
      unknown(() => funnelReport(pipeline, [], { asOf, conversion: { form: 'lead' } } as never))
        .issue,
    ).toEqual({ code: 'unrecognized_keys', path: ['conversion', 'form'] });
    expect(unknown(() => conversion(pipeline, [], { foo: 1 } as never)).issue).toEqual({
      code: 'unrecognized_keys',
      path: ['foo'],
    });
    expect(unknown(() => stale(pipeline, [], { asOf, foo: 1 } as never)).issue?.path).toEqual([
      'foo',
    ]);
  });

  it("rejects another calculator's option keys in a standalone calculator", () => {
    // These keys exist in FunnelOptions but not in the calculator's own options: they are
    // ignored (or, for conversion's `conversion`, overwritten) without a word.
    const cases: [string, () => unknown, string][] = [
      [
        'conversion + conversion',
        () => conversion(pipeline, [], { conversion: { within: 3 } } as never),
        'conversion',
      ],
      [
        'conversion + deals',
        () => conversion(pipeline, [], { deals: { mixBy: 'x' } } as never),
        'deals',
      ],
      [
        'winRate + conversion',
        () => winRate(pipeline, [], { conversion: { within: 3 } } as never),
        'conversion',
      ],
      ['velocity + by', () => velocity(pipeline, [], { asOf, by: 'origin' } as never), 'by'],
      ['leakage + by', () => leakage(pipeline, [], { asOf, by: 'origin' } as never), 'by'],
      ['dealMetrics + by', () => dealMetrics(pipeline, [], { by: 'origin' } as never), 'by'],
      ['stale + by', () => stale(pipeline, [], { asOf, by: 'origin' } as never), 'by'],
    ];
    for (const [name, run, key] of cases) {
      let issue: unknown = 'nothing thrown';
      try {
        run();
      } catch (error) {
        issue = isPipelineError(error) ? issueCodesAndPaths(error)[0] : String(error);
      }
      expect.soft(issue, name).toEqual({ code: 'unrecognized_keys', path: [key] });
    }
  });

  it('rejects `to` before `from`, and flow mode without a window', () => {
    expect(
      first(
        thrown(() =>
          funnelReport(pipeline, [], { asOf, conversion: { from: 'lead', to: 'target' } }),
        ),
      ),
    ).toEqual({
      code: 'invalid_options',
      issue: { code: 'invalid_value', path: ['conversion', 'to'] },
    });
    expect(
      first(thrown(() => funnelReport(pipeline, [], { asOf, conversion: { mode: 'flow' } }))).issue
        ?.path,
    ).toEqual(['conversion', 'mode']);
    expect(first(thrown(() => funnelReport(pipeline, [], {} as never))).issue?.path).toEqual([
      'asOf',
    ]);
  });
});

describe('metrics: bad journeys throw a PipelineError whose path starts with the journey index', () => {
  it('names an unknown stage in a journey: [journey, events, i, stage]', () => {
    const expected = {
      code: 'unknown_stage',
      issue: { code: 'unknown_stage', path: [1, 'events', 1, 'stage'] },
    };
    const runs: [string, () => unknown][] = [
      ['funnelReport', () => funnelReport(pipeline, [good, unknownAt1], { asOf })],
      ['conversion', () => conversion(pipeline, [good, unknownAt1])],
      ['velocity', () => velocity(pipeline, [good, unknownAt1], { asOf })],
      ['winRate', () => winRate(pipeline, [good, unknownAt1])],
      ['leakage', () => leakage(pipeline, [good, unknownAt1], { asOf })],
      ['dealMetrics', () => dealMetrics(pipeline, [good, unknownAt1])],
      ['stale', () => stale(pipeline, [good, unknownAt1], { asOf })],
    ];
    for (const [name, run] of runs) expect(first(thrown(run)), name).toEqual(expected);
  });

  it('names the unknown stage by its index in the caller’s events, also for a journey read the slow way', () => {
    // The origin's spaces send this journey down the validating path, which sorts the events;
    // 'mql' is still event 1 of what the caller wrote (docs/journeys.md: "i the index in your
    // events array").
    const journey: JourneyInput = {
      id: 'slow',
      origin: ' marketing ',
      events: [
        { type: 'stage', stage: 'lead', at: '2026-03-05' },
        { type: 'stage', stage: 'mql', at: '2026-03-01' },
      ],
    };
    const error = thrown(() => funnelReport(pipeline, [good, journey], { asOf }));
    expect(error.code).toBe('unknown_stage');
    expect(error.issues[0].path).toEqual([1, 'events', 1, 'stage']);
  });

  it('names the field of a malformed journey', () => {
    const cases: [JourneyInput, string, (string | number)[]][] = [
      [{ events: [] } as never, 'invalid_type', [1, 'id']],
      [
        { id: 'x', events: [{ type: 'stage', stage: 'lead', at: 'soon' }] },
        'invalid_date',
        [1, 'events', 0, 'at'],
      ],
      [
        { id: 'x', events: [{ type: 'stage', stage: 'lead', at: '2026-03-02T09:00:00' }] },
        'invalid_date',
        [1, 'events', 0, 'at'],
      ],
      [{ id: 'x', amount: '-5', events: [] }, 'too_small', [1, 'amount']],
      [
        { id: 'x', events: [{ type: 'outcome', outcome: 'gone', at: '2026-01-01' } as never] },
        'invalid_value',
        [1, 'events', 0, 'outcome'],
      ],
      [{ id: 'x', events: [], colour: 'red' } as never, 'unrecognized_keys', [1, 'colour']],
      [null as never, 'invalid_type', [1]],
    ];
    for (const [journey, code, path] of cases) {
      expect(first(thrown(() => funnelReport(pipeline, [good, journey], { asOf })))).toEqual({
        code: 'invalid_journey',
        issue: { code, path },
      });
    }
  });
});
