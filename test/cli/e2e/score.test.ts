import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { fixture, run } from './run.js';

// Each test starts node processes; on a busy machine that takes seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

// deals.csv with model.json, as of 2026-06-30T09:00Z — hand-checked. Fit: employees ≥ 500 → 25,
// title with "VP" or "Head" → 15 (cap 40). Behaviour, half-life 30 days: a6 demo requested now
// → 30, a 45-minute webinar 30 days ago → 15 × ½ = 7.5; a8 pricing page 30 days ago → 10 × ½ = 5.
// a6 (1,200, VP) 40 + 37.5 = 77.5, grade A2, the only one at the threshold 50;
// a8 (900, Head) 40 + 5 = 45 (A3); a1 (1,200, VP) and a5 (600, Head) 40 (A4); a2 (80, Head) 15
// (C4); a3, a4, a7 0 (D4). The model's max: fit 40 + behaviour 30 + 10 + 15 = 95.
const args = [
  'score',
  fixture('deals.csv'),
  '--model',
  fixture('model.json'),
  '--as-of',
  '2026-06-30T09:00:00Z',
];

describe('score', () => {
  it('table: one row per journey, hottest first, and the summary', () => {
    const { code, stdout, stderr } = run(args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = stdout
      .split('\n')
      .filter((line) => /^a\d /.test(line))
      .map((line) => line.split(/\s+/).slice(0, 4));
    expect(rows).toEqual([
      ['a6', '77.5', 'yes', 'A2'],
      ['a8', '45', 'no', 'A3'],
      ['a1', '40', 'no', 'A4'],
      ['a5', '40', 'no', 'A4'],
      ['a2', '15', 'no', 'C4'],
      ['a3', '0', 'no', 'D4'],
      ['a4', '0', 'no', 'D4'],
      ['a7', '0', 'no', 'D4'],
    ]);
    expect(stdout).toContain('demo +30; enterprise +25; buyer +15');
    expect(stdout).toContain('1 of 8 journeys qualified at the threshold 50 (of 95)');
  });

  it('json: every score with its reasons; csv: one row per journey, the summary on stderr', () => {
    const json = JSON.parse(run([...args, '--format', 'json']).stdout);
    expect(json).toMatchObject({ journeys: 8, qualified: 1, model: { threshold: 50, max: 95 } });
    expect(json.leads[0]).toMatchObject({ id: 'a6', total: 77.5, qualified: true });
    expect(json.leads[0].components.behaviour.points).toBe(37.5);
    const csv = run([...args, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toContain('1 of 8 journeys qualified');
    const rows: string[][] = parse(csv.stdout);
    expect(rows[0]).toEqual([
      'journey',
      'total',
      'qualified',
      'grade',
      'bantt',
      'fit',
      'behaviour',
      'top_reasons',
    ]);
    expect(rows[2]).toEqual([
      'a8',
      '45',
      'false',
      'A3',
      '',
      '40',
      '5',
      'enterprise +25; buyer +15; pricing +5',
    ]);
  });

  it('later, the behaviour has cooled down', () => {
    // 30 days on: a6's demo 15, webinar 3.75 → 58.75.
    const later = JSON.parse(
      run([...args.slice(0, 4), '--as-of', '2026-07-30T09:00:00Z', '-f', 'json']).stdout,
    );
    expect(later.leads[0]).toMatchObject({ id: 'a6', total: 58.75 });
  });

  it('bad input: a missing model, a model that does not validate', () => {
    const missing = run(['score', fixture('deals.csv'), '--model', 'nowhere.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--model');
    expect(missing.stderr).toContain('no such file');
    const invalid = run(['score', fixture('deals.csv'), '--model', fixture('bad-model.json')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.trim().split('\n')).toHaveLength(1);
    expect(invalid.stderr).toContain('bad-model.json, at threshold:');
  });

  it.each([
    [['score', fixture('deals.csv')], "required option '--model <preset|file>' not specified"],
    [['score', fixture('deals.csv'), '--model', 'meddic'], 'neither a scoring preset'],
    [[...args, '--format', 'html'], 'Allowed choices are table, json, csv'],
  ])('usage: %j exits 2', (usage, message) => {
    const { code, stderr } = run(usage);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('--help has examples', () => {
    const { code, stdout } = run(['score', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: buying-pipeline score');
    expect(stdout).toContain('$ buying-pipeline score events.csv --model model.json');
  });
});
