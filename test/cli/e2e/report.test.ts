import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { fixture, run, temporaryFolder } from './run.js';

// Each test starts node processes; on a busy machine that takes seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

// events.csv (generic mapping), as of 2026-06-30 — hand-checked:
// m1 marketing 1,000.50: lead → qualified_lead → prospect → won; m2 marketing: lead →
// qualified_lead → lost ("price, timing"); m3 marketing: lead, open; s1 sales 2,000:
// qualified_lead → prospect → won; s2 sales: prospect → lost; p1 no origin: lead → disqualified.
// Reached (implied passage): target..lead 6, qualified_lead 4 (m1 m2 s1 s2), prospect 3, customer 2.
// Win rate from qualified_lead: won 2 (m1 s1), lost 2 (m2 s2) → 0.5; deals 1,000.50 + 2,000 = 3,000.50.
const reached = [6, 6, 6, 6, 4, 3, 2];
const events = ['report', fixture('events.csv'), '--as-of', '2026-06-30'];

describe('report, every format', () => {
  it('table: the stages with their counts', () => {
    const { code, stdout, stderr } = run([...events, '--by', 'origin']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('6 journeys from events.csv, as of 2026-06-30, by origin');
    const rows = stdout.split('\n').filter((line) => /^(→ | {2})[a-z_]+ /.test(line));
    expect(
      rows.map((line) =>
        Number(
          line
            .trim()
            .split(/\s+/)
            .at(line.startsWith('→') ? 3 : 2),
        ),
      ),
    ).toEqual(reached);
    expect(stdout).toMatch(/all\s+2\s+2\s+50%/);
    expect(stdout).toContain('total 3,000.50');
  });

  it('json: the funnelReport object, money as strings, dates as ISO strings', () => {
    const { code, stdout } = run([...events, '--format', 'json', '--by', 'origin']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.asOf).toBe('2026-06-30T00:00:00.000Z');
    expect(report.journeys).toBe(6);
    expect(report.conversion.stages.map((row: { reached: number }) => row.reached)).toEqual(
      reached,
    );
    expect(report.conversion.groups.map((group: { key: string | null }) => group.key)).toEqual([
      'marketing',
      'sales',
      null,
    ]);
    expect(report.winRate).toMatchObject({ won: 2, lost: 2, rate: 0.5, wonValue: '3000.5' });
    expect(report.deals.total).toBe('3000.5');
    expect(report.deals.median).toBe('1500.25');
  });

  it('csv: one figure per row, readable by a CSV parser', () => {
    const { code, stdout } = run([...events, '--format', 'csv']);
    expect(code).toBe(0);
    const rows: string[][] = parse(stdout);
    expect(rows[0]).toEqual(['section', 'group', 'stage', 'measure', 'value']);
    const value = (section: string, stage: string, measure: string) =>
      rows.find(
        (row) => row[0] === section && row[1] === '' && row[2] === stage && row[3] === measure,
      )?.[4];
    expect(reachedFromCsv(rows)).toEqual(reached);
    expect(value('winRate', 'qualified_lead', 'rate')).toBe('0.5');
    expect(value('deals', '', 'total')).toBe('3000.5');
    // A reason with a comma survives the quoting.
    expect(value('leakage', 'qualified_lead', 'reason:price, timing')).toBe('1');
  });

  it('html: one self-contained page with one funnel shape per stage', () => {
    const { code, stdout } = run([...events, '--format', 'html', '--by', 'origin']);
    expect(code).toBe(0);
    expect(stdout.startsWith('<!doctype html>')).toBe(true);
    expect(stdout.match(/class="funnel-stage"/g)).toHaveLength(7);
    expect(stdout).not.toMatch(/<script|(src|href)="(?!data:)/i);
  });

  it('--out writes the file and leaves stdout empty', () => {
    const folder = temporaryFolder();
    const { code, stdout } = run([...events, '--format', 'json', '--out', 'report.json'], folder);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')).journeys).toBe(6);
  });

  it('without --as-of, the report is as of the latest event in the file', () => {
    const { stdout } = run(['report', fixture('events.csv'), '--format', 'json']);
    // s1's win, 2026-03-05T09:00Z, is the latest event (p1's disqualification is 03-02).
    expect(JSON.parse(stdout).asOf).toBe('2026-03-05T09:00:00.000Z');
  });
});

function reachedFromCsv(rows: string[][]): number[] {
  return rows
    .filter((row) => row[0] === 'conversion' && row[1] === '' && row[3] === 'reached')
    .map((row) => Number(row[4]));
}

describe('report, every mapping', () => {
  it('generic JSON Lines gives the same report as the CSV', () => {
    const csv = JSON.parse(run([...events, '--format', 'json']).stdout);
    const jsonl = run([
      'report',
      fixture('events.jsonl'),
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
    ]);
    expect(jsonl.stderr).toBe('');
    expect(JSON.parse(jsonl.stdout)).toEqual(csv);
  });

  it('hubspot: the demand waterfall by default', () => {
    // h1 inquiry → mql → sal → sql → won (Closed Won 12,000.50); h2 inquiry → mql, Closed Lost;
    // h3 inquiry; h4 inquiry → mql → sal. Reached: inquiry 4, mql 3, sal 2, sql 1, won 1.
    const { code, stdout, stderr } = run([
      'report',
      fixture('hubspot.csv'),
      '--mapping',
      'hubspot',
      '--time-zone',
      'UTC',
      '--format',
      'json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.conversion.stages.map((row: { stage: string }) => row.stage)).toEqual([
      'inquiry',
      'mql',
      'sal',
      'sql',
      'won',
    ]);
    expect(report.conversion.stages.map((row: { reached: number }) => row.reached)).toEqual([
      4, 3, 2, 1, 1,
    ]);
    expect(report.deals.total).toBe('12000.5');
  });

  it('salesforce: with a pipeline config file', () => {
    // 006A Prospecting → Qualification → Proposal → won 12,500; 006B Prospecting → lost; 006C open.
    const { code, stdout, stderr } = run([
      'report',
      fixture('salesforce.csv'),
      '--mapping',
      'salesforce',
      '--pipeline',
      fixture('salesforce-pipeline.json'),
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.conversion.stages.map((row: { reached: number }) => row.reached)).toEqual([
      3, 1, 1, 1, 1,
    ]);
    expect(report.deals.total).toBe('12500');
  });

  it('salesforce with the default pipeline: names the journey, the stage and the fix', () => {
    const { code, stderr } = run(['report', fixture('salesforce.csv'), '--mapping', 'salesforce']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('journey "006A"');
    expect(stderr).toContain('Unknown stage "prospecting"');
    expect(stderr).toContain('--pipeline');
  });

  it('wide: one row per journey', () => {
    // w1 target → … → customer, won 5,000; w2 contact, lead, lost; w3 target; w4 target → contact.
    const { code, stdout } = run([
      'report',
      fixture('wide.csv'),
      '--mapping',
      'wide',
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.conversion.stages.map((row: { reached: number }) => row.reached)).toEqual([
      4, 3, 2, 2, 1, 1, 1,
    ]);
    expect(report.winRate).toMatchObject({ won: 1, lost: 0 });
  });
});

describe('bad input: exit code 1, one line that says what and where', () => {
  const oneLine = (stderr: string) => {
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/^\s+at /m);
  };

  it('a missing file', () => {
    const { code, stderr } = run(['report', 'nowhere.csv']);
    expect(code).toBe(1);
    oneLine(stderr);
    expect(stderr).toBe('buying-pipeline: nowhere.csv: no such file\n');
  });

  it('an empty file', () => {
    const { code, stderr } = run(['report', fixture('empty.csv')]);
    expect(code).toBe(1);
    oneLine(stderr);
    expect(stderr).toContain('empty.csv: the file is empty');
  });

  it('a header without the mapped columns: names the missing ones and lists the present ones', () => {
    const { code, stderr } = run(['report', fixture('missing-columns.csv')]);
    expect(code).toBe(1);
    oneLine(stderr);
    expect(stderr).toContain('"journey_id", "type", "at"');
    expect(stderr).toContain('it has "id", "when", "what"');
  });

  it('a bad date: skipped and reported with line and column; --strict stops there', () => {
    const lenient = run([
      'report',
      fixture('bad-date.csv'),
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
    ]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('1 row of');
    expect(lenient.stderr).toContain('bad-date.csv:3:3 (column "at")');
    expect(JSON.parse(lenient.stdout).journeys).toBe(2);
    const strict = run(['report', fixture('bad-date.csv'), '--strict']);
    expect(strict.code).toBe(1);
    oneLine(strict.stderr);
    expect(strict.stderr).toContain('bad-date.csv:3:3 (column "at")');
    expect(strict.stderr).toContain('2026-02-30T09:00:00Z');
    expect(strict.stdout).toBe('');
  });

  it('a non-numeric amount: line and column, and what was expected', () => {
    const { code, stderr } = run(['report', fixture('bad-amount.csv'), '--strict']);
    expect(code).toBe(1);
    oneLine(stderr);
    expect(stderr).toContain('bad-amount.csv:3:6 (column "amount")');
    expect(stderr).toContain('Expected a decimal amount');
  });

  it('a pipeline config that does not validate names the file and the field', () => {
    const { code, stderr } = run([
      'report',
      fixture('events.csv'),
      '--pipeline',
      fixture('bad-pipeline.json'),
    ]);
    expect(code).toBe(1);
    oneLine(stderr);
    expect(stderr).toContain('bad-pipeline.json');
    expect(stderr).toContain('at stages');
  });

  it('a pipeline config file that does not exist', () => {
    const { code, stderr } = run(['report', fixture('events.csv'), '--pipeline', 'nowhere.json']);
    expect(code).toBe(1);
    oneLine(stderr);
    expect(stderr).toContain('--pipeline');
    expect(stderr).toContain('no such file');
  });

  it('--debug adds the stack trace', () => {
    const { code, stderr } = run(['report', fixture('bad-amount.csv'), '--strict', '--debug']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^\s+at /m);
  });
});

describe('usage: exit code 2', () => {
  it.each([
    [
      ['report', fixture('events.csv'), '--format', 'xml'],
      'Allowed choices are table, json, csv, html',
    ],
    [['report', fixture('events.csv'), '--pipeline', 'funnel'], 'neither a preset'],
    [['report', fixture('events.csv'), '--mapping', 'pipedrive'], 'neither a built-in mapping'],
    [['report', fixture('events.csv'), '--as-of', 'yesterday'], '--as-of'],
    [['report', fixture('events.csv'), '--colour'], "unknown option '--colour'"],
    [['report'], "missing required argument 'file'"],
    [['forecasts'], "unknown command 'forecasts' (Did you mean forecast?)"],
  ])('%j', (args, message) => {
    const { code, stderr } = run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('no command shows the help on stderr', () => {
    const { code, stderr } = run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: buying-pipeline');
  });
});

describe('help and version', () => {
  it.each([[['--help']], [['report', '--help']], [['demo', '--help']], [['help', 'report']]])(
    '%j prints the usage and exits 0',
    (args) => {
      const { code, stdout } = run(args);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: buying-pipeline');
    },
  );

  it('--version prints the package version', () => {
    const version = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ).version;
    expect(run(['--version']).stdout.trim()).toBe(version);
  });
});
