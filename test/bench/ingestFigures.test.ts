// The ingest bench compares `buying-pipeline report` with DuckDB computing the same figures in
// SQL (bench/ingestDuckdb.mjs). This holds the SQL to the report's definitions on a small file of
// the bench's kind, so the bench keeps timing the same work, and checks that the comparison
// notices a difference.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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

const duckdb = (...flags: string[]): Figures =>
  JSON.parse(execFileSync(process.execPath, [script, file, ...flags], { encoding: 'utf8' }));

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'bp-duckdb-')), 'events.csv');
  await writeEventCsv(file, 3_000, 5);
  const { report } = await funnelReportFromFile(file, {
    pipeline: presets.buyingPipeline,
    mapping: mappings.generic,
    sorted: true,
    workers: 1,
    asOf: '2026-06-30T00:00:00Z',
  });
  ours = figuresOf(json(report) as ReportJson);
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
