import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { fixture, run, temporaryFolder } from './run.js';

// Each test starts node processes; on a busy machine that takes seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

// events.csv as of 2026-06-30 (see report.test.ts) with spend.csv — hand-checked:
// - marketing 3,000 for January: m1 m2 m3 first seen in January → 3 measured.
//   Entries: target..lead 3 → 3,000 ÷ 3 = 1,000.00 per lead; qualified_lead 2 → 1,500.00;
//   prospect 1 and customer 1 (m1) → 3,000.00. Won 1 (m1, 1,000.50): CAC 3,000.00;
//   return 1,000.50 ÷ 3,000 = 0.3335; conversion 1 of 3.
// - sales 1,000.50 for February, by entries into qualified_lead: s1 (02-01) and s2 (prospect
//   02-10 implies qualified_lead then) → 2 up to prospect → 500.25 each; customer 1 → 1,000.50.
//   Won 1 (s1, 2,000): CAC 1,000.50; return 2,000 ÷ 1,000.50 = 1.99900…; conversion 1 of 2.
// - webinar 500 for the quarter, no journeys: 500 without journeys, no costs, return 0.
// - p1 has no origin: the (none) program, 1 journey, no spend lines → costs null, not zero.
// - total: 3,000 + 1,000.50 + 500 = 4,500.50; 6 leads → 750.08 (750.0833…); 4 qualified leads →
//   1,125.12 (1,125.125, half to even); 3 prospects → 1,500.17; 2 customers and 2 wins → 2,250.25.
const withSpend = (spend: string, ...more: string[]) => [
  'report',
  fixture('events.csv'),
  '--as-of',
  '2026-06-30',
  '--spend',
  fixture(spend),
  ...more,
];

interface Row {
  program: string | null;
  spend: string;
  spendWithoutJourneys: string;
  journeys: number;
  stages: { stage: string; entries: number; costPerEntry: string | null }[];
  won: number;
  wonValue: string;
  acquisitionCost: string | null;
  returnOnSpend: number | null;
  conversion: { reached: number; won: number; rate: number | null };
}

const costs = (row: Row | undefined) => row?.stages.map((stage) => stage.costPerEntry);

