import * as z from 'zod';
import { describe } from '../errors/describe.js';
import type { PipelineIssue } from '../errors/PipelineError.js';
import { type Condition, conditionOperators } from './condition.js';

const combinators = ['all', 'any', 'not'] as const;
const fieldKeys = new Set(['field', 'op', 'value']);

function isScalar(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * Checks that a value is a well-formed {@link Condition}; returns the issues found, with paths
 * relative to the condition. Written by hand rather than as a zod union so that a mistake deep in
 * a nested condition is reported at its own path rather than as "no union member matched".
 */
export function conditionIssues(value: unknown, path: (string | number)[] = []): PipelineIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [
      {
        code: 'invalid_type',
        path,
        message: `Expected a condition object, received ${describe(value)}`,
      },
    ];
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const combinator = combinators.find((key) => key in record);
  if (combinator) {
    const extra = keys.filter((key) => key !== combinator);
    const issues: PipelineIssue[] = extra.map((key) => ({
      code: 'unrecognized_keys',
      path: [...path, key],
      message: `Unknown key "${key}" beside "${combinator}"`,
    }));
    const inner = record[combinator];
    if (combinator === 'not') return [...issues, ...conditionIssues(inner, [...path, 'not'])];
    if (!Array.isArray(inner)) {
      return [
        ...issues,
        {
          code: 'invalid_type',
          path: [...path, combinator],
          message: `Expected a list of conditions, received ${describe(inner)}`,
        },
      ];
    }
    return [
      ...issues,
      ...inner.flatMap((part, index) => conditionIssues(part, [...path, combinator, index])),
    ];
  }
  if (!('field' in record)) {
    return [
      {
        code: 'invalid_condition',
        path,
        message: `Expected a condition with "field" and "op", or "all", "any" or "not"; received keys ${JSON.stringify(keys)}`,
      },
    ];
  }
  const issues: PipelineIssue[] = keys
    .filter((key) => !fieldKeys.has(key))
    .map((key) => ({
      code: 'unrecognized_keys',
      path: [...path, key],
      message: `Unknown key "${key}"`,
    }));
  const { field, op } = record;
  if (typeof field !== 'string' || field === '') {
    issues.push({
      code: 'invalid_type',
      path: [...path, 'field'],
      message: 'Expected a non-empty field path',
    });
  }
  if (!conditionOperators.includes(op as never)) {
    issues.push({
      code: 'invalid_value',
      path: [...path, 'op'],
      message: `Expected one of ${conditionOperators.map((o) => `"${o}"`).join(', ')}, received ${JSON.stringify(op) ?? 'nothing'}`,
    });
    return issues;
  }
  const hasValue = 'value' in record && record['value'] !== undefined;
  const operand = record['value'];
  const valuePath = [...path, 'value'];
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(operand) || !operand.every(isScalar)) {
      issues.push({
        code: 'invalid_type',
        path: valuePath,
        message: `"${op}" needs a list of values`,
      });
    }
  } else if (op === 'exists') {
    if (hasValue && typeof operand !== 'boolean') {
      issues.push({
        code: 'invalid_type',
        path: valuePath,
        message: '"exists" takes true, false or no value',
      });
    }
  } else if (!hasValue || !isScalar(operand)) {
    issues.push({
      code: 'invalid_type',
      path: valuePath,
      message: `"${op}" needs a string, number, boolean or null value, received ${hasValue ? describe(operand) : 'nothing'}`,
    });
  }
  return issues;
}

/** The zod schema for a {@link Condition}, for use inside other schemas. */
export const conditionSchema: z.ZodType<Condition> = /* @__PURE__ */ z
  .unknown()
  .superRefine((value, context) => {
    for (const issue of conditionIssues(value)) {
      context.addIssue({
        code: 'custom',
        path: [...issue.path],
        message: issue.message,
        params: { code: issue.code },
      });
    }
  })
  // A copy: the pipeline freezes what it holds, and the caller's object must stay untouched.
  .transform((value) => structuredClone(value) as Condition);
