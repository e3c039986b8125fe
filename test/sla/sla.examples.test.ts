import { describe, expect, it } from 'vitest';
import {
  definePipeline,
  defineScoringModel,
  defineSla,
  evaluateSla,
  type JourneyEventInput,
  type JourneyInput,
  presets,
  type SlaConfig,
  type SlaRule,
} from '../../src/index.js';
import { json, nonFinitePaths, outcome, stage, thrown } from '../helpers.js';

const pipeline = presets.buyingPipeline;
const calendar = {
  timeZone: 'America/New_York',
  workdays: [1, 2, 3, 4, 5],
  hours: { start: '09:00', end: '17:00' },
};
const followUp: SlaRule = {
  id: 'follow-up',
  owner: 'sales',
  kind: 'response',
  description: 'Sales calls every qualified lead within 2 business days',
  trigger: { stage: 'qualified_lead' },
  response: { activity: { kinds: ['call'], by: ['sales'] } },
  within: { businessDays: 2 },
};
const call = (at: string, by = 'sales'): JourneyEventInput => ({
  type: 'activity',
  kind: 'call',
  by,
  at,
});
const sla = (rules: SlaRule[], extra: Partial<SlaConfig> = {}) =>
  defineSla({ calendar, rules, ...extra });
const journey = (id: string, ...events: JourneyEventInput[]): JourneyInput => ({ id, events });

// 2026-01-09 is a Friday. EST = UTC−5 until 2026-03-08, EDT = UTC−4 after.
const FRIDAY_16 = '2026-01-09T16:00:00-05:00';

