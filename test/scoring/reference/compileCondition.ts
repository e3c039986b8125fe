// The straightforward src/scoring/compileCondition.ts from before the speed work (commit 748338b): the
// oracle that test/scoring/createScorer.reference.prop.test.ts holds the fast scorer to.
// Do not optimise it. A change to what scores mean must be made here too (the cap reason after
// weight was); a change to speed alone must not touch it.
import type { Condition } from '../../../src/pipeline/condition.js';
import { type Facts, lookup, test } from '../../../src/pipeline/evaluateCondition.js';

/** A condition turned into a function of the facts. */
export type CompiledCondition = (facts: Facts) => boolean;

/**
 * Turns a validated condition into a closure with the same answer as `evaluateCondition(...).holds`
 * (the field tests are the condition language's own `lookup` and `test`), without walking the
 * condition or collecting failures on every call: scorers run it millions of times.
 */
export function compileCondition(condition: Condition): CompiledCondition {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (facts) => {
      for (const part of parts) if (!part(facts)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (facts) => {
      for (const part of parts) if (part(facts)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (facts) => !inner(facts);
  }
  const { field } = condition;
  if (field.includes('.')) return (facts) => test(condition, lookup(facts, field));
  // A plain key: lookup's first step (an own property) is the whole lookup.
  return (facts) => test(condition, Object.hasOwn(facts, field) ? facts[field] : undefined);
}
