import { describe, expect, it } from 'vitest';
import {
  type Condition,
  definePipeline,
  evaluateCondition,
  type Facts,
  getStage,
} from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

type Case = [condition: Condition, facts: Facts, holds: boolean];

const holds = (condition: Condition, facts: Facts) => evaluateCondition(condition, facts).holds;

describe('evaluateCondition: operators', () => {
  it.each<Case>([
    [{ field: 'n', op: '=', value: 5 }, { n: 5 }, true],
    [{ field: 'n', op: '=', value: 5 }, { n: 6 }, false],
    [{ field: 'n', op: '=', value: 250 }, { n: '250' }, true],
    [{ field: 'country', op: '=', value: 'DE' }, { country: 'DE' }, true],
    [{ field: 'country', op: '=', value: 'DE' }, { country: 'de' }, false],
    [{ field: 'vip', op: '=', value: true }, { vip: true }, true],
    [{ field: 'vip', op: '=', value: true }, { vip: 'true' }, false],
    [{ field: 'x', op: '=', value: null }, { x: null }, true],
    [{ field: 'x', op: '=', value: null }, {}, false],
    [{ field: 'country', op: '!=', value: 'DE' }, { country: 'FR' }, true],
    [{ field: 'country', op: '!=', value: 'DE' }, { country: 'DE' }, false],
    [{ field: 'n', op: '!=', value: 250 }, { n: '250' }, false],
  ])('= and !=: %j with %j holds: %s', (condition, facts, expected) => {
    expect(holds(condition, facts)).toBe(expected);
  });

  it.each<Case>([
    [{ field: 'n', op: '<', value: 200 }, { n: 199 }, true],
    [{ field: 'n', op: '<', value: 200 }, { n: 200 }, false],
    [{ field: 'n', op: '<=', value: 200 }, { n: 200 }, true],
    [{ field: 'n', op: '<=', value: 200 }, { n: 201 }, false],
    [{ field: 'n', op: '>', value: 200 }, { n: 201 }, true],
    [{ field: 'n', op: '>', value: 200 }, { n: 200 }, false],
    [{ field: 'n', op: '>=', value: 200 }, { n: 200 }, true],
    [{ field: 'n', op: '>=', value: 200 }, { n: 199.5 }, false],
    [{ field: 'n', op: '>=', value: -1.5 }, { n: -1 }, true],
  ])('<, <=, >, >= on numbers: %j with %j holds: %s', (condition, facts, expected) => {
    expect(holds(condition, facts)).toBe(expected);
  });

  it.each<Case>([
    [{ field: 'n', op: '>=', value: 200 }, { n: '250' }, true],
    [{ field: 'n', op: '>=', value: 200 }, { n: '150' }, false],
    [{ field: 'n', op: '<', value: 1000 }, { n: '999.99' }, true],
    [{ field: 'n', op: '>=', value: 200 }, { n: 'many' }, false],
    [{ field: 'n', op: '>=', value: 0 }, { n: '' }, false],
    [{ field: 'n', op: '>=', value: 0 }, { n: '   ' }, false],
    [{ field: 'n', op: '>', value: 0 }, { n: true }, false],
  ])('numeric text compares with numbers: %j with %j holds: %s', (condition, facts, expected) => {
    expect(holds(condition, facts)).toBe(expected);
  });

  it.each<Case>([
    [{ field: 'd', op: '>', value: '2026-02-28' }, { d: '2026-03-01' }, true],
    [{ field: 'd', op: '>=', value: '2026-01-01' }, { d: '2025-12-31' }, false],
    [{ field: 'd', op: '>=', value: '2026-03-01' }, { d: '2026-03-01T09:00:00Z' }, true],
    [{ field: 'd', op: '<', value: '2026-03-01' }, { d: '2026-03-01T09:00:00Z' }, false],
    [{ field: 'd', op: '<=', value: '2026-03-01' }, { d: '2026-03-01' }, true],
    [{ field: 'year', op: '>=', value: '2025' }, { year: 2026 }, false],
  ])(
    'strings compare as strings (ISO dates): %j with %j holds: %s',
    (condition, facts, expected) => {
      expect(holds(condition, facts)).toBe(expected);
    },
  );

  it.each<Case>([
    [{ field: 'country', op: 'in', value: ['DE', 'AT'] }, { country: 'AT' }, true],
    [{ field: 'country', op: 'in', value: ['DE', 'AT'] }, { country: 'FR' }, false],
    [{ field: 'n', op: 'in', value: [1, 2] }, { n: '2' }, true],
    [{ field: 'x', op: 'in', value: [null] }, { x: null }, true],
    [{ field: 'x', op: 'in', value: [] }, { x: 'a' }, false],
    [{ field: 'country', op: 'notIn', value: ['DE', 'AT'] }, { country: 'FR' }, true],
    [{ field: 'country', op: 'notIn', value: ['DE', 'AT'] }, { country: 'DE' }, false],
    [{ field: 'x', op: 'notIn', value: [] }, { x: 'a' }, true],
  ])('in and notIn: %j with %j holds: %s', (condition, facts, expected) => {
    expect(holds(condition, facts)).toBe(expected);
  });

  it.each<Case>([
    [{ field: 'title', op: 'contains', value: 'VP' }, { title: 'VP Sales' }, true],
    [{ field: 'title', op: 'contains', value: 'vp' }, { title: 'VP Sales' }, false],
    [{ field: 'title', op: 'contains', value: '' }, { title: 'VP Sales' }, true],
    [{ field: 'tags', op: 'contains', value: 'b' }, { tags: ['a', 'b'] }, true],
    [{ field: 'tags', op: 'contains', value: 'c' }, { tags: ['a', 'b'] }, false],
    [{ field: 'tags', op: 'contains', value: 2 }, { tags: [1, 2, 3] }, true],
    [{ field: 'tags', op: 'contains', value: 'VP' }, { tags: ['VP Sales'] }, false],
    [{ field: 'n', op: 'contains', value: '2' }, { n: 123 }, false],
  ])('contains on strings and lists: %j with %j holds: %s', (condition, facts, expected) => {
    expect(holds(condition, facts)).toBe(expected);
  });

  it.each<Case>([
    [{ field: 'x', op: 'exists' }, { x: 'a' }, true],
    [{ field: 'x', op: 'exists' }, { x: 0 }, true],
    [{ field: 'x', op: 'exists' }, { x: '' }, true],
    [{ field: 'x', op: 'exists' }, { x: false }, true],
    [{ field: 'x', op: 'exists' }, { x: null }, false],
    [{ field: 'x', op: 'exists' }, {}, false],
    [{ field: 'x', op: 'exists', value: true }, { x: 1 }, true],
    [{ field: 'x', op: 'exists', value: false }, {}, true],
    [{ field: 'x', op: 'exists', value: false }, { x: null }, true],
    [{ field: 'x', op: 'exists', value: false }, { x: 0 }, false],
  ])('exists: %j with %j holds: %s', (condition, facts, expected) => {
    expect(holds(condition, facts)).toBe(expected);
  });
});

