// The ingest bench (a script, not a test): `buying-pipeline report` over a generated
// 1,000,000-journey CSV of stage events, as a whole process (the built CLI, as a user runs it),
// against DuckDB reading the same CSV and computing the same headline figures in SQL, also as a
// plain Node process. The sides alternate for a few rounds; the bench prints each run's wall time
// (the parent's clock, process start to exit) and peak RSS (the child's own maxRSS, which
// includes its worker threads and DuckDB's native memory), then the medians, and checks that both
// sides agree on the figures.
//
// Run: npm run bench:ingest [-- file [rounds]]   (builds first; the file is generated on first
// use: node --import tsx bench/ingestData.ts <file>)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEventCsv } from './ingestData.js';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const [file = '/tmp/bp-ingest-bench.csv', roundsArg = '3'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const folder = mkdtempSync(join(tmpdir(), 'bp-ingest-'));
const out = join(folder, 'report.json');

interface Figures {
  reached: number[];
  won: number;
  lost: number;
}

/** Runs one side as its own process; returns wall seconds, peak MiB and its figures. */
function run(side: 'report' | 'duckdb'): { seconds: number; peakMiB: number; figures: Figures } {
  const args =
    side === 'report'
      ? [
          here('../dist/cli/index.js'),
          'report',
          file,
          '--sorted',
          '--as-of',
          '2026-06-30T00:00:00Z',
          '--format',
          'json',
          '--out',
          out,
        ]
      : [here('./ingestDuckdb.mjs'), file];
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', here('./peakRss.mjs'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${side} failed: ${child.stderr}`);
  const peakMiB = Number(String(child.output[3]).trim());
  if (side === 'duckdb') return { seconds, peakMiB, figures: JSON.parse(child.stdout) };
  const report = JSON.parse(readFileSync(out, 'utf8'));
  return {
    seconds,
    peakMiB,
    figures: {
      reached: report.conversion.stages.map((stage: { reached: number }) => stage.reached),
      won: report.winRate.won,
      lost: report.winRate.lost,
    },
  };
}

if (!existsSync(file))
  console.log(`generated ${await writeEventCsv(file, 1_000_000)} rows into ${file}`);
const runs = { report: [] as number[], duckdb: [] as number[] };
const peaks = { report: [] as number[], duckdb: [] as number[] };
const figures: Partial<Record<'report' | 'duckdb', Figures>> = {};
for (let round = 0; round < rounds; round += 1) {
  for (const side of ['report', 'duckdb'] as const) {
    const result = run(side);
    runs[side].push(result.seconds);
    peaks[side].push(result.peakMiB);
    figures[side] = result.figures;
    console.log(
      `${side.padEnd(7)} ${result.seconds.toFixed(2)} s wall  ${result.peakMiB.toFixed(0)} MiB peak`,
    );
  }
}
rmSync(folder, { recursive: true, force: true });
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const same = JSON.stringify(figures.report) === JSON.stringify(figures.duckdb);
console.log(`figures ${same ? 'agree' : 'DIFFER'}: ${JSON.stringify(figures.report)}`);
const [report, duckdb] = [median(runs.report), median(runs.duckdb)];
console.log(
  `median of ${rounds}: report ${report.toFixed(2)} s, ${median(peaks.report).toFixed(0)} MiB; duckdb ${duckdb.toFixed(2)} s, ${median(peaks.duckdb).toFixed(0)} MiB; report / duckdb = ${(report / duckdb).toFixed(2)} (goal ≤ 1.5)`,
);
if (!same) process.exitCode = 1;
