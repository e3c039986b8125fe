import { describe, expect, it } from 'vitest';
import {
  type JourneyEventInput,
  type JourneyInput,
  presets,
  type SummarizeJourneyOptions,
  summarizeJourney,
} from '../../src/index.js';
import { json, thrown } from '../helpers.js';

const pipeline = presets.buyingPipeline;
const stageIds = ['target', 'contact', 'suspect', 'lead', 'qualified_lead', 'prospect', 'customer'];

const summarize = (events: readonly JourneyEventInput[], asOf: string, extra = {}) =>
  summarizeJourney(pipeline, { id: 'j', ...extra, events }, { asOf });

const day = (date: string) => `${date}T00:00:00.000Z`;

describe('summarizeJourney: hand-checked journeys', () => {
  it('uses the preset’s seven stages', () => {
    expect(pipeline.stages.map((stage) => stage.id)).toEqual(stageIds);
  });

  it('summarises a straight journey to won', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'target', at: '2026-01-05' },
        { type: 'stage', stage: 'contact', at: '2026-01-10' },
        { type: 'stage', stage: 'suspect', at: '2026-01-15' },
        { type: 'stage', stage: 'lead', at: '2026-02-01' },
        { type: 'activity', at: '2026-02-02', kind: 'call', by: 'sales' },
        { type: 'stage', stage: 'qualified_lead', at: '2026-02-10' },
        { type: 'stage', stage: 'prospect', at: '2026-03-01' },
        { type: 'stage', stage: 'customer', at: '2026-03-30T00:00:00Z' },
        { type: 'outcome', outcome: 'won', at: '2026-04-01T12:00:00Z' },
      ],
      '2026-06-30',
      { origin: 'marketing', amount: '24000.00' },
    );
    expect(json(summary)).toEqual({
      id: 'j',
      origin: 'marketing',
      status: 'won',
      currentStage: 'customer',
      furthestStage: 'customer',
      reached: {
        target: day('2026-01-05'),
        contact: day('2026-01-10'),
        suspect: day('2026-01-15'),
        lead: day('2026-02-01'),
        qualified_lead: day('2026-02-10'),
        prospect: day('2026-03-01'),
        customer: day('2026-03-30'),
      },
      entries: [
        { stage: 'target', at: day('2026-01-05') },
        { stage: 'contact', at: day('2026-01-10') },
        { stage: 'suspect', at: day('2026-01-15') },
        { stage: 'lead', at: day('2026-02-01') },
        { stage: 'qualified_lead', at: day('2026-02-10') },
        { stage: 'prospect', at: day('2026-03-01') },
        { stage: 'customer', at: day('2026-03-30') },
      ],
      closedAt: '2026-04-01T12:00:00.000Z',
      exitedAt: null,
      reason: null,
      recycles: 0,
      recycledAt: null,
      ageInStageDays: 2.5,
      amount: '24000',
      anomalies: [],
    });
    expect(Object.keys(summary.reached)).toEqual(stageIds);
    expect(summary.reached['customer']).toBeInstanceOf(Date);
    expect(summary.closedAt).toBeInstanceOf(Date);
    expect(summary.amount?.toFixed(2)).toBe('24000.00');
  });

  it('gives skipped stages an implied passage (null) and leaves unreached stages absent', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'lead', at: '2026-03-02' },
        { type: 'stage', stage: 'prospect', at: '2026-03-20' },
      ],
      '2026-04-01',
    );
    expect(summary.status).toBe('open');
    expect(summary.currentStage).toBe('prospect');
    expect(summary.furthestStage).toBe('prospect');
    expect(Object.keys(summary.reached)).toEqual([
      'target',
      'contact',
      'suspect',
      'lead',
      'qualified_lead',
      'prospect',
    ]);
    expect(json(summary.reached)).toEqual({
      target: null,
      contact: null,
      suspect: null,
      lead: day('2026-03-02'),
      qualified_lead: null,
      prospect: day('2026-03-20'),
    });
    expect('customer' in summary.reached).toBe(false);
    expect(summary.reached['customer']).toBeUndefined();
    expect(summary.reached['qualified_lead']).toBeNull();
    expect(json(summary.entries)).toEqual([
      { stage: 'lead', at: day('2026-03-02') },
      { stage: 'prospect', at: day('2026-03-20') },
    ]);
    expect(summary.closedAt).toBeNull();
    expect(summary.exitedAt).toBeNull();
    expect(summary.ageInStageDays).toBe(12);
    expect(summary.origin).toBeNull();
    expect(summary.amount).toBeNull();
  });

  it('treats a win without any stage event as entering the last stage at the win', () => {
    const summary = summarize(
      [
        { type: 'activity', at: '2026-05-01', kind: 'meeting' },
        { type: 'outcome', outcome: 'won', at: '2026-05-20T15:00:00+02:00', reason: 'fit' },
      ],
      '2026-06-30',
    );
    expect(json(summary)).toEqual({
      id: 'j',
      origin: null,
      status: 'won',
      currentStage: 'customer',
      furthestStage: 'customer',
      reached: {
        target: null,
        contact: null,
        suspect: null,
        lead: null,
        qualified_lead: null,
        prospect: null,
        customer: '2026-05-20T13:00:00.000Z',
      },
      entries: [{ stage: 'customer', at: '2026-05-20T13:00:00.000Z' }],
      closedAt: '2026-05-20T13:00:00.000Z',
      exitedAt: null,
      reason: 'fit',
      recycles: 0,
      recycledAt: null,
      ageInStageDays: 0,
      amount: null,
      anomalies: [],
    });
  });

  it('adds the last stage at the win time when won from an earlier stage', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'prospect', at: '2026-03-01' },
        { type: 'outcome', outcome: 'won', at: '2026-03-21' },
      ],
      '2026-06-30',
    );
    expect(json(summary.entries)).toEqual([
      { stage: 'prospect', at: day('2026-03-01') },
      { stage: 'customer', at: day('2026-03-21') },
    ]);
    expect(summary.currentStage).toBe('customer');
    expect(summary.ageInStageDays).toBe(0);
  });

  it('exits a lost journey at its furthest stage and keeps the reason', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'lead', at: '2026-03-02' },
        { type: 'stage', stage: 'qualified_lead', at: '2026-03-09' },
        { type: 'stage', stage: 'prospect', at: '2026-03-20' },
        { type: 'outcome', outcome: 'lost', at: '2026-04-01', reason: 'price' },
      ],
      '2026-06-30',
    );
    expect(summary.status).toBe('lost');
    expect(summary.exitedAt).toBe('prospect');
    expect(summary.reason).toBe('price');
    expect(summary.closedAt?.toISOString()).toBe(day('2026-04-01'));
    expect(summary.currentStage).toBe('prospect');
    expect(summary.furthestStage).toBe('prospect');
    expect(summary.ageInStageDays).toBe(12);
    expect(Object.keys(summary.reached)).toEqual(stageIds.slice(0, 6));
  });

  it('exits at the furthest stage even when the current stage is earlier', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'lead', at: '2026-03-02' },
        { type: 'stage', stage: 'qualified_lead', at: '2026-03-09' },
        { type: 'outcome', outcome: 'recycled', at: '2026-03-10' },
        { type: 'stage', stage: 'lead', at: '2026-03-12' },
        { type: 'outcome', outcome: 'lost', at: '2026-03-22', reason: 'no decision' },
      ],
      '2026-06-30',
    );
    expect(summary.status).toBe('lost');
    expect(summary.currentStage).toBe('lead');
    expect(summary.furthestStage).toBe('qualified_lead');
    expect(summary.exitedAt).toBe('qualified_lead');
    expect(summary.recycles).toBe(1);
    expect(summary.ageInStageDays).toBe(10);
  });

  it('summarises a disqualified journey', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'suspect', at: '2026-02-20' },
        { type: 'stage', stage: 'lead', at: '2026-03-02' },
        { type: 'outcome', outcome: 'disqualified', at: '2026-03-05', reason: 'no budget' },
      ],
      '2026-06-30',
    );
    expect(json(summary)).toEqual({
      id: 'j',
      origin: null,
      status: 'disqualified',
      currentStage: 'lead',
      furthestStage: 'lead',
      reached: { target: null, contact: null, suspect: day('2026-02-20'), lead: day('2026-03-02') },
      entries: [
        { stage: 'suspect', at: day('2026-02-20') },
        { stage: 'lead', at: day('2026-03-02') },
      ],
      closedAt: day('2026-03-05'),
      exitedAt: 'lead',
      reason: 'no budget',
      recycles: 0,
      recycledAt: null,
      ageInStageDays: 3,
      amount: null,
      anomalies: [],
    });
  });

  describe('a recycled journey', () => {
    const events: JourneyEventInput[] = [
      { type: 'stage', stage: 'lead', at: '2026-01-10' },
      { type: 'stage', stage: 'qualified_lead', at: '2026-01-20' },
      { type: 'outcome', outcome: 'recycled', at: '2026-02-01', reason: 'not ready' },
      { type: 'stage', stage: 'lead', at: '2026-03-01' },
      { type: 'stage', stage: 'qualified_lead', at: '2026-03-10' },
    ];

    it('is open, counts the recycle and remembers when, before it re-enters', () => {
      const summary = summarize(events, '2026-02-15');
      expect(json(summary)).toEqual({
        id: 'j',
        origin: null,
        status: 'open',
        currentStage: 'qualified_lead',
        furthestStage: 'qualified_lead',
        reached: {
          target: null,
          contact: null,
          suspect: null,
          lead: day('2026-01-10'),
          qualified_lead: day('2026-01-20'),
        },
        entries: [
          { stage: 'lead', at: day('2026-01-10') },
          { stage: 'qualified_lead', at: day('2026-01-20') },
        ],
        closedAt: null,
        exitedAt: null,
        reason: null,
        recycles: 1,
        recycledAt: day('2026-02-01'),
        ageInStageDays: 26,
        amount: null,
        // Open past the handoff (qualified_lead) without an amount.
        anomalies: ['missing_amount'],
      });
    });

    it('clears recycledAt on re-entry, lists re-entries and keeps the first entry times', () => {
      const summary = summarize(events, '2026-03-20');
      expect(summary.status).toBe('open');
      expect(summary.recycles).toBe(1);
      expect(summary.recycledAt).toBeNull();
      expect(json(summary.entries)).toEqual([
        { stage: 'lead', at: day('2026-01-10') },
        { stage: 'qualified_lead', at: day('2026-01-20') },
        { stage: 'lead', at: day('2026-03-01') },
        { stage: 'qualified_lead', at: day('2026-03-10') },
      ]);
      expect(json(summary.reached)).toEqual({
        target: null,
        contact: null,
        suspect: null,
        lead: day('2026-01-10'),
        qualified_lead: day('2026-01-20'),
      });
      expect(summary.currentStage).toBe('qualified_lead');
      expect(summary.ageInStageDays).toBe(10);
    });

    it('is between passes after re-entering an earlier stage', () => {
      const summary = summarize(events, '2026-03-05');
      expect(summary.currentStage).toBe('lead');
      expect(summary.furthestStage).toBe('qualified_lead');
      expect(summary.recycledAt).toBeNull();
      expect(summary.ageInStageDays).toBe(4);
    });

    it('counts every recycle', () => {
      const summary = summarize(
        [
          ...events,
          { type: 'outcome', outcome: 'recycled', at: '2026-04-01' },
          { type: 'activity', at: '2026-04-02', kind: 'email', by: 'marketing' },
        ],
        '2026-04-10',
      );
      expect(summary.recycles).toBe(2);
      expect(summary.recycledAt?.toISOString()).toBe(day('2026-04-01'));
      expect(summary.status).toBe('open');
      expect(summary.reason).toBeNull();
    });

    it('restarts the age when re-entering the same stage after a recycle', () => {
      const summary = summarize(
        [
          { type: 'stage', stage: 'lead', at: '2026-01-10' },
          { type: 'outcome', outcome: 'recycled', at: '2026-01-15' },
          { type: 'stage', stage: 'lead', at: '2026-02-01' },
        ],
        '2026-02-11',
      );
      expect(summary.ageInStageDays).toBe(10);
      expect(summary.reached['lead']?.toISOString()).toBe(day('2026-01-10'));
      expect(summary.entries).toHaveLength(2);
    });
  });

  it('ignores events after asOf, and counts events exactly at asOf', () => {
    const events: JourneyEventInput[] = [
      { type: 'stage', stage: 'lead', at: '2026-03-02' },
      { type: 'stage', stage: 'prospect', at: '2026-03-20T12:00:00Z' },
      { type: 'outcome', outcome: 'won', at: '2026-04-01' },
    ];
    const before = summarize(events, '2026-03-20T11:59:59.999Z');
    expect(before.status).toBe('open');
    expect(before.currentStage).toBe('lead');
    expect(before.furthestStage).toBe('lead');
    expect(Object.keys(before.reached)).toEqual(['target', 'contact', 'suspect', 'lead']);
    expect(before.entries).toHaveLength(1);
    expect(before.closedAt).toBeNull();

    const at = summarize(events, '2026-03-20T12:00:00Z');
    expect(at.currentStage).toBe('prospect');
    expect(at.ageInStageDays).toBe(0);
    expect(at.status).toBe('open');

    const after = summarize(events, '2026-04-01');
    expect(after.status).toBe('won');
    expect(after.closedAt?.toISOString()).toBe(day('2026-04-01'));
  });

  it('has no stage before the first stage event', () => {
    const summary = summarize(
      [
        { type: 'behaviour', at: '2026-02-01', name: 'pricing_page_visit' },
        { type: 'stage', stage: 'lead', at: '2026-03-02' },
      ],
      '2026-02-15',
    );
    expect(summary.currentStage).toBeNull();
    expect(summary.furthestStage).toBeNull();
    expect(summary.reached).toEqual({});
    expect(summary.entries).toEqual([]);
    expect(summary.ageInStageDays).toBeNull();
    expect(summary.status).toBe('open');
  });

  it('reopens a lost journey on a later stage event', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'lead', at: '2026-03-02' },
        { type: 'outcome', outcome: 'lost', at: '2026-03-10', reason: 'timing' },
        { type: 'stage', stage: 'qualified_lead', at: '2026-04-01' },
      ],
      '2026-04-11',
    );
    expect(summary.status).toBe('open');
    expect(summary.closedAt).toBeNull();
    expect(summary.reason).toBeNull();
    expect(summary.exitedAt).toBeNull();
    expect(summary.currentStage).toBe('qualified_lead');
    expect(summary.ageInStageDays).toBe(10);
    // Before the reopening it was lost.
    const lost = summarize(
      [
        { type: 'stage', stage: 'lead', at: '2026-03-02' },
        { type: 'outcome', outcome: 'lost', at: '2026-03-10', reason: 'timing' },
        { type: 'stage', stage: 'qualified_lead', at: '2026-04-01' },
      ],
      '2026-03-31',
    );
    expect(lost.status).toBe('lost');
    expect(lost.exitedAt).toBe('lead');
    expect(lost.ageInStageDays).toBe(8);
  });

  it('reopens a won journey that enters an earlier stage', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'prospect', at: '2026-03-01' },
        { type: 'outcome', outcome: 'won', at: '2026-03-20' },
        { type: 'stage', stage: 'prospect', at: '2026-03-25' },
      ],
      '2026-04-01',
    );
    expect(summary.status).toBe('open');
    expect(summary.closedAt).toBeNull();
    expect(summary.currentStage).toBe('prospect');
    expect(summary.furthestStage).toBe('customer');
    expect(summary.ageInStageDays).toBe(7);
  });

  it('reopens a lost journey that is recycled to Marketing', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'qualified_lead', at: '2026-02-01' },
        { type: 'outcome', outcome: 'lost', at: '2026-02-10', reason: 'no budget' },
        { type: 'outcome', outcome: 'recycled', at: '2026-02-12', reason: 'nurture' },
      ],
      '2026-03-01',
    );
    expect(summary.status).toBe('open');
    expect(summary.closedAt).toBeNull();
    expect(summary.exitedAt).toBeNull();
    expect(summary.reason).toBeNull();
    expect(summary.recycles).toBe(1);
    expect(summary.recycledAt?.toISOString()).toBe(day('2026-02-12'));
    expect(summary.currentStage).toBe('qualified_lead');
    expect(summary.ageInStageDays).toBe(28); // 1 February to asOf 1 March
  });

  it('starts a new pass in the last stage when a recycled customer is won again', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'customer', at: '2026-01-01' },
        { type: 'outcome', outcome: 'recycled', at: '2026-01-10' },
        { type: 'outcome', outcome: 'won', at: '2026-01-20' },
      ],
      '2026-03-01',
    );
    expect(summary.status).toBe('won');
    expect(summary.recycledAt).toBeNull();
    expect(summary.entries.map((entry) => [entry.stage, entry.at.toISOString()])).toEqual([
      ['customer', day('2026-01-01')],
      ['customer', day('2026-01-20')],
    ]);
    expect(summary.reached['customer']?.toISOString()).toBe(day('2026-01-01'));
    expect(summary.ageInStageDays).toBe(0);
  });

  it('does not reopen a won journey that enters the last stage after the win', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'prospect', at: '2026-03-01' },
        { type: 'outcome', outcome: 'won', at: '2026-03-20' },
        { type: 'stage', stage: 'customer', at: '2026-03-25' },
      ],
      '2026-04-01',
    );
    expect(summary.status).toBe('won');
    expect(summary.closedAt?.toISOString()).toBe(day('2026-03-20'));
    expect(summary.currentStage).toBe('customer');
    expect(summary.reached['customer']?.toISOString()).toBe(day('2026-03-20'));
    expect(json(summary.entries)).toEqual([
      { stage: 'prospect', at: day('2026-03-01') },
      { stage: 'customer', at: day('2026-03-20') },
    ]);
    expect(summary.ageInStageDays).toBe(0);
  });

  describe('ageInStageDays', () => {
    it('runs to asOf for an open journey, in fractional days', () => {
      const summary = summarize(
        [{ type: 'stage', stage: 'lead', at: '2026-03-02T06:00:00Z' }],
        '2026-03-04T18:00:00Z',
      );
      expect(summary.ageInStageDays).toBe(2.5);
    });

    it('runs to the close for a closed journey, whatever asOf is', () => {
      const events: JourneyEventInput[] = [
        { type: 'stage', stage: 'lead', at: '2026-03-02T00:00:00Z' },
        { type: 'outcome', outcome: 'lost', at: '2026-03-03T06:00:00Z' },
      ];
      expect(summarize(events, '2026-03-10').ageInStageDays).toBe(1.25);
      expect(summarize(events, '2027-01-01').ageInStageDays).toBe(1.25);
    });

    it('is physical across the DST change in New York', () => {
      const summary = summarize(
        [{ type: 'stage', stage: 'lead', at: '2026-03-07T12:00:00-05:00' }],
        '2026-03-08T12:00:00-04:00',
      );
      expect(summary.ageInStageDays).toBe(23 / 24);
    });

    it('does not restart on a repeated entry into the current stage', () => {
      const summary = summarize(
        [
          { type: 'stage', stage: 'lead', at: '2026-03-01' },
          { type: 'stage', stage: 'lead', at: '2026-03-05' },
        ],
        '2026-03-11',
      );
      expect(summary.ageInStageDays).toBe(10);
      expect(summary.entries).toHaveLength(2);
      expect(summary.reached['lead']?.toISOString()).toBe(day('2026-03-01'));
    });

    it('restarts when the journey moves to another stage', () => {
      const summary = summarize(
        [
          { type: 'stage', stage: 'lead', at: '2026-03-01' },
          { type: 'stage', stage: 'qualified_lead', at: '2026-03-05' },
        ],
        '2026-03-11',
      );
      expect(summary.ageInStageDays).toBe(6);
    });
  });

  it('serialises to JSON with ISO dates and the amount as a string', () => {
    const summary = summarize(
      [
        { type: 'stage', stage: 'qualified_lead', at: '2026-03-09T09:30:00+01:00' },
        { type: 'outcome', outcome: 'lost', at: '2026-03-10T08:30:00Z', reason: 'price' },
      ],
      '2026-06-30',
      { origin: 'sales', amount: 0.1 },
    );
    const text = JSON.stringify(summary);
    expect(JSON.parse(text)).toEqual({
      id: 'j',
      origin: 'sales',
      status: 'lost',
      currentStage: 'qualified_lead',
      furthestStage: 'qualified_lead',
      reached: {
        target: null,
        contact: null,
        suspect: null,
        lead: null,
        qualified_lead: '2026-03-09T08:30:00.000Z',
      },
      entries: [{ stage: 'qualified_lead', at: '2026-03-09T08:30:00.000Z' }],
      closedAt: '2026-03-10T08:30:00.000Z',
      exitedAt: 'qualified_lead',
      reason: 'price',
      recycles: 0,
      recycledAt: null,
      ageInStageDays: 1,
      amount: '0.1',
      anomalies: [],
    });
    expect(text).toContain('"amount":"0.1"');
    expect(text).toContain('"closedAt":"2026-03-10T08:30:00.000Z"');
  });

  it('gives the same summary for any order of the input events', () => {
    const events: JourneyEventInput[] = [
      { type: 'stage', stage: 'lead', at: '2026-03-02' },
      { type: 'stage', stage: 'qualified_lead', at: '2026-03-02' },
      { type: 'outcome', outcome: 'recycled', at: '2026-03-05' },
      { type: 'stage', stage: 'suspect', at: '2026-03-05' },
      { type: 'outcome', outcome: 'won', at: '2026-03-09' },
    ];
    const expected = JSON.stringify(summarize(events, '2026-04-01'));
    expect(JSON.stringify(summarize([...events].reverse(), '2026-04-01'))).toBe(expected);
    expect(JSON.parse(expected).entries).toEqual([
      { stage: 'lead', at: day('2026-03-02') },
      { stage: 'qualified_lead', at: day('2026-03-02') },
      { stage: 'suspect', at: day('2026-03-05') },
      { stage: 'customer', at: day('2026-03-09') },
    ]);
  });

  it('resolves same-instant outcomes of one kind by content, not input order', () => {
    const lostForPrice: JourneyEventInput = {
      type: 'outcome',
      outcome: 'lost',
      at: '2026-03-09',
      reason: 'price',
    };
    const lostForTiming: JourneyEventInput = {
      type: 'outcome',
      outcome: 'lost',
      at: '2026-03-09',
      reason: 'timing',
    };
    const lead: JourneyEventInput = { type: 'stage', stage: 'lead', at: '2026-03-02' };
    // By content "price" sorts before "timing", so the later-read reason is "timing" either way.
    expect(summarize([lead, lostForPrice, lostForTiming], '2026-04-01').reason).toBe('timing');
    expect(summarize([lostForTiming, lostForPrice, lead], '2026-04-01').reason).toBe('timing');
  });

  it('does not mutate its input', () => {
    const at = new Date('2026-03-02T00:00:00Z');
    const journey: JourneyInput = {
      id: 'j',
      attributes: { tier: 1 },
      amount: '10.50',
      events: [
        { type: 'outcome', outcome: 'won', at: '2026-04-01' },
        { type: 'stage', stage: 'lead', at },
      ],
    };
    const options = { asOf: new Date('2026-06-30T00:00:00Z') };
    const before = structuredClone({ journey, options });
    summarizeJourney(pipeline, journey, options);
    expect({ journey, options }).toEqual(before);
    expect(Object.isFrozen(journey)).toBe(false);
    expect(Object.isFrozen(journey.events)).toBe(false);
    expect(Object.isFrozen(at)).toBe(false);
  });
});