describe('evaluateCondition: missing fields', () => {
  it.each<Case>([
    [{ field: 'n', op: '<', value: 1 }, {}, false],
    [{ field: 'n', op: '<=', value: 1 }, {}, false],
    [{ field: 'n', op: '>', value: 1 }, {}, false],
    [{ field: 'n', op: '>=', value: 1 }, {}, false],
    [{ field: 'd', op: '<', value: '2026-01-01' }, {}, false],
    [{ field: 'n', op: '=', value: 1 }, {}, false],
    [{ field: 'n', op: 'in', value: [1] }, {}, false],
    [{ field: 'n', op: 'contains', value: 'a' }, {}, false],
    [{ field: 'n', op: '!=', value: 1 }, {}, true],
    [{ field: 'n', op: '!=', value: null }, {}, true],
    [{ field: 'n', op: 'notIn', value: [1] }, {}, true],
  ])('%j with %j holds: %s', (condition, facts, expected) => {
    expect(holds(condition, facts)).toBe(expected);
  });
});

describe('evaluateCondition: field paths', () => {
  it('follows dotted paths into nested facts', () => {
    const facts = { company: { employees: 800, address: { country: 'DE' } } };
    expect(holds({ field: 'company.employees', op: '>=', value: 500 }, facts)).toBe(true);
    expect(holds({ field: 'company.address.country', op: '=', value: 'DE' }, facts)).toBe(true);
    expect(holds({ field: 'company.revenue', op: 'exists' }, facts)).toBe(false);
    expect(holds({ field: 'company.address.country.code', op: 'exists' }, facts)).toBe(false);
  });

  it('looks a key that itself contains dots up whole first', () => {
    const facts = { 'lead.source': 'web', lead: { source: 'event' } };
    expect(holds({ field: 'lead.source', op: '=', value: 'web' }, facts)).toBe(true);
    expect(holds({ field: 'lead.source', op: '=', value: 'event' }, facts)).toBe(false);
    expect(
      holds({ field: 'lead.source', op: '=', value: 'event' }, { lead: { source: 'event' } }),
    ).toBe(true);
  });

  it('does not read inherited properties as facts', () => {
    expect(holds({ field: 'toString', op: 'exists' }, {})).toBe(false);
    expect(holds({ field: 'constructor.name', op: 'exists' }, {})).toBe(false);
    expect(holds({ field: 'company.__proto__', op: 'exists' }, { company: {} })).toBe(false);
  });
});

