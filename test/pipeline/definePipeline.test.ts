import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  definePipeline,
  isPipelineError,
  type PipelineConfig,
  PipelineError,
} from '../../src/index.js';
import { frozenPaths, issueCodesAndPaths, thrown, unfrozenPaths } from '../helpers.js';

/** Calls definePipeline with a config the types would reject, as JavaScript callers can. */
function defineUnchecked(config: unknown) {
  return definePipeline(config as PipelineConfig);
}

/** A config that uses every optional part, nested criteria included. */
function fullConfig() {
  return {
    id: 'sales-led',
    name: 'Sales-led',
    description: 'Lead to customer',
    stages: [
      { id: 'lead', name: 'Lead', owner: 'marketing', description: 'Showed interest' },
      {
        id: 'mql',
        owner: 'marketing',
        expectedDays: 14,
        criteria: {
          all: [
            { field: 'score', op: '>=', value: 75 },
            {
              any: [
                { field: 'country', op: 'in', value: ['DE', 'AT'] },
                { field: 'vip', op: 'exists' },
              ],
            },
            { not: { field: 'email', op: 'contains', value: '@gmail.' } },
          ],
        },
      },
      {
        id: 'opportunity',
        owner: 'sales',
        expectedDays: 30.5,
        steps: [
          { actor: 'sales', description: 'Run the demo', tools: ['demo', 'price list'] },
          { actor: 'buyer', description: 'Asks for a quote' },
        ],
      },
      { id: 'customer', owner: 'sales' },
    ],
    handoff: 'opportunity',
    outcomes: { lost: { reasons: ['price', 'competitor'] }, recycled: {} },
  } as const satisfies PipelineConfig;
}

describe('definePipeline: defaults', () => {
  it('defaults names to ids, steps to [], the handoff to the first sales stage and all four outcomes', () => {
    const pipeline = definePipeline({
      stages: [
        { id: 'lead', owner: 'marketing' },
        { id: 'opportunity', owner: 'sales' },
        { id: 'customer', owner: 'sales' },
      ],
    });
    expect(pipeline).toStrictEqual({
      stages: [
        { id: 'lead', name: 'lead', owner: 'marketing', steps: [] },
        { id: 'opportunity', name: 'opportunity', owner: 'sales', steps: [] },
        { id: 'customer', name: 'customer', owner: 'sales', steps: [] },
      ],
      handoff: 'opportunity',
      outcomes: { won: {}, lost: {}, disqualified: {}, recycled: {} },
    });
  });

  it('defaults the handoff past marketing and shared stages to the first one sales owns', () => {
    const pipeline = definePipeline({
      stages: [
        { id: 'responder', owner: 'marketing' },
        { id: 'nurture', owner: 'shared' },
        { id: 'stage_1', owner: 'sales' },
        { id: 'stage_2', owner: 'sales' },
      ],
    });
    expect(pipeline.handoff).toBe('stage_1');
  });

  it('keeps a given handoff even when sales does not own that stage', () => {
    const pipeline = definePipeline({
      stages: [
        { id: 'responder', owner: 'marketing' },
        { id: 'nurture', owner: 'shared' },
        { id: 'stage_1', owner: 'sales' },
      ],
      handoff: 'nurture',
    });
    expect(pipeline.handoff).toBe('nurture');
  });

  it('keeps everything that was given and fills in only what was not', () => {
    const pipeline = definePipeline(fullConfig());
    expect(pipeline).toStrictEqual({
      id: 'sales-led',
      name: 'Sales-led',
      description: 'Lead to customer',
      stages: [
        { id: 'lead', name: 'Lead', owner: 'marketing', description: 'Showed interest', steps: [] },
        {
          id: 'mql',
          name: 'mql',
          owner: 'marketing',
          expectedDays: 14,
          criteria: fullConfig().stages[1].criteria,
          steps: [],
        },
        {
          id: 'opportunity',
          name: 'opportunity',
          owner: 'sales',
          expectedDays: 30.5,
          steps: [
            { actor: 'sales', description: 'Run the demo', tools: ['demo', 'price list'] },
            { actor: 'buyer', description: 'Asks for a quote' },
          ],
        },
        { id: 'customer', name: 'customer', owner: 'sales', steps: [] },
      ],
      handoff: 'opportunity',
      outcomes: {
        won: {},
        lost: { reasons: ['price', 'competitor'] },
        disqualified: {},
        recycled: {},
      },
    });
  });
});

