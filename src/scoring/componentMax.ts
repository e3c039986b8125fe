import type { Condition } from '../pipeline/condition.js';
import { asNumber } from '../pipeline/evaluateCondition.js';
import type { BehaviourConfig, FitConfig, ScoringModel } from './types.js';

/** The most a set of non-negative contributions can reach under an optional cap. */
function capped(sum: number | null, cap: number | undefined): number | null {
  if (cap === undefined) return sum;
  return sum === null ? cap : Math.min(sum, cap);
}

/** The most BANTT answers can earn: every dimension at its best level, under the cap. */
export function banttMax(bantt: NonNullable<ScoringModel['bantt']>): number {
  let sum = 0;
  for (const dimension of bantt.dimensions) {
    sum += dimension.points * Math.max(0, ...Object.values(dimension.levels));
  }
  return capped(sum, bantt.cap) as number;
}

/**
 * The most fit rules can earn, under the cap: every positive rule holding, except that of rules
 * that cannot hold together only the best counts. Rules on one field that are each `= value`
 * (values no fact can equal two of), `exists: false` or `notIn` a list of all those values (with
 * `exists` beside it when a missing value has its own rule) are such a set: what
 * `learnFitModel` writes, one rule per value of a field, and what a hand-written model
 * writes for an industry or a country. So a learned model's max is the `maxPoints` it was scaled
 * to, not the sum of every value's points.
 */
export function fitMax(fit: FitConfig): number {
  const byField = new Map<string, { shape: Exclusive; points: number }[]>();
  let sum = 0;
  for (const rule of fit.rules) {
    const shape = exclusiveShape(rule.when);
    if (shape === undefined) {
      if (rule.points > 0) sum += rule.points;
      continue;
    }
    const group = byField.get(shape.field) ?? [];
    group.push({ shape, points: rule.points });
    byField.set(shape.field, group);
  }
  for (const group of byField.values()) {
    if (exclusive(group.map((member) => member.shape))) {
      sum += Math.max(0, ...group.map((member) => member.points));
    } else {
      for (const member of group) if (member.points > 0) sum += member.points;
    }
  }
  return capped(sum, fit.cap) as number;
}

/** A field condition of one of the shapes that can exclude each other (see {@link fitMax}). */
type Exclusive =
  | { readonly field: string; readonly kind: 'equals'; readonly value: string | number | boolean }
  | { readonly field: string; readonly kind: 'missing' }
  | {
      readonly field: string;
      readonly kind: 'other';
      readonly values: readonly unknown[];
      /** With `exists` beside it: a missing value is not "other". */
      readonly present: boolean;
    };

function exclusiveShape(when: Condition): Exclusive | undefined {
  if ('all' in when) {
    // learnFitModel's "any other value" when a missing value has its own rule.
    const [first, second] = when.all;
    if (when.all.length !== 2 || !first || !second || !('field' in first) || !('field' in second))
      return undefined;
    const [notIn, exists] = first.op === 'notIn' ? [first, second] : [second, first];
    if (
      notIn.op !== 'notIn' ||
      !Array.isArray(notIn.value) ||
      exists.op !== 'exists' ||
      (exists.value ?? true) !== true ||
      exists.field !== notIn.field ||
      notIn.field.includes('.')
    )
      return undefined;
    return { field: notIn.field, kind: 'other', values: notIn.value, present: true };
  }
  if (!('field' in when) || when.field.includes('.')) return undefined;
  const { field, op, value } = when;
  if (
    op === '=' &&
    (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
  )
    return { field, kind: 'equals', value };
  if (op === 'exists' && value === false) return { field, kind: 'missing' };
  if (op === 'notIn' && Array.isArray(value))
    return { field, kind: 'other', values: value, present: false };
  return undefined;
}

/** Whether no facts can meet two of these conditions at once (`=` reads '250' as 250). */
function exclusive(shapes: readonly Exclusive[]): boolean {
  const values: (string | number | boolean)[] = [];
  let missing = 0;
  const others: Extract<Exclusive, { kind: 'other' }>[] = [];
  for (const shape of shapes) {
    if (shape.kind === 'equals') values.push(shape.value);
    else if (shape.kind === 'missing') missing += 1;
    else others.push(shape);
  }
  if (missing > 1 || others.length > 1) return false;
  for (let one = 0; one < values.length; one += 1) {
    for (let two = one + 1; two < values.length; two += 1) {
      if (
        canEqualBoth(
          values[one] as string | number | boolean,
          values[two] as string | number | boolean,
        )
      )
        return false;
    }
  }
  const [other] = others;
  if (other === undefined) return true;
  // "Other" must leave out every value with its own rule, and a missing value if it has one.
  return values.every((value) => other.values.includes(value)) && (missing === 0 || other.present);
}

/** Whether one fact can equal both values: the same value, or a text that reads as the number. */
function canEqualBoth(one: string | number | boolean, two: string | number | boolean): boolean {
  if (one === two) return true;
  if (typeof one === 'number' && typeof two === 'string') return asNumber(two) === one;
  if (typeof two === 'number' && typeof one === 'string') return asNumber(one) === two;
  return false;
}

/**
 * The most behaviour rules can earn, or null when unbounded: a repeatable positive rule without
 * a cap can grow without limit unless the component is capped.
 */
export function behaviourMax(behaviour: BehaviourConfig): number | null {
  let sum: number | null = 0;
  for (const rule of behaviour.rules) {
    if (rule.points <= 0 || sum === null) continue;
    if (rule.repeatable === true) sum = rule.cap === undefined ? null : sum + rule.cap;
    else sum += Math.min(rule.points, rule.cap ?? rule.points);
  }
  return capped(sum, behaviour.cap);
}
