import { expect } from 'vitest';
import { isPipelineError, type PipelineError } from '../../src/index.js';

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

/** Asserts that a value and every object inside it (Dates and Decimals included) is frozen. */
export function expectDeepFrozen(value: unknown, where = 'value'): void {
  if (typeof value !== 'object' || value === null) return;
  expect(Object.isFrozen(value), `${where} is frozen`).toBe(true);
  for (const [key, inner] of Object.entries(value)) expectDeepFrozen(inner, `${where}.${key}`);
}

/** A value's JSON form read back: Dates become ISO strings, Decimals become strings. */
export function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
