import type { Condition, FieldCondition } from '../pipeline/condition.js';
import { asNumber, type Facts, lookup, test } from '../pipeline/evaluateCondition.js';

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
  return specialised(condition) ?? ((facts) => test(condition, own(facts, field)));
}

/** A plain key: `lookup`'s first step (an own property) is the whole lookup. */
const own = (facts: Facts, field: string): unknown =>
  Object.hasOwn(facts, field) ? facts[field] : undefined;

/**
 * The common field tests on a plain key, with the operator and the type of the value decided
 * here, once, instead of by `test`'s switch on every call (the fit rules of a scorer are mostly
 * these). Each closure is `test` for that one case, step by step; `undefined` leaves the rare
 * cases (other value types, `contains` on lists) to `test` itself.
 */
function specialised({ field, op, value }: FieldCondition): CompiledCondition | undefined {
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (typeof value === 'number') return compareNumber(field, op, value);
      if (typeof value === 'string') return compareString(field, op, value);
      return undefined;
    case '=':
    case '!=': {
      if (Array.isArray(value)) return undefined;
      const equal = equalsScalar(field, value);
      return op === '=' ? equal : (facts) => !equal(facts);
    }
    case 'in':
    case 'notIn': {
      if (!Array.isArray(value)) return undefined;
      const oneOf = isOneOf(field, value);
      return op === 'in' ? oneOf : (facts) => !oneOf(facts);
    }
    case 'exists': {
      const wanted = value ?? true;
      return (facts) => {
        const actual = own(facts, field);
        return (actual !== undefined && actual !== null) === wanted;
      };
    }
    case 'contains':
      if (typeof value !== 'string') return undefined;
      // Strings (a title containing "VP") are the common case; lists go through `test`.
      return (facts) => {
        const actual = own(facts, field);
        if (typeof actual === 'string') return actual.includes(value);
        return Array.isArray(actual) && test({ field, op, value }, actual);
      };
    default:
      return undefined;
  }
}

/** `equals`: the same value, or (for a number) a fact that reads as that number ('250' = 250). */
function equalsScalar(field: string, value: unknown): CompiledCondition {
  if (typeof value !== 'number') return (facts) => own(facts, field) === value;
  return (facts) => {
    const actual = own(facts, field);
    return actual === value || asNumber(actual) === value;
  };
}

/** `in`: equal to one of the values; the numbers among them also match facts that read as them. */
function isOneOf(field: string, values: readonly unknown[]): CompiledCondition {
  const numbers = values.filter((candidate) => typeof candidate === 'number');
  if (numbers.length === 0) {
    return (facts) => {
      const actual = own(facts, field);
      for (const candidate of values) if (actual === candidate) return true;
      return false;
    };
  }
  return (facts) => {
    const actual = own(facts, field);
    for (const candidate of values) if (actual === candidate) return true;
    const number = asNumber(actual);
    if (number === undefined) return false;
    for (const candidate of numbers) if (number === candidate) return true;
    return false;
  };
}

/** The fact as `compare` reads it against a number (numbers as they are, numeric strings parsed). */
function readNumber(facts: Facts, field: string): number | undefined {
  const actual = own(facts, field);
  return typeof actual === 'number' ? actual : asNumber(actual);
}

/** `compare` with a number: the fact read as a number, else false. */
function compareNumber(
  field: string,
  op: '<' | '<=' | '>' | '>=',
  value: number,
): CompiledCondition {
  switch (op) {
    case '<':
      return (facts) => {
        const number = readNumber(facts, field);
        return number !== undefined && number < value;
      };
    case '<=':
      return (facts) => {
        const number = readNumber(facts, field);
        return number !== undefined && number <= value;
      };
    case '>':
      return (facts) => {
        const number = readNumber(facts, field);
        return number !== undefined && number > value;
      };
    default:
      return (facts) => {
        const number = readNumber(facts, field);
        return number !== undefined && number >= value;
      };
  }
}

/** `compare` with a string: only a string fact compares (in code-unit order), else false. */
function compareString(
  field: string,
  op: '<' | '<=' | '>' | '>=',
  value: string,
): CompiledCondition {
  switch (op) {
    case '<':
      return (facts) => {
        const actual = own(facts, field);
        return typeof actual === 'string' && actual < value;
      };
    case '<=':
      return (facts) => {
        const actual = own(facts, field);
        return typeof actual === 'string' && actual <= value;
      };
    case '>':
      return (facts) => {
        const actual = own(facts, field);
        return typeof actual === 'string' && actual > value;
      };
    default:
      return (facts) => {
        const actual = own(facts, field);
        return typeof actual === 'string' && actual >= value;
      };
  }
}
