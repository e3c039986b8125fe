/**
 * A value a condition compares against: JSON primitives.
 *
 * @example
 * ```ts
 * const values: ConditionScalar[] = ['DE', 500, true, null];
 * ```
 */
export type ConditionScalar = string | number | boolean | null;

/**
 * The comparison operators of a {@link FieldCondition}.
 *
 * @example
 * ```ts
 * const op: ConditionOperator = '>=';
 * ```
 */
export type ConditionOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | 'notIn'
  | 'contains'
  | 'exists';

/** The operators, in a list, for validation and documentation. */
export const conditionOperators: readonly ConditionOperator[] = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'notIn',
  'contains',
  'exists',
];

/**
 * A test of one fact. `field` is a dotted path into the facts (`'company.employees'`); a key
 * that itself contains dots (`'lead.source'`) is looked up whole first.
 *
 * - `=` / `!=`: equal / not equal (`!=` is exactly the negation of `=`, so it holds for a missing field).
 * - `<`, `<=`, `>`, `>=`: numbers with numbers, strings with strings (so ISO dates compare as dates);
 *   a numeric string fact is read as a number when `value` is a number (CSV exports are text).
 *   A missing or mismatched fact fails the test.
 * - `in` / `notIn`: `value` is a list; `notIn` is the negation of `in`.
 * - `contains`: a string fact contains the `value` text (case-sensitive), or a list fact includes `value`.
 * - `exists`: the fact is present and not null (`value: false` asks for the opposite).
 *
 * @example
 * ```ts
 * const bigCompany: FieldCondition = { field: 'employees', op: '>=', value: 500 };
 * ```
 */
export interface FieldCondition {
  /** Dotted path to the fact. */
  readonly field: string;
  /** The comparison. */
  readonly op: ConditionOperator;
  /** What to compare with: a scalar, a list for `in` / `notIn`, optional for `exists`. */
  readonly value?: ConditionScalar | readonly ConditionScalar[];
}

/**
 * Holds when every part holds (an empty list holds).
 *
 * @example
 * ```ts
 * const c: AllCondition = { all: [{ field: 'country', op: '=', value: 'DE' }, { field: 'employees', op: '>', value: 50 }] };
 * ```
 */
export interface AllCondition {
  /** The parts. */
  readonly all: readonly Condition[];
}

/**
 * Holds when at least one part holds (an empty list does not hold).
 *
 * @example
 * ```ts
 * const c: AnyCondition = { any: [{ field: 'title', op: 'contains', value: 'VP' }, { field: 'title', op: 'contains', value: 'Director' }] };
 * ```
 */
export interface AnyCondition {
  /** The parts. */
  readonly any: readonly Condition[];
}

/**
 * Holds when its part does not.
 *
 * @example
 * ```ts
 * const c: NotCondition = { not: { field: 'email', op: 'contains', value: '@gmail.' } };
 * ```
 */
export interface NotCondition {
  /** The negated part. */
  readonly not: Condition;
}

/**
 * A small JSON-serialisable condition language shared by stage entry criteria, lead scoring
 * and SLA rules.
 *
 * @example
 * ```ts
 * const qualified: Condition = {
 *   all: [
 *     { field: 'bantt.score', op: '>=', value: 75 },
 *     { not: { field: 'status', op: 'in', value: ['student', 'competitor'] } },
 *   ],
 * };
 * ```
 */
export type Condition = FieldCondition | AllCondition | AnyCondition | NotCondition;
