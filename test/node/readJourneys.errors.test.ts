import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isPipelineError, type PipelineError } from '../../src/index.js';
import { type IngestIssue, type Mapping, mappings, readJourneys } from '../../src/node/index.js';

async function read(text: string, mapping: Mapping = mappings.generic, extra = {}) {
  const seen: IngestIssue[] = [];
  const reader = readJourneys(Readable.from([text]), {
    mapping,
    name: 'in.csv',
    onIssue: (issue) => seen.push(issue),
    ...extra,
  });
  const ids: string[] = [];
  for await (const journey of reader) ids.push(journey.id);
  return { ids, stats: reader.stats, seen };
}

async function failure(run: () => Promise<unknown>): Promise<PipelineError> {
  try {
    await run();
  } catch (error) {
    if (isPipelineError(error)) return error;
    throw error;
  }
  throw new Error('Expected a PipelineError');
}

const header = 'journey_id,type,at,stage,amount\n';

describe('readJourneys: unreadable rows are counted and reported, never dropped silently', () => {
  it('a bad date: line and column, the row skipped, the rest read', async () => {
    const { ids, stats, seen } = await read(
      `${header}a,stage,2026-01-01,lead,\nb,stage,2026-02-30,lead,\nc,stage,2026-01-03,lead,\n`,
    );
    expect(ids).toEqual(['a', 'c']);
    expect(stats.rows).toBe(3);
    expect(stats.skippedRows).toBe(1);
    expect(seen).toEqual(stats.issues);
    expect(stats.issues[0]).toMatchObject({
      code: 'invalid_date',
      file: 'in.csv',
      line: 3,
      column: 'at',
      columnNumber: 3,
      path: ['line 3', 'at'],
    });
    expect(stats.issues[0]?.message).toMatch(/^in\.csv:3:3 \(column "at"\): .*2026-02-30/);
  });

  it('a non-numeric or negative amount', async () => {
    const { stats } = await read(
      `${header}a,stage,2026-01-01,lead,12k\nb,stage,2026-01-01,lead,-5\n`,
    );
    expect(stats.issues.map((issue) => [issue.code, issue.line, issue.column])).toEqual([
      ['invalid_amount', 2, 'amount'],
      ['invalid_amount', 3, 'amount'],
    ]);
    expect(stats.issues[1]?.message).toMatch(/at least 0/);
  });

  it('a naive date-time without a time zone is ambiguous', async () => {
    const { stats } = await read(`${header}a,stage,2026-01-01 10:00,lead,\n`);
    expect(stats.issues[0]).toMatchObject({ code: 'invalid_date', line: 2 });
    expect(stats.issues[0]?.message).toMatch(/time zone/);
  });

  it('records of the wrong length, unknown types and outcomes, conflicting journey fields', async () => {
    const { stats } = await read(
      'journey_id,type,at,stage,outcome,amount\n' +
        'b,visit,2026-01-01,lead,,\n' +
        'c,outcome,2026-01-01,,,\n' +
        'd,stage,2026-01-01,lead,,10\n' +
        'd,stage,2026-01-02,prospect,,20.00\n' +
        'e,stage,2026-01-01,lead,,,extra\n' +
        // A short record: uDSV reads on into the next line, so the two are reported as one.
        'f,stage,2026-01-01\n' +
        'g,stage,2026-01-01,lead,,\n',
    );
    expect(stats.issues.map((issue) => [issue.code, issue.line, issue.column])).toEqual([
      ['invalid_value', 2, 'type'],
      ['missing_value', 3, 'outcome'],
      ['conflicting_value', 5, 'amount'],
      ['ragged_row', 6, null],
      ['ragged_row', 7, null],
    ]);
    expect(stats.issues[2]?.message).toMatch(/amount "20.00" here but "10" on line 4/);
  });

  it('a short record at the end of the input (or of a chunk) says it has fewer fields', async () => {
    const { ids, stats } = await read(
      `${header}a,stage,2026-01-01,lead,\nb,stage,2026-01-01,lead\n`,
    );
    expect(ids).toEqual(['a']);
    expect(stats.issues.map((issue) => [issue.code, issue.line])).toEqual([['ragged_row', 3]]);
    expect(stats.issues[0]?.message).toBe('in.csv:3: Expected 5 fields, found fewer');
    // Three fields short: uDSV filled the row with its own fields and it was read silently as
    // journey "b" at stage "b", region "stage", segment "2026-01-01".
    const silent = await read(
      'journey_id,type,at,stage,region,segment\na,stage,2026-01-01,lead,EU,SMB\nb,stage,2026-01-01\n',
    );
    expect(silent.ids).toEqual(['a']);
    expect(silent.stats.issues[0]?.message).toBe('in.csv:3: Expected 6 fields, found fewer');
    const long = await read(`${header}a,stage,2026-01-01,lead,,extra\n`);
    expect(long.stats.issues[0]?.message).toBe('in.csv:2: Expected 5 fields, found more');
  });

  it('short and blank lines: each short line reported at its own line, blank lines counted', async () => {
    const { ids, stats } = await read(
      `${header}a,stage,2026-01-01,lead,\nb\n\nc,stage\nd,stage,2026-01-01,lead,\n\ne,stage,never,lead,\n`,
    );
    expect(ids).toEqual(['a', 'd']);
    expect(stats.issues.map((issue) => [issue.code, issue.line])).toEqual([
      ['ragged_row', 3],
      ['ragged_row', 5],
      ['invalid_date', 8],
    ]);
  });

  it('sorted: an id out of order is reported and skipped, never merged; the order is text order', async () => {
    const { ids, stats } = await read(
      `${header}b,stage,2026-01-01,lead,\na,stage,2026-01-02,lead,\nb,stage,2026-01-03,mql,\nc,stage,2026-01-01,lead,\n`,
      mappings.generic,
      { sorted: true },
    );
    expect(ids).toEqual(['b', 'c']);
    expect(stats.issues.map((issue) => [issue.code, issue.line, issue.column])).toEqual([
      ['not_sorted', 3, 'journey_id'],
    ]);
    // Numeric ids sorted as numbers (9 before 10) are not in text order: the message says how to sort.
    const numeric = await read(
      `${header}9,stage,2026-01-01,lead,\n10,stage,2026-01-01,lead,\n`,
      mappings.generic,
      {
        sorted: true,
      },
    );
    expect(numeric.ids).toEqual(['9']);
    expect(numeric.stats.issues[0]?.message).toBe(
      'in.csv:3:1 (column "journey_id"): Journey id "10" comes after "9": the rows are not sorted by journey id as text (character by character, "10" before "9"); sort the file so (LC_ALL=C sort, ORDER BY the id as text COLLATE "C") or leave out the sorted option',
    );
  });

  it('keeps the first 20 issues in detail and counts them all', async () => {
    const rows = Array.from({ length: 25 }, (_, index) => `j${index},stage,never,lead,\n`).join('');
    const { stats, seen } = await read(header + rows);
    expect(stats.skippedRows).toBe(25);
    expect(stats.issues).toHaveLength(20);
    expect(seen).toHaveLength(25);
    expect(stats.issues.at(-1)?.line).toBe(21);
  });

  it('strict stops at the first unreadable row with its path', async () => {
    const error = await failure(() =>
      read(
        `${header}a,stage,2026-01-01,lead,\nb,stage,nope,lead,\nc,stage,also bad,lead,\n`,
        mappings.generic,
        { strict: true },
      ),
    );
    expect(error.code).toBe('invalid_rows');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ code: 'invalid_date', path: ['line 3', 'at'] });
  });
});

describe('readJourneys: inputs that cannot be read at all', () => {
  it('a header without the mapped columns names the missing ones and lists those present', async () => {
    const error = await failure(() => read('id,when,what\n1,2026-01-01,lead\n'));
    expect(error.code).toBe('invalid_rows');
    expect(error.issues[0]?.code).toBe('missing_columns');
    expect(error.issues[0]?.path).toEqual(['header']);
    expect(error.message).toContain('"journey_id", "type", "at"');
    expect(error.message).toContain('it has "id", "when", "what"');
  });

  it('an empty input', async () => {
    const error = await failure(() => read(''));
    expect(error.issues[0]?.code).toBe('empty_input');
  });

  it('a bad mapping config, with the path of the bad field', async () => {
    const error = await failure(() =>
      read(header, { kind: 'events', timeZone: 'Mars/Olympus', colums: {} } as unknown as Mapping),
    );
    expect(error.code).toBe('invalid_options');
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        ['mapping', 'timeZone'],
        ['mapping', 'colums'],
      ]),
    );
  });
});