describe('report --spend', () => {
  it('json: programEconomics per program, money as strings, beside the funnel report', () => {
    const { code, stdout, stderr } = run([...withSpend('spend.csv'), '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.journeys).toBe(6);
    const { economics } = report;
    expect(economics.by).toBe('origin');
    const programs: Row[] = economics.programs;
    expect(programs.map((row) => row.program)).toEqual(['marketing', 'sales', 'webinar', null]);
    const [marketing, sales, webinar, none] = programs;
    expect(costs(marketing)).toEqual(['1000', '1000', '1000', '1000', '1500', '3000', '3000']);
    expect(marketing).toMatchObject({
      spend: '3000',
      journeys: 3,
      won: 1,
      wonValue: '1000.5',
      acquisitionCost: '3000',
      returnOnSpend: 0.3335,
      conversion: { reached: 3, won: 1 },
    });
    expect(costs(sales)).toEqual([
      '500.25',
      '500.25',
      '500.25',
      '500.25',
      '500.25',
      '500.25',
      '1000.5',
    ]);
    expect(sales).toMatchObject({ spend: '1000.5', acquisitionCost: '1000.5', wonValue: '2000' });
    expect(sales?.returnOnSpend).toBeCloseTo(2000 / 1000.5, 12);
    expect(webinar).toMatchObject({
      spend: '500',
      spendWithoutJourneys: '500',
      journeys: 0,
      returnOnSpend: 0,
      acquisitionCost: null,
    });
    expect(costs(webinar)).toEqual(Array(7).fill(null));
    expect(none).toMatchObject({ spend: '0', journeys: 1, returnOnSpend: null });
    expect(costs(none)).toEqual(Array(7).fill(null));
    const total: Row = economics.total;
    expect(total.spend).toBe('4500.5');
    expect(costs(total)).toEqual([
      '750.08',
      '750.08',
      '750.08',
      '750.08',
      '1125.12',
      '1500.17',
      '2250.25',
    ]);
    expect(total.acquisitionCost).toBe('2250.25');
    expect(economics.recycling.journeys).toBe(6);
    expect(
      economics.entryPoints.periods.map((period: { period: string }) => period.period),
    ).toEqual(['2026']);
  });

  it('a JSON spend file gives the same economics as the CSV', () => {
    const csv = JSON.parse(run([...withSpend('spend.csv'), '--format', 'json']).stdout);
    const json = run([...withSpend('spend.json'), '--format', 'json']);
    expect(json.stderr).toBe('');
    const economics = JSON.parse(json.stdout).economics;
    expect({ ...economics, spendFile: '' }).toEqual({ ...csv.economics, spendFile: '' });
  });

  it('table: the economics after the funnel tables', () => {
    const { code, stdout } = run(withSpend('spend.csv'));
    expect(code).toBe(0);
    expect(stdout).toContain('Campaign economics by origin (3 spend lines');
    expect(stdout).toMatch(
      /marketing\s+3,000\.00\s+3\s+1\s+1,000\.50\s+3,000\.00\s+0\.33\s+33% from target/,
    );
    expect(stdout).toMatch(/total\s+4,500\.50\s+6\s+2\s+3,000\.50\s+2,250\.25\s+0\.67/);
    expect(stdout).toMatch(
      /total \(blended\)\s+750\.08 ×6\s+750\.08 ×6\s+750\.08 ×6\s+750\.08 ×6\s+1,125\.12 ×4\s+1,500\.17 ×3\s+2,250\.25 ×2/,
    );
    expect(stdout).toContain('webinar: 500.00 of spend in periods where no journey');
    expect(stdout).toContain('(none): 1 journey without spend lines — cost unknown, not zero');
    expect(stdout).toContain('Recycling: 0 of 6 journeys');
  });

  it('csv: economics rows, one figure per row', () => {
    const { code, stdout } = run([...withSpend('spend.csv'), '--format', 'csv']);
    expect(code).toBe(0);
    const rows: string[][] = parse(stdout);
    const value = (group: string, stage: string, measure: string) =>
      rows.find(
        (row) =>
          row[0] === 'economics' && row[1] === group && row[2] === stage && row[3] === measure,
      )?.[4];
    expect(value('marketing', 'lead', 'costPerEntry')).toBe('1000');
    expect(value('marketing', 'qualified_lead', 'entries')).toBe('2');
    expect(value('sales', 'customer', 'costPerEntry')).toBe('1000.5');
    expect(value('webinar', 'lead', 'costPerEntry')).toBe('');
    expect(value('(none)', '', 'journeys')).toBe('1');
    expect(value('', '', 'spend')).toBe('4500.5');
    expect(value('', 'qualified_lead', 'costPerEntry')).toBe('1125.12');
    expect(value('', '', 'acquisitionCost')).toBe('2250.25');
    // The funnel rows are still there.
    expect(rows.some((row) => row[0] === 'winRate')).toBe(true);
  });

  it('html: the cost chart with one bar per program × stage with a cost, no script, no network', () => {
    const { code, stdout } = run([...withSpend('spend.csv'), '--format', 'html']);
    expect(code).toBe(0);
    expect(stdout).toContain('<svg id="cost-per-stage"');
    // marketing and sales have a cost at all 7 stages; webinar (no entries) and (none) (no spend lines) none.
    expect(stdout.match(/class="cost-bar"/g)).toHaveLength(14);
    expect(stdout.match(/class="no-cost"/g)).toHaveLength(14);
    expect(stdout).not.toMatch(/<script|(src|href)="(?!data:)/i);
  });

  it('--program names the attribute: segment instead of origin', () => {
    // No spend line names smb or enterprise: every program is unpriced, every spend line idle.
    const { code, stdout } = run([
      ...withSpend('spend.csv', '--program', 'segment'),
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const { economics } = JSON.parse(stdout);
    expect(economics.by).toBe('segment');
    expect(economics.programs.map((row: Row) => [row.program, row.journeys])).toEqual([
      ['enterprise', 2],
      ['marketing', 0],
      ['sales', 0],
      ['smb', 4],
      ['webinar', 0],
    ]);
  });

  it('the --sorted path (a file sorted by journey id) gives the same economics', () => {
    // events.csv lists p1 last; sorted by id it comes before s1.
    const folder = temporaryFolder();
    const [header, ...lines] = readFileSync(fixture('events.csv'), 'utf8').trim().split('\n');
    const id = (line: string) => line.slice(0, line.indexOf(','));
    const sorted = lines.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
    writeFileSync(join(folder, 'sorted.csv'), `${[header, ...sorted].join('\n')}\n`);
    const args = ['--as-of', '2026-06-30', '--spend', fixture('spend.csv'), '--format', 'json'];
    const one = run(['report', 'sorted.csv', ...args], folder);
    const parallel = run(['report', 'sorted.csv', ...args, '--sorted'], folder);
    expect(parallel.stderr).toBe('');
    expect(parallel.code).toBe(0);
    expect(JSON.parse(parallel.stdout).economics.total.spend).toBe('4500.5');
    expect(JSON.parse(parallel.stdout).economics).toEqual(JSON.parse(one.stdout).economics);
  });
});

describe('report --spend: bad spend input exits 1 with one line', () => {
  it.each([
    [
      'spend-negative.csv',
      'spend-negative.csv:3:4 (column "amount"): Expected an amount of at least 0, received -5',
    ],
    [
      'spend-end-before-start.csv',
      'spend-end-before-start.csv:2:3 (column "end"): The period ends (2026-02-01T00:00:00.000Z) before it starts',
    ],
    [
      'spend-missing-column.csv',
      'spend-missing-column.csv: the header lacks the column "amount"; it has "program", "start", "end"',
    ],
    [
      'spend-unknown-stage.csv',
      'spend-unknown-stage.csv:2:5 (column "stage"): Unknown stage "opportunity"',
    ],
    ['spend-negative.json', 'spend-negative.json: at [1].amount: Expected an amount of at least 0'],
    ['nowhere.csv', 'nowhere.csv: no such file'],
  ])('%s', (file, message) => {
    const { code, stdout, stderr } = run(withSpend(file));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('--program without --spend is a usage error (exit 2)', () => {
    const { code, stderr } = run(['report', fixture('events.csv'), '--program', 'campaign']);
    expect(code).toBe(2);
    expect(stderr).toContain('--program needs --spend');
  });
});
