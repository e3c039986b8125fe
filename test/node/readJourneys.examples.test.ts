import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { funnelReport, type Journey, presets } from '../../src/index.js';
import { type Mapping, mappings, readJourneys } from '../../src/node/index.js';
import { json } from '../helpers.js';

const fixture = (name: string) => `test/node/fixtures/${name}`;

async function all(source: Parameters<typeof readJourneys>[0], mapping: Mapping, extra = {}) {
  const reader = readJourneys(source, { mapping, ...extra });
  const journeys: Journey[] = [];
  for await (const journey of reader) journeys.push(journey);
  return { journeys, stats: reader.stats };
}

describe('readJourneys: the generic event table', () => {
  it('groups rows into journeys, keeps unmapped columns as attributes, quoted commas intact', async () => {
    const { journeys, stats } = await all(fixture('generic.csv'), mappings.generic);
    expect(stats).toMatchObject({ rows: 8, journeys: 2, skippedRows: 0, issues: [] });
    const [acme, beta] = journeys;
    expect(acme?.id).toBe('acme');
    expect(acme?.origin).toBe('marketing');
    expect(acme?.amount?.toFixed(2)).toBe('24000.00');
    // "industry" is repeated on two rows with the same value: one attribute.
    expect(acme?.attributes).toEqual({ industry: 'manufacturing' });
    expect(acme?.events.map((event) => event.type)).toEqual([
      'stage',
      'activity',
      'stage',
      'forecast',
      'outcome',
    ]);
    // The forecast row's amount is the forecast's (25000), not the journey's (24000).
    expect(json(acme?.events[3])).toEqual({
      type: 'forecast',
      at: '2026-03-10T00:00:00.000Z',
      closeDate: '2026-05-31T00:00:00.000Z',
      amount: '25000',
    });
    expect(beta?.attributes).toEqual({ industry: 'retail, online' });
    expect(json(beta?.events[2])).toEqual({
      type: 'outcome',
      outcome: 'lost',
      at: '2026-04-01T00:00:00.000Z',
      reason: 'price, too high',
    });
    expect(Object.isFrozen(acme)).toBe(true);
    // Empty cells are absent, not zero: beta has no amount.
    expect(beta?.amount).toBeUndefined();
  });

  it('reads JSON Lines through the same mapping into the same journeys', async () => {
    const csv = await all(fixture('generic.csv'), mappings.generic);
    const lines = await all(fixture('generic.jsonl'), mappings.generic);
    expect(lines.stats).toMatchObject({ rows: 3, journeys: 2, skippedRows: 0 });
    expect(json(lines.journeys[0]?.events)).toEqual(
      json(
        csv.journeys[0]?.events.filter(
          (event) =>
            event.type !== 'activity' &&
            event.type !== 'forecast' &&
            !(event.type === 'stage' && event.stage === 'qualified_lead'),
        ),
      ),
    );
    expect(lines.journeys[0]?.amount?.toString()).toBe('24000');
  });

  it('reads a stream like a file, and a report over the journeys counts them', async () => {
    const fromStream = await all(createReadStream(fixture('generic.csv')), mappings.generic);
    const fromFile = await all(fixture('generic.csv'), mappings.generic);
    expect(json(fromStream.journeys)).toEqual(json(fromFile.journeys));
    expect(fromStream.stats.file).toBe('<stream>');
    const report = funnelReport(presets.buyingPipeline, fromFile.journeys, { asOf: '2026-06-30' });
    // Both reached the first stage (by implied passage), only acme (won) the last.
    expect(report.conversion.stages[0]?.reached).toBe(2);
    expect(report.conversion.stages.at(-1)?.reached).toBe(1);
  });

  it('cuts chunks anywhere: one byte at a time gives the same journeys', async () => {
    const text = await import('node:fs').then((fs) => fs.readFileSync(fixture('hubspot.csv')));
    const bytes = Readable.from(
      (function* () {
        for (const byte of text) yield Buffer.from([byte]);
      })(),
    );
    const one = await all(bytes, { ...mappings.hubspot, timeZone: 'America/New_York' });
    const whole = await all(fixture('hubspot.csv'), {
      ...mappings.hubspot,
      timeZone: 'America/New_York',
    });
    expect(json(one.journeys)).toEqual(json(whole.journeys));
  });

  it('streams a sorted input and reports a row out of order with its line', async () => {
    const text =
      'journey_id,type,at,stage\nb,stage,2026-01-01,lead\nc,stage,2026-01-02,lead\nb,stage,2026-01-03,prospect\na,stage,2026-01-03,lead\n';
    const { journeys, stats } = await all(Readable.from([text]), mappings.generic, {
      sorted: true,
    });
    expect(journeys.map((journey) => journey.id)).toEqual(['b', 'c']);
    expect(stats.skippedRows).toBe(2);
    expect(stats.issues.map((issue) => [issue.code, issue.line, issue.column])).toEqual([
      ['not_sorted', 4, 'journey_id'],
      ['not_sorted', 5, 'journey_id'],
    ]);
    // Without `sorted`, the same rows group in memory.
    const grouped = await all(Readable.from([text]), mappings.generic);
    expect(grouped.journeys.map((journey) => [journey.id, journey.events.length])).toEqual([
      ['b', 2],
      ['c', 1],
      ['a', 1],
    ]);
  });
});

