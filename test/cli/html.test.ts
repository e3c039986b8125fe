import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/cli/html/renderReportHtml.js';
import { niceCeiling } from '../../src/cli/html/timeInStageChart.js';
import { pipeline, smallReport } from './fixtures.js';

const page = (by: string | null = 'origin') =>
  renderReportHtml(smallReport(by), {
    pipeline,
    source: 'events.csv',
    ...(by === null ? {} : { by }),
    notes: ['2 rows of events.csv could not be read'],
  });

/** The attribute values of every element with a class, in document order. */
function attributes(html: string, className: string, attribute: string): string[] {
  const pattern = new RegExp(`<[a-z]+ class="${className}"[^>]*?\\s${attribute}="([^"]*)"`, 'g');
  return [...html.matchAll(pattern)].map((match) => match[1] ?? '');
}

describe('renderReportHtml', () => {
  it('draws one funnel shape per stage, in pipeline order, with the reached counts', () => {
    const html = page();
    expect(attributes(html, 'funnel-stage', 'data-stage')).toEqual(
      pipeline.stages.map((stage) => stage.id),
    );
    // Reached (implied passage): everyone reached target..lead (6); qualified_lead: m1, m2, s1, s2
    // (s2 entered prospect, implying qualified_lead) = 4; prospect: m1, s1, s2 = 3; customer: m1, s1 = 2.
    expect(attributes(html, 'funnel-stage', 'data-reached')).toEqual([
      '6',
      '6',
      '6',
      '6',
      '4',
      '3',
      '2',
    ]);
  });

  it('draws the widest stage widest and keeps a sliver for a stage nobody reached', () => {
    const html = page();
    const widths = [...html.matchAll(/class="funnel-stage"[^>]*points="([^"]+)"/g)].map((match) => {
      const xs = (match[1] ?? '').split(' ').map((point) => Number(point.split(',')[0]));
      return (xs[1] ?? 0) - (xs[0] ?? 0);
    });
    expect(widths[0]).toBeCloseTo(400, 5);
    // customer: 2 of 6 reached → a third of the width.
    expect(widths[6]).toBeCloseTo(400 / 3, 0);
    const empty = renderReportHtml(
      {
        ...smallReport(),
        conversion: {
          ...smallReport().conversion,
          stages: smallReport().conversion.stages.map((row) => ({ ...row, reached: 0 })),
        },
      },
      { pipeline },
    );
    expect(attributes(empty, 'funnel-stage', 'data-stage')).toHaveLength(pipeline.stages.length);
  });

  it('shows the conversion to the next stage with its interval', () => {
    const html = page();
    // qualified_lead: 3 of 4 advanced to prospect (m1, s1, s2) = 75%.
    expect(html).toContain('↓ 75% advanced');
  });

  it('draws a bar per group and stage transition, all journeys first', () => {
    const html = page();
    const groups = attributes(html, 'rate-bar', 'data-group');
    // 6 transitions × (all + marketing + sales + (none)); a group that never reached a stage gets
    // a text instead of a bar: sales never reached target..lead? Implied: s1, s2 reached them.
    expect(groups.slice(0, 4)).toEqual(['all', 'marketing', 'sales', '(none)']);
    expect(html.match(/class="interval"/g)?.length).toBe(groups.length);
  });

  it('draws one Kaplan–Meier curve per stage with observed time in stage', () => {
    const html = page();
    const curves = attributes(html, 'km-curve', 'data-stage');
    expect(curves.length).toBeGreaterThan(0);
    expect(curves.every((id) => pipeline.stages.some((stage) => stage.id === id))).toBe(true);
  });

  it('is self-contained: no script, no external reference', () => {
    const html = page();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(?!data:)/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('escapes text from the data', () => {
    const html = page();
    expect(html).toContain('&lt;b&gt;spam&lt;/b&gt;');
    expect(html).not.toContain('<b>spam</b>');
  });

  it('lists the data notes, and says how to group without --by', () => {
    expect(page()).toContain('2 rows of events.csv could not be read');
    expect(page(null)).toContain('Group with --by');
    expect(page(null)).not.toContain('data-group="marketing"');
  });

  it('is a pure function: the same report gives the same page', () => {
    expect(page()).toBe(page());
  });
});

describe('niceCeiling', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.3, 1, 1.2, 3, 7, 10, 11, 180, 501].map(niceCeiling)).toEqual([
      1, 0.5, 1, 2, 5, 10, 10, 20, 200, 1000,
    ]);
  });
});
