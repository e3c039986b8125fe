import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built command (npm test builds before it runs these tests). */
export const cli = fileURLToPath(new URL('../../../dist/cli/index.js', import.meta.url));
/** The project's own fixture files. */
export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

if (!existsSync(cli)) {
  throw new Error(`${cli} is missing: run \`npm run build\` before the end-to-end tests`);
}

/** What a run of the command did. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a user would, in `cwd` (default: a new temporary folder). */
export function run(args: readonly string[], cwd = temporaryFolder()): Run {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'America/New_York', NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new empty folder under the system's temporary folder. */
export function temporaryFolder(): string {
  return mkdtempSync(join(tmpdir(), 'buying-pipeline-cli-'));
}

/** A fixture's absolute path. */
export const fixture = (name: string): string => join(fixtures, name);
