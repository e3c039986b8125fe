import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { definePipeline, evaluateCondition, type PipelineConfig } from '../../src/index.js';
import { frozenPaths } from '../helpers.js';
import { condition, facts, field, scalar } from './arbitraries.js';

// Texts that survive validation (not blank); padding is allowed, definePipeline trims it.
const text = fc.string({ minLength: 1, maxLength: 12 }).filter((value) => value.trim() !== '');

const step = fc.record(
  {
    actor: fc.constantFrom('marketing', 'sales', 'buyer' as const),
    description: text,
    tools: fc.array(text, { maxLength: 3 }),
  },
  { requiredKeys: ['actor', 'description'], noNullPrototype: true },
);

const stage = fc.record(
  {
    id: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
    owner: fc.constantFrom('marketing', 'sales', 'shared' as const),
    name: text,
    description: text,
    criteria: condition,
    steps: fc.array(step, { maxLength: 3 }),
    expectedDays: fc.oneof(fc.nat(365), fc.double({ min: 0, max: 365, noNaN: true })),
  },
  { requiredKeys: ['id', 'owner'], noNullPrototype: true },
);

const outcome = fc.record(
  { reasons: fc.array(text, { maxLength: 3 }) },
  { requiredKeys: [], noNullPrototype: true },
);

const pipelineConfig: fc.Arbitrary<PipelineConfig> = fc
  .record(
    {
      id: text,
      name: text,
      description: text,
      stages: fc.uniqueArray(stage, { minLength: 1, maxLength: 6, selector: (s) => s.id }),
      outcomes: fc.record(
        { won: outcome, lost: outcome, disqualified: outcome, recycled: outcome },
        { requiredKeys: [], noNullPrototype: true },
      ),
    },
    { requiredKeys: ['stages'], noNullPrototype: true },
  )
  .chain((config) => {
    // A handoff is needed when no stage is owned by sales; otherwise it is optional.
    const ids = config.stages.map((s) => s.id);
    const pick = fc.constantFrom(...ids);
    const hasSales = config.stages.some((s) => s.owner === 'sales');
    const handoff = hasSales ? fc.option(pick, { nil: undefined, freq: 2 }) : pick;
    return handoff.map((id) => (id === undefined ? config : { ...config, handoff: id }));
  });

describe('definePipeline properties', () => {
  test.prop([pipelineConfig])('every pipeline survives a JSON round trip', (config) => {
    const pipeline = definePipeline(config);
    const again = definePipeline(JSON.parse(JSON.stringify(pipeline)) as PipelineConfig);
    expect(again).toStrictEqual(pipeline);
  });

  test.prop([pipelineConfig])('never mutates nor freezes its input', (config) => {
    const before = structuredClone(config);
    definePipeline(config);
    expect(config).toStrictEqual(before);
    expect(frozenPaths(config)).toEqual([]);
  });
});

describe('evaluateCondition properties', () => {
  test.prop([condition, facts], { numRuns: 500 })(
    'a condition holds exactly when its negation does not',
    (c, f) => {
      expect(evaluateCondition(c, f).holds).toBe(!evaluateCondition({ not: c }, f).holds);
    },
  );

  test.prop([field, scalar, facts], { numRuns: 500 })(
    '!= is the negation of =',
    (path, value, f) => {
      const equal = evaluateCondition({ field: path, op: '=', value }, f).holds;
      expect(evaluateCondition({ field: path, op: '!=', value }, f).holds).toBe(!equal);
    },
  );

  test.prop([field, fc.array(scalar, { maxLength: 4 }), facts], { numRuns: 500 })(
    'notIn is the negation of in',
    (path, value, f) => {
      const inside = evaluateCondition({ field: path, op: 'in', value }, f).holds;
      expect(evaluateCondition({ field: path, op: 'notIn', value }, f).holds).toBe(!inside);
    },
  );

  test.prop([condition, facts], { numRuns: 500 })('holds exactly when nothing failed', (c, f) => {
    const result = evaluateCondition(c, f);
    expect(result.holds).toBe(result.failed.length === 0);
  });
});
