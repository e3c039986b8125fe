import type { Condition, FieldCondition } from '../pipeline/condition.js';
import { asNumber, type Facts, lookup, test } from '../pipeline/evaluateCondition.js';

/** A condition turned into a function of the facts. */
export type CompiledCondition = (facts: Facts) => boolean;

/**
 * The plain (undotted) fields the conditions of one component read, each with a slot for the
 * lead being scored: a rule set reads each field once per lead (see {@link readFields}) instead
 * of once per rule that tests it. Reading a field of a lead's own object by a name that changes
 * from rule to rule is a generic look-up, the largest cost of fit scoring in the profile.
 */
export interface FieldTable {
  /** Field names, by slot. */
  readonly names: string[];
  /** Whether `Object.prototype` has a property of that name (`constructor`, `toString` …), by slot. */
  readonly inherited: boolean[];
  /** The current lead's value of each field (undefined when it has none), by slot. */
  readonly values: unknown[];
}

/** An empty field table, filled as conditions are compiled with it. */
export function fieldTable(): FieldTable {
  return { names: [], inherited: [], values: [] };
}

/**
 * Fills a table with a lead's own values of its fields. A plain object's value of a name that
 * `Object.prototype` lacks is its own (or undefined), so only the other names, and objects with
 * another prototype, need the second look-up that checks the property is the object's own.
 * (A property of that name added to `Object.prototype` after the model was compiled would be
 * read as a fact; polluting it breaks far more than scoring.)
 */
export function readFields(table: FieldTable, facts: Facts): void {
  const { names, inherited, values } = table;
  const prototype = Object.getPrototypeOf(facts);
  const plain = prototype === Object.prototype || prototype === null;
  for (let slot = 0; slot < names.length; slot += 1) {
    const name = names[slot] as string;
    const value = facts[name];
    values[slot] =
      value === undefined || (plain && !inherited[slot]) || Object.hasOwn(facts, name)
        ? value
        : undefined;
  }
}

/** How a compiled condition reads a plain field: from the facts, or from the table's slot. */
type FieldReader = (facts: Facts) => unknown;

function readerOf(field: string, table: FieldTable | undefined): FieldReader {
  if (table === undefined) return (facts) => own(facts, field);
  let slot = table.names.indexOf(field);
  if (slot === -1) {
    slot = table.names.length;
    table.names.push(field);
    table.inherited.push(field in Object.prototype);
    table.values.push(undefined);
  }
  const { values } = table;
  return () => values[slot];
}

/**
 * Turns a validated condition into a closure with the same answer as `evaluateCondition(...).holds`
 * (the field tests are the condition language's own `lookup` and `test`), without walking the
 * condition or collecting failures on every call: scorers run it millions of times. With a
 * `table`, plain fields are read from the table, which the caller fills for each lead with
 * {@link readFields} before calling the closure.
 */
export function compileCondition(condition: Condition, table?: FieldTable): CompiledCondition {
  const compile = (part: Condition) => compileCondition(part, table);
  if ('all' in condition) {
    const parts = condition.all.map(compile);
    return (facts) => {
      for (const part of parts) if (!part(facts)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compile);
    return (facts) => {
      for (const part of parts) if (part(facts)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compile(condition.not);
    return (facts) => !inner(facts);
  }
  const { field } = condition;
  if (field.includes('.')) return (facts) => test(condition, lookup(facts, field));
  const read = readerOf(field, table);
  return specialised(condition, read) ?? ((facts) => test(condition, read(facts)));
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
function specialised(
  { field, op, value }: FieldCondition,
  read: FieldReader,
): CompiledCondition | undefined {
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (typeof value === 'number') return compareNumber(read, op, value);
      if (typeof value === 'string') return compareString(read, op, value);
      return undefined;
    case '=':
    case '!=': {
      if (Array.isArray(value)) return undefined;
      const equal = equalsScalar(read, value);
      return op === '=' ? equal : (facts) => !equal(facts);
    }
    case 'in':
    case 'notIn': {
      if (!Array.isArray(value)) return undefined;
      const oneOf = isOneOf(read, value);
      return op === 'in' ? oneOf : (facts) => !oneOf(facts);
    }
    case 'exists': {
      const wanted = value ?? true;
      return (facts) => {
        const actual = read(facts);
        return (actual !== undefined && actual !== null) === wanted;
      };
    }
    case 'contains':
      if (typeof value !== 'string') return undefined;
      // Strings (a title containing "VP") are the common case; lists go through `test`.
      return (facts) => {
        const actual = read(facts);
        if (typeof actual === 'string') return actual.includes(value);
        return Array.isArray(actual) && test({ field, op, value }, actual);
      };
    default:
      return undefined;
  }
}

/** `equals`: the same value, or (for a number) a fact that reads as that number ('250' = 250). */
function equalsScalar(read: FieldReader, value: unknown): CompiledCondition {
  if (typeof value !== 'number') return (facts) => read(facts) === value;
  return (facts) => {
    const actual = read(facts);
    return actual === value || asNumber(actual) === value;
  };
}

/** `in`: equal to one of the values; the numbers among them also match facts that read as them. */
function isOneOf(read: FieldReader, values: readonly unknown[]): CompiledCondition {
  const numbers = values.filter((candidate) => typeof candidate === 'number');
  if (numbers.length === 0) {
    return (facts) => {
      const actual = read(facts);
      for (const candidate of values) if (actual === candidate) return true;
      return false;
    };
  }
  return (facts) => {
    const actual = read(facts);
    for (const candidate of values) if (actual === candidate) return true;
    const number = asNumber(actual);
    if (number === undefined) return false;
    for (const candidate of numbers) if (number === candidate) return true;
    return false;
  };
}

/** The fact as `compare` reads it against a number (numbers as they are, numeric strings parsed). */
function readNumber(facts: Facts, read: FieldReader): number | undefined {
  const actual = read(facts);
  return typeof actual === 'number' ? actual : asNumber(actual);
}

/** `compare` with a number: the fact read as a number, else false. */
function compareNumber(
  read: FieldReader,
  op: '<' | '<=' | '>' | '>=',
  value: number,
): CompiledCondition {
  switch (op) {
    case '<':
      return (facts) => {
        const number = readNumber(facts, read);
        return number !== undefined && number < value;
      };
    case '<=':
      return (facts) => {
        const number = readNumber(facts, read);
        return number !== undefined && number <= value;
      };
    case '>':
      return (facts) => {
        const number = readNumber(facts, read);
        return number !== undefined && number > value;
      };
    default:
      return (facts) => {
        const number = readNumber(facts, read);
        return number !== undefined && number >= value;
      };
  }
}

/** `compare` with a string: only a string fact compares (in code-unit order), else false. */
function compareString(
  read: FieldReader,
  op: '<' | '<=' | '>' | '>=',
  value: string,
): CompiledCondition {
  switch (op) {
    case '<':
      return (facts) => {
        const actual = read(facts);
        return typeof actual === 'string' && actual < value;
      };
    case '<=':
      return (facts) => {
        const actual = read(facts);
        return typeof actual === 'string' && actual <= value;
      };
    case '>':
      return (facts) => {
        const actual = read(facts);
        return typeof actual === 'string' && actual > value;
      };
    default:
      return (facts) => {
        const actual = read(facts);
        return typeof actual === 'string' && actual >= value;
      };
  }
}
