import { expect } from 'vitest';
import {
  isPipelineError,
  type JourneyEventInput,
  type OutcomeKind,
  type PipelineError,
} from '../src/index.js';

/** Runs `run`, expects it to throw a PipelineError, and returns that error. */
export function thrown(run: () => unknown): PipelineError {
  try {
    run();
  } catch (error) {
    if (isPipelineError(error)) return error;
    throw new Error(`Expected a PipelineError, got ${String(error)}`);
  }
  throw new Error('Expected a PipelineError, but nothing was thrown');
}

/** The issues of an error without their messages: what tables compare. */
export function issueCodesAndPaths(error: PipelineError): { code: string; path: unknown[] }[] {
  return error.issues.map(({ code, path }) => ({ code, path: [...path] }));
}

/** A value's JSON form read back: Dates become ISO strings, Decimals become strings. */
export function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function objectPaths(value: unknown, keep: (object: object) => boolean, path: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const own = keep(value) ? [path] : [];
  const inner = Object.entries(value).flatMap(([key, child]) =>
    objectPaths(child, keep, `${path}.${key}`),
  );
  return [...own, ...inner];
}

/** The paths (`$.stages.0.steps`) of every object or array inside `value` that is not frozen. */
export function unfrozenPaths(value: unknown): string[] {
  return objectPaths(value, (object) => !Object.isFrozen(object), '$');
}

/** The paths of every object or array inside `value` that is frozen. */
export function frozenPaths(value: unknown): string[] {
  return objectPaths(value, (object) => Object.isFrozen(object), '$');
}

/** Asserts that a value and every object inside it (Dates and Decimals included) is frozen. */
export function expectDeepFrozen(value: unknown): void {
  expect(unfrozenPaths(value)).toEqual([]);
}

/** A stage event. */
export const stage = (id: string, at: string): JourneyEventInput => ({
  type: 'stage',
  stage: id,
  at,
});

/** An outcome event, with a reason when one is given. */
export const outcome = (kind: OutcomeKind, at: string, reason?: string): JourneyEventInput =>
  reason === undefined
    ? { type: 'outcome', outcome: kind, at }
    : { type: 'outcome', outcome: kind, at, reason };

/**
 * The paths of every number, Date and Decimal inside a value that is not finite (with the value):
 * empty when a result is free of NaN, Infinity and Invalid Date.
 */
export function nonFinitePaths(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (value instanceof Date)
    return Number.isFinite(value.getTime()) ? [] : [`${path} = Invalid Date`];
  if (typeof value !== 'object' || value === null) return [];
  const decimal = value as { isFinite?: unknown; toString(): string };
  if (typeof decimal.isFinite === 'function' && !Array.isArray(value)) {
    return (decimal.isFinite as () => boolean).call(value)
      ? []
      : [`${path} = ${decimal.toString()}`];
  }
  return Object.entries(value).flatMap(([key, child]) => nonFinitePaths(child, `${path}.${key}`));
}
