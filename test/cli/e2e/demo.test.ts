import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run, temporaryFolder } from './run.js';

// Each test starts node processes; on a busy machine that takes seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

describe('demo', () => {
  it('prints the summary tables and writes buying-pipeline-demo.html in the working folder', () => {
    const folder = temporaryFolder();
    const { code, stdout, stderr } = run(['demo'], folder);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Buying pipeline: 3,000 journeys from the bundled sample');
    expect(stdout).toContain('Conversion (reached → advanced');
    expect(stdout).toContain('Win rate among journeys that reached qualified_lead');
    const page = join(folder, 'buying-pipeline-demo.html');
    expect(stdout).toContain(page);
    expect(readFileSync(page, 'utf8').match(/class="funnel-stage"/g)).toHaveLength(7);
  });

  it('is the same on every run', () => {
    expect(run(['demo']).stdout.replace(/HTML report: .*/, '')).toBe(
      run(['demo']).stdout.replace(/HTML report: .*/, ''),
    );
  });

  it('--out and --data: the page where asked, and the sample as a CSV that report reads back', () => {
    const folder = temporaryFolder();
    const demo = run(['demo', '--out', 'page.html', '--data', 'events.csv'], folder);
    expect(demo.code).toBe(0);
    expect(existsSync(join(folder, 'page.html'))).toBe(true);
    expect(existsSync(join(folder, 'buying-pipeline-demo.html'))).toBe(false);
    const report = run(['report', 'events.csv', '--by', 'origin', '--as-of', '2026-06-30'], folder);
    expect(report.code).toBe(0);
    // The same conversion table as the demo's.
    const table = (text: string) => text.slice(text.indexOf('Conversion'), text.indexOf('overall'));
    expect(table(report.stdout)).toBe(table(demo.stdout));
  });

  it('prints the conversion table and the plan the README shows', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const { stdout } = run(['demo']);
    const first = stdout.split('\n').slice(0, 14).join('\n');
    expect(readme).toContain(first);
    const plan = stdout.slice(
      stdout.indexOf('Plan: '),
      stdout.indexOf('\n', stdout.indexOf('Pipeline: ')),
    );
    expect(plan).toContain('stage           rate  required  at 90%');
    expect(readme).toContain(plan);
  });

  it('plans from the sample: the mean won deal and conversion() counts', () => {
    const { stdout } = run(['demo']);
    // 5,000,000 ÷ 23,005.90 (the mean won deal) = 217.3 → 218 deals; the prospect row needs
    // ⌈218 ÷ (146 ÷ 332)⌉ = ⌈495.7⌉ = 496 (146 of 332 prospects won, the conversion table's counts).
    expect(stdout).toContain('5,000,000.00 of revenue at 23,005.90 a deal = 218 deals');
    expect(stdout).toMatch(/\nprospect\s+44%\s+496\s/);
    expect(stdout).toContain('deadline 2026-12-31');
  });

  it('report --sorted, in parallel, gives the same report as one thread on the sorted sample', () => {
    const folder = temporaryFolder();
    expect(run(['demo', '--data', 'events.csv'], folder).code).toBe(0);
    const args = [
      'report',
      'events.csv',
      '--by',
      'origin',
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
    ];
    const single = run(args, folder);
    const parallel = run([...args, '--sorted'], folder);
    expect(parallel.stderr).toBe('');
    expect(parallel.code).toBe(0);
    expect(JSON.parse(parallel.stdout)).toEqual(JSON.parse(single.stdout));
  });
});
