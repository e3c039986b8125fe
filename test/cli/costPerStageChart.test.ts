import { describe, expect, it } from 'vitest';
import { type ReportEconomics, reportEconomics } from '../../src/cli/economics/reportEconomics.js';
import { chartedPrograms, costPerStageChart } from '../../src/cli/html/costPerStageChart.js';
import { renderReportHtml } from '../../src/cli/html/renderReportHtml.js';
import type { JourneyInput, SpendInput } from '../../src/index.js';
import { stage } from '../helpers.js';
import { asOf, journeys, pipeline, smallReport } from './fixtures.js';

// The six journeys of fixtures.ts with three spend lines, as of 2026-06-30:
// - marketing 3,000 for January: m1, m2, m3 first seen in January → measured 3.
//   Reached: target..lead 3 → 3,000 ÷ 3 = 1,000.00; qualified_lead 2 (m1 m2) → 1,500.00;
//   prospect and customer 1 (m1) → 3,000.00.
// - sales 1,000.50 for February, paying for entries into qualified_lead: s1 (02-01) and s2
//   (prospect 02-10, qualified_lead implied then) → 2 at every stage up to prospect → 500.25;
//   customer 1 (s1) → 1,000.50.
// - webinar 500, no journeys: no entries anywhere → no cost.
// - p1 has no origin: the (none) program, no spend lines → cost unknown, never zero.
const spend: SpendInput[] = [
  { program: 'marketing', period: { start: '2026-01-01', end: '2026-02-01' }, amount: '3000' },
  {
    program: 'sales',
    period: { start: '2026-02-01', end: '2026-03-01' },
    amount: '1000.50',
    stage: 'qualified_lead',
  },
  { program: 'webinar', period: { start: '2026-01-01', end: '2026-04-01' }, amount: 500 },
];
const stageIds = pipeline.stages.map((row) => row.id);

function economicsOf(
  list: readonly JourneyInput[] = journeys,
  lines: readonly SpendInput[] = spend,
): ReportEconomics {
  return reportEconomics(pipeline, list, lines, {
    asOf: new Date(`${asOf}T00:00:00Z`),
    by: 'origin',
    spendFile: 'spend.csv',
  });
}

/** [program, stage, extra attribute] of every element with a class, in document order. */
function marks(svg: string, className: string, extra = 'data-stage'): string[][] {
  const pattern = new RegExp(
    `<[a-z]+ class="${className}" data-program="([^"]*)" data-stage="([^"]*)"(?: data-cost="([^"]*)")?(?:[^>]*? width="([^"]*)")?`,
    'g',
  );
  return [...svg.matchAll(pattern)].map((match) =>
    extra === 'width'
      ? [match[1] ?? '', match[2] ?? '', match[4] ?? '']
      : [match[1] ?? '', match[2] ?? '', match[3] ?? ''],
  );
}