describe('summarizeJourney: errors', () => {
  it('rejects an unknown stage at the index in the caller’s events, even out of order', () => {
    const error = thrown(() =>
      summarize(
        [
          { type: 'outcome', outcome: 'won', at: '2026-05-01' },
          { type: 'stage', stage: 'mql', at: '2026-04-01' },
          { type: 'stage', stage: 'lead', at: '2026-03-01' },
        ],
        '2026-06-30',
      ),
    );
    expect(error.code).toBe('unknown_stage');
    expect(error.issues).toEqual([
      {
        code: 'unknown_stage',
        path: ['events', 1, 'stage'],
        message:
          'Unknown stage "mql"; the pipeline has "target", "contact", "suspect", "lead", "qualified_lead", "prospect", "customer"',
      },
    ]);
    expect(error.message).toMatch(
      /^summarizeJourney: Unknown stage "mql";.* at events\[1\]\.stage$/,
    );
  });

  it('rejects an unknown stage even after asOf', () => {
    const error = thrown(() =>
      summarize(
        [
          { type: 'stage', stage: 'lead', at: '2026-03-01' },
          { type: 'stage', stage: 'opportunity', at: '2030-01-01' },
        ],
        '2026-06-30',
      ),
    );
    expect(error.code).toBe('unknown_stage');
    expect(error.issues[0]?.path).toEqual(['events', 1, 'stage']);
  });

  it('rejects a malformed journey with invalid_journey', () => {
    const error = thrown(() =>
      summarize([{ type: 'stage', stage: 'lead', at: '2026-03-01T10:00' }], '2026-06-30'),
    );
    expect(error.code).toBe('invalid_journey');
    expect(error.issues[0]?.path).toEqual(['events', 0, 'at']);
  });

  it.each([
    ['garbage', 'tomorrow'],
    ['an offset-less date-time', '2026-06-30T12:00:00'],
    ['an impossible date', '2026-02-30'],
    ['NaN', Number.NaN],
    ['an invalid Date', new Date(Number.NaN)],
  ])('rejects %s as asOf with invalid_options', (_label, asOf) => {
    const error = thrown(() =>
      summarizeJourney(pipeline, { id: 'j', events: [] }, { asOf } as SummarizeJourneyOptions),
    );
    expect(error.code).toBe('invalid_options');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.code).toBe('invalid_date');
    expect(error.issues[0]?.path).toEqual(['asOf']);
  });

  it('rejects a missing asOf and an unknown option', () => {
    const missing = thrown(() =>
      summarizeJourney(pipeline, { id: 'j', events: [] }, {} as SummarizeJourneyOptions),
    );
    expect(missing.code).toBe('invalid_options');
    expect(missing.issues.map((issue) => issue.path)).toEqual([['asOf']]);
    const typo = thrown(() =>
      summarizeJourney(pipeline, { id: 'j', events: [] }, {
        asOf: '2026-06-30',
        asof: '2026-06-30',
      } as SummarizeJourneyOptions),
    );
    expect(typo.code).toBe('invalid_options');
    expect(typo.issues).toEqual([
      { code: 'unrecognized_keys', path: ['asof'], message: 'Unknown key "asof"' },
    ]);
  });
});
