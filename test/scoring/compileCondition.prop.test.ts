import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  type Condition,
  type ConditionScalar,
  evaluateCondition,
  type FieldCondition,
} from '../../src/index.js';
import { compileCondition } from '../../src/scoring/compileCondition.js';

// Scorers compile fit rules once; the compiled closure must agree with the condition language's
// own evaluator on every condition and every set of facts.

const pool = fc.constantFrom<ConditionScalar>('DE', 'a', '50', '', '2026-01-01', 50, 0, true, null);
const scalar: fc.Arbitrary<ConditionScalar> = fc.oneof(
  { arbitrary: pool, weight: 6 },
  { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
  {
    arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)),
    weight: 1,
  },
);
const field = fc.constantFrom('score', 'country', 'company.employees', 'lead.source', 'tags', 'x');

const fieldCondition: fc.Arbitrary<FieldCondition> = fc.oneof(
  fc.record(
    {
      field,
      op: fc.constantFrom('=', '!=', '<', '<=', '>', '>=', 'contains' as const),
      value: scalar,
    },
    { noNullPrototype: true },
  ),
  fc.record(
    {
      field,
      op: fc.constantFrom('in', 'notIn' as const),
      value: fc.array(scalar, { maxLength: 4 }),
    },
    { noNullPrototype: true },
  ),
  fc.record(
    { field, op: fc.constant('exists' as const), value: fc.boolean() },
    { requiredKeys: ['field', 'op'], noNullPrototype: true },
  ),
);

const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fieldCondition,
    fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }) }, { noNullPrototype: true }),
    fc.record({ any: fc.array(tie('condition'), { maxLength: 3 }) }, { noNullPrototype: true }),
    fc.record({ not: tie('condition') }, { noNullPrototype: true }),
  ),
}));

const value = fc.oneof(
  { arbitrary: pool, weight: 6 },
  { arbitrary: scalar, weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 100 }).map(String), weight: 1 },
  { arbitrary: fc.array(scalar, { maxLength: 3 }), weight: 2 },
);
const facts = fc.record(
  {
    score: value,
    country: value,
    company: fc.oneof(
      fc.record({ employees: value }, { requiredKeys: [], noNullPrototype: true }),
      scalar,
    ),
    'lead.source': value,
    lead: fc.record({ source: value }, { requiredKeys: [], noNullPrototype: true }),
    tags: value,
    x: value,
  },
  { requiredKeys: [], noNullPrototype: true },
);

describe('compileCondition', () => {
  test.prop([condition, facts], { numRuns: 500 })(
    'agrees with evaluateCondition',
    (when, known) => {
      expect(compileCondition(when)(known)).toBe(evaluateCondition(when, known).holds);
    },
  );
});
