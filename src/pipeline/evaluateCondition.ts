import { PipelineError } from '../errors/PipelineError.js';
import type { Condition, ConditionOperator, ConditionScalar, FieldCondition } from './condition.js';
import { conditionIssues } from './validateCondition.js';

/**
 * One failed test of a condition: where it sits in the condition, which fact it looked at and
 * what it found.
 *
 * @example
 * ```ts
 * const failure: ConditionFailure = { path: ['all', 1], field: 'employees', op: '>=', expected: 500, actual: 120, message: 'employees is 120, expected >= 500' };
 * ```
 */
export interface ConditionFailure {
  /** Where the failed part sits inside the condition (`['all', 1]`), `[]` for the root. */
  readonly path: readonly (string | number)[];
  /** The fact's path, for field tests. */
  readonly field?: string;
  /** The operator, for field tests. */
  readonly op?: ConditionOperator;
  /** The value compared with, for field tests. */
  readonly expected?: ConditionScalar | readonly ConditionScalar[];
  /** The fact found (`undefined` when missing), for field tests. */
  readonly actual?: unknown;
  /** A sentence a person can read. */
  readonly message: string;
}

/**
 * The outcome of {@link evaluateCondition}.
 *
 * @example
 * ```ts
 * const result: ConditionResult = { holds: false, failed: [{ path: [], field: 'country', op: '=', expected: 'DE', actual: 'FR', message: 'country is "FR", expected = "DE"' }] };
 * ```
 */
export interface ConditionResult {
  /** Whether the condition holds for the facts. */
  readonly holds: boolean;
  /**
   * Why not: the failed field tests (and failed `not`s) that make it fail; empty when it holds.
   * For `any`, every alternative's failures are listed.
   */
  readonly failed: readonly ConditionFailure[];
}

/**
 * Facts that conditions test: a record, possibly nested.
 *
 * @example
 * ```ts
 * const facts: Facts = { title: 'VP Sales', company: { employees: 800, country: 'DE' } };
 * ```
 */
export type Facts = Readonly<Record<string, unknown>>;

// Conditions already checked: those that definePipeline (and later define* functions) validated.
const validated = new WeakSet<object>();

/** Marks a condition as validated, so evaluating it skips the check. */
export function markValidated(condition: Condition): void {
  validated.add(condition);
}

/**
 * Evaluates a {@link Condition} against facts and says which parts failed.
 *
 * @param condition - the condition (validated here unless it came from a `define*` function)
 * @param facts - the facts, e.g. a lead's attributes
 * @returns whether it holds and the failed parts
 * @throws {@link PipelineError} with code `invalid_condition` when the condition is malformed
 *
 * @example
 * ```ts
 * const result = evaluateCondition(
 *   { all: [{ field: 'country', op: '=', value: 'DE' }, { field: 'company.employees', op: '>=', value: 500 }] },
 *   { country: 'DE', company: { employees: 120 } },
 * );
 * result.holds; //=> false
 * result.failed[0].message; //=> 'company.employees is 120, expected >= 500'
 * ```
 */
export function evaluateCondition(condition: Condition, facts: Facts): ConditionResult {
  if (!validated.has(condition)) {
    const issues = conditionIssues(condition);
    const [first, ...rest] = issues;
    if (first)
      throw new PipelineError('invalid_condition', [first, ...rest], {
        where: 'evaluateCondition',
      });
  }
  const failed: ConditionFailure[] = [];
  const holds = evaluate(condition, facts, [], failed);
  return { holds, failed: holds ? [] : failed };
}

function evaluate(
  condition: Condition,
  facts: Facts,
  path: (string | number)[],
  failed: ConditionFailure[],
): boolean {
  if ('all' in condition) {
    let holds = true;
    condition.all.forEach((part, index) => {
      if (!evaluate(part, facts, [...path, 'all', index], failed)) holds = false;
    });
    return holds;
  }
  if ('any' in condition) {
    const mark = failed.length;
    const holds = condition.any
      .map((part, index) => evaluate(part, facts, [...path, 'any', index], failed))
      .some(Boolean);
    if (holds) failed.length = mark;
    else if (condition.any.length === 0)
      failed.push({ path, message: 'an empty "any" never holds' });
    return holds;
  }
  if ('not' in condition) {
    const inner: ConditionFailure[] = [];
    const holds = !evaluate(condition.not, facts, [...path, 'not'], inner);
    if (!holds)
      failed.push({ path, message: `expected ${JSON.stringify(condition.not)} not to hold` });
    return holds;
  }
  const actual = lookup(facts, condition.field);
  const holds = test(condition, actual);
  if (!holds) failed.push(fieldFailure(condition, actual, path));
  return holds;
}

function fieldFailure(
  condition: FieldCondition,
  actual: unknown,
  path: (string | number)[],
): ConditionFailure {
  const found = actual === undefined ? 'missing' : `is ${JSON.stringify(actual)}`;
  const expected = condition.op === 'exists' ? '' : ` ${JSON.stringify(condition.value)}`;
  const failure: ConditionFailure = {
    path,
    field: condition.field,
    op: condition.op,
    actual,
    message: `${condition.field} ${found}, expected ${condition.op}${expected}`,
  };
  return condition.value === undefined ? failure : { ...failure, expected: condition.value };
}

/** Looks up a dotted path; a key that itself contains the dots wins. (Also used by compiled scoring rules.) */
export function lookup(facts: Facts, field: string): unknown {
  if (Object.hasOwn(facts, field)) return facts[field];
  let current: unknown = facts;
  for (const key of field.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key))
      return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Whether one field test holds for the fact found. (Also used by compiled scoring rules.) */
export function test(condition: FieldCondition, actual: unknown): boolean {
  const { op, value } = condition;
  switch (op) {
    case '=':
      return equals(actual, value);
    case '!=':
      return !equals(actual, value);
    case 'in':
      return Array.isArray(value) && isOneOf(actual, value);
    case 'notIn':
      return !(Array.isArray(value) && isOneOf(actual, value));
    case 'exists':
      return (actual !== undefined && actual !== null) === (value ?? true);
    case 'contains':
      if (typeof actual === 'string') return typeof value === 'string' && actual.includes(value);
      return Array.isArray(actual) && actual.some((item) => equals(item, value));
    default:
      return compare(op, actual, value);
  }
}

/** Whether the fact equals one of the values (a plain loop: scorers call this millions of times). */
function isOneOf(actual: unknown, values: readonly unknown[]): boolean {
  for (const candidate of values) if (equals(actual, candidate)) return true;
  return false;
}

function equals(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  // A CSV cell '250' equals the number 250.
  return typeof expected === 'number' && asNumber(actual) === expected;
}

/** A fact as a number, when it is one or reads as one (`'250'`). (Also used by compiled scoring rules.) */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

function compare(op: '<' | '<=' | '>' | '>=', actual: unknown, expected: unknown): boolean {
  let left: number | string;
  let right: number | string;
  if (typeof expected === 'number') {
    const number = asNumber(actual);
    if (number === undefined) return false;
    left = number;
    right = expected;
  } else if (typeof expected === 'string' && typeof actual === 'string') {
    left = actual;
    right = expected;
  } else {
    return false;
  }
  switch (op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    default:
      return left >= right;
  }
}
