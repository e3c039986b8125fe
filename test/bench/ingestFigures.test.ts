// The ingest bench compares `buying-pipeline report` with DuckDB computing the same figures in
// SQL (bench/ingestDuckdb.mjs). This holds the SQL to the report's definitions on a small file of
// the bench's kind, so the bench keeps timing the same work, and checks that the comparison
// notices a difference.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeEventCsv } from '../../bench/ingestData.js';
import {
  differences,
  type Figures,
  figuresOf,
  type ReportJson,
} from '../../bench/ingestFigures.js';
import { presets } from '../../src/index.js';
import { funnelReportFromFile, mappings } from '../../src/node/index.js';
import { json } from '../helpers.js';

const script = fileURLToPath(new URL('../../bench/ingestDuckdb.mjs', import.meta.url));
let ours: { full: Figures; headline: Figures };
let file = '';

const duckdb = (...flags: string[]): Figures => run(file, ...flags);
const run = (path: string, ...flags: string[]): Figures =>
  JSON.parse(execFileSync(process.execPath, [script, path, ...flags], { encoding: 'utf8' }));

async function reportFigures(path: string) {
  const { report } = await funnelReportFromFile(path, {
    pipeline: presets.buyingPipeline,
    mapping: mappings.generic,
    sorted: true,
    workers: 1,
    asOf: '2026-06-30T00:00:00Z',
  });
  return figuresOf(json(report) as ReportJson);
}

// What the generated file never has: events after asOf (A2), a disqualification (A4), stages
// out of order (A5), activities in a stage, at the instant of the next entry and of the close
// (A3, B1, B2), a loss then a win (B3), a recycle (B4), a win without stages (B5), a journey
// without stages (B6), skipped stages (B7), a loss long after the entry (A1, B8) and exactly 7
// days after it (C1), no origin (B9), no amount (B7).
const EDGE_CASES = `${[
  'journey_id,type,stage,outcome,at,origin,amount',
  'A1,stage,lead,,2026-01-01T00:00:00Z,marketing,100.00',
  'A1,outcome,,lost,2026-01-20T00:00:00Z,,',
  'A2,stage,lead,,2026-06-01T00:00:00Z,marketing,200.00',
  'A2,stage,qualified_lead,,2026-07-15T00:00:00Z,,',
  'A3,stage,lead,,2026-03-01T00:00:00Z,sales,300.00',
  'A3,activity,,,2026-03-02T00:00:00Z,,',
  'A4,stage,prospect,,2026-02-01T00:00:00Z,sales,400.00',
  'A4,outcome,,disqualified,2026-02-03T00:00:00Z,,',
  'A5,stage,lead,,2026-02-01T00:00:00Z,partner,500.00',
  'A5,stage,qualified_lead,,2026-01-01T00:00:00Z,,',
  'A5,outcome,,won,2026-03-01T00:00:00Z,,',
  'B1,stage,suspect,,2026-01-01T00:00:00Z,marketing,10.00',
  'B1,activity,,,2026-01-05T00:00:00Z,,',
  'B1,stage,lead,,2026-01-10T00:00:00Z,,',
  'B1,activity,,,2026-01-10T00:00:00Z,,',
  'B1,outcome,,lost,2026-01-12T00:00:00Z,,',
  'B2,stage,lead,,2026-01-01T00:00:00Z,sales,20.00',
  'B2,activity,,,2026-01-03T00:00:00Z,,',
  'B2,outcome,,lost,2026-01-03T00:00:00Z,,',
  'B3,stage,qualified_lead,,2026-01-01T00:00:00Z,partner,30.00',
  'B3,outcome,,lost,2026-01-05T00:00:00Z,,',
  'B3,outcome,,won,2026-02-05T00:00:00Z,,',
  'B4,stage,prospect,,2026-01-01T00:00:00Z,partner,40.00',
  'B4,outcome,,recycled,2026-01-20T00:00:00Z,,',
  'B5,outcome,,won,2026-01-20T00:00:00Z,marketing,50.00',
  'B6,activity,,,2026-01-20T00:00:00Z,sales,',
  'B7,stage,target,,2026-01-01T00:00:00Z,sales,',
  'B7,stage,contact,,2026-01-03T00:00:00Z,,',
  'B7,stage,prospect,,2026-03-01T00:00:00Z,,',
  'B7,stage,customer,,2026-04-01T00:00:00Z,,',
  'B7,outcome,,won,2026-04-11T00:00:00Z,,',
  'B8,stage,lead,,2026-01-01T00:00:00Z,marketing,80.00',
  'B8,outcome,,lost,2026-03-01T00:00:00Z,,',
  'B9,stage,qualified_lead,,2026-01-01T00:00:00Z,,90.00',
  'B9,outcome,,lost,2026-01-02T00:00:00Z,,',
  'C1,stage,lead,,2026-01-01T00:00:00Z,sales,70.00',
  'C1,outcome,,lost,2026-01-08T00:00:00Z,,',
].join('\n')}\n`;

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'bp-duckdb-')), 'events.csv');
  await writeEventCsv(file, 3_000, 5);
  ours = await reportFigures(file);
}, 60_000);

describe('the ingest bench: DuckDB computes the report figures', () => {
  it('agrees with the report on every figure it computes', () => {
    const theirs = duckdb();
    expect(differences(ours.full, theirs)).toEqual([]);
    // Not a vacuous agreement: the file has every kind of figure.
    const full = ours.full as { toNext: { count: number }[]; leakage: unknown[] };
    expect(full.toNext.every((stage) => stage.count > 0)).toBe(true);
    expect(full.leakage).toHaveLength(3);
  }, 30_000);

  it('agrees on the cases the generated file does not have', async () => {
    const edge = join(mkdtempSync(join(tmpdir(), 'bp-duckdb-')), 'edge.csv');
    writeFileSync(edge, EDGE_CASES);
    const report = await reportFigures(edge);
    expect(differences(report.full, run(edge))).toEqual([]);
    // The cases are there (counted by hand): exits at lead A1, B1, B2, B8, C1; at qualified_lead
    // B9; at prospect A4 (disqualified); B3 lost, then won.
    const stages = (report.full as { stages: { exited: number }[] }).stages;
    expect(stages.map((stage) => stage.exited)).toEqual([0, 0, 0, 5, 1, 1, 0]);
  }, 30_000);

  it('agrees on the headline counts', () => {
    expect(differences(ours.headline, duckdb('--headline'))).toEqual([]);
  }, 30_000);

  it('notices a count one off, a duration off by a second and a cent', () => {
    const theirs = duckdb() as {
      stages: { open: number }[];
      toNext: { median: number }[];
      winRate: { wonValue: number };
    };
    const stage = theirs.stages[3] as { open: number };
    stage.open += 1;
    const next = theirs.toNext[2] as { median: number };
    next.median += 1 / 86_400;
    theirs.winRate.wonValue += 0.01;
    expect(differences(ours.full, theirs)).toEqual([
      expect.stringMatching(/^\.stages\.3\.open: /),
      expect.stringMatching(/^\.toNext\.2\.median: /),
      expect.stringMatching(/^\.winRate\.wonValue: /),
    ]);
  }, 30_000);
});