describe('evaluateCondition: all, any, not', () => {
  const yes: Condition = { field: 'a', op: '=', value: 1 };
  const no: Condition = { field: 'a', op: '=', value: 2 };
  const facts = { a: 1 };

  it.each<Case>([
    [{ all: [] }, facts, true],
    [{ all: [yes, yes] }, facts, true],
    [{ all: [yes, no] }, facts, false],
    [{ any: [] }, facts, false],
    [{ any: [no, yes] }, facts, true],
    [{ any: [no, no] }, facts, false],
    [{ not: yes }, facts, false],
    [{ not: no }, facts, true],
    [{ not: { all: [] } }, facts, false],
    [{ not: { any: [] } }, facts, true],
    [{ all: [{ any: [no, yes] }, { not: no }] }, facts, true],
  ])('%j with %j holds: %s', (condition, given, expected) => {
    expect(holds(condition, given)).toBe(expected);
  });

  it('says why an empty any fails', () => {
    expect(evaluateCondition({ any: [] }, {})).toStrictEqual({
      holds: false,
      failed: [{ path: [], message: 'an empty "any" never holds' }],
    });
  });

  it('reports nothing when a condition holds, even if some alternatives failed', () => {
    expect(evaluateCondition({ any: [no, yes] }, facts)).toStrictEqual({ holds: true, failed: [] });
    expect(evaluateCondition({ not: no }, facts)).toStrictEqual({ holds: true, failed: [] });
  });
});

