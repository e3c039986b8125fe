// Runs every script in examples/ and every docs snippet that extract-doc-snippets.mjs wrote to
// examples/.snippets/. Scripts import 'buying-pipeline' exactly as users do; tsconfig's paths
// point that name at src/, so no build is needed. Snippets check their own claims with
// node:assert: any throw or non-zero exit fails the run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const scriptsIn = (folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => join(folder, name));
const scripts = [...scriptsIn('examples'), ...scriptsIn(join('examples', '.snippets'))];

let failed = 0;
for (const file of scripts) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'America/New_York' },
  });
  if (result.status === 0) {
    console.log(`ok    ${file}`);
  } else {
    failed += 1;
    console.log(`FAIL  ${file}\n${result.stdout}${result.stderr}`);
  }
}
console.log(`examples: ${scripts.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
