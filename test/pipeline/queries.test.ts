import { describe, expect, it } from 'vitest';
import {
  definePipeline,
  getStage,
  hasStage,
  meetsCriteria,
  nextStage,
  type Pipeline,
  presets,
  previousStage,
  stageIndex,
  stageOwner,
  stagesOwnedBy,
} from '../../src/index.js';
import { thrown } from '../helpers.js';

const buying = presets.buyingPipeline;

const custom = definePipeline({
  stages: [
    { id: 'lead', owner: 'marketing' },
    { id: 'mql', owner: 'marketing', criteria: { field: 'score', op: '>=', value: 75 } },
    {
      id: 'review',
      name: 'Joint review',
      owner: 'shared',
      criteria: {
        all: [
          { field: 'company.country', op: 'in', value: ['DE', 'AT', 'CH'] },
          { not: { field: 'email', op: 'contains', value: '@gmail.' } },
        ],
      },
    },
    { id: 'sal', owner: 'sales' },
  ],
});

const ids = (stages: readonly { id: string }[] | null) => stages?.map((stage) => stage.id);

describe('getStage', () => {
  it('returns the stage object itself', () => {
    expect(getStage(buying, 'qualified_lead')).toBe(buying.stages[4]);
    expect(getStage(buying, 'qualified_lead').name).toBe('Qualified lead');
    expect(getStage(custom, 'review')).toStrictEqual({
      id: 'review',
      name: 'Joint review',
      owner: 'shared',
      criteria: custom.stages[2]?.criteria,
      steps: [],
    });
  });
});

describe('stageIndex and hasStage', () => {
  it('numbers the stages from 0 in pipeline order', () => {
    expect(buying.stages.map((stage) => stageIndex(buying, stage.id))).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    expect(stageIndex(presets.demandWaterfall, 'sal')).toBe(2);
    expect(stageIndex(custom, 'sal')).toBe(3);
  });

  it('says whether a stage exists without throwing', () => {
    expect(hasStage(buying, 'lead')).toBe(true);
    expect(hasStage(buying, 'mql')).toBe(false);
    expect(hasStage(presets.demandWaterfall, 'mql')).toBe(true);
    expect(hasStage(buying, '')).toBe(false);
    expect(hasStage(buying, 'Lead')).toBe(false);
  });

  it('does not mistake inherited property names for stages', () => {
    expect(hasStage(buying, 'toString')).toBe(false);
    expect(hasStage(buying, 'constructor')).toBe(false);
    expect(hasStage(buying, '__proto__')).toBe(false);
  });
});

describe('nextStage and previousStage', () => {
  it('step forward and back through the buying pipeline', () => {
    expect(nextStage(buying, 'lead')?.id).toBe('qualified_lead');
    expect(nextStage(buying, 'target')?.id).toBe('contact');
    expect(previousStage(buying, 'qualified_lead')?.id).toBe('lead');
    expect(previousStage(buying, 'customer')?.id).toBe('prospect');
  });

  it('return null past either end', () => {
    expect(nextStage(buying, 'customer')).toBeNull();
    expect(previousStage(buying, 'target')).toBeNull();
    expect(nextStage(custom, 'sal')).toBeNull();
    expect(previousStage(custom, 'lead')).toBeNull();
  });

  it('return the stage objects themselves', () => {
    expect(nextStage(custom, 'mql')).toBe(custom.stages[2]);
    expect(previousStage(custom, 'mql')).toBe(custom.stages[0]);
  });

  it('work on a pipeline with a single stage', () => {
    const single = definePipeline({ stages: [{ id: 'deal', owner: 'sales' }] });
    expect(nextStage(single, 'deal')).toBeNull();
    expect(previousStage(single, 'deal')).toBeNull();
  });
});

describe('stageOwner and stagesOwnedBy', () => {
  it('name the team that owns a stage', () => {
    expect(stageOwner(buying, 'lead')).toBe('marketing');
    expect(stageOwner(buying, 'qualified_lead')).toBe('sales');
    expect(stageOwner(presets.nurture, 'nurture_engaged')).toBe('shared');
    expect(stageOwner(custom, 'review')).toBe('shared');
  });

  it('list the stages a team owns, in pipeline order', () => {
    expect(ids(stagesOwnedBy(buying, 'marketing'))).toEqual([
      'target',
      'contact',
      'suspect',
      'lead',
    ]);
    expect(ids(stagesOwnedBy(buying, 'sales'))).toEqual(['qualified_lead', 'prospect', 'customer']);
    expect(ids(stagesOwnedBy(buying, 'shared'))).toEqual([]);
    expect(ids(stagesOwnedBy(presets.nurture, 'shared'))).toEqual([
      'nurture_contacted',
      'nurture_engaged',
      'nurture_qualified',
    ]);
    expect(ids(stagesOwnedBy(custom, 'marketing'))).toEqual(['lead', 'mql']);
  });
});