describe('evaluateCondition: failures', () => {
  it('lists every failed test of a nested condition with its path and message', () => {
    const condition: Condition = {
      all: [
        { field: 'a', op: '=', value: 1 },
        {
          any: [
            { field: 'b', op: '>', value: 3 },
            { field: 'c', op: 'exists' },
          ],
        },
        { not: { field: 'd', op: 'in', value: [1, 2] } },
        { field: 'e', op: 'contains', value: 'x' },
      ],
    };
    expect(evaluateCondition(condition, { a: 2, b: '1', d: 2, e: 'xyz' })).toStrictEqual({
      holds: false,
      failed: [
        {
          path: ['all', 0],
          field: 'a',
          op: '=',
          expected: 1,
          actual: 2,
          message: 'a is 2, expected = 1',
        },
        {
          path: ['all', 1, 'any', 0],
          field: 'b',
          op: '>',
          expected: 3,
          actual: '1',
          message: 'b is "1", expected > 3',
        },
        {
          path: ['all', 1, 'any', 1],
          field: 'c',
          op: 'exists',
          actual: undefined,
          message: 'c missing, expected exists',
        },
        { path: ['all', 2], message: 'expected {"field":"d","op":"in","value":[1,2]} not to hold' },
      ],
    });
  });

  it('keeps the failures before an any that holds and drops only that any’s alternatives', () => {
    const condition: Condition = {
      all: [
        { field: 'a', op: '=', value: 2 },
        {
          any: [
            { field: 'a', op: '=', value: 3 },
            { field: 'a', op: '=', value: 1 },
          ],
        },
        { not: { any: [{ field: 'a', op: '=', value: 1 }] } },
      ],
    };
    expect(evaluateCondition(condition, { a: 1 })).toStrictEqual({
      holds: false,
      failed: [
        {
          path: ['all', 0],
          field: 'a',
          op: '=',
          expected: 2,
          actual: 1,
          message: 'a is 1, expected = 2',
        },
        {
          path: ['all', 2],
          message: 'expected {"any":[{"field":"a","op":"=","value":1}]} not to hold',
        },
      ],
    });
  });

  it('describes lists, nulls and exists: false in the message', () => {
    expect(
      evaluateCondition({ field: 'country', op: 'in', value: ['DE', 'AT'] }, { country: null })
        .failed,
    ).toStrictEqual([
      {
        path: [],
        field: 'country',
        op: 'in',
        expected: ['DE', 'AT'],
        actual: null,
        message: 'country is null, expected in ["DE","AT"]',
      },
    ]);
    expect(
      evaluateCondition({ field: 'x', op: 'exists', value: false }, { x: 'a' }).failed,
    ).toStrictEqual([
      {
        path: [],
        field: 'x',
        op: 'exists',
        expected: false,
        actual: 'a',
        message: 'x is "a", expected exists',
      },
    ]);
  });
});

