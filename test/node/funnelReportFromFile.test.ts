import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeEventCsv } from '../../bench/ingestData.js';
import { funnelReport, type Journey, presets } from '../../src/index.js';
import { funnelReportFromFile, mappings, readJourneys } from '../../src/node/index.js';
import { json } from '../helpers.js';

const pipeline = presets.buyingPipeline;
const options = { asOf: '2026-06-30T00:00:00Z', by: 'origin' } as const;
let file = '';
let rows = 0;

beforeAll(async () => {
  // 40,000 journeys (~5.7 MB): over the size at which the file is split.
  file = join(mkdtempSync(join(tmpdir(), 'bp-node-')), 'events.csv');
  rows = await writeEventCsv(file, 40_000, 11);
}, 60_000);

async function singleThreaded(path: string) {
  const journeys: Journey[] = [];
  const reader = readJourneys(path, { mapping: mappings.generic, sorted: true });
  for await (const journey of reader) journeys.push(journey);
  return { report: funnelReport(pipeline, journeys, options), stats: reader.stats };
}

describe('funnelReportFromFile', () => {
  it('splits a sorted file across workers and gives the single-threaded report exactly', async () => {
    const expected = await singleThreaded(file);
    for (const workers of [2, 3]) {
      const parallel = await funnelReportFromFile(file, {
        pipeline,
        mapping: mappings.generic,
        sorted: true,
        workers,
        ...options,
      });
      expect(parallel.workers).toBe(workers);
      expect(json(parallel.report)).toEqual(json(expected.report));
      expect(parallel.stats).toMatchObject({ rows, journeys: 40_000, skippedRows: 0 });
    }
    expect(expected.report.journeys).toBe(40_000);
  }, 60_000);

  it('reads in one thread without `sorted`, with the same report', async () => {
    const expected = await singleThreaded(file);
    const one = await funnelReportFromFile(file, {
      pipeline,
      mapping: mappings.generic,
      workers: 2,
      ...options,
    });
    expect(one.workers).toBe(1);
    expect(json(one.report)).toEqual(json(expected.report));
  }, 60_000);

  it('reports bad rows with their true line numbers, wherever the split falls', async () => {
    const text = readFileSync(file, 'utf8').split('\n');
    // Two bad dates: one early, one in the last worker's share.
    const early = 10;
    const late = text.length - 20;
    text[early - 1] = (text[early - 1] as string).replace(/,20\d\d-/, ',19xx-');
    text[late - 1] = (text[late - 1] as string).replace(/,20\d\d-/, ',19xx-');
    const broken = `${file}.broken.csv`;
    writeFileSync(broken, text.join('\n'));
    const parallel = await funnelReportFromFile(broken, {
      pipeline,
      mapping: mappings.generic,
      sorted: true,
      workers: 2,
      ...options,
    });
    expect(parallel.stats.skippedRows).toBe(2);
    expect(parallel.stats.issues.map((issue) => [issue.line, issue.column])).toEqual([
      [early, 'at'],
      [late, 'at'],
    ]);
    const single = await singleThreaded(broken);
    expect(json(parallel.report)).toEqual(json(single.report));
    await expect(
      funnelReportFromFile(broken, {
        pipeline,
        mapping: mappings.generic,
        sorted: true,
        workers: 2,
        strict: true,
        ...options,
      }),
    ).rejects.toMatchObject({ code: 'invalid_rows', issues: [{ path: [`line ${early}`, 'at'] }] });
  }, 60_000);

  it('a file that is not sorted after all is reported, not merged silently', async () => {
    const unsorted = `${file}.unsorted.csv`;
    writeFileSync(unsorted, readFileSync(file));
    appendFileSync(unsorted, 'J0000001,stage,lead,,2026-01-01T00:00:00Z,,\n');
    const parallel = await funnelReportFromFile(unsorted, {
      pipeline,
      mapping: mappings.generic,
      sorted: true,
      workers: 2,
      ...options,
    });
    expect(parallel.stats.issues.map((issue) => issue.code)).toEqual(['not_sorted']);
    expect(parallel.stats.issues[0]?.line).toBe(rows + 2);
  }, 60_000);
});
