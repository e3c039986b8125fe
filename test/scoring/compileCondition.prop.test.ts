import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../src/index.js';
import {
  compileChecks,
  compileCondition,
  fieldTable,
  passes,
  readFields,
} from '../../src/scoring/compileCondition.js';
import { condition, facts } from '../pipeline/arbitraries.js';

// Scorers compile fit rules once; the compiled closure must agree with the condition language's
// own evaluator on every condition and every set of facts, whether it reads the facts itself or
// from a field table filled once per lead.

/** The same facts with another prototype: a plain one, none, or one holding decoy values. */
const shaped = fc
  .tuple(facts, fc.constantFrom('plain', 'null', 'inheriting'))
  .map(([known, shape]) => {
    if (shape === 'plain') return known;
    const decoys = { score: 99, country: 'DE', tags: ['VP'], x: 'decoy' };
    const copy = Object.create(shape === 'null' ? null : decoys);
    return Object.assign(copy, known) as Record<string, unknown>;
  });

describe('compileCondition', () => {
  test.prop([condition, facts], { numRuns: 500 })(
    'agrees with evaluateCondition',
    (when, known) => {
      expect(compileCondition(when)(known)).toBe(evaluateCondition(when, known).holds);
    },
  );

  test.prop(
    [fc.array(condition, { minLength: 1, maxLength: 4 }), fc.array(shaped, { maxLength: 4 })],
    {
      numRuns: 300,
    },
  )(
    'with a field table filled per lead, as closures and as checks (what the scorer runs), agrees with evaluateCondition (own values only)',
    (conditions, leads) => {
      const table = fieldTable();
      const closures = conditions.map((when) => compileCondition(when, table));
      const checks = conditions.map((when) => compileChecks(when, table));
      for (const known of leads) {
        readFields(table, known);
        conditions.forEach((when, index) => {
          const expected = evaluateCondition(when, known).holds;
          expect((closures[index] as (typeof closures)[number])(known)).toBe(expected);
          expect(passes(checks[index] as (typeof checks)[number], table.values, known)).toBe(
            expected,
          );
        });
      }
    },
  );

  it('turns the common field tests into checks, and the rest into closures', () => {
    const table = fieldTable();
    const kinds = (when: Parameters<typeof compileChecks>[0]) =>
      compileChecks(when, table).map((check) => check.slot === -1);
    // `all` is flattened; a plain field test is data (slot ≥ 0), `any` and dotted fields closures.
    expect(
      kinds({
        all: [
          { field: 'employees', op: '>=', value: 100 },
          { field: 'title', op: 'contains', value: 'VP' },
          { any: [{ field: 'country', op: '=', value: 'DE' }] },
          { field: 'company.size', op: '>', value: 5 },
        ],
      }),
    ).toEqual([false, false, true, true]);
    expect(table.names).toEqual(['employees', 'title', 'country']);
  });

  it('as checks, reads numbers from text as the condition language does', () => {
    const conditions = [
      { field: 'employees', op: '=', value: 250 },
      { field: 'employees', op: '!=', value: 250 },
      { field: 'employees', op: 'in', value: ['x', 250] },
      { field: 'employees', op: 'notIn', value: [250] },
      { field: 'employees', op: '>=', value: 100 },
      { field: 'employees', op: '<', value: 100 },
      { field: 'employees', op: '=', value: '250' },
    ] as const;
    const table = fieldTable();
    const compiled = conditions.map((when) => compileChecks(when, table));
    for (const employees of ['250', ' 250 ', 250, '', 'many', undefined]) {
      const lead = employees === undefined ? {} : { employees };
      readFields(table, lead);
      const answers = compiled.map((checks) => passes(checks, table.values, lead));
      expect(answers).toEqual(conditions.map((when) => evaluateCondition(when, lead).holds));
    }
    readFields(table, { employees: '250' });
    expect(compiled.map((checks) => passes(checks, table.values, {}))).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
  });

  it('reads a field named like an Object.prototype member only when it is the lead’s own', () => {
    const table = fieldTable();
    const exists = { field: 'constructor', op: 'exists', value: true } as const;
    const equals = { field: 'toString', op: '=', value: 'x' } as const;
    const named = compileCondition(exists, table);
    const text = compileCondition(equals, table);
    const checks = [compileChecks(exists, table), compileChecks(equals, table)];
    const answers = (lead: Record<string, unknown>) => {
      readFields(table, lead);
      return [named(lead), text(lead), ...checks.map((list) => passes(list, table.values, lead))];
    };
    expect(answers({})).toEqual([false, false, false, false]);
    expect(answers({ constructor: 'yes', toString: 'x' })).toEqual([true, true, true, true]);
  });
});
