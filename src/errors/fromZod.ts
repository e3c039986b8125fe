import type { z } from 'zod';
import { describe } from './describe.js';
import {
  type IssuePath,
  PipelineError,
  type PipelineErrorCode,
  type PipelineIssue,
} from './PipelineError.js';

/**
 * Turns zod's issues into ours: one issue per unknown key (with the key in the path, so a typo
 * points at itself), custom issues keep the code they were raised with.
 */
export function issuesFromZod(error: z.ZodError, prefix: IssuePath = []): PipelineIssue[] {
  const issues: PipelineIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path.map(toPathPart)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ code: issue.code, path: [...path, key], message: `Unknown key "${key}"` });
      }
    } else if (issue.code === 'custom') {
      const code = typeof issue.params?.['code'] === 'string' ? issue.params['code'] : 'custom';
      issues.push({ code, path, message: issue.message });
    } else {
      issues.push({ code: issue.code, path, message: withReceived(issue) });
    }
  }
  return issues;
}

/** zod's messages say what was expected; ours also say what was received. */
function withReceived(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_type' && issue.code !== 'invalid_value') return issue.message;
  if (!('input' in issue) || /received/i.test(issue.message)) return issue.message;
  const { input } = issue;
  const shown =
    typeof input === 'string'
      ? JSON.stringify(input)
      : input === undefined
        ? 'nothing'
        : describe(input);
  return `${issue.message}, received ${shown}`;
}

function toPathPart(part: PropertyKey): string | number {
  return typeof part === 'symbol' ? String(part) : part;
}

/**
 * Parses `input` with `schema`, throwing a {@link PipelineError} with `code` and the zod error as
 * its cause when it fails.
 */
export function parseOrThrow<Output>(
  schema: z.ZodType<Output>,
  input: unknown,
  code: PipelineErrorCode,
  where: string,
  prefix: IssuePath = [],
): Output {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error, prefix);
  const [first, ...rest] = issues;
  const nonEmpty: [PipelineIssue, ...PipelineIssue[]] = first
    ? [first, ...rest]
    : [{ code: 'invalid', path: [...prefix], message: 'Invalid input' }];
  throw new PipelineError(code, nonEmpty, { where, cause: result.error });
}