describe('costPerStageChart', () => {
  const svg = costPerStageChart(pipeline, economicsOf());

  it('draws one bar per program × stage with a cost, labelled with the hand-checked cost', () => {
    const expected = [
      ...stageIds.map((id, index) => [
        'marketing',
        id,
        ['1000.00', '1000.00', '1000.00', '1000.00', '1500.00', '3000.00', '3000.00'][index] ?? '',
      ]),
      ...stageIds.map((id, index) => [
        'sales',
        id,
        ['500.25', '500.25', '500.25', '500.25', '500.25', '500.25', '1000.50'][index] ?? '',
      ]),
    ];
    // Blocks are stages, bars inside are programs: sort both lists the same way.
    const sort = (rows: string[][]) => [...rows].sort((a, b) => a.join().localeCompare(b.join()));
    expect(sort(marks(svg, 'cost-bar'))).toEqual(sort(expected));
    expect(svg).toContain('3,000.00');
    expect(svg).toContain('1,000.50');
  });

  it('writes a null cost as "no cost" with its reason, never as a zero bar', () => {
    const noCost = marks(svg, 'no-cost').map(([program, id]) => `${program}/${id}`);
    expect(noCost.sort()).toEqual(
      [...stageIds.map((id) => `webinar/${id}`), ...stageIds.map((id) => `(none)/${id}`)].sort(),
    );
    expect(svg).not.toMatch(/class="cost-bar" data-program="(webinar|\(none\))"/);
    expect(svg).toContain('no spend lines: cost unknown');
    expect(svg).toContain('no entries');
  });

  it('scales every bar to the largest cost: 3,000 is the full 420 px', () => {
    const width = (program: string, id: string) =>
      Number(
        marks(svg, 'cost-bar', 'width').find((row) => row[0] === program && row[1] === id)?.[2],
      );
    expect(width('marketing', 'customer')).toBe(420);
    // 1,000 ÷ 3,000 × 420 = 140; 500.25 ÷ 3,000 × 420 = 70.035 → 70 (a tenth of a pixel).
    expect(width('marketing', 'lead')).toBe(140);
    expect(width('sales', 'lead')).toBe(70);
  });

  it('a program that really costs 0 gets a sliver bar and a 0.00 label, not "no cost"', () => {
    const free = economicsOf(journeys, [
      { program: 'sales', period: { start: '2026-01-01', end: '2026-04-01' }, amount: 0 },
    ]);
    const chart = costPerStageChart(pipeline, free);
    expect(marks(chart, 'cost-bar').filter((row) => row[0] === 'sales')).toHaveLength(7);
    expect(marks(chart, 'cost-bar').every((row) => row[2] === '0.00')).toBe(true);
    expect(marks(chart, 'no-cost').filter((row) => row[0] === 'sales')).toEqual([]);
  });

  it('leaves out the stages nobody reached, and says so when nothing was reached', () => {
    const early = economicsOf(
      [{ id: 'a', origin: 'marketing', events: [stage('lead', '2026-01-10')] }],
      [spend[0] as SpendInput],
    );
    const chart = costPerStageChart(pipeline, early);
    // target, contact, suspect and lead (implied passage); 3,000 ÷ 1 each.
    expect(marks(chart, 'cost-bar').map((row) => row[1])).toEqual(stageIds.slice(0, 4));
    const nothing = costPerStageChart(pipeline, economicsOf([], [spend[0] as SpendInput]));
    expect(nothing).toContain('no cost per stage to show');
    expect(nothing).not.toContain('class="cost-bar"');
  });

  it('escapes program names', () => {
    const chart = costPerStageChart(
      pipeline,
      economicsOf(
        [{ id: 'x', origin: '<b>"x"</b>', events: [stage('lead', '2026-01-10')] }],
        [{ program: '<b>"x"</b>', period: { start: '2026-01-01', end: '2026-02-01' }, amount: 10 }],
      ),
    );
    expect(chart).not.toContain('<b>');
    expect(chart).toContain('&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
  });

  it('shows the 8 programs with the most spend when there are more', () => {
    const lines: SpendInput[] = Array.from({ length: 10 }, (_, index) => ({
      program: `p${index}`,
      period: { start: '2026-01-01', end: '2026-02-01' },
      amount: (index + 1) * 100,
    }));
    const kept = chartedPrograms(economicsOf(journeys, lines).programs);
    // p0 (100) and p1 (200) spent least; the (none), marketing and sales journeys spent nothing.
    expect(kept.map((row) => row.program)).toEqual([
      'p2',
      'p3',
      'p4',
      'p5',
      'p6',
      'p7',
      'p8',
      'p9',
    ]);
  });

  it('does not change the economics it is given', () => {
    const economics = economicsOf();
    const before = JSON.stringify(economics);
    costPerStageChart(pipeline, economics);
    expect(JSON.stringify(economics)).toBe(before);
  });
});

describe('renderReportHtml with economics', () => {
  it('adds the economics section (chart and tables) only when given, and stays self-contained', () => {
    const plain = renderReportHtml(smallReport(), { pipeline });
    expect(plain).not.toContain('economics-section');
    const page = renderReportHtml(smallReport(), { pipeline, economics: economicsOf() });
    expect(page).toContain('<section id="economics-section">');
    expect(page).toContain('<svg id="cost-per-stage"');
    // Summary table: marketing's acquisition cost 3,000.00 and the blended total 4,500.50 ÷ 2 wins.
    expect(page).toMatch(
      /<td>marketing<\/td><td>3,000.00<\/td><td>3<\/td><td>1<\/td><td>1,000.50<\/td><td>3,000.00<\/td>/,
    );
    expect(page).toMatch(
      /<td>total<\/td><td>4,500.50<\/td><td>6<\/td><td>2<\/td><td>3,000.50<\/td><td>2,250.25<\/td>/,
    );
    expect(page).not.toMatch(/<script|(src|href)="(?!data:)/i);
  });
});
