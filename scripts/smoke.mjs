// Packs the tarball as npm would publish it, installs it in a temporary folder with its real
// dependencies, and uses it the ways users will: require(), import(), the ./node entry, and a
// browser bundle of the core (which must not pull in any Node built-in).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Bundles an app file of the temporary folder for a browser, minified, in memory. */
const bundle = (folder, file) =>
  build({
    entryPoints: [join(folder, file)],
    absWorkingDir: folder,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    minify: true,
    logLevel: 'silent',
  });

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const folder = mkdtempSync(join(tmpdir(), 'buying-pipeline-smoke-'));
try {
  run('npm', ['pack', '--silent', '--pack-destination', folder], process.cwd());
  const tarball = readdirSync(folder).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'smoke', private: true }));
  run(
    'npm',
    ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`],
    folder,
  );

  const checks = `
    const assert = require('node:assert/strict');
    const check = (core, node, label) => {
      const pipeline = core.presets.buyingPipeline;
      assert.equal(pipeline.handoff, 'qualified_lead', label);
      const summary = core.summarizeJourney(pipeline, { id: 'a', amount: '10.10', events: [{ type: 'outcome', outcome: 'won', at: '2026-01-02' }] }, { asOf: '2026-02-01' });
      assert.equal(summary.status, 'won', label);
      assert.equal(JSON.parse(JSON.stringify(summary)).amount, '10.1', label);
      assert.equal(typeof node.readJourneysFile, 'function', label);
      return core;
    };
  `;
  writeFileSync(
    join(folder, 'smoke.cjs'),
    `${checks}
    const core = check(require('buying-pipeline'), require('buying-pipeline/node'), 'require');
    import('buying-pipeline').then(async (esm) => {
      check(esm, await import('buying-pipeline/node'), 'import');
      // An error thrown by the CommonJS copy is recognised by the ES module's guard.
      try { core.definePipeline({ stages: [] }); assert.fail('no error'); }
      catch (error) { assert.ok(esm.isPipelineError(error)); assert.deepEqual(error.issues[0].path, ['stages']); }
      console.log('smoke: require() and import() of buying-pipeline and buying-pipeline/node work');
    });
  `,
  );
  process.stdout.write(run('node', ['smoke.cjs'], folder));

  // A sorted file over the 4 MiB below which funnelReportFromFile reads in one thread: both the
  // ES module and the CommonJS entry must find and start their bundled worker file.
  const rows = ['journey_id,type,stage,outcome,at,origin,amount'];
  for (let index = 0; index < 60_000; index += 1) {
    const id = `J${String(index).padStart(6, '0')}`;
    rows.push(`${id},stage,lead,,2026-01-02T10:00:00Z,marketing,1200.50`);
    rows.push(`${id},outcome,,${index % 3 === 0 ? 'won' : 'lost'},2026-02-03T10:00:00Z,,`);
  }
  writeFileSync(join(folder, 'large.csv'), `${rows.join('\n')}\n`);
  writeFileSync(
    join(folder, 'parallel.cjs'),
    `const assert = require('node:assert/strict');
    const read = (core, node) => node.funnelReportFromFile('large.csv', {
      pipeline: core.presets.buyingPipeline, mapping: node.mappings.generic, asOf: '2026-06-30',
      sorted: true, workers: 2,
    });
    const check = ({ report, workers }, label) => {
      assert.equal(workers, 2, label);
      assert.equal(report.journeys, 60000, label);
      assert.equal(report.winRate.won, 20000, label);
    };
    read(require('buying-pipeline'), require('buying-pipeline/node'))
      .then((result) => check(result, 'require'))
      .then(async () => check(await read(await import('buying-pipeline'), await import('buying-pipeline/node')), 'import'))
      .then(() => console.log('smoke: funnelReportFromFile starts its worker thread from require() and import()'));
  `,
  );
  process.stdout.write(run('node', ['parallel.cjs'], folder));

  writeFileSync(
    join(folder, 'browser.mjs'),
    "import { presets, summarizeJourney } from 'buying-pipeline';\nconsole.log(presets, summarizeJourney);\n",
  );
  const result = await bundle(folder, 'browser.mjs');
  const size = result.outputFiles.reduce((total, file) => total + file.contents.length, 0);
  // A budget, so that an import that defeats tree-shaking (e.g. zod's whole `z` namespace with
  // every locale: 454 KiB) fails here instead of in a user's bundle. Today: zod ≈ 99 KiB,
  // decimal.js ≈ 32 KiB, the library ≈ 26 KiB.
  const budget = 200 * 1024;
  if (size > budget)
    throw new Error(`the core's browser bundle is ${size} bytes, over the ${budget}-byte budget`);
  console.log(
    `smoke: the core bundles for a browser (${(size / 1024).toFixed(1)} KiB minified, budget ${budget / 1024} KiB)`,
  );

  // Tree-shaking: an app that only defines a pipeline must not carry the metrics engine or the
  // statistics (minified names are mangled, so the markers are message texts that survive).
  // decimal.js does stay today: the build puts the modules in one shared chunk that imports it,
  // and decimal.js is not marked side-effect free; a per-module build would drop it too.
  writeFileSync(
    join(folder, 'pipelineOnly.mjs'),
    "import { definePipeline } from 'buying-pipeline';\nconsole.log(definePipeline);\n",
  );
  const small = await bundle(folder, 'pipelineOnly.mjs');
  const text = small.outputFiles.map((file) => file.text).join('');
  const markers = [
    'Cannot merge an accumulator into itself',
    'Flow conversion needs a window',
    'to be at most trials',
  ];
  for (const marker of markers) {
    if (text.includes(marker))
      throw new Error(`importing only definePipeline pulled in "${marker}"`);
  }
  console.log(
    `smoke: definePipeline alone bundles to ${(text.length / 1024).toFixed(1)} KiB (no metrics or statistics code)`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