describe('evaluateSla: response rules, hand-checked (Mon–Fri 09:00–17:00, New York)', () => {
  it('a lead handed over Friday 16:00 with no call is due Tuesday 16:00, and breached after', () => {
    const result = evaluateSla(
      sla([followUp]),
      pipeline,
      [journey('acme', stage('qualified_lead', FRIDAY_16))],
      { asOf: '2026-01-14T12:00:00-05:00' },
    );
    // Late from Tuesday 16:00 to Wednesday 12:00: 1 working hour Tuesday + 3 Wednesday = 4.
    expect(json(result.breaches)).toEqual([
      {
        rule: 'follow-up',
        owner: 'sales',
        kind: 'response',
        journey: 'acme',
        agent: null,
        dueAt: '2026-01-13T21:00:00.000Z',
        resolvedAt: null,
        lateByHours: 4,
        detail: 'still waiting: call by sales',
        period: null,
      },
    ]);
    expect(result.rules[0]).toMatchObject({ evaluated: 1, met: 0, breached: 1, compliance: 0 });
  });

  it('a call on Tuesday 15:00 meets it after 15 working hours', () => {
    const result = evaluateSla(
      sla([followUp]),
      pipeline,
      [journey('acme', stage('qualified_lead', FRIDAY_16), call('2026-01-13T15:00:00-05:00'))],
      { asOf: '2026-01-14T12:00:00-05:00' },
    );
    // Friday 16–17 (1) + Monday (8) + Tuesday 9–15 (6) = 15 working hours.
    expect(result.rules[0]).toMatchObject({
      met: 1,
      breached: 0,
      compliance: 1,
      responseHours: { median: 15, p90: 15 },
    });
    expect(result.breaches).toEqual([]);
  });

  it('with the Monday a holiday it is due Wednesday 16:00: a Tuesday 16:30 call is in time', () => {
    const events = [stage('qualified_lead', FRIDAY_16), call('2026-01-13T16:30:00-05:00')];
    const withHoliday = defineSla({
      calendar: { ...calendar, holidays: ['2026-01-12'] },
      rules: [followUp],
    });
    const asOf = '2026-01-16T12:00:00-05:00';
    expect(
      evaluateSla(withHoliday, pipeline, [journey('a', ...events)], { asOf }).rules[0]?.met,
    ).toBe(1);
    // Without the holiday the same call is half an hour late.
    const without = evaluateSla(sla([followUp]), pipeline, [journey('a', ...events)], { asOf });
    expect(without.breaches[0]).toMatchObject({
      dueAt: new Date('2026-01-13T21:00:00Z'),
      resolvedAt: new Date('2026-01-13T21:30:00Z'),
      lateByHours: 0.5,
    });
  });

  it('across the March daylight-saving change the due time is Tuesday 16:00 EDT (20:00Z)', () => {
    // Friday 2026-03-06 16:00 EST (21:00Z); clocks go forward on Sunday 03-08.
    const handover = stage('qualified_lead', '2026-03-06T16:00:00-05:00');
    const asOf = '2026-03-12T12:00:00-04:00';
    // 15:30 EDT = 19:30Z: in time, after 1 + 8 + 6.5 = 15.5 working hours.
    const inTime = evaluateSla(
      sla([followUp]),
      pipeline,
      [journey('a', handover, call('2026-03-10T19:30:00Z'))],
      { asOf },
    );
    expect(inTime.rules[0]).toMatchObject({ met: 1, responseHours: { median: 15.5 } });
    // 16:30 EDT = 20:30Z: 24 elapsed hours after Friday's 21:00Z would still look in time, but it
    // is half an hour late on New York's clock.
    const late = evaluateSla(
      sla([followUp]),
      pipeline,
      [journey('a', handover, call('2026-03-10T20:30:00Z'))],
      { asOf },
    );
    expect(late.breaches[0]).toMatchObject({
      dueAt: new Date('2026-03-10T20:00:00Z'),
      lateByHours: 0.5,
    });
  });

  it('a business-hours rule reads lateness on its own clock: no breach is 0 working hours late', () => {
    // Within 1 business hour. Handover Friday 16:00 EST: 1 working hour is gone by Friday 17:00
    // (22:00Z), the earliest instant that far on; Monday 09:00 is the same working instant.
    const oneHour: SlaRule = { ...followUp, within: { businessHours: 1 } };
    const handover = stage('qualified_lead', FRIDAY_16);
    const evaluateAt = (asOf: string, ...events: JourneyEventInput[]) =>
      evaluateSla(sla([oneHour]), pipeline, [journey('acme', handover, ...events)], { asOf });
    // Called Monday 09:00: Friday 16–17 = 1 working hour waited, exactly the allowance: met.
    const atOpening = evaluateAt('2026-01-13T00:00:00Z', call('2026-01-12T09:00:00-05:00'));
    expect(atOpening.rules[0]).toMatchObject({ met: 1, breached: 0 });
    expect(atOpening.rules[0]?.responseHours).toEqual({ median: 1, p90: 1 });
    // Called Monday 09:30: 1.5 working hours waited, 0.5 late.
    const late = evaluateAt('2026-01-13T00:00:00Z', call('2026-01-12T09:30:00-05:00'));
    expect(json(late.breaches)).toMatchObject([
      {
        dueAt: '2026-01-09T22:00:00.000Z',
        resolvedAt: '2026-01-12T14:30:00.000Z',
        lateByHours: 0.5,
      },
    ]);
    // Saturday noon, no call yet: no working time has passed since it was due, so it is not
    // (yet) breached; 0 working hours left.
    const weekend = evaluateAt('2026-01-10T12:00:00-05:00');
    expect(weekend.breaches).toEqual([]);
    expect(weekend.rules[0]).toMatchObject({ pending: 1, breached: 0 });
    // Monday 10:00 without a call: 1 working hour late.
    const monday = evaluateAt('2026-01-12T10:00:00-05:00');
    expect(monday.breaches.map((breach) => breach.lateByHours)).toEqual([1]);
  });

  it('a call before the handover does not count, unless the rule accepts earlier responses', () => {
    const events = [call('2026-01-08T10:00:00-05:00'), stage('qualified_lead', FRIDAY_16)];
    const asOf = '2026-01-14T12:00:00-05:00';
    const strict = evaluateSla(sla([followUp]), pipeline, [journey('a', ...events)], { asOf });
    expect(strict.rules[0]).toMatchObject({ met: 0, breached: 1 });
    const lenient = evaluateSla(
      sla([{ ...followUp, acceptEarlier: true }]),
      pipeline,
      [journey('a', ...events)],
      { asOf },
    );
    expect(lenient.rules[0]).toMatchObject({ met: 1, breached: 0, responseHours: { median: 0 } });
  });

  it('a call by marketing, or an e-mail, is not the sales call the rule asks for', () => {
    const result = evaluateSla(
      sla([followUp]),
      pipeline,
      [
        journey(
          'a',
          stage('qualified_lead', FRIDAY_16),
          call('2026-01-12T10:00:00-05:00', 'marketing'),
          { type: 'activity', kind: 'email', by: 'sales', at: '2026-01-12T10:00:00-05:00' },
        ),
      ],
      { asOf: '2026-01-14T12:00:00-05:00' },
    );
    expect(result.rules[0]?.breached).toBe(1);
  });

  it('is pending before the due time, at risk inside warnBefore, ordered by due time', () => {
    const rule: SlaRule = { ...followUp, warnBefore: { businessHours: 5 } };
    const journeys = [
      journey('later', stage('qualified_lead', '2026-01-12T10:00:00-05:00')),
      journey('sooner', stage('qualified_lead', FRIDAY_16)),
      journey('calm', stage('qualified_lead', '2026-01-13T09:00:00-05:00')),
    ];
    // asOf Tuesday 13:00. sooner: due Tue 16:00, 3 working hours left → at risk.
    // later: due Wed 10:00, 5 left (Tue 13–17, Wed 9–10) → at risk (≤ 5).
    // calm: handed over at the start of Tuesday's work, due at the end of Wednesday's (Wed 17:00,
    // as far in working time as Thu 09:00, and earlier): 4 + 8 = 12 left → pending.
    const result = evaluateSla(sla([rule]), pipeline, journeys, {
      asOf: '2026-01-13T13:00:00-05:00',
    });
    expect(json(result.atRisk)).toEqual([
      {
        rule: 'follow-up',
        owner: 'sales',
        journey: 'sooner',
        agent: null,
        dueAt: '2026-01-13T21:00:00.000Z',
        hoursLeft: 3,
      },
      {
        rule: 'follow-up',
        owner: 'sales',
        journey: 'later',
        agent: null,
        dueAt: '2026-01-14T15:00:00.000Z',
        hoursLeft: 5,
      },
    ]);
    expect(result.rules[0]).toMatchObject({
      evaluated: 3,
      atRisk: 2,
      pending: 1,
      compliance: null,
    });
  });

  it('a lead disqualified before the call was due withdraws the obligation; after, it stays a breach', () => {
    const asOf = '2026-01-20T12:00:00Z';
    const result = evaluateSla(
      sla([followUp]),
      pipeline,
      [
        journey(
          'early',
          stage('qualified_lead', FRIDAY_16),
          outcome('disqualified', '2026-01-12T12:00:00-05:00', 'no budget'),
        ),
        journey(
          'late',
          stage('qualified_lead', FRIDAY_16),
          outcome('disqualified', '2026-01-14T12:00:00-05:00', 'no budget'),
        ),
      ],
      { asOf },
    );
    expect(result.rules[0]).toMatchObject({ evaluated: 2, withdrawn: 1, breached: 1 });
    // Late from Tuesday 16:00 to the close Wednesday 12:00: 1 + 3 working hours.
    expect(result.breaches[0]).toMatchObject({ journey: 'late', resolvedAt: null, lateByHours: 4 });
  });

  it('recycled leads: Marketing must touch them within 5 business days', () => {
    const renurture: SlaRule = {
      id: 'renurture',
      owner: 'marketing',
      kind: 'response',
      trigger: { outcome: 'recycled' },
      response: { activity: { by: ['marketing'] } },
      within: { businessDays: 5 },
    };
    const result = evaluateSla(
      sla([renurture]),
      pipeline,
      [
        journey(
          'a',
          stage('qualified_lead', '2026-01-05T10:00:00Z'),
          outcome('recycled', '2026-01-06T15:00:00Z', 'timing'),
          {
            type: 'activity',
            kind: 'email',
            by: 'marketing',
            at: '2026-01-08T15:00:00Z',
          },
        ),
        journey(
          'b',
          stage('qualified_lead', '2026-01-05T10:00:00Z'),
          outcome('recycled', '2026-01-06T15:00:00Z', 'timing'),
        ),
      ],
      { asOf: '2026-02-01T00:00:00Z' },
    );
    // Tuesday 01-06 10:00 EST + 5 business days = Tuesday 01-13 10:00 EST (15:00Z).
    expect(result.rules[0]).toMatchObject({ met: 1, breached: 1, compliance: 0.5 });
    expect(result.breaches[0]?.dueAt.toISOString()).toBe('2026-01-13T15:00:00.000Z');
    expect(result.byOwner.marketing).toMatchObject({ met: 1, breached: 1 });
    expect(result.byOwner.sales).toMatchObject({ evaluated: 0, compliance: null });
  });

  it('scoreAtLeast starts the clock at the first behaviour that lifts the score to the threshold', () => {
    const hot: SlaRule = {
      id: 'hot-leads',
      owner: 'sales',
      kind: 'response',
      trigger: { scoreAtLeast: 75 },
      response: { activity: {} },
      within: { hours: 4 },
    };
    // 40 points per behaviour so far: 40 after the first, 80 ≥ 75 after the second (12:00Z).
    const score = (j: { events: readonly { type: string; at: Date }[] }, at: Date) =>
      40 * j.events.filter((e) => e.type === 'behaviour' && e.at <= at).length;
    const events: JourneyEventInput[] = [
      { type: 'behaviour', name: 'webinar', at: '2026-01-12T10:00:00Z' },
      { type: 'behaviour', name: 'pricing_page', at: '2026-01-12T12:00:00Z' },
      { type: 'activity', kind: 'call', by: 'sales', at: '2026-01-12T17:00:00Z' },
    ];
    const result = evaluateSla(sla([hot]), pipeline, [journey('a', ...events)], {
      asOf: '2026-01-13T00:00:00Z',
      score,
    });
    // Due 12:00Z + 4 elapsed hours = 16:00Z; the call at 17:00Z is an hour late.
    expect(result.breaches[0]).toMatchObject({
      dueAt: new Date('2026-01-12T16:00:00Z'),
      resolvedAt: new Date('2026-01-12T17:00:00Z'),
      lateByHours: 1,
    });
    expect(result.rules[0]?.responseHours).toEqual({ median: 5, p90: 5 });
  });
});

