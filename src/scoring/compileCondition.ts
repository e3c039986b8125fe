import type { Condition } from '../pipeline/condition.js';
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

/** A plain field's slot in the table, added when it is new. */
function slotOf(table: FieldTable, field: string): number {
  let slot = table.names.indexOf(field);
  if (slot === -1) {
    slot = table.names.length;
    table.names.push(field);
    table.inherited.push(field in Object.prototype);
    table.values.push(undefined);
  }
  return slot;
}

/**
 * Turns a validated condition into a closure with the same answer as `evaluateCondition(...).holds`
 * (the field tests are the condition language's own, see {@link passes}), without walking the
 * condition or collecting failures on every call: scorers run it millions of times. With a
 * `table`, plain fields are read from the table, which the caller fills for each lead with
 * {@link readFields} before calling the closure; without one, the closure reads them itself.
 */
export function compileCondition(condition: Condition, table?: FieldTable): CompiledCondition {
  if (table === undefined) {
    const own = fieldTable();
    const holds = compileCondition(condition, own);
    return (facts) => {
      readFields(own, facts);
      return holds(facts);
    };
  }
  const checks = compileChecks(condition, table);
  const { values } = table;
  return (facts) => passes(checks, values, facts);
}

// What a {@link FieldCheck} tests (see {@link passes}), as small integers for the rule loop's
// switch. The fact read as a number (`compare` with a number): `<`, `<=`, `>`, `>=`.
export const BELOW = 0;
export const AT_MOST = 1;
export const ABOVE = 2;
export const AT_LEAST = 3;
/** `=` a value that is not a number: the same value. */
export const SAME = 4;
/** `=` a number: the number, or a fact that reads as it. */
export const SAME_NUMBER = 5;
/** `in`: equal to one of the values (numbers also as read). */
export const ONE_OF = 6;
/** `exists`: present and not null, or (with `value: false`) not. */
export const EXISTS = 7;
/** `contains` a text: a text fact containing it; a list fact goes to the closure. */
export const CONTAINS = 8;
/** Anything else: the compiled closure. */
export const CLOSURE = 9;

type Check = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * One test of a lead's field, as data: a fit rule is the list of its tests, all of which must
 * pass. The rule loop runs them in one `switch` ({@link passes}) instead of calling a closure per
 * rule and another per field read: for a handful of rules per lead those calls were most of the
 * cost of fit scoring (measured: about 140 ns a lead on the bench model, a tenth of its time).
 * Every check has the same fields, so the loop reads them from one object shape.
 */
export interface FieldCheck {
  readonly check: Check;
  /** The field's slot in the table (-1 for a closure). */
  readonly slot: number;
  /** `!=` and `notIn`: the answer of `=` and `in`, negated. */
  readonly negate: boolean;
  /** The number compared with, or `exists`' wanted presence (1 or 0). */
  readonly number: number;
  /** The value compared with (`SAME`, `CONTAINS`). */
  readonly value: unknown;
  /** `ONE_OF`'s values, and the numbers among them. */
  readonly values: readonly unknown[];
  readonly numbers: readonly number[];
  /** The compiled condition, for `CLOSURE` and for a `contains` on a list. */
  readonly holds: CompiledCondition;
}

const NEVER: CompiledCondition = () => false;

function fieldCheck(check: Check, slot: number, parts: Partial<FieldCheck> = {}): FieldCheck {
  return {
    check,
    slot,
    negate: parts.negate ?? false,
    number: parts.number ?? 0,
    value: parts.value,
    values: parts.values ?? [],
    numbers: parts.numbers ?? [],
    holds: parts.holds ?? NEVER,
  };
}

/**
 * A condition as the list of checks that must all pass, reading plain fields from the table's
 * slots (the caller fills them per lead with {@link readFields}): `all` is flattened, the common
 * field tests become data, and the rest (`any`, `not`, dotted fields, string comparisons, …)
 * one `CLOSURE` check each. {@link passes} on the result is `evaluateCondition(...).holds`.
 */
