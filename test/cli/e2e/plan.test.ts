import { describe, expect, it, vi } from 'vitest';
import { fixture, run } from './run.js';

// Each test starts node processes; on a busy machine that takes seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

// plan.json, hand-checked: 1,200,000 ÷ 24,000 = 50 deals. prospect (21 of 70 = 30%):
// ⌈50 ÷ 0.3⌉ = 167, minus 20 existing = 147 new; qualified_lead ⌈147 ÷ 0.6⌉ = 245;
// lead ⌈245 ÷ 0.5⌉ = 490. Cost: 490 leads × 50 = 24,500. People over 12 months:
// qualified_lead ⌈245 ÷ 120⌉ = 3, prospect ⌈147 ÷ 48⌉ = 4. Latest entries back from 12-31:
// prospect − 45 days = 11-16, qualified_lead − 10 = 11-06, lead − 14 = 10-23.
// Pipeline to hold, existing prospects included: ⌈167 ÷ 0.6⌉ = 279 qualified leads × 24,000 =
// 6,696,000 = 5.58 × the goal.
describe('plan', () => {
  it('table: each stage, then the totals', () => {
    const { code, stdout, stderr } = run(['plan', fixture('plan.json')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('1,200,000.00 of revenue at 24,000.00 a deal = 50 deals');
    const row = (stage: string) =>
      stdout
        .split('\n')
        .find((line) => line.startsWith(`${stage} `))
        ?.trim()
        .split(/\s+/);
    expect(row('lead')).toEqual(['lead', '50%', '490', '0', '490', '2026-10-23', '24,500.00', '—']);
    expect(row('qualified_lead')).toEqual([
      'qualified_lead',
      '60%',
      '245',
      '0',
      '245',
      '2026-11-06',
      '—',
      '3',
    ]);
    expect(row('prospect')).toEqual([
      'prospect',
      '30%',
      '167',
      '20',
      '147',
      '2026-11-16',
      '—',
      '4',
    ]);
    expect(row('customer')).toEqual(['customer', '—', '50', '0', '50', '2026-12-31', '—', '—']);
    expect(stdout).toContain(
      'Pipeline: 279 at qualified_lead × 24,000.00 = 6,696,000.00, 5.58 × the goal',
    );
    expect(stdout).toContain('Total cost: 24,500.00');
    expect(stdout).toContain('People: 7 over 12.0 months');
  });

  it('json: the planFromRevenue result, money as strings', () => {
    const { code, stdout } = run(['plan', fixture('plan.json'), '--format', 'json']);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.deals).toBe(50);
    expect(plan.stages.map((row: { required: number }) => row.required)).toEqual([
      490, 245, 167, 50,
    ]);
    expect(plan.stages.map((row: { netNew: number }) => row.netNew)).toEqual([490, 245, 147, 50]);
    expect(plan.totalCost).toBe('24500');
    expect(plan.pipelineValue).toBe('6696000'); // 279 × 24,000: existing prospects included
    expect(plan.assumptions.rateSources.prospect).toBe('evidence');
  });

  it('--pipeline with a stage the pipeline does not have: the config path', () => {
    const { code, stderr } = run(['plan', fixture('plan.json'), '--pipeline', 'demand-waterfall']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/plan\.json, at \w+\.\w+: Unknown stage/);
  });

  it('bad input: a missing file, a config that does not validate', () => {
    const missing = run(['plan', 'nowhere.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('buying-pipeline: nowhere.json: no such file\n');
    const invalid = run(['plan', fixture('bad-plan.json')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.trim().split('\n')).toHaveLength(1);
    expect(invalid.stderr).toContain(
      'bad-plan.json, at rates.prospect: Expected the rate of stage "prospect"',
    );
    expect(invalid.stderr).toContain('received 1.5');
  });

  it.each([
    [['plan'], "missing required argument 'input.json'"],
    [['plan', fixture('plan.json'), '--format', 'csv'], 'Allowed choices are table, json'],
    [['plan', fixture('plan.json'), '--pipeline', 'funnel'], 'neither a preset'],
  ])('usage: %j exits 2', (args, message) => {
    const { code, stderr } = run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('--help has examples', () => {
    const { code, stdout } = run(['plan', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: buying-pipeline plan');
    expect(stdout).toContain('$ buying-pipeline plan plan.json');
  });
});
