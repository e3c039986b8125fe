import { describe, expect, it } from 'vitest';
import {
  createScorer,
  defineScoringModel,
  type ScoringLead,
  type ScoringModelConfig,
  scoreLead,
  scoringPresets,
} from '../../src/index.js';
import { expectDeepFrozen, issueCodesAndPaths, json, thrown } from '../helpers.js';

const asOf = '2026-03-31';

describe('defineScoringModel', () => {
  it('fills in the seed defaults and freezes the model', () => {
    const model = defineScoringModel({ bantt: {}, threshold: 75 });
    expect(model.bantt?.dimensions.map((dimension) => [dimension.id, dimension.points])).toEqual([
      ['budget', 20],
      ['authority', 20],
      ['need', 20],
      ['timeframe', 20],
      ['trust', 20],
    ]);
    expect(model.bantt?.dimensions[0]?.levels).toEqual({
      confirmed: 1,
      indicated: 0.5,
      unknown: 0,
    });
    expect([model.min, model.max, model.weights]).toEqual([
      0,
      100,
      { bantt: 1, fit: 1, behaviour: 1 },
    ]);
    expectDeepFrozen(model);
    expectDeepFrozen(scoringPresets);
  });

  it('survives a JSON round trip: the copy defines the same model', () => {
    const config: ScoringModelConfig = {
      fit: {
        rules: [{ id: 'big', when: { field: 'employees', op: '>=', value: 500 }, points: 30 }],
        cap: 25,
      },
      behaviour: {
        rules: [{ id: 'demo', event: 'demo', points: 40, withinDays: 30 }],
        decay: { percent: 10, everyDays: 7 },
      },
      threshold: 30,
      grades: {
        fit: [
          { label: 'A', min: 20 },
          { label: 'B', min: 0 },
        ],
      },
    };
    const model = defineScoringModel(config);
    expect(defineScoringModel(json(model) as ScoringModelConfig)).toEqual(model);
    expect(model.max).toBe(65); // fit capped at 25 + demo 40
  });

  it('does not change its input', () => {
    const config: ScoringModelConfig = {
      fit: { rules: [{ id: 'x', when: { field: 'a', op: 'exists' }, points: 5 }] },
      threshold: 1,
    };
    const before = structuredClone(config);
    defineScoringModel(config);
    expect(config).toEqual(before);
    expect(Object.isFrozen(config.fit)).toBe(false);
  });

  const cases: [string, unknown, { code: string; path: unknown[] }][] = [
    [
      'non-positive dimension points',
      { bantt: { dimensions: [{ id: 'budget', points: 0 }] }, threshold: 0 },
      { code: 'too_small', path: ['bantt', 'dimensions', 0, 'points'] },
    ],
    [
      'non-positive weight',
      { bantt: {}, weights: { fit: -1 }, threshold: 75 },
      { code: 'too_small', path: ['weights', 'fit'] },
    ],
    [
      'a level above 1',
      { bantt: { levels: { confirmed: 1.5 } }, threshold: 75 },
      { code: 'too_big', path: ['bantt', 'levels', 'confirmed'] },
    ],
    [
      'a threshold above max',
      { bantt: {}, threshold: 120 },
      { code: 'out_of_range', path: ['threshold'] },
    ],
    [
      'a threshold below min',
      { bantt: {}, min: 10, threshold: 5 },
      { code: 'out_of_range', path: ['threshold'] },
    ],
    [
      'a zero half-life',
      { behaviour: { rules: [], decay: { halfLifeDays: 0 } }, max: 10, threshold: 5 },
      { code: 'too_small', path: ['behaviour', 'decay', 'halfLifeDays'] },
    ],
    [
      'a stepped decay without its period',
      { behaviour: { rules: [], decay: { percent: 10 } }, max: 10, threshold: 5 },
      { code: 'invalid_decay', path: ['behaviour', 'decay', 'everyDays'] },
    ],
    [
      'both kinds of decay',
      {
        behaviour: { rules: [], decay: { halfLifeDays: 5, percent: 10, everyDays: 3 } },
        max: 10,
        threshold: 5,
      },
      { code: 'invalid_decay', path: ['behaviour', 'decay'] },
    ],
    [
      'an unbounded behaviour component without max',
      {
        behaviour: { rules: [{ id: 'v', event: 'visit', points: 1, repeatable: true }] },
        threshold: 5,
      },
      { code: 'missing_max', path: ['max'] },
    ],
    [
      'a duplicate rule id',
      {
        fit: {
          rules: [
            { id: 'a', when: { field: 'x', op: 'exists' }, points: 1 },
            { id: 'a', when: { field: 'y', op: 'exists' }, points: 1 },
          ],
        },
        threshold: 1,
      },
      { code: 'duplicate_id', path: ['fit', 'rules', 1, 'id'] },
    ],
    [
      'a malformed condition',
      { fit: { rules: [{ id: 'a', when: { field: 'x', op: 'like', value: 1 } }] }, threshold: 0 },
      { code: 'invalid_value', path: ['fit', 'rules', 0, 'when', 'op'] },
    ],
    [
      'grade bands not best first',
      {
        bantt: {},
        threshold: 75,
        grades: {
          fit: [
            { label: 'B', min: 10 },
            { label: 'A', min: 20 },
          ],
        },
      },
      { code: 'unordered_bands', path: ['grades', 'fit', 1, 'min'] },
    ],
    [
      'a typo',
      { bantt: {}, treshold: 75, threshold: 75 },
      { code: 'unrecognized_keys', path: ['treshold'] },
    ],
    ['no component', { threshold: 0, max: 10 }, { code: 'no_component', path: [] }],
  ];

  it.each(cases)('rejects %s with its path', (_, config, issue) => {
    const error = thrown(() => defineScoringModel(config as ScoringModelConfig));
    expect(error.code).toBe('invalid_scoring_model');
    expect(issueCodesAndPaths(error)).toContainEqual(issue);
  });
});

