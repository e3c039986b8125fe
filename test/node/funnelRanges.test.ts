import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeEventCsv } from '../../bench/ingestData.js';
import { funnelReport, isPipelineError, type Journey, presets } from '../../src/index.js';
import { rangesAt, rangeTargets } from '../../src/node/funnelRanges.js';
import {
  type FunnelReportFromFileOptions,
  reportFromFile,
} from '../../src/node/funnelReportFromFile.js';
import { mappings, readJourneys } from '../../src/node/index.js';
import { json } from '../helpers.js';

// The file split into many small ranges, taken from a queue by whichever thread is free: the
// report, the stats and every issue (line, column, message) must be those of one sequential read.

const pipeline = presets.buyingPipeline;
const options = { asOf: '2026-06-30T00:00:00Z', by: 'origin' } as const;
const folder = mkdtempSync(join(tmpdir(), 'bp-ranges-'));
const header = 'journey_id,type,stage,outcome,reason,at,origin,amount';

/** The report and stats of one sequential read, or the error it stops with. */
async function sequential(path: string, strict = false) {
  const journeys: Journey[] = [];
  const reader = readJourneys(path, { mapping: mappings.generic, sorted: true, strict });
  for await (const journey of reader) journeys.push(journey);
  return { report: funnelReport(pipeline, journeys, options), stats: reader.stats };
}

/** The file read in ranges of about `smallest` bytes (the split forced whatever the file's size). */
function inRanges(path: string, workers: number, smallest: number, more: object = {}) {
  const all: FunnelReportFromFileOptions = {
    pipeline,
    mapping: mappings.generic,
    sorted: true,
    workers,
    ...options,
    ...more,
  };
  return reportFromFile(path, all, { splitBytes: 0, smallestRange: smallest });
}

/** The ranges the split makes of a file. */
async function rangesOf(path: string, workers: number, smallest: number) {
  const text = readFileSync(path);
  const start = text.indexOf(10) + 1;
  return rangesAt(path, start, text.length, rangeTargets(start, text.length, workers, smallest));
}

/** One journey's rows: a stage entry, `activities` calls, a close. */
function journeyRows(id: string, day: number, activities: number, origin: string): string[] {
  const at = (hour: number) => new Date(Date.UTC(2026, 0, day, hour)).toISOString();
  const rows = [`${id},stage,lead,,,${at(0)},${origin},1200.50`];
  for (let index = 0; index < activities; index += 1)
    rows.push(`${id},activity,,,,${new Date(Date.UTC(2026, 0, day, 1, index)).toISOString()},,`);
  rows.push(`${id},stage,qualified_lead,,,${at(2)},,`);
  rows.push(`${id},outcome,,lost,"too slow",${at(3)},,`);
  return rows;
}

describe('rangeTargets and rangesAt', () => {
  it('hands out a share of what is left, never below the smallest range', () => {
    expect(rangeTargets(0, 100, 2, 10)).toEqual([25, 44, 58, 69, 79, 89]);
    expect(rangeTargets(0, 100, 2, 100)).toEqual([]);
    expect(rangeTargets(50, 60, 4, 1)).toEqual([52, 53, 54, 55, 56, 57, 58, 59]);
  });

  test.prop(
    [
      fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 200 }),
      fc.boolean(),
    ],
    { numRuns: 60 },
  )(
    'cuts the bytes after the header into contiguous ranges, each starting at a line',
    async (lines, threads, smallest, finalNewline) => {
      const path = join(folder, 'cuts.csv');
      const text = `h\n${lines.join('\n')}${finalNewline ? '\n' : ''}`;
      writeFileSync(path, text);
      const size = Buffer.byteLength(text);
      const ranges = await rangesAt(path, 2, size, rangeTargets(2, size, threads, smallest));
      const bytes = readFileSync(path);
      let at = 2;
      for (const range of ranges) {
        expect(range.start).toBe(at);
        expect(range.end).toBeGreaterThan(range.start);
        expect(bytes[range.start - 1]).toBe(10);
        at = range.end;
      }
      expect(at).toBe(size > 2 ? size : 2);
    },
  );
});

