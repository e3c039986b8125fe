import { expect } from 'vitest';
import { isPipelineError, type PipelineError } from '../src/index.js';

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