describe('evaluateSla with a scoring model', () => {
  // Fit: 30 points for a director; behaviour: 25 per pricing visit (repeatable, no decay); the
  // model's threshold (the MQL line) is 75.
  const model = defineScoringModel({
    id: 'mql',
    fit: {
      rules: [{ id: 'director', when: { field: 'title', op: '=', value: 'Director' }, points: 30 }],
    },
    behaviour: {
      rules: [{ id: 'pricing', event: 'pricing_page', points: 25, repeatable: true, cap: 75 }],
    },
    threshold: 75,
  });
  const hot = (scoreAtLeast: number | 'threshold'): SlaRule => ({
    id: 'hot-leads',
    owner: 'sales',
    kind: 'response',
    trigger: { scoreAtLeast },
    response: { activity: {} },
    within: { hours: 4 },
  });
  const visit = (at: string): JourneyEventInput => ({
    type: 'behaviour',
    name: 'pricing_page',
    at,
  });
  const director: JourneyInput = {
    id: 'a',
    attributes: { title: 'Director' },
    events: [
      visit('2026-01-12T10:00:00Z'), // 30 + 25 = 55
      visit('2026-01-12T12:00:00Z'), // 30 + 50 = 80 ≥ 75: the clock starts at 12:00Z
      visit('2026-01-12T13:00:00Z'), // 30 + 75 = 105: the same obligation, not a new one
      { type: 'activity', kind: 'call', by: 'sales', at: '2026-01-12T17:00:00Z' },
    ],
  };

  it("'threshold' starts the clock when the model's own score first reaches its threshold", () => {
    const result = evaluateSla(sla([hot('threshold')]), pipeline, [director], {
      asOf: '2026-01-13T00:00:00Z',
      score: model,
    });
    // Due 12:00Z + 4 hours = 16:00Z; the call at 17:00Z is an hour late.
    expect(result.rules[0]).toMatchObject({ evaluated: 1, breached: 1 });
    expect(result.breaches[0]).toMatchObject({
      dueAt: new Date('2026-01-12T16:00:00Z'),
      lateByHours: 1,
    });
  });

  it('a number threshold reads the same model; a lead without the fit points starts later', () => {
    // Without the title: 25, 50, 75 — the third visit (13:00Z) reaches 75; due 17:00Z, met.
    const plain = { ...director, id: 'b', attributes: {} };
    const result = evaluateSla(sla([hot(75)]), pipeline, [director, plain], {
      asOf: '2026-01-13T00:00:00Z',
      score: model,
    });
    expect(result.rules[0]).toMatchObject({ evaluated: 2, met: 1, breached: 1 });
    expect(result.breaches.map((breach) => breach.journey)).toEqual(['a']);
  });

  it("'threshold' with a plain function (no threshold) is a typed error with the rule's path", () => {
    const error = thrown(() =>
      evaluateSla(sla([hot('threshold')]), pipeline, [director], {
        asOf: '2026-01-13T00:00:00Z',
        score: () => 0,
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_options' });
    expect(error.issues[0]).toMatchObject({
      code: 'missing_score',
      path: ['rules', 0, 'trigger', 'scoreAtLeast'],
    });
  });

  it('a model config that did not go through defineScoringModel is rejected at `score`', () => {
    const error = thrown(() =>
      evaluateSla(sla([hot(75)]), pipeline, [director], {
        asOf: '2026-01-13T00:00:00Z',
        score: { ...model },
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_options' });
    expect(error.issues[0]?.path).toEqual(['score']);
  });
});

describe('evaluateSla: edges of the due instant and of a pass', () => {
  const handover = stage('qualified_lead', FRIDAY_16);
  // Friday 16:00 EST + 2 business days = Tuesday 16:00 EST = 21:00Z.
  const DUE = '2026-01-13T16:00:00-05:00';

  it('a call at the due instant is in time; asOf at the due instant is not yet a breach', () => {
    const answered = evaluateSla(sla([followUp]), pipeline, [journey('a', handover, call(DUE))], {
      asOf: '2026-02-01T00:00:00Z',
    });
    // Friday 16–17 (1) + Monday (8) + Tuesday 09–16 (7) = 16 working hours.
    expect(answered.rules[0]).toMatchObject({ met: 1, breached: 0 });
    expect(answered.rules[0]?.responseHours).toEqual({ median: 16, p90: 16 });
    const waiting = evaluateSla(
      sla([{ ...followUp, warnBefore: { businessHours: 1 } }]),
      pipeline,
      [journey('a', handover)],
      { asOf: DUE },
    );
    expect(waiting.breaches).toEqual([]);
    expect(json(waiting.atRisk)).toEqual([
      {
        rule: 'follow-up',
        owner: 'sales',
        journey: 'a',
        agent: null,
        dueAt: '2026-01-13T21:00:00.000Z',
        hoursLeft: 0,
      },
    ]);
  });

  it('a recycled lead handed over again is a new obligation; a repeated stage event is not', () => {
    const result = evaluateSla(
      sla([followUp]),
      pipeline,
      [
        journey(
          'a',
          handover,
          call('2026-01-12T10:00:00-05:00'), // Monday: the first pass is met
          outcome('recycled', '2026-01-12T11:00:00-05:00', 'timing'),
          stage('lead', '2026-01-20T10:00:00-05:00'),
          stage('qualified_lead', '2026-01-21T10:00:00-05:00'), // Wednesday: a second handover
          stage('qualified_lead', '2026-01-21T12:00:00-05:00'), // the same stay, logged twice
        ),
      ],
      { asOf: '2026-01-26T10:00:00-05:00' },
    );
    // Second pass due Friday 23 January 10:00 EST (15:00Z); at Monday 10:00 it is 7 (Friday
    // 10–17) + 1 (Monday 9–10) = 8 working hours late.
    expect(result.rules[0]).toMatchObject({ evaluated: 2, met: 1, breached: 1 });
    expect(json(result.breaches)).toMatchObject([
      { journey: 'a', dueAt: '2026-01-23T15:00:00.000Z', resolvedAt: null, lateByHours: 8 },
    ]);
  });

  it('volume: quarters begin at midnight in the calendar zone, not in UTC', () => {
    const quarterly: SlaRule = {
      id: 'quarterly',
      owner: 'marketing',
      kind: 'volume',
      stage: 'qualified_lead',
      per: 'quarter',
      atLeast: 1,
    };
    // 2026-03-31 23:30 EDT is 2026-04-01 03:30Z: the first quarter in New York.
    const result = evaluateSla(
      sla([quarterly]),
      pipeline,
      [journey('a', stage('qualified_lead', '2026-03-31T23:30:00-04:00'))],
      { asOf: '2026-07-01T12:00:00-04:00' },
    );
    // Q1 met (1 entry), Q2 (April 1 00:00 EDT = 04:00Z to July 1 04:00Z) breached with 0, Q3 running.
    expect(result.rules[0]).toMatchObject({ evaluated: 3, met: 1, breached: 1, pending: 1 });
    expect(json(result.breaches)).toMatchObject([
      {
        dueAt: '2026-07-01T04:00:00.000Z',
        detail: '0 entries into qualified_lead in 2026-Q2, at least 1 agreed',
        period: { start: '2026-04-01T04:00:00.000Z', end: '2026-07-01T04:00:00.000Z' },
      },
    ]);
  });
});

describe('evaluateSla: the other rule kinds, hand-checked', () => {
  it('volume: a month with zero entries is a breach', () => {
    const volume: SlaRule = {
      id: 'lead-volume',
      owner: 'marketing',
      kind: 'volume',
      stage: 'qualified_lead',
      per: 'month',
      atLeast: 2,
    };
    const journeys = [
      journey(
        'a',
        stage('lead', '2026-01-05T15:00:00Z'),
        stage('qualified_lead', '2026-01-06T15:00:00Z'),
      ),
      journey('b', stage('qualified_lead', '2026-01-20T15:00:00Z')),
      journey('c', stage('qualified_lead', '2026-03-02T15:00:00Z')),
      journey('d', stage('qualified_lead', '2026-03-03T15:00:00Z')),
      journey('e', stage('qualified_lead', '2026-04-03T15:00:00Z')),
    ];
    const result = evaluateSla(sla([volume]), pipeline, journeys, {
      asOf: '2026-04-15T12:00:00Z',
    });
    // January 2, February 0 (breach), March 2, April running with 1 (pending).
    expect(result.rules[0]).toMatchObject({
      evaluated: 4,
      met: 2,
      breached: 1,
      pending: 1,
      compliance: 2 / 3,
    });
    expect(json(result.breaches)).toEqual([
      {
        rule: 'lead-volume',
        owner: 'marketing',
        kind: 'volume',
        journey: null,
        agent: null,
        // Months in New York: February runs from 05:00Z on 02-01 to 05:00Z on 03-01.
        dueAt: '2026-03-01T05:00:00.000Z',
        resolvedAt: null,
        lateByHours: null,
        detail: '0 entries into qualified_lead in 2026-02, at least 2 agreed',
        period: { start: '2026-02-01T05:00:00.000Z', end: '2026-03-01T05:00:00.000Z' },
      },
    ]);
    // byAgent has journey obligations only.
    expect(result.byAgent).toEqual([]);
  });

  it('volume: an explicit window with no entries at all is all breaches; atMost breaks at once', () => {
    const rule: SlaRule = {
      id: 'cap',
      owner: 'marketing',
      kind: 'volume',
      stage: 'qualified_lead',
      per: 'week',
      atLeast: 1,
      atMost: 1,
    };
    const journeys = [
      journey('a', stage('qualified_lead', '2026-01-13T15:00:00Z')),
      journey('b', stage('qualified_lead', '2026-01-14T15:00:00Z')),
    ];
    // Weeks from Monday 01-05: 0 (breach), 2 in the week of 01-12 (breach, still running).
    const result = evaluateSla(sla([rule]), pipeline, journeys, {
      asOf: '2026-01-15T00:00:00Z',
      from: '2026-01-05T12:00:00Z',
    });
    expect(result.breaches.map((breach) => breach.detail)).toEqual([
      '0 entries into qualified_lead in the week of 2026-01-05, at least 1 and at most 1 agreed',
      '2 entries into qualified_lead in the week of 2026-01-12, at least 1 and at most 1 agreed (period running)',
    ]);
  });

  it('minAttempts: a disqualification after 2 of 3 required attempts is a breach', () => {
    const attempts: SlaRule = {
      id: 'three-tries',
      owner: 'sales',
      kind: 'minAttempts',
      attempts: 3,
      activity: { by: ['sales'] },
    };
    const result = evaluateSla(
      sla([attempts]),
      pipeline,
      [
        journey(
          'two',
          stage('qualified_lead', '2026-01-05T15:00:00Z'),
          call('2026-01-05T16:00:00Z'),
          call('2026-01-06T16:00:00Z'),
          call('2026-01-06T17:00:00Z', 'marketing'),
          outcome('disqualified', '2026-01-07T16:00:00Z', 'no budget'),
        ),
        journey(
          'three',
          stage('qualified_lead', '2026-01-05T15:00:00Z'),
          call('2026-01-05T16:00:00Z'),
          call('2026-01-06T16:00:00Z'),
          call('2026-01-07T16:00:00Z'),
          outcome('disqualified', '2026-01-07T16:00:00Z', 'no budget'),
        ),
      ],
      { asOf: '2026-02-01T00:00:00Z' },
    );
    expect(result.rules[0]).toMatchObject({ evaluated: 2, met: 1, breached: 1 });
    expect(result.breaches[0]).toMatchObject({
      journey: 'two',
      dueAt: new Date('2026-01-07T16:00:00Z'),
      detail: 'disqualified after 2 of 3 attempts',
      lateByHours: null,
    });
  });

  it('reasonRequired: a reason from the allowed list when the pipeline has one', () => {
    const withReasons = definePipeline({
      stages: [
        { id: 'lead', owner: 'marketing' },
        { id: 'opportunity', owner: 'sales' },
        { id: 'customer', owner: 'sales' },
      ],
      outcomes: { lost: { reasons: ['price', 'competitor'] } },
    });
    const rule: SlaRule = { id: 'why', owner: 'sales', kind: 'reasonRequired' };
    const result = evaluateSla(
      sla([rule]),
      withReasons,
      [
        journey(
          'ok',
          stage('opportunity', '2026-01-05T15:00:00Z'),
          outcome('lost', '2026-01-09T15:00:00Z', 'price'),
        ),
        journey(
          'none',
          stage('opportunity', '2026-01-05T15:00:00Z'),
          outcome('lost', '2026-01-09T15:00:00Z'),
        ),
        journey(
          'other',
          stage('opportunity', '2026-01-05T15:00:00Z'),
          outcome('lost', '2026-01-10T15:00:00Z', 'weather'),
        ),
        // Disqualified has no list: any reason will do.
        journey(
          'free',
          stage('lead', '2026-01-05T15:00:00Z'),
          outcome('disqualified', '2026-01-09T15:00:00Z', 'student'),
        ),
        // Won needs no reason.
        journey(
          'won',
          stage('opportunity', '2026-01-05T15:00:00Z'),
          outcome('won', '2026-01-09T15:00:00Z'),
        ),
      ],
      { asOf: '2026-02-01T00:00:00Z' },
    );
    expect(result.rules[0]).toMatchObject({ evaluated: 4, met: 2, breached: 2, compliance: 0.5 });
    expect(result.breaches.map((breach) => [breach.journey, breach.detail])).toEqual([
      ['none', 'lost without a reason'],
      ['other', 'lost with reason "weather", not one of "price", "competitor"'],
    ]);
  });

  it('maxTimeInStage: elapsed days, per stay; byAgent from the agent attribute', () => {
    const rule: SlaRule = {
      id: 'no-parking',
      owner: 'sales',
      kind: 'maxTimeInStage',
      stage: 'prospect',
      within: { days: 30 },
    };
    const journeys: JourneyInput[] = [
      {
        id: 'slow',
        attributes: { agent: 'dana' },
        events: [
          stage('prospect', '2026-01-01T00:00:00Z'),
          stage('customer', '2026-02-10T00:00:00Z'),
        ],
      },
      {
        id: 'quick',
        attributes: { agent: 'dana' },
        events: [
          stage('prospect', '2026-01-01T00:00:00Z'),
          outcome('lost', '2026-01-21T00:00:00Z', 'price'),
        ],
      },
      { id: 'open', events: [stage('prospect', '2026-03-01T00:00:00Z')] },
    ];
    const result = evaluateSla(sla([rule]), pipeline, journeys, { asOf: '2026-03-10T00:00:00Z' });
    // slow: 40 days in prospect, due after 30: 10 × 24 = 240 hours late. quick: 20 days.
    expect(result.breaches[0]).toMatchObject({ journey: 'slow', agent: 'dana', lateByHours: 240 });
    // Response hours are 20 × 24 = 480 and 40 × 24 = 960: median 720, p90 480 + 0.9 × 480 = 912.
    expect(result.rules[0]?.responseHours).toEqual({ median: 720, p90: 912 });
    expect(result.byAgent).toEqual([
      {
        agent: 'dana',
        evaluated: 2,
        met: 1,
        breached: 1,
        atRisk: 0,
        pending: 0,
        withdrawn: 0,
        compliance: 0.5,
      },
      {
        agent: null,
        evaluated: 1,
        met: 0,
        breached: 0,
        atRisk: 0,
        pending: 1,
        withdrawn: 0,
        compliance: null,
      },
    ]);
  });
});

describe('evaluateSla: window, purity and JSON', () => {
  it('from / to select obligations by their start; events after asOf are ignored', () => {
    const journeys = [
      journey('dec', stage('qualified_lead', '2025-12-15T15:00:00Z')),
      journey('jan', stage('qualified_lead', '2026-01-15T15:00:00Z'), call('2026-01-15T16:00:00Z')),
      journey('feb', stage('qualified_lead', '2026-02-15T15:00:00Z')),
    ];
    const result = evaluateSla(sla([followUp]), pipeline, journeys, {
      asOf: '2026-01-31T00:00:00Z',
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
    });
    expect(result.rules[0]).toMatchObject({ evaluated: 1, met: 1 });
  });

  it('does not mutate its inputs, and its result is JSON with no NaN', () => {
    const value = sla([followUp]);
    const journeys = [journey('acme', stage('qualified_lead', FRIDAY_16))];
    const copy = structuredClone(journeys);
    const result = evaluateSla(value, pipeline, journeys, { asOf: '2026-01-14T12:00:00-05:00' });
    expect(journeys).toEqual(copy);
    expect(nonFinitePaths(result)).toEqual([]);
    expect(json(json(result))).toEqual(json(result));
    // An SLA read back from JSON evaluates the same.
    const again = evaluateSla(json(value) as never, pipeline, journeys, {
      asOf: '2026-01-14T12:00:00-05:00',
    });
    expect(json(again)).toEqual(json(result));
  });

  it('an SLA without a calendar works Monday–Friday whole days in UTC', () => {
    const value = defineSla({ rules: [followUp] });
    expect(value.calendar).toEqual({ timeZone: 'UTC', workdays: [1, 2, 3, 4, 5], holidays: [] });
    const result = evaluateSla(
      value,
      pipeline,
      [journey('a', stage('qualified_lead', '2026-01-09T16:00:00Z'))],
      {
        asOf: '2026-02-01T00:00:00Z',
      },
    );
    // Friday 16:00 + 2 business days = Tuesday 16:00 UTC.
    expect(result.breaches[0]?.dueAt.toISOString()).toBe('2026-01-13T16:00:00.000Z');
  });
});
