import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { funnelReport, isPipelineError, type Journey, presets } from '../../src/index.js';
import { createFunnelAccumulator, shapedAdder } from '../../src/metrics/accumulator.js';
import { inputOfDraft } from '../../src/node/drafts.js';
import { runShareHere } from '../../src/node/funnelShare.js';
import { defineMapping, mappings, readJourneys } from '../../src/node/index.js';
import type { IssueLog } from '../../src/node/ingestIssues.js';
import { createRowReader, type Draft } from '../../src/node/rowReader.js';
import { textChunks } from '../../src/node/textChunks.js';
import { json } from '../helpers.js';
import { sinkCalls } from './csvCalls.js';

// The file ingest's fast paths against the paths they stand in for, on random rows with bad
// cells: the same reports, the same issues, the same errors.

const pipeline = presets.buyingPipeline;
const funnel = { asOf: '2026-06-30T00:00:00Z', by: 'origin' } as const;
const columns = [
  'journey_id',
  'type',
  'stage',
  'outcome',
  'reason',
  'at',
  'kind',
  'by',
  'close_date',
  'name',
  'value',
  'origin',
  'amount',
  'region',
] as const;
// Texts with white space zod trims but the row reader keeps (U+3000, U+2003), unknown stages,
// bad dates and amounts, unknown types and outcomes.
const cell: Record<(typeof columns)[number], readonly string[]> = {
  journey_id: ['a', 'b', 'c', ' d', 'e\u3000', ''],
  type: ['stage', 'stage', 'stage', 'outcome', 'activity', 'forecast', 'behaviour', 'visit'],
  stage: ['lead', 'prospect', 'customer', 'target', 'lead\u3000', ' qualified_lead', 'mql', ''],
  outcome: ['won', 'lost', 'recycled', 'disqualified', 'maybe', ''],
  reason: ['', 'price', 'price\u2003'],
  at: [
    '2026-01-05T10:00:00Z',
    '2026-02-01T00:00:00.250Z',
    '2026-03-01',
    '2026-02-10T08:00:00+01:00',
    '2026-13-01',
    '',
  ],
  kind: ['', 'call', 'call\u3000'],
  by: ['', 'ann'],
  close_date: ['', '2026-05-31', 'soon'],
  name: ['', 'webinar', '\u2003webinar'],
  value: ['', '3'],
  origin: ['', 'marketing', 'sales', 'sales\u3000'],
  amount: ['', '100', '100.5', '1.234', '-5', 'abc'],
  region: ['', 'EU', 'US\u3000'],
};
const row = fc.tuple(...columns.map((name) => fc.constantFrom(...cell[name])));
const rows = fc.array(row, { minLength: 1, maxLength: 40 });

/** The drafts of rows, through the row reader (unsorted: rows may come in any order). */
function draftsOf(table: readonly (readonly string[])[]): Draft[] {
  const drafts: Draft[] = [];
  const log: IssueLog = {
    file: 'rows.csv',
    rows: 0,
    journeys: 0,
    skippedRows: 0,
    issues: [],
    strict: false,
    onIssue: undefined,
  };
  const reader = createRowReader({
    mapping: defineMapping(mappings.generic),
    timeZone: 'Europe/Paris',
    sorted: false,
    log,
    emit: (draft) => drafts.push(draft),
  });
  reader.header(columns);
  table.forEach((cells, index) => {
    reader.row(cells, index + 2, null);
  });
  reader.finish();
  return drafts;
}

/** What adding does: nothing, or the error's code and issues. */
function outcome(add: () => void): unknown {
  try {
    add();
    return null;
  } catch (error) {
    if (!isPipelineError(error)) throw error;
    return { code: error.code, issues: json(error.issues) };
  }
}

describe('the accumulator reads the ingest’s journeys (SHAPED) as it reads any input', () => {
  test.prop([rows])('the same report and the same errors, journey by journey', (table) => {
    const unchecked = createFunnelAccumulator(pipeline, funnel);
    const shaped = createFunnelAccumulator(pipeline, funnel);
    const addShaped = shapedAdder(shaped);
    for (const draft of draftsOf(table)) {
      const expected = outcome(() => unchecked.add(inputOfDraft(draft)));
      expect(outcome(() => addShaped(inputOfDraft(draft)))).toEqual(expected);
    }
    expect(json(shaped.result())).toEqual(json(unchecked.result()));
  });
});