describe('readJourneys: CRM exports', () => {
  it('HubSpot: BOM, CRLF, quoted header, naive times in the named zone, deal stage outcome', async () => {
    const { journeys, stats } = await all(fixture('hubspot.csv'), {
      ...mappings.hubspot,
      timeZone: 'America/New_York',
    });
    expect(stats).toMatchObject({ rows: 3, journeys: 3, skippedRows: 0 });
    const [ada, grace, linus] = journeys;
    // 2026-01-05 09:15 in New York (EST, UTC−5) is 14:15 UTC.
    expect(ada?.events[0]?.at.toISOString()).toBe('2026-01-05T14:15:00.000Z');
    expect(ada?.events.map((event) => (event.type === 'stage' ? event.stage : event.type))).toEqual(
      ['inquiry', 'mql', 'sal', 'sql', 'won', 'outcome'],
    );
    expect(ada?.amount?.toFixed(2)).toBe('12000.50');
    expect(ada?.origin).toBe('Organic Search');
    expect(ada?.attributes).toEqual({ 'First Name': 'Ada' });
    expect(json(grace?.events.at(-1))).toEqual({
      type: 'outcome',
      outcome: 'lost',
      at: '2026-02-10T17:00:00.000Z',
    });
    // An empty deal stage: open.
    expect(linus?.events.map((event) => event.type)).toEqual(['stage']);
  });

  it('Salesforce history: stage, forecast and outcome events, the latest amount', async () => {
    const { journeys, stats } = await all(fixture('salesforce.csv'), mappings.salesforce);
    expect(stats).toMatchObject({ rows: 7, journeys: 3 });
    const [won, lost, open] = journeys;
    // 4 rows: 3 stages + 1 outcome, and a forecast per row.
    expect(
      won?.events
        .filter((event) => event.type === 'stage')
        .map((event) => (event as { stage: string }).stage),
    ).toEqual(['prospecting', 'qualification', 'proposal']);
    expect(won?.events.filter((event) => event.type === 'forecast')).toHaveLength(4);
    expect(won?.events.at(-1)).toMatchObject({ type: 'outcome', outcome: 'won' });
    // The amount of the latest row (2026-04-20): 12500; the attribute too (Probability 100).
    expect(won?.amount?.toString()).toBe('12500');
    expect(won?.attributes).toEqual({ Probability: '100' });
    expect(lost?.events.at(-1)).toMatchObject({ type: 'outcome', outcome: 'lost' });
    expect(open?.events.some((event) => event.type === 'outcome')).toBe(false);
  });

  it('Salesforce history: IsWon decides over the stage name when the two disagree', async () => {
    // A renamed or custom stage: "Closed Won" whose IsWon is false is a loss; a stage of another
    // name with IsWon true is a win; without flags the name decides.
    const text = [
      'OpportunityId,StageName,CreatedDate,IsWon,IsClosed',
      '006A,Prospecting,2026-01-10T09:00:00Z,false,false',
      '006A,Closed Won,2026-02-10T09:00:00Z,false,true',
      '006B,Prospecting,2026-01-10T09:00:00Z,false,false',
      '006B,Signed,2026-02-10T09:00:00Z,true,true',
      '006C,Prospecting,2026-01-10T09:00:00Z,,',
      '006C,Closed Won,2026-02-10T09:00:00Z,,',
      '',
    ].join('\n');
    const { journeys } = await all(Readable.from([text]), mappings.salesforce);
    expect(journeys.map((journey) => [journey.id, json(journey.events.at(-1))])).toEqual([
      ['006A', { type: 'outcome', outcome: 'lost', at: '2026-02-10T09:00:00.000Z' }],
      ['006B', { type: 'outcome', outcome: 'won', at: '2026-02-10T09:00:00.000Z' }],
      ['006C', { type: 'outcome', outcome: 'won', at: '2026-02-10T09:00:00.000Z' }],
    ]);
  });

  it('wide: one row per journey, a date per stage, empty cells are stages not entered', async () => {
    const { journeys } = await all(fixture('wide.csv'), mappings.wide);
    expect(
      journeys.map((journey) => journey.events.filter((event) => event.type === 'stage').length),
    ).toEqual([7, 2, 1]);
    expect(json(journeys[1]?.events.at(-1))).toEqual({
      type: 'outcome',
      outcome: 'lost',
      at: '2026-02-28T00:00:00.000Z',
      reason: 'no budget',
    });
    const report = funnelReport(presets.buyingPipeline, journeys, { asOf: '2026-06-30' });
    // target reached by all 3 (w2 implied through contact), customer by w1 only.
    expect(report.conversion.stages[0]?.reached).toBe(3);
    expect(report.conversion.stages.at(-1)?.reached).toBe(1);
  });

  it('a mapping config: renamed columns, stage labels, "empty" values and zero amounts as no value', async () => {
    const text =
      'deal,event,when,phase,result,value,src\nd1,stage,2026-01-01 10:00,Prospecting,,0,Select\nd1,outcome,2026-02-01 10:00,,Lost,0,\n';
    const mapping: Mapping = {
      kind: 'events',
      columns: {
        journeyId: 'deal',
        type: 'event',
        at: 'when',
        stage: 'phase',
        outcome: 'result',
        amount: 'value',
        origin: 'src',
      },
      stages: { Prospecting: 'prospect' },
      outcomes: { Lost: 'lost' },
      empty: ['Select'],
      zeroAmountIsEmpty: true,
      timeZone: 'Europe/Paris',
      optional: ['reason', 'kind', 'by', 'close_date', 'name', 'value'],
    };
    const { journeys, stats } = await all(Readable.from([text]), mapping);
    expect(stats.skippedRows).toBe(0);
    expect(json(journeys[0])).toEqual({
      id: 'd1',
      attributes: {},
      // 10:00 in Paris (CET, UTC+1) is 09:00 UTC.
      events: [
        { type: 'stage', stage: 'prospect', at: '2026-01-01T09:00:00.000Z' },
        { type: 'outcome', outcome: 'lost', at: '2026-02-01T09:00:00.000Z' },
      ],
    });
  });
});