describe('definePipeline: immutability', () => {
  it('returns a deeply frozen pipeline (criteria, outcome reasons and step tools included)', () => {
    const pipeline = definePipeline(fullConfig());
    expect(Object.isFrozen(pipeline)).toBe(true);
    expect(Object.isFrozen(pipeline.stages[1]?.criteria)).toBe(true);
    expect(Object.isFrozen(pipeline.outcomes.lost.reasons)).toBe(true);
    expect(Object.isFrozen(pipeline.stages[2]?.steps[0]?.tools)).toBe(true);
    expect(() => {
      (pipeline as { handoff: string }).handoff = 'lead';
    }).toThrow(TypeError);
    expect(pipeline.handoff).toBe('opportunity');
  });

  it('leaves nothing unfrozen in a pipeline without steps', () => {
    const { stages, ...rest } = fullConfig();
    const pipeline = definePipeline({
      ...rest,
      stages: stages.map(({ id, owner }) => ({ id, owner })),
    });
    expect(unfrozenPaths(pipeline)).toEqual([]);
  });

  // Regression: a shallow freeze of the steps array (zod's `.readonly()`) once made deepFreeze
  // skip the step objects inside it.
  it('freezes the step objects inside stage.steps', () => {
    const pipeline = definePipeline(fullConfig());
    expect(unfrozenPaths(pipeline)).toEqual([]);
  });

  it('neither mutates nor freezes the config it was given', () => {
    const config = fullConfig();
    const before = structuredClone(config);
    const pipeline = definePipeline(config);
    expect(config).toStrictEqual(before);
    expect(frozenPaths(config)).toEqual([]);
    expect(Object.isFrozen(config.stages[1].criteria)).toBe(false);
    expect(Object.isFrozen(config.stages[1].criteria.all[1])).toBe(false);
    expect(Object.isFrozen(config.stages[2].steps[0])).toBe(false);
    expect(pipeline.stages[1]?.criteria).not.toBe(config.stages[1].criteria);
  });
});

