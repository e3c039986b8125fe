import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type Condition,
  defineScoringModel,
  evaluateCondition,
  learnFitModel,
  scoreLead,
} from '../../src/index.js';
import { fitMax } from '../../src/scoring/componentMax.js';

// A fit component's max counts only the best of rules that cannot hold together (one value of a
// field each). It must never be below what some lead earns (the total would be clamped wrongly),
// and for a learned model it is the best lead's score.

// Values that meet in every way `=` allows: the same text, a text that reads as a number, a
// number, a boolean.
const value = fc.constantFrom('a', 'b', '5', ' 5', '5.0', 5, 6, true, false);
const field = fc.constantFrom('f', 'g');
const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ field, op: fc.constant('=' as const), value }),
  fc.record({ field, op: fc.constant('exists' as const), value: fc.constant(false) }),
  fc.record({ field, op: fc.constant('notIn' as const), value: fc.array(value, { maxLength: 4 }) }),
  field.chain((name) =>
    fc.array(value, { maxLength: 4 }).map(
      (values): Condition => ({
        all: [
          { field: name, op: 'notIn', value: values },
          { field: name, op: 'exists' },
        ],
      }),
    ),
  ),
  fc.record({ field, op: fc.constant('>=' as const), value: fc.constant(5) }),
);
const rules = fc.array(fc.record({ when: condition, points: fc.integer({ min: -20, max: 30 }) }), {
  minLength: 1,
  maxLength: 6,
});
const fact = fc.option(fc.oneof(value, fc.constant(null)), { nil: undefined });
const facts = fc
  .record({ f: fact, g: fact })
  .map((known) => Object.fromEntries(Object.entries(known).filter(([, one]) => one !== undefined)));

describe('fitMax', () => {
  test.prop([rules, fc.array(facts, { minLength: 1, maxLength: 8 })], { numRuns: 500 })(
    'is never below what the positive rules holding for a lead add up to',
    (given, leads) => {
      const max = fitMax({ rules: given.map((rule, index) => ({ id: `r${index}`, ...rule })) });
      for (const lead of leads) {
        const earned = given
          .filter((rule) => rule.points > 0 && evaluateCondition(rule.when, lead).holds)
          .reduce((sum, rule) => sum + rule.points, 0);
        expect(earned).toBeLessThanOrEqual(max);
      }
    },
  );

  it('counts the best of one value per field: a learned model’s max is its maxPoints', () => {
    const history = Array.from({ length: 200 }, (_, index) => ({
      attributes: {
        source: ['Referral', 'Ads', 'Web', 'Event'][index % 4] as string,
        size: index % 7 === 0 ? null : (['S', 'M', 'L'][index % 3] as string),
      },
      converted: (index * 7) % 5 === 0 || index % 4 === 0,
    }));
    const learned = learnFitModel(history, { fields: ['source', 'size'], minCount: 5 });
    const model = defineScoringModel({ fit: learned.fit, threshold: 50 });
    // The best lead: each field's best value.
    const best = Object.fromEntries(
      learned.fields.map(({ field, values }) => {
        const top = values.reduce((one, two) => (two.points > one.points ? two : one));
        return [field, top.value === '(other)' ? 'unseen' : top.value];
      }),
    );
    const score = scoreLead(model, { attributes: best }, { asOf: '2026-01-01' });
    expect(model.max).toBeCloseTo(100, 1);
    expect(score.total).toBe(model.max);
    expect(score.components.fit?.max).toBe(model.max);
  });

  const pair = (one: Condition, two: Condition) =>
    fitMax({
      rules: [
        { id: 'one', when: one, points: 10 },
        { id: 'two', when: two, points: 10 },
      ],
    });
  it.each<[string, Condition, Condition, number]>([
    [
      'two values of one field: the best',
      { field: 'f', op: '=', value: 'a' },
      { field: 'f', op: '=', value: 'b' },
      10,
    ],
    [
      "'5' reads as 5: a fact '5' meets both",
      { field: 'f', op: '=', value: '5' },
      { field: 'f', op: '=', value: 5 },
      20,
    ],
    ["so does ' 5'", { field: 'f', op: '=', value: 5 }, { field: 'f', op: '=', value: ' 5' }, 20],
    [
      'a missing value is "none of" the list too',
      { field: 'f', op: 'exists', value: false },
      { field: 'f', op: 'notIn', value: [] },
      20,
    ],
    ['other fields', { field: 'f', op: '=', value: 'a' }, { field: 'g', op: '=', value: 'a' }, 20],
    [
      'other operators',
      { field: 'f', op: '=', value: 'a' },
      { field: 'f', op: 'in', value: ['b'] },
      20,
    ],
  ])('%s', (_, one, two, expected) => {
    expect(pair(one, two)).toBe(expected);
  });
});