export function compileChecks(condition: Condition, table: FieldTable): readonly FieldCheck[] {
  if ('all' in condition) return condition.all.flatMap((part) => compileChecks(part, table));
  if ('any' in condition) {
    const parts = condition.any.map((part) => compileCondition(part, table));
    return [closure((facts) => parts.some((part) => part(facts)))];
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, table);
    return [closure((facts) => !inner(facts))];
  }
  const { field, op, value } = condition;
  if (field.includes('.')) return [closure((facts) => test(condition, lookup(facts, field)))];
  const slot = slotOf(table, field);
  const { values } = table;
  // The rare cases (string comparisons, a list where a scalar goes, `contains` on a list) are
  // the condition language's own `test` on the field's value.
  const tested = () => test(condition, values[slot]);
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (typeof value !== 'number') return [closure(tested)];
      const compared = { '<': BELOW, '<=': AT_MOST, '>': ABOVE, '>=': AT_LEAST } as const;
      return [fieldCheck(compared[op], slot, { number: value })];
    }
    case '=':
    case '!=':
      if (Array.isArray(value)) return [closure(tested)];
      return [
        typeof value === 'number'
          ? fieldCheck(SAME_NUMBER, slot, { number: value, negate: op === '!=' })
          : fieldCheck(SAME, slot, { value, negate: op === '!=' }),
      ];
    case 'in':
    case 'notIn': {
      if (!Array.isArray(value)) return [closure(tested)];
      const numbers = value.filter(
        (candidate): candidate is number => typeof candidate === 'number',
      );
      return [fieldCheck(ONE_OF, slot, { values: value, numbers, negate: op === 'notIn' })];
    }
    case 'exists':
      return [fieldCheck(EXISTS, slot, { number: (value ?? true) ? 1 : 0 })];
    case 'contains':
      if (typeof value !== 'string') return [closure(tested)];
      return [fieldCheck(CONTAINS, slot, { value, holds: tested })];
    default:
      return [closure(tested)];
  }
}

/** A check that runs a closure (`any`, `not`, a dotted field, a rare field test). */
const closure = (holds: CompiledCondition): FieldCheck => fieldCheck(CLOSURE, -1, { holds });

/** Whether every check passes for the lead whose fields are in `values` (see {@link compileChecks}). */
export function passes(checks: readonly FieldCheck[], values: unknown[], facts: Facts): boolean {
  for (let index = 0; index < checks.length; index += 1) {
    const check = checks[index] as FieldCheck;
    const actual = check.slot === -1 ? undefined : values[check.slot];
    let pass: boolean;
    switch (check.check) {
      case BELOW:
      case AT_MOST:
      case ABOVE:
      case AT_LEAST: {
        const number = typeof actual === 'number' ? actual : asNumber(actual);
        pass = number !== undefined && compareWith(check.check, number, check.number);
        break;
      }
      case SAME:
        pass = (actual === check.value) !== check.negate;
        break;
      case SAME_NUMBER:
        pass = (actual === check.number || asNumber(actual) === check.number) !== check.negate;
        break;
      case ONE_OF:
        pass = isAmong(actual, check.values, check.numbers) !== check.negate;
        break;
      case EXISTS:
        pass = (actual !== undefined && actual !== null) === (check.number === 1);
        break;
      case CONTAINS:
        pass =
          typeof actual === 'string' ? actual.includes(check.value as string) : check.holds(facts);
        break;
      default:
        pass = check.holds(facts);
    }
    if (!pass) return false;
  }
  return true;
}

function compareWith(check: Check, number: number, value: number): boolean {
  if (check === BELOW) return number < value;
  if (check === AT_MOST) return number <= value;
  if (check === ABOVE) return number > value;
  return number >= value;
}

/** `in`'s test, as the condition language's: the same value, or a number the fact reads as. */
export function isAmong(
  actual: unknown,
  values: readonly unknown[],
  numbers: readonly number[],
): boolean {
  for (let index = 0; index < values.length; index += 1) if (values[index] === actual) return true;
  if (numbers.length === 0) return false;
  const number = asNumber(actual);
  if (number === undefined) return false;
  for (let index = 0; index < numbers.length; index += 1)
    if (numbers[index] === number) return true;
  return false;
}