describe('meetsCriteria', () => {
  it('admits everyone to a stage without criteria', () => {
    expect(meetsCriteria(custom, 'lead', {})).toStrictEqual({ holds: true, failed: [] });
    expect(meetsCriteria(buying, 'qualified_lead', {})).toStrictEqual({ holds: true, failed: [] });
  });

  it('holds when the facts meet the criteria, numeric text included', () => {
    expect(meetsCriteria(custom, 'mql', { score: 80 })).toStrictEqual({ holds: true, failed: [] });
    expect(meetsCriteria(custom, 'mql', { score: 75 })).toStrictEqual({ holds: true, failed: [] });
    expect(meetsCriteria(custom, 'mql', { score: '80' })).toStrictEqual({
      holds: true,
      failed: [],
    });
  });

  it('says which test failed and what it found', () => {
    expect(meetsCriteria(custom, 'mql', { score: 60 })).toStrictEqual({
      holds: false,
      failed: [
        {
          path: [],
          field: 'score',
          op: '>=',
          expected: 75,
          actual: 60,
          message: 'score is 60, expected >= 75',
        },
      ],
    });
    expect(meetsCriteria(custom, 'mql', {})).toStrictEqual({
      holds: false,
      failed: [
        {
          path: [],
          field: 'score',
          op: '>=',
          expected: 75,
          actual: undefined,
          message: 'score missing, expected >= 75',
        },
      ],
    });
  });

  it('reports a failed part of nested criteria at its path', () => {
    const facts = { company: { country: 'DE' }, email: 'anna@gmail.com' };
    expect(meetsCriteria(custom, 'review', facts)).toStrictEqual({
      holds: false,
      failed: [
        {
          path: ['all', 1],
          message: 'expected {"field":"email","op":"contains","value":"@gmail."} not to hold',
        },
      ],
    });
    expect(
      meetsCriteria(custom, 'review', { company: { country: 'AT' }, email: 'anna@example.at' }),
    ).toStrictEqual({ holds: true, failed: [] });
  });

  it('gives the same answers for the same pipeline after a JSON round trip', () => {
    const plain = JSON.parse(JSON.stringify(custom)) as Pipeline;
    const facts = { company: { country: 'FR' }, email: 'anna@example.fr', score: 12 };
    expect(meetsCriteria(plain, 'review', facts)).toStrictEqual(
      meetsCriteria(custom, 'review', facts),
    );
    expect(meetsCriteria(plain, 'mql', facts)).toStrictEqual(meetsCriteria(custom, 'mql', facts));
  });
});

describe('unknown stage ids', () => {
  const known = '"target", "contact", "suspect", "lead", "qualified_lead", "prospect", "customer"';
  const issue = {
    code: 'unknown_stage',
    path: [],
    message: `Unknown stage "mql"; the pipeline has ${known}`,
  };

  it.each([
    { name: 'getStage', run: () => getStage(buying, 'mql') },
    { name: 'stageIndex', run: () => stageIndex(buying, 'mql') },
    { name: 'nextStage', run: () => nextStage(buying, 'mql') },
    { name: 'previousStage', run: () => previousStage(buying, 'mql') },
    { name: 'stageOwner', run: () => stageOwner(buying, 'mql') },
    { name: 'meetsCriteria', run: () => meetsCriteria(buying, 'mql', {}) },
  ])('$name throws unknown_stage and lists the stages', ({ run }) => {
    const error = thrown(run);
    expect(error.code).toBe('unknown_stage');
    expect(error.issues).toEqual([issue]);
    expect(error.message.endsWith(`: ${issue.message}`)).toBe(true);
  });

  it('stageIndex names itself in the message', () => {
    expect(thrown(() => stageIndex(buying, 'mql')).message).toBe(`stageIndex: ${issue.message}`);
  });

  // Every lookup shares one index; the message must still name the function the caller used.
  it.each([
    { name: 'getStage', run: () => getStage(buying, 'mql') },
    { name: 'nextStage', run: () => nextStage(buying, 'mql') },
    { name: 'previousStage', run: () => previousStage(buying, 'mql') },
    { name: 'stageOwner', run: () => stageOwner(buying, 'mql') },
    { name: 'meetsCriteria', run: () => meetsCriteria(buying, 'mql', {}) },
  ])('$name names itself in the message', ({ name, run }) => {
    expect(thrown(run).message).toBe(`${name}: ${issue.message}`);
  });
});
