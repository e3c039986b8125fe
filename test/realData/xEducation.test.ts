import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  definePipeline,
  type FunnelReport,
  funnelReport,
  type JourneyInput,
} from '../../src/index.js';
import { type CsvRow, countBy, dataPath, field, hasData, readCsv } from './realData.js';

// X Education lead-scoring case study: 9,240 leads, each with a Converted flag (0/1), its
// 'Lead Origin', 'Lead Source' and profile fields. The file has CRLF line endings, quoted values
// with commas, 'Select' where the form's drop-down was left unchosen, and both 'Google' and
// 'google' as sources.
//
// The file has no timestamps at all. A journey's events need times, so every lead enters `lead`
// and, when converted, is won at one arbitrary snapshot instant: counts and rates are real,
// durations are not (every cycle is 0 days).

const file = 'x_education/Leads.csv';
const SNAPSHOT = '2020-01-01'; // arbitrary: the export carries no date

const pipeline = definePipeline({
  id: 'x-education',
  stages: [
    { id: 'lead', owner: 'marketing' },
    { id: 'converted', owner: 'sales' },
  ],
});

/** A profile field, with the form's unchosen 'Select' and an empty field both read as missing. */
const chosen = (value: string): string | null =>
  value === '' || value === 'Select' ? null : value;

/** 'google' is the same source as 'Google'; other spellings are left as the file has them. */
const source = (value: string): string | null =>
  value === '' ? null : value.toLowerCase() === 'google' ? 'Google' : value;

function journeyOf(row: CsvRow): JourneyInput {
  const converted = field(row, 'Converted');
  if (converted !== '0' && converted !== '1') throw new Error(`Converted is "${converted}"`);
  return {
    id: field(row, 'Prospect ID'),
    origin: field(row, 'Lead Origin'),
    attributes: {
      source: source(field(row, 'Lead Source')),
      specialization: chosen(field(row, 'Specialization')),
    },
    events: [
      { type: 'stage', stage: 'lead', at: SNAPSHOT },
      ...(converted === '1'
        ? [{ type: 'outcome' as const, outcome: 'won' as const, at: SNAPSHOT }]
        : []),
    ],
  };
}

describe.skipIf(!hasData(file))('X Education leads (real data)', () => {
  let rows: CsvRow[] = [];
  let journeys: JourneyInput[] = [];
  let report: FunnelReport;
  const converted = (row: CsvRow) => field(row, 'Converted') === '1';

  beforeAll(() => {
    rows = readCsv(file);
    journeys = rows.map(journeyOf);
    report = funnelReport(pipeline, journeys, { asOf: SNAPSHOT, by: 'source' });
  });

  it('reads the CRLF file into clean columns', () => {
    expect(readFileSync(dataPath(file), 'latin1').slice(0, 2000)).toContain('\r\n');
    expect(rows).toHaveLength(9240);
    const columns = Object.keys(rows[0] ?? {});
    expect(columns).toHaveLength(37);
    expect(columns.at(-1)).toBe('Last Notable Activity'); // no trailing '\r'
    expect(rows.some((row) => Object.values(row).some((value) => value.includes('\r')))).toBe(
      false,
    );
    expect(new Set(rows.map((row) => field(row, 'Prospect ID'))).size).toBe(rows.length);
  });

  it('converts at the share of rows with Converted = 1', () => {
    const wins = rows.filter(converted).length;
    expect(wins).toBe(3561);
    expect(report.measured).toBe(rows.length);
    expect(report.conversion.overall).toMatchObject({ reached: rows.length, converted: wins });
    expect(report.conversion.overall.rate).toBe(wins / rows.length);
    expect(report.winRate).toMatchObject({ won: wins, lost: 0 });
    // No timestamps: every cycle is 0 days, which says nothing.
    expect(report.velocity.cycle).toMatchObject({ count: wins, median: 0, max: 0 });
  });

  it('converts by Lead Origin at the shares the file gives', () => {
    const result = funnelReport(pipeline, journeys, { asOf: SNAPSHOT, by: 'origin' });
    const origins = [...countBy(rows, (row) => field(row, 'Lead Origin')).keys()].sort();
    const groups = result.conversion.groups ?? [];
    expect(groups.map((group) => group.key)).toEqual(origins);
    for (const group of groups) {
      const mine = rows.filter((row) => field(row, 'Lead Origin') === group.key);
      const wins = mine.filter(converted).length;
      expect(
        [group.journeys, group.overall.converted, group.overall.rate],
        String(group.key),
      ).toEqual([mine.length, wins, wins / mine.length]);
    }
  });

  it("merges 'google' into 'Google' and keeps empty sources as the null group", () => {
    const groups = report.conversion.groups ?? [];
    const keys = groups.map((group) => group.key);
    expect(keys).toContain('Google');
    expect(keys).not.toContain('google');
    const google = rows.filter((row) => field(row, 'Lead Source').toLowerCase() === 'google');
    expect(countBy(google, (row) => field(row, 'Lead Source'))).toEqual(
      new Map([
        ['Google', 2868],
        ['google', 5],
      ]),
    );
    expect(groups.find((group) => group.key === 'Google')?.overall).toMatchObject({
      reached: google.length,
      converted: google.filter(converted).length,
    });
    const empty = rows.filter((row) => field(row, 'Lead Source') === '');
    expect(groups.at(-1)).toMatchObject({ key: null, journeys: empty.length });
    expect(groups.at(-1)?.overall.converted).toBe(empty.filter(converted).length);
  });

  it("reads 'Select' as not chosen: one missing group with the empty fields", () => {
    const result = funnelReport(pipeline, journeys, { asOf: SNAPSHOT, by: 'specialization' });
    const groups = result.conversion.groups ?? [];
    expect(groups.map((group) => group.key)).not.toContain('Select');
    const unchosen = rows.filter((row) => chosen(field(row, 'Specialization')) === null);
    const selects = rows.filter((row) => field(row, 'Specialization') === 'Select').length;
    expect(selects).toBe(1942);
    expect(unchosen.length).toBeGreaterThan(selects); // empty fields too
    expect(groups.at(-1)).toMatchObject({ key: null, journeys: unchosen.length });
    expect(groups.at(-1)?.overall.converted).toBe(unchosen.filter(converted).length);
  });
});
