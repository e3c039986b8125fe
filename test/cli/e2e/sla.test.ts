import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { fixture, run } from './run.js';

// Each test starts node processes; on a busy machine that takes seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

// deals.csv with sla.json (UTC, 09:00–17:00, Monday–Friday), as of Wednesday 2026-07-01 13:00 —
// hand-checked. follow-up (a sales call within 2 business days of each qualified lead):
// a5 Mon 01-05 09:00, called 13:00 → met in 4 h; a1 Mon 02-02 09:00, called Tue 10:00 → 8 + 1 =
// 9 h; a3 Mon 03-02 09:00, called Tue 09:00 → 8 h; a2 Thu 02-05 09:00, due after 16 working
// hours (Fri 17:00), called Tue 02-10 11:00 → 26 h, 10 h late: breached; a7 lost before it was
// due → withdrawn; a8 Tue 06-30 09:00, due Wed 17:00, 4 h left ≤ 4 h warning → at risk.
// 3 met, 1 breached: 75%. Response hours 4, 8, 9, 26: median 8.5; p90 at h = 2.7:
// 9 + 0.7 × 17 = 20.9. why: a3 lost with a reason (met), a7 without (breached): 50%.
const args = [
  'sla',
  fixture('deals.csv'),
  '--sla',
  fixture('sla.json'),
  '--as-of',
  '2026-07-01T13:00:00Z',
];

describe('sla', () => {
  it('table: rules, breaches and the at-risk list', () => {
    const { code, stdout, stderr } = run(args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const row = (rule: string) =>
      stdout
        .split('\n')
        .find((line) => line.startsWith(`${rule} `) && line.includes('%'))
        ?.trim()
        .split(/\s+/);
    expect(row('follow-up')).toEqual([
      'follow-up',
      'sales',
      'response',
      '6',
      '3',
      '1',
      '1',
      '0',
      '1',
      '75%',
      '8.5',
      '20.9',
    ]);
    expect(row('why')).toEqual([
      'why',
      'sales',
      'reasonRequired',
      '2',
      '1',
      '1',
      '0',
      '0',
      '0',
      '50%',
      '—',
      '—',
    ]);
    expect(stdout).toContain('Breaches (2, by due time)');
    expect(stdout).toMatch(
      /why\s+sales\s+a7\s+sam\s+Tue 2026-01-13 10:00\s+—\s+—\s+lost without a reason/,
    );
    expect(stdout).toMatch(
      /follow-up\s+sales\s+a2\s+sam\s+Fri 2026-02-06 17:00\s+Tue 2026-02-10 11:00\s+10\s+call by sales late/,
    );
    expect(stdout).toMatch(/follow-up\s+sales\s+a8\s+dana\s+Wed 2026-07-01 17:00\s+4/);
  });

  it('json: the evaluateSla result; csv: the breaches', () => {
    const json = JSON.parse(run([...args, '--format', 'json']).stdout);
    expect(json.rules[0]).toMatchObject({ id: 'follow-up', met: 3, breached: 1, compliance: 0.75 });
    expect(json.rules[0].responseHours.median).toBe(8.5);
    expect(json.rules[0].responseHours.p90).toBeCloseTo(20.9, 10);
    expect(json.atRisk).toEqual([
      {
        rule: 'follow-up',
        owner: 'sales',
        journey: 'a8',
        agent: 'dana',
        dueAt: '2026-07-01T17:00:00.000Z',
        hoursLeft: 4,
      },
    ]);
    const csv = run([...args, '--format', 'csv']);
    expect(csv.code).toBe(0);
    const rows: string[][] = parse(csv.stdout);
    expect(rows[0]?.slice(0, 8)).toEqual([
      'rule',
      'owner',
      'kind',
      'journey',
      'agent',
      'due_at',
      'resolved_at',
      'late_by_hours',
    ]);
    expect(rows.slice(1).map((row) => [row[0], row[3], row[6], row[7]])).toEqual([
      ['why', 'a7', '', ''],
      ['follow-up', 'a2', '2026-02-10T11:00:00.000Z', '10'],
    ]);
  });

  it('--from / --to keep the obligations that start inside the window', () => {
    const json = JSON.parse(
      run([...args, '--from', '2026-02-01', '--to', '2026-04-01', '-f', 'json']).stdout,
    );
    // a1, a2, a3 entered qualified_lead in February and March; a5, a7 (January) and a8 (June) did not.
    expect(json.rules[0]).toMatchObject({ evaluated: 3, met: 2, breached: 1 });
  });

  it('bad input: a missing config, a config that does not validate, a missing export', () => {
    const missing = run(['sla', fixture('deals.csv'), '--sla', 'nowhere.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--sla');
    expect(missing.stderr).toContain('no such file');
    const invalid = run(['sla', fixture('deals.csv'), '--sla', fixture('bad-sla.json')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.trim().split('\n')).toHaveLength(1);
    expect(invalid.stderr).toContain('bad-sla.json, at rules[1].within.businessDays:');
    const stage = run([
      'sla',
      fixture('deals.csv'),
      '--sla',
      fixture('sla.json'),
      '--pipeline',
      'demand-waterfall',
    ]);
    expect(stage.code).toBe(1);
    expect(stage.stderr).toContain(
      'sla.json, at rules[0].trigger.stage: Unknown stage "qualified_lead"',
    );
    const noFile = run(['sla', 'nowhere.csv', '--sla', fixture('sla.json')]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toBe('buying-pipeline: nowhere.csv: no such file\n');
  });

  it.each([
    [['sla', fixture('deals.csv')], "required option '--sla <config.json>' not specified"],
    [[...args, '--format', 'html'], 'Allowed choices are table, json, csv'],
    [[...args, '--from', 'last week'], '--from'],
  ])('usage: %j exits 2', (usage, message) => {
    const { code, stderr } = run(usage);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('--help has examples', () => {
    const { code, stdout } = run(['sla', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: buying-pipeline sla');
    expect(stdout).toContain('$ buying-pipeline sla events.csv --sla sla.json');
  });
});
