// The ingest bench (a script, not a test): `buying-pipeline report` over a generated
// 1,000,000-journey CSV of stage events, as a whole process (the built CLI, as a user runs it),
// against DuckDB reading the same CSV and computing the same figures in SQL, also as a plain Node
// process (bench/ingestDuckdb.mjs: conversion, velocity, win rate, deals and leakage; see its
// header for what it leaves out). A third side times DuckDB on the headline counts alone (reached
// per stage, won, lost), the comparison earlier versions of this bench made. The sides alternate
// for a few rounds; the bench prints each run's wall time (the parent's clock, process start to
// exit) and peak RSS (the child's own maxRSS, which includes its worker threads and DuckDB's
// native memory), then the medians, and checks that each DuckDB side agrees with the report on
// its figures (counts and money sums exactly, durations to 1e-9 relative).
//
// Run: npm run bench:ingest [-- file [rounds]]   (builds first; the file is generated on first
// use: node --import tsx bench/ingestData.ts <file>)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEventCsv } from './ingestData.js';
import { differences, type Figures, figuresOf, type ReportJson } from './ingestFigures.js';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const [file = '/tmp/bp-ingest-bench.csv', roundsArg = '3'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const folder = mkdtempSync(join(tmpdir(), 'bp-ingest-'));
const out = join(folder, 'report.json');

type Side = 'report' | 'duckdb' | 'headline';
/** Runs one side as its own process; returns wall seconds, peak MiB and its figures. */
function run(side: Side): { seconds: number; peakMiB: number; figures: Figures } {
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
      : [here('./ingestDuckdb.mjs'), file, ...(side === 'headline' ? ['--headline'] : [])];
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', here('./peakRss.mjs'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${side} failed: ${child.stderr}`);
  const peakMiB = Number(String(child.output[3]).trim());
  if (side !== 'report') return { seconds, peakMiB, figures: JSON.parse(child.stdout) };
  const report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
  return { seconds, peakMiB, figures: figuresOf(report) };
}

if (!existsSync(file))
  console.log(`generated ${await writeEventCsv(file, 1_000_000)} rows into ${file}`);
const sides: Side[] = ['report', 'duckdb', 'headline'];
const runs: Record<Side, number[]> = { report: [], duckdb: [], headline: [] };
const peaks: Record<Side, number[]> = { report: [], duckdb: [], headline: [] };
const figures: Partial<Record<Side, Figures>> = {};
for (let round = 0; round < rounds; round += 1) {
  for (const side of sides) {
    const result = run(side);
    runs[side].push(result.seconds);
    peaks[side].push(result.peakMiB);
    figures[side] = result.figures;
    console.log(
      `${side.padEnd(8)} ${result.seconds.toFixed(2)} s wall  ${result.peakMiB.toFixed(0)} MiB peak`,
    );
  }
}
rmSync(folder, { recursive: true, force: true });
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ours = figures.report as { full: Figures; headline: Figures };
const differ = [
  ...differences(ours.full, figures.duckdb).map((line) => `duckdb ${line}`),
  ...differences(ours.headline, figures.headline).map((line) => `headline ${line}`),
];
console.log(
  differ.length === 0
    ? 'figures agree (report and DuckDB, and report and DuckDB headline)'
    : `figures DIFFER:\n  ${differ.slice(0, 20).join('\n  ')}`,
);
const [report, duckdb, headline] = sides.map((side) => median(runs[side]));
const peak = (side: Side) => `${median(peaks[side]).toFixed(0)} MiB`;
console.log(
  `median of ${rounds}: report ${report?.toFixed(2)} s, ${peak('report')}; duckdb (same figures) ${duckdb?.toFixed(2)} s, ${peak('duckdb')}; duckdb (headline counts only) ${headline?.toFixed(2)} s, ${peak('headline')}`,
);
console.log(
  `report / duckdb = ${((report as number) / (duckdb as number)).toFixed(2)} (goal ≤ 1.5); report / duckdb headline = ${((report as number) / (headline as number)).toFixed(2)}`,
);
if (differ.length > 0) process.exitCode = 1;
