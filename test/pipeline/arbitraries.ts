import { fc } from '@fast-check/vitest';
import type { Condition, ConditionScalar, FieldCondition } from '../../src/index.js';

// Conditions and facts for the condition language, shared by every test that checks an evaluator
// of it (the pipeline's own and the scorer's compiled one).

// -0 is left out: JSON writes it as 0, which means the same but is not deep-equal to -0.
const number = fc
  .oneof(fc.integer({ min: -5, max: 105 }), fc.double({ noNaN: true, noDefaultInfinity: true }))
  .filter((value) => !Object.is(value, -0));

// Mostly values from a small shared pool, so that facts and conditions often meet.
const pool = fc.constantFrom<ConditionScalar>('DE', 'a', '50', '', '2026-01-01', 50, 0, true, null);

export const scalar: fc.Arbitrary<ConditionScalar> = fc.oneof(
  { arbitrary: pool, weight: 6 },
  { arbitrary: fc.string({ maxLength: 5 }), weight: 1 },
  { arbitrary: number, weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
);

export const field = fc.constantFrom(
  'score',
  'country',
  'company.employees',
  'lead.source',
  'tags',
  'x',
);

const comparison = fc.constantFrom('=', '!=', '<', '<=', '>', '>=', 'contains' as const);

const fieldCondition: fc.Arbitrary<FieldCondition> = fc.oneof(
  fc.record({ field, op: comparison, value: scalar }, { noNullPrototype: true }),
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

export const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fieldCondition,
    fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }) }, { noNullPrototype: true }),
    fc.record({ any: fc.array(tie('condition'), { maxLength: 3 }) }, { noNullPrototype: true }),
    fc.record({ not: tie('condition') }, { noNullPrototype: true }),
  ),
}));

const factValue = fc.oneof(
  { arbitrary: pool, weight: 6 },
  { arbitrary: scalar, weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 100 }).map(String), weight: 1 },
  { arbitrary: fc.array(scalar, { maxLength: 3 }), weight: 2 },
);

export const facts = fc.record(
  {
    score: factValue,
    country: factValue,
    company: fc.oneof(
      fc.record({ employees: factValue }, { requiredKeys: [], noNullPrototype: true }),
      scalar,
    ),
    'lead.source': factValue,
    lead: fc.record({ source: factValue }, { requiredKeys: [], noNullPrototype: true }),
    tags: factValue,
    x: factValue,
  },
  { requiredKeys: [], noNullPrototype: true },
);
