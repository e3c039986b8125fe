// The ingest bench (a script, not a test): the funnel report over a generated 1,000,000-journey
// CSV of stage events, as whole processes, against DuckDB reading the same CSV and computing the
// same headline figures in SQL. Each side runs in its own process, one after the other; the
// bench prints wall time (parent's clock, process start to exit) and peak RSS (the child's own
// maxRSS, which includes its worker threads and DuckDB's native memory).
//
// Run: npm run build && node --import tsx bench/ingest.ts [file] [workers]
// (the file is generated on first use: node --import tsx bench/ingestData.ts <file>)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeEventCsv } from './ingestData.js';

const self = fileURLToPath(import.meta.url);
const [mode, fileArg, workersArg] = process.argv.slice(2);
const stages = ['target', 'contact', 'suspect', 'lead', 'qualified_lead', 'prospect', 'customer'];

function peak(): number {
  return process.resourceUsage().maxRSS / 1024;
}

if (mode === 'report') {
  // The built package, as users (and the CLI) run it.
  const node = await import(new URL('../dist/node/index.js', import.meta.url).href);
  const core = await import(new URL('../dist/index.js', import.meta.url).href);
  const { report, stats, workers } = await node.funnelReportFromFile(fileArg, {
    pipeline: core.presets.buyingPipeline,
    mapping: node.mappings.generic,
    asOf: '2026-06-30T00:00:00Z',
    sorted: true,
    workers: Number(workersArg),
  });
  const reached = report.conversion.stages.map((stage: { reached: number }) => stage.reached);
  console.log(
    JSON.stringify({
      workers,
      rows: stats.rows,
      reached,
      won: report.winRate.won,
      lost: report.winRate.lost,
      peakMiB: peak(),
    }),
  );
} else if (mode === 'duckdb') {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // Reached with implied passage: a journey reached every stage up to its furthest, and a won
  // journey reached the last stage.
  // Win rate counts the journeys that reached the handoff (qualified_lead in the preset).
  const handoff = stages.indexOf('qualified_lead');
  const order = stages.map((stage, index) => `WHEN '${stage}' THEN ${index}`).join(' ');
  const result = await connection.runAndReadAll(`
    WITH events AS (SELECT * FROM read_csv('${fileArg}', header = true, all_varchar = true)),
    journeys AS (
      SELECT journey_id,
        max(CASE WHEN type = 'stage' THEN CASE stage ${order} END END) AS furthest,
        bool_or(type = 'outcome' AND outcome = 'won') AS won,
        bool_or(type = 'outcome' AND outcome = 'lost') AS lost
      FROM events GROUP BY journey_id),
    levels AS (SELECT CASE WHEN won THEN ${stages.length - 1} ELSE furthest END AS level, won, lost FROM journeys)
    SELECT ${stages.map((_, index) => `count(*) FILTER (WHERE level >= ${index})`).join(', ')},
      count(*) FILTER (WHERE won), count(*) FILTER (WHERE lost AND NOT won AND level >= ${handoff}) FROM levels`);
  const [row = []] = result.getRows();
  const numbers = row.map((value) => Number(value));
  console.log(
    JSON.stringify({
      reached: numbers.slice(0, stages.length),
      won: numbers[stages.length],
      lost: numbers[stages.length + 1],
      peakMiB: peak(),
    }),
  );
} else {
  const file = mode ?? '/tmp/bp-ingest-bench.csv';
  const workers = fileArg ?? '2';
  if (!existsSync(file))
    console.log(`generated ${await writeEventCsv(file, 1_000_000)} rows into ${file}`);
  for (const side of ['report', 'duckdb']) {
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', self, side, file, workers], {
      encoding: 'utf8',
    });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(run.stderr);
    console.log(`${side.padEnd(7)} ${seconds.toFixed(2)} s wall  ${run.stdout.trim()}`);
  }
}
