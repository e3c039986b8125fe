import type { Condition } from '../pipeline/condition.js';

/** A condition in words for a reason's detail: `employees >= 500 and title contains "VP"`. */
export function describeCondition(condition: Condition): string {
  if ('all' in condition) return joined(condition.all, 'and', 'always');
  if ('any' in condition) return joined(condition.any, 'or', 'never');
  if ('not' in condition) return `not (${describeCondition(condition.not)})`;
  if (condition.op === 'exists') {
    return `${condition.field} ${condition.value === false ? 'is missing' : 'is present'}`;
  }
  return `${condition.field} ${condition.op} ${JSON.stringify(condition.value)}`;
}

function joined(parts: readonly Condition[], word: string, empty: string): string {
  if (parts.length === 0) return empty;
  if (parts.length === 1) return describeCondition(parts[0] as Condition);
  return parts.map((part) => `(${describeCondition(part)})`).join(` ${word} `);
}
