import { isPipelineError, type PipelineError } from '../../src/index.js';

/** Runs `run` and returns the PipelineError it throws; fails when it throws nothing or something else. */
export function catchPipelineError(run: () => unknown): PipelineError {
  try {
    run();
  } catch (error) {
    if (isPipelineError(error)) return error;
    throw error;
  }
  throw new Error('Expected a PipelineError, but nothing was thrown');
}

/** The issues of an error without their messages: what tables compare. */
export function issueCodesAndPaths(error: PipelineError): { code: string; path: unknown[] }[] {
  return error.issues.map(({ code, path }) => ({ code, path: [...path] }));
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