describe('definePipeline: invalid configs', () => {
  const sales = { id: 'sales', owner: 'sales' };
  it.each([
    {
      problem: 'a duplicate stage id',
      config: {
        stages: [
          { id: 'lead', owner: 'marketing' },
          { id: 'lead', owner: 'sales' },
        ],
      },
      issues: [{ code: 'duplicate_stage', path: ['stages', 1, 'id'] }],
    },
    {
      problem: 'an empty stage list',
      config: { stages: [] },
      issues: [{ code: 'too_small', path: ['stages'] }],
    },
    {
      problem: 'stages that are not a list',
      config: { stages: 'lead' },
      issues: [{ code: 'invalid_type', path: ['stages'] }],
    },
    {
      problem: 'a config that is not an object',
      config: null,
      issues: [{ code: 'invalid_type', path: [] }],
    },
    {
      problem: 'a handoff that is not a stage',
      config: { stages: [sales], handoff: 'qualified' },
      issues: [{ code: 'unknown_stage', path: ['handoff'] }],
    },
    {
      problem: 'an unknown owner',
      config: { stages: [{ id: 'lead', owner: 'Sales' }] },
      issues: [{ code: 'invalid_value', path: ['stages', 0, 'owner'] }],
    },
    {
      problem: 'an unknown key at the top level',
      config: { stages: [sales], handof: 'sales' },
      issues: [{ code: 'unrecognized_keys', path: ['handof'] }],
    },
    {
      problem: 'an unknown key inside a stage',
      config: { stages: [sales, { id: 'won', owner: 'sales', expectedDay: 3 }] },
      issues: [{ code: 'unrecognized_keys', path: ['stages', 1, 'expectedDay'] }],
    },
    {
      problem: 'an unknown key inside a step',
      config: {
        stages: [{ ...sales, steps: [{ actor: 'sales', description: 'Call', tool: ['phone'] }] }],
      },
      issues: [{ code: 'unrecognized_keys', path: ['stages', 0, 'steps', 0, 'tool'] }],
    },
    {
      problem: 'an unknown outcome',
      config: { stages: [sales], outcomes: { lots: {} } },
      issues: [{ code: 'unrecognized_keys', path: ['outcomes', 'lots'] }],
    },
    {
      problem: 'malformed criteria deep inside',
      config: {
        stages: [
          {
            ...sales,
            criteria: {
              all: [
                { field: 'score', op: '>=', value: 75 },
                { field: 'country', op: 'like', value: 'DE' },
              ],
            },
          },
        ],
      },
      issues: [{ code: 'invalid_value', path: ['stages', 0, 'criteria', 'all', 1, 'op'] }],
    },
    {
      problem: 'a misspelt key inside criteria',
      config: { stages: [{ ...sales, criteria: { field: 'score', op: '>=', vaule: 75 } }] },
      issues: [
        { code: 'unrecognized_keys', path: ['stages', 0, 'criteria', 'vaule'] },
        { code: 'invalid_type', path: ['stages', 0, 'criteria', 'value'] },
      ],
    },
    {
      problem: 'negative expectedDays',
      config: { stages: [{ ...sales, expectedDays: -1 }] },
      issues: [{ code: 'too_small', path: ['stages', 0, 'expectedDays'] }],
    },
    {
      problem: 'infinite expectedDays',
      config: { stages: [{ ...sales, expectedDays: Number.POSITIVE_INFINITY }] },
      issues: [{ code: 'invalid_type', path: ['stages', 0, 'expectedDays'] }],
    },
    {
      problem: 'a blank stage name',
      config: { stages: [{ ...sales, name: '   ' }] },
      issues: [{ code: 'too_small', path: ['stages', 0, 'name'] }],
    },
    {
      problem: 'no handoff and no sales stage',
      config: {
        stages: [
          { id: 'lead', owner: 'marketing' },
          { id: 'nurture', owner: 'shared' },
        ],
      },
      issues: [{ code: 'missing_handoff', path: ['handoff'] }],
    },
  ])('rejects $problem', ({ config, issues }) => {
    const error = thrown(() => defineUnchecked(config));
    expect(isPipelineError(error)).toBe(true);
    expect(error).toBeInstanceOf(PipelineError);
    expect(error.name).toBe('PipelineError');
    expect(error.code).toBe('invalid_pipeline');
    expect(issueCodesAndPaths(error)).toEqual(issues);
    expect(error.cause).toBeInstanceOf(ZodError);
    expect(error.message.startsWith('definePipeline: ')).toBe(true);
  });

  it('names the duplicate and the stage that first used the id', () => {
    const error = thrown(() =>
      definePipeline({
        stages: [
          { id: 'lead', owner: 'marketing' },
          { id: 'mql', owner: 'marketing' },
          { id: 'lead', owner: 'sales' },
        ],
      }),
    );
    expect(error.issues).toEqual([
      {
        code: 'duplicate_stage',
        path: ['stages', 2, 'id'],
        message: 'Duplicate stage id "lead" (first used by stages[0])',
      },
    ]);
    expect(error.message).toBe(
      'definePipeline: Duplicate stage id "lead" (first used by stages[0]) at stages[2].id',
    );
  });

  it('lists the stages a wrong handoff could have been', () => {
    const error = thrown(() =>
      definePipeline({
        stages: [
          { id: 'lead', owner: 'marketing' },
          { id: 'sal', owner: 'sales' },
        ],
        handoff: 'sql',
      }),
    );
    expect(error.message).toBe(
      'definePipeline: Handoff "sql" is not a stage; expected one of "lead", "sal" at handoff',
    );
  });

  it('names an unknown key and counts the further issues in the message', () => {
    const error = thrown(() =>
      defineUnchecked({ stages: [{ id: 'sal', owner: 'sales', colour: 'red' }], handof: 'sal' }),
    );
    expect(error.issues).toEqual([
      { code: 'unrecognized_keys', path: ['stages', 0, 'colour'], message: 'Unknown key "colour"' },
      { code: 'unrecognized_keys', path: ['handof'], message: 'Unknown key "handof"' },
    ]);
    expect(error.message).toBe(
      'definePipeline: Unknown key "colour" at stages[0].colour (and 1 more issue)',
    );
  });

  it('says what an unknown owner received', () => {
    const error = thrown(() => defineUnchecked({ stages: [{ id: 'lead', owner: 'Sales' }] }));
    expect(error.message).toBe(
      'definePipeline: Invalid option: expected one of "marketing"|"sales"|"shared", received "Sales" at stages[0].owner',
    );
  });
});