describe('evaluateCondition: malformed conditions', () => {
  const ok = { field: 'a', op: '=', value: 1 };
  it.each([
    {
      problem: 'an unknown operator',
      condition: { field: 'x', op: 'like', value: 1 },
      issues: [{ code: 'invalid_value', path: ['op'] }],
    },
    {
      problem: 'a missing operator',
      condition: { field: 'x', value: 1 },
      issues: [{ code: 'invalid_value', path: ['op'] }],
    },
    {
      problem: 'an unknown operator deep inside',
      condition: { all: [ok, { field: 'y', op: '~' }] },
      issues: [{ code: 'invalid_value', path: ['all', 1, 'op'] }],
    },
    {
      problem: 'a bad value deep inside',
      condition: { any: [ok, { not: { all: [{ field: 'a', op: '=', value: {} }] } }] },
      issues: [{ code: 'invalid_type', path: ['any', 1, 'not', 'all', 0, 'value'] }],
    },
    {
      problem: 'any that is not a list',
      condition: { any: ok },
      issues: [{ code: 'invalid_type', path: ['any'] }],
    },
    {
      problem: 'not of null',
      condition: { not: null },
      issues: [{ code: 'invalid_type', path: ['not'] }],
    },
    {
      problem: 'a condition that is not an object',
      condition: null,
      issues: [{ code: 'invalid_type', path: [] }],
    },
    {
      problem: 'a condition that is a list',
      condition: [ok],
      issues: [{ code: 'invalid_type', path: [] }],
    },
    {
      problem: 'an object with neither field nor combinator',
      condition: {},
      issues: [{ code: 'invalid_condition', path: [] }],
    },
    {
      problem: 'an empty field',
      condition: { field: '', op: '=', value: 1 },
      issues: [{ code: 'invalid_type', path: ['field'] }],
    },
    {
      problem: 'a missing value',
      condition: { field: 'x', op: '=' },
      issues: [{ code: 'invalid_type', path: ['value'] }],
    },
    {
      problem: 'a list value for =',
      condition: { field: 'x', op: '=', value: [1] },
      issues: [{ code: 'invalid_type', path: ['value'] }],
    },
    {
      problem: 'a NaN value',
      condition: { field: 'x', op: '<', value: Number.NaN },
      issues: [{ code: 'invalid_type', path: ['value'] }],
    },
    {
      problem: 'a scalar value for in',
      condition: { field: 'x', op: 'in', value: 'DE' },
      issues: [{ code: 'invalid_type', path: ['value'] }],
    },
    {
      problem: 'an object in the list of notIn',
      condition: { field: 'x', op: 'notIn', value: ['DE', {}] },
      issues: [{ code: 'invalid_type', path: ['value'] }],
    },
    {
      problem: 'a text value for exists',
      condition: { field: 'x', op: 'exists', value: 'yes' },
      issues: [{ code: 'invalid_type', path: ['value'] }],
    },
    {
      problem: 'an unknown key beside field',
      condition: { field: 'x', op: '=', value: 1, vaule: 2 },
      issues: [{ code: 'unrecognized_keys', path: ['vaule'] }],
    },
    {
      problem: 'two combinators',
      condition: { all: [], any: [] },
      issues: [{ code: 'unrecognized_keys', path: ['any'] }],
    },
    {
      problem: 'a field beside a combinator',
      condition: { not: ok, field: 'x' },
      issues: [{ code: 'unrecognized_keys', path: ['field'] }],
    },
  ])('rejects $problem', ({ condition, issues }) => {
    const error = thrown(() => evaluateCondition(condition as Condition, {}));
    expect(error.code).toBe('invalid_condition');
    expect(issueCodesAndPaths(error)).toEqual(issues);
    expect(error.message.startsWith('evaluateCondition: ')).toBe(true);
  });

  it('says where deep inside the problem is and what it received', () => {
    const error = thrown(() =>
      evaluateCondition({ all: [ok, { field: 'y', op: 'like', value: 1 }] } as Condition, {}),
    );
    expect(error.message).toBe(
      'evaluateCondition: Expected one of "=", "!=", "<", "<=", ">", ">=", "in", "notIn", "contains", "exists", received "like" at all[1].op',
    );
  });

  it('rejects a malformed condition even when the facts would not reach it', () => {
    const condition = { any: [ok, { field: 'b', op: 'like', value: 1 }] } as Condition;
    expect(thrown(() => evaluateCondition(condition, { a: 1 })).code).toBe('invalid_condition');
  });
});

describe('evaluateCondition: inputs', () => {
  it('mutates neither the condition nor the facts', () => {
    const condition: Condition = {
      all: [
        { field: 'company.country', op: 'in', value: ['DE', 'AT'] },
        { not: { field: 'tags', op: 'contains', value: 'student' } },
      ],
    };
    const facts = { company: { country: 'FR' }, tags: ['student'] };
    const before = structuredClone({ condition, facts });
    evaluateCondition(condition, facts);
    expect({ condition, facts }).toStrictEqual(before);
    expect(Object.isFrozen(condition)).toBe(false);
    expect(Object.isFrozen(facts)).toBe(false);
  });

  it('gives the same result for criteria that definePipeline validated', () => {
    const criteria: Condition = {
      all: [
        { field: 'score', op: '>=', value: 75 },
        {
          any: [
            { field: 'country', op: '=', value: 'DE' },
            { field: 'vip', op: 'exists' },
          ],
        },
      ],
    };
    const pipeline = definePipeline({ stages: [{ id: 'sal', owner: 'sales', criteria }] });
    const validated = getStage(pipeline, 'sal').criteria ?? { any: [] };
    for (const facts of [{ score: 80, country: 'DE' }, { score: 80 }, { score: '60', vip: 1 }]) {
      expect(evaluateCondition(validated, facts)).toStrictEqual(evaluateCondition(criteria, facts));
    }
  });
});
