import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { evaluateCondition } from '../../src/index.js';
import { compileCondition } from '../../src/scoring/compileCondition.js';
import { condition, facts } from '../pipeline/arbitraries.js';

// Scorers compile fit rules once; the compiled closure must agree with the condition language's
// own evaluator on every condition and every set of facts.

describe('compileCondition', () => {
  test.prop([condition, facts], { numRuns: 500 })(
    'agrees with evaluateCondition',
    (when, known) => {
      expect(compileCondition(when)(known)).toBe(evaluateCondition(when, known).holds);
    },
  );
});