/** A CSV line of random cells; some lines short, long, blank, quoted or ending in CR. */
const line = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.array(fc.constantFrom('a', 'b', '1', ' x ', ''), { minLength: 4, maxLength: 4 }),
  },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('a', '1'), { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('a', '1'), { minLength: 5, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constant([] as string[]) },
  { weight: 1, arbitrary: fc.constant(['"q,1"', 'b', '"line\nbreak"', 'd']) },
);
// The input ends with a whole record: uDSV 0.7.3 loops forever at the end of an input whose
// last record is short (a case of its own, whichever way line breaks are counted).
const csvText = fc.tuple(fc.array(line, { maxLength: 60 }), fc.boolean()).map(([lines, cr]) => {
  const end = cr ? '\r\n' : '\n';
  return ['h1,h2,h3,h4', ...lines.map((cells) => cells.join(',')), 'z,z,z,z', ''].join(end);
});

describe('csvReader checks a text without quotes whole, as it checks cells one by one', () => {
  test.prop([csvText, fc.array(fc.nat({ max: 2000 }), { maxLength: 8 })])(
    'the same rows, lines and problems, however the text is cut',
    (text, cuts) => {
      expect(sinkCalls(text, cuts, true)).toEqual(sinkCalls(text, cuts, false));
    },
  );
});

const directory = mkdtempSync(join(tmpdir(), 'bp-ingest-paths-'));
let files = 0;
const fileOf = (text: string | Buffer): string => {
  files += 1;
  const path = join(directory, `text-${files}.csv`);
  writeFileSync(path, text);
  return path;
};

async function chunksOf(path: string, range?: { start: number; end: number }): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of textChunks(path, range)) chunks.push(chunk);
  return chunks;
}

describe('textChunks reads a file in pieces of whole lines', () => {
  // Lines up to a few hundred KiB, with characters of two to four bytes in UTF-8.
  const fileText = fc
    .array(
      fc.tuple(
        fc.constantFrom('a', 'é', '€', '😀', ','),
        fc.oneof(fc.nat({ max: 90 }), fc.nat({ max: 300_000 })),
      ),
      { maxLength: 30 },
    )
    .chain((lines) =>
      fc.boolean().map((last) => {
        const text = lines.map(([char, count]) => char.repeat(count)).join('\n');
        return last && text !== '' ? `${text}\n` : text;
      }),
    );
  test.prop([fileText], { numRuns: 30 })(
    'the pieces are the text, each ends a line, and is short or a single long line',
    async (text) => {
      const chunks = await chunksOf(fileOf(text));
      expect(chunks.join('')).toBe(text);
      chunks.slice(0, -1).forEach((chunk) => {
        expect(chunk.endsWith('\n')).toBe(true);
        // At most 64 KiB, or a single longer line.
        if (Buffer.byteLength(chunk) > 64 << 10) expect(chunk.indexOf('\n')).toBe(chunk.length - 1);
      });
    },
  );

  test.prop([fileText, fc.nat(), fc.nat()], { numRuns: 30 })(
    'a byte range reads the bytes of that range',
    async (text, a, b) => {
      const bytes = Buffer.from(text);
      const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
      const end = start + (bytes.length === 0 ? 0 : b % (bytes.length - start + 1));
      const chunks = await chunksOf(fileOf(bytes), { start, end });
      expect(chunks.join('')).toBe(bytes.subarray(start, end).toString());
    },
  );

  test.prop([fc.uint8Array({ maxLength: 3000 })], { numRuns: 50 })(
    'bytes that are not UTF-8 decode as one decoding of the whole file would',
    async (raw) => {
      const bytes = Buffer.from(raw.map((byte, index) => (index % 7 === 6 ? 10 : byte)));
      const chunks = await chunksOf(fileOf(bytes));
      expect(chunks.join('')).toBe(bytes.toString('utf8'));
    },
  );
});

/** A generic event table of random rows; no unknown stages (those stop both reads). */
const eventFile = rows.map((table) =>
  [
    columns.join(','),
    ...table.filter((cells) => cells[2] !== 'mql').map((cells) => cells.join(',')),
  ].join('\n'),
);

describe('a share of a file gives the report and issues of reading its journeys', () => {
  test.prop([eventFile], { numRuns: 60 })('runShareHere against readJourneys', async (text) => {
    const file = fileOf(text);
    const reader = readJourneys(file, { mapping: mappings.generic, timeZone: 'Europe/Paris' });
    const journeys: Journey[] = [];
    for await (const journey of reader) journeys.push(journey);
    const { result, accumulator } = await runShareHere({
      file,
      pipeline,
      mapping: defineMapping(mappings.generic),
      timeZone: 'Europe/Paris',
      funnel,
      sorted: false,
      strict: false,
      delimiter: ',',
      format: undefined,
    });
    expect(json(accumulator.result())).toEqual(json(funnelReport(pipeline, journeys, funnel)));
    expect({ ...result, issues: json(result.issues) }).toMatchObject({
      rows: reader.stats.rows,
      journeys: reader.stats.journeys,
      skippedRows: reader.stats.skippedRows,
      issues: json(reader.stats.issues),
    });
  });
});