describe('scoring bad leads', () => {
  const cases: [string, unknown, { code: string; path: unknown[] }][] = [
    [
      'an unknown answer level',
      { answers: { budget: 'maybe' } },
      { code: 'unknown_level', path: ['answers', 'budget'] },
    ],
    [
      'an unknown dimension',
      { answers: { budgte: 'confirmed' } },
      { code: 'unknown_dimension', path: ['answers', 'budgte'] },
    ],
    [
      'an answer that is not text',
      { answers: { need: 1 } },
      { code: 'invalid_type', path: ['answers', 'need'] },
    ],
    [
      'answers that are not an object',
      { answers: 'all' },
      { code: 'invalid_type', path: ['answers'] },
    ],
    ['a lead that is not an object', null, { code: 'invalid_type', path: [] }],
  ];

  it.each(cases)('rejects %s with its path', (_, lead, issue) => {
    const error = thrown(() => scoreLead(scoringPresets.bantt, lead as ScoringLead, { asOf }));
    expect(error.code).toBe('invalid_lead');
    expect(issueCodesAndPaths(error)).toEqual([issue]);
  });

  it('rejects behaviour events without a readable time or name', () => {
    const model = defineScoringModel({
      behaviour: { rules: [{ id: 'v', event: 'visit', points: 10 }] },
      threshold: 5,
    });
    const naive = thrown(() =>
      scoreLead(
        model,
        {
          events: [
            { type: 'stage', stage: 'lead', at: 'whenever' }, // not behaviour: not read
            { type: 'behaviour', name: 'visit', at: '2026-03-01T10:00:00' },
          ],
        } as ScoringLead,
        { asOf },
      ),
    );
    expect([naive.code, issueCodesAndPaths(naive)]).toEqual([
      'invalid_lead',
      [{ code: 'invalid_date', path: ['events', 1, 'at'] }],
    ]);
    const nameless = thrown(() =>
      scoreLead(
        model,
        { events: [{ type: 'behaviour', at: '2026-03-01' }] } as unknown as ScoringLead,
        { asOf },
      ),
    );
    expect(issueCodesAndPaths(nameless)).toEqual([
      { code: 'invalid_type', path: ['events', 0, 'name'] },
    ]);
  });

  it('needs asOf', () => {
    const missing = thrown(() => createScorer(scoringPresets.bantt, {} as { asOf: string }));
    expect([missing.code, issueCodesAndPaths(missing)]).toEqual([
      'invalid_options',
      [{ code: 'required', path: ['asOf'] }],
    ]);
    const naive = thrown(() => createScorer(scoringPresets.bantt, { asOf: '2026-03-01T10:00' }));
    expect(issueCodesAndPaths(naive)).toEqual([{ code: 'invalid_date', path: ['asOf'] }]);
  });

  it('validates a model that did not come from defineScoringModel', () => {
    const error = thrown(() =>
      scoreLead({ ...scoringPresets.bantt, threshold: 101 }, { answers: {} }, { asOf }),
    );
    expect([error.code, issueCodesAndPaths(error)]).toEqual([
      'invalid_scoring_model',
      [{ code: 'out_of_range', path: ['threshold'] }],
    ]);
  });
});