describe('funnelReportFromFile in many ranges', () => {
  let file = '';
  beforeAll(async () => {
    file = join(folder, 'events.csv');
    await writeEventCsv(file, 3_000, 5);
  });

  it('gives the sequential report and stats exactly, with 2 and 3 threads and ranges of any size', async () => {
    const expected = await sequential(file);
    for (const [workers, smallest] of [
      [2, 4096],
      [3, 1000],
      [2, 50],
    ] as const) {
      const ranges = await rangesOf(file, workers, smallest);
      expect(ranges.length).toBeGreaterThan(10);
      const parallel = await inRanges(file, workers, smallest);
      expect(parallel.workers).toBe(workers);
      expect(json(parallel.report)).toEqual(json(expected.report));
      expect(parallel.stats).toEqual(expected.stats);
    }
  }, 60_000);

  it('stitches a journey cut by several boundaries, and ranges holding nothing but its rows', async () => {
    const path = join(folder, 'long.csv');
    const rows = [
      header,
      ...journeyRows('a1', 2, 2, 'marketing'),
      ...journeyRows('b2', 3, 400, 'sales'),
      ...journeyRows('c3', 4, 1, 'partner'),
      ...journeyRows('d4', 5, 300, 'sales'),
      ...journeyRows('e5', 6, 0, 'marketing'),
    ];
    writeFileSync(path, `${rows.join('\n')}\n`);
    const text = readFileSync(path, 'utf8');
    const ranges = await rangesOf(path, 2, 300);
    // Ranges shrink towards the end: several start and end inside d4's rows (one inside b2's).
    const inside = (id: string) =>
      ranges.filter(
        (range) =>
          text.slice(range.start, range.end).startsWith(`${id},`) &&
          text.slice(range.end).startsWith(`${id},`),
      ).length;
    expect(inside('b2')).toBeGreaterThan(0);
    expect(inside('d4')).toBeGreaterThan(3);
    const expected = await sequential(path);
    const parallel = await inRanges(path, 2, 300);
    expect(parallel.workers).toBe(2);
    expect(json(parallel.report)).toEqual(json(expected.report));
    expect(parallel.stats).toEqual(expected.stats);
    expect(parallel.report.journeys).toBe(5);
  }, 60_000);

  it('reports bad rows with their true lines, in held-back journeys and inside ranges alike', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    // Bad dates spread over the file: with ~50-byte ranges some fall in a range's first or last
    // journey (held back and read by the main thread), others inside a range.
    for (let line = 3; line < lines.length - 1; line += 397)
      lines[line - 1] = (lines[line - 1] as string).replace(/,20\d\d-/, ',19xx-');
    lines[lines.length - 2] = (lines[lines.length - 2] as string).replace(/,20\d\d-/, ',19xx-');
    const broken = join(folder, 'broken.csv');
    writeFileSync(broken, lines.join('\n'));
    const expected = await sequential(broken);
    expect(expected.stats.skippedRows).toBeGreaterThan(20);
    for (const smallest of [50, 2000]) {
      const parallel = await inRanges(broken, 2, smallest);
      expect(parallel.stats).toEqual(expected.stats);
      expect(json(parallel.report)).toEqual(json(expected.report));
    }
  }, 60_000);

  it('in strict mode fails with the error a sequential read stops at', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    // The first bad row sits in the last journey of an early range; a later bad row is read first
    // by the other thread.
    const first = 1203;
    lines[first - 1] = (lines[first - 1] as string).replace(/,20\d\d-/, ',19xx-');
    lines[lines.length - 40] = (lines[lines.length - 40] as string).replace(/,20\d\d-/, ',19xx-');
    const broken = join(folder, 'strict.csv');
    writeFileSync(broken, lines.join('\n'));
    const expected = await sequential(broken, true).catch((error: unknown) => error);
    expect(isPipelineError(expected)).toBe(true);
    for (const smallest of [50, 3000]) {
      const failed = await inRanges(broken, 2, smallest, { strict: true }).catch(
        (error: unknown) => error,
      );
      expect(isPipelineError(failed)).toBe(true);
      expect(failed).toMatchObject({
        code: (expected as { code: string }).code,
        message: (expected as Error).message,
        issues: (expected as { issues: unknown }).issues,
      });
    }
  }, 60_000);

  it('reads in one thread when a boundary falls inside a quoted field', async () => {
    const path = join(folder, 'quoted.csv');
    const rows = [header];
    for (let index = 0; index < 60; index += 1) {
      const id = `j${String(index).padStart(3, '0')}`;
      rows.push(`${id},stage,lead,,,2026-01-0${1 + (index % 9)}T00:00:00Z,sales,10`);
      // A reason over several lines: a line break inside quotes.
      rows.push(`${id},outcome,,lost,"too slow\nand\ntoo dear",2026-02-01T00:00:00Z,,`);
    }
    writeFileSync(path, `${rows.join('\n')}\n`);
    const expected = await sequential(path);
    const parallel = await inRanges(path, 2, 40);
    expect(parallel.workers).toBe(1);
    expect(json(parallel.report)).toEqual(json(expected.report));
    expect(parallel.stats).toEqual(expected.stats);
  }, 60_000);
});
