import { describe, expect, it, vi } from 'vitest';
import { fixture, run } from './run.js';

// Each test starts node processes; on a busy machine that takes seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

// deals.csv (generic mapping), Q2 = [2026-04-01, 2026-07-01), as of 2026-07-01 — hand-checked:
// committed at 04-01 (open, latest forecast closing in Q2): a1 10,000 (won 05-10), a2 20,000
// (re-forecast 06-20 to 07-31: pushed, 46 days), a3 5,000 (lost 04-20) → 3; rate 1/3; value
// 20,000 ÷ 35,000 = 57%. Waterfall: 3 + created 1 (a4, first forecast 04-10) − 1 won − 1 lost
// − 1 pushed out = 1 open at end (a4, 8,000). Coverage of 40,000: won 10,000, remaining 30,000,
// open 8,000 (a4) → 0.27×; value win rate from qualified_lead: won a1 + a5 = 20,000, lost
// a3 + a7 = 20,000 → 50%, required 2×, 60,000, shortfall 52,000. Velocity: 3 open (a2, a4, a8)
// × 50% (2 won, 2 lost) × 10,000 ÷ 76 days (a1 97, a5 55) = 197.37 a day. Weighted: prospect
// P(won) = 2 won of 3 closed = 2/3 (every qualified lead that moved on moved to prospect), open
// a2 20,000 + a4 8,000 = 28,000 → 18,666.67.
const q2 = ['forecast', fixture('deals.csv'), '--period', '2026-04-01..2026-07-01'];
const asOf = ['--as-of', '2026-07-01'];

describe('forecast', () => {
  it('table: push rate, waterfall, coverage, velocity, weighted pipeline', () => {
    const { code, stdout, stderr } = run([...q2, ...asOf, '--target', '40000']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('8 journeys from deals.csv, period 2026-04-01 to 2026-07-01');
    expect(stdout).toMatch(/committed\s+3\s+35,000\.00/);
    expect(stdout).toMatch(/pushed\s+1\s+20,000\.00/);
    expect(stdout).toMatch(/push rate\s+33%\s+57%/);
    expect(stdout).toContain('pushed: a2 2026-06-15 → 2026-07-31 (+46.0 days), 20,000.00');
    expect(stdout).toMatch(/\+ created\s+1\s+8,000\.00/);
    expect(stdout).toMatch(/= open at end\s+1\s+8,000\.00/);
    expect(stdout).toContain('coverage 0.27×; required 2.00×');
    expect(stdout).toContain('60,000.00 of pipeline, shortfall 52,000.00');
    expect(stdout).toContain(
      '3 open × 50% win rate (2 won, 2 lost) × 10,000.00 average deal ÷ 76.0 days = 197.37 per day',
    );
    expect(stdout).toMatch(/prospect\s+2\s+28,000\.00\s+67%\s+18,666\.67/);
    expect(stdout).not.toContain('has not ended');
  });

  it('json: every result, money as strings; no coverage without --target', () => {
    const { code, stdout } = run([...q2, ...asOf, '--format', 'json']);
    expect(code).toBe(0);
    const figures = JSON.parse(stdout);
    expect(figures.coverage).toBeNull();
    expect(figures.pushRate).toMatchObject({
      committed: 3,
      won: 1,
      lost: 1,
      pushed: 1,
      meanDaysPushed: 46,
    });
    expect(figures.pushRate.committedValue).toBe('35000');
    expect(figures.waterfall.openAtEnd).toEqual({ count: 1, value: '8000' });
    expect(figures.salesVelocity).toMatchObject({
      openOpportunities: 3,
      averageCycleDays: 76,
      perDay: '197.37',
    });
    expect(figures.weightedPipeline.count).toBe(4);
    expect(figures.weightedPipeline.value).toBe('28000');
  });

  it('--start/--end is --period; a period still running says so', () => {
    const split = run([
      'forecast',
      fixture('deals.csv'),
      '--start',
      '2026-04-01',
      '--end',
      '2026-07-01',
      ...asOf,
      '-f',
      'json',
    ]);
    expect(JSON.parse(split.stdout)).toEqual(
      JSON.parse(run([...q2, ...asOf, '-f', 'json']).stdout),
    );
    const running = run([...q2, '--as-of', '2026-06-01']);
    expect(running.stdout).toContain('The period has not ended at 2026-06-01');
  });

  it('bad input: a missing file', () => {
    const { code, stderr } = run(['forecast', 'nowhere.csv', '--period', '2026-04-01..2026-07-01']);
    expect(code).toBe(1);
    expect(stderr).toBe('buying-pipeline: nowhere.csv: no such file\n');
  });

  it.each([
    [['forecast', fixture('deals.csv')], 'a period is needed'],
    [[...q2, '--start', '2026-04-01'], 'not both'],
    [['forecast', fixture('deals.csv'), '--period', '2026-04-01'], 'expected <start>..<end>'],
    [['forecast', fixture('deals.csv'), '--period', '2026-07-01..2026-04-01'], 'before it starts'],
    [[...q2, '--target', 'lots'], '--target'],
    [[...q2, '--as-of', 'soon'], '--as-of'],
    [[...q2, '--format', 'csv'], 'Allowed choices are table, json'],
  ])('usage: %j exits 2', (args, message) => {
    const { code, stderr } = run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--help has examples', () => {
    const { code, stdout } = run(['forecast', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: buying-pipeline forecast');
    expect(stdout).toContain('$ buying-pipeline forecast events.csv --period');
  });
});
