import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  defineSla,
  evaluateSla,
  type Journey,
  type JourneyEventInput,
  type JourneyInput,
  presets,
  type SlaResult,
} from '../../src/index.js';

const pipeline = presets.buyingPipeline;
const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5);
const SPAN = 100 * 24 * 60; // minutes: January to mid-April, across the March DST change

const sla = defineSla({
  calendar: {
    timeZone: 'America/New_York',
    hours: { start: '09:00', end: '17:00' },
    holidays: ['2026-01-19', '2026-02-16'],
  },
  rules: [
    {
      id: 'follow-up',
      owner: 'sales',
      kind: 'response',
      trigger: { stage: 'qualified_lead' },
      response: { activity: { kinds: ['call'], by: ['sales'] } },
      within: { businessDays: 2 },
      warnBefore: { businessHours: 4 },
    },
    {
      id: 'accept',
      owner: 'sales',
      kind: 'response',
      trigger: { stage: 'qualified_lead' },
      response: { stage: 'prospect' },
      within: { businessHours: 30 },
      acceptEarlier: true,
    },
    {
      id: 'renurture',
      owner: 'marketing',
      kind: 'response',
      trigger: { outcome: 'recycled' },
      response: { activity: { by: ['marketing'] } },
      within: { days: 7 },
      warnBefore: { days: 2 },
    },
    {
      id: 'hot',
      owner: 'sales',
      kind: 'response',
      trigger: { scoreAtLeast: 60 },
      response: { activity: {} },
      within: { hours: 8 },
    },
    {
      id: 'parking',
      owner: 'sales',
      kind: 'maxTimeInStage',
      stage: 'prospect',
      within: { days: 20 },
    },
    {
      id: 'volume',
      owner: 'marketing',
      kind: 'volume',
      stage: 'qualified_lead',
      per: 'week',
      atLeast: 1,
      atMost: 3,
    },
    { id: 'why', owner: 'sales', kind: 'reasonRequired' },
    { id: 'tries', owner: 'sales', kind: 'minAttempts', attempts: 2, activity: { by: ['sales'] } },
  ],
});

const score = (journey: Journey, at: Date) =>
  30 * journey.events.filter((event) => event.type === 'behaviour' && event.at <= at).length;

const at = (minutes: number) => new Date(START + minutes * MINUTE).toISOString();
const timeArb = fc.integer({ min: 0, max: SPAN });

const eventArb: fc.Arbitrary<JourneyEventInput> = fc.oneof(
  fc
    .tuple(fc.constantFrom('lead', 'qualified_lead', 'prospect', 'customer'), timeArb)
    .map(([stage, t]): JourneyEventInput => ({ type: 'stage', stage, at: at(t) })),
  fc
    .tuple(fc.constantFrom('call', 'email'), fc.constantFrom('sales', 'marketing'), timeArb)
    .map(([kind, by, t]): JourneyEventInput => ({ type: 'activity', kind, by, at: at(t) })),
  fc
    .tuple(fc.constantFrom('lost', 'disqualified', 'recycled', 'won'), fc.boolean(), timeArb)
    .map(([outcome, reason, t]) =>
      reason
        ? ({ type: 'outcome', outcome, reason: 'timing', at: at(t) } as JourneyEventInput)
        : ({ type: 'outcome', outcome, at: at(t) } as JourneyEventInput),
    ),
  timeArb.map((t): JourneyEventInput => ({ type: 'behaviour', name: 'visit', at: at(t) })),
);

const journeysArb: fc.Arbitrary<JourneyInput[]> = fc
  .array(fc.array(eventArb, { maxLength: 10 }), { minLength: 1, maxLength: 6 })
  .map((lists) =>
    lists.map((events, index) => ({
      id: `j${index}`,
      attributes: { agent: index % 2 === 0 ? 'ana' : 'ben' },
      events,
    })),
  );

const evaluate = (journeys: readonly JourneyInput[], asOf: number): SlaResult =>
  evaluateSla(sla, pipeline, journeys, { asOf: START + asOf * MINUTE, score });

const breachKeys = (result: SlaResult) =>
  result.breaches.map((breach) => `${breach.rule}|${breach.journey}|${breach.dueAt.toISOString()}`);

const run = { numRuns: 120 };

describe('evaluateSla properties', () => {
  test.prop([journeysArb, fc.nat(), timeArb, timeArb], run)(
    'adding a call by sales never adds a breach and never removes a met obligation',
    (journeys, pick, callAt, asOf) => {
      const index = pick % journeys.length;
      const target = journeys[index] as JourneyInput;
      const withCall = journeys.map((journey, position) =>
        position === index
          ? {
              ...journey,
              events: [
                ...target.events,
                { type: 'activity', kind: 'call', by: 'sales', at: at(callAt) } as const,
              ],
            }
          : journey,
      );
      const before = evaluate(journeys, asOf);
      const after = evaluate(withCall, asOf);
      before.rules.forEach((rule, position) => {
        const later = after.rules[position];
        expect(later?.breached).toBeLessThanOrEqual(rule.breached);
        expect(later?.met).toBeGreaterThanOrEqual(rule.met);
      });
    },
  );

  test.prop([journeysArb, fc.nat(), timeArb], run)(
    'a call by sales in time after a handover leaves no follow-up breach for it',
    (journeys, pick, asOf) => {
      const index = pick % journeys.length;
      const target = journeys[index] as JourneyInput;
      // The target's only stage entry: a handover on Tuesday 2026-02-03 19:00 EST, after hours,
      // so due at the end of the second working day after, Thursday 17:00 EST (22:00Z). The call
      // comes Thursday 10:00 EST. Its activities and behaviours stay; its outcomes go.
      const withTimelyCall = journeys.map((journey, position) =>
        position === index
          ? {
              ...journey,
              events: [
                ...target.events.filter(
                  (event) => event.type === 'activity' || event.type === 'behaviour',
                ),
                { type: 'stage', stage: 'qualified_lead', at: '2026-02-04T00:00:00Z' } as const,
                {
                  type: 'activity',
                  kind: 'call',
                  by: 'sales',
                  at: '2026-02-05T15:00:00Z',
                } as const,
              ],
            }
          : journey,
      );
      const result = evaluate(withTimelyCall, Math.max(asOf, 32 * 24 * 60));
      const followUps = result.breaches.filter(
        (breach) => breach.rule === 'follow-up' && breach.journey === target.id,
      );
      expect(followUps).toEqual([]);
      expect(result.rules[0]?.met).toBeGreaterThanOrEqual(1);
    },
  );

  test.prop([journeysArb, timeArb, timeArb], run)(
    'moving asOf forward never turns a breach back into pending or met',
    (journeys, a, b) => {
      const [earlier, later] = a <= b ? [a, b] : [b, a];
      const first = breachKeys(evaluate(journeys, earlier));
      const second = new Set(breachKeys(evaluate(journeys, later)));
      for (const key of first) expect(second.has(key)).toBe(true);
    },
  );

  test.prop([journeysArb, timeArb], run)(
    'a timed breach is late by more than nothing on its rule clock',
    (journeys, asOf) => {
      for (const breach of evaluate(journeys, asOf).breaches) {
        if (breach.lateByHours !== null) expect(breach.lateByHours).toBeGreaterThan(0);
      }
    },
  );

  test.prop([journeysArb, timeArb], run)(
    'the five counts add up, compliance is met ÷ decided, and nothing is NaN',
    (journeys, asOf) => {
      const result = evaluate(journeys, asOf);
      for (const row of [
        ...result.rules,
        result.byOwner.marketing,
        result.byOwner.sales,
        ...result.byAgent,
      ]) {
        expect(row.met + row.breached + row.atRisk + row.pending + row.withdrawn).toBe(
          row.evaluated,
        );
        const decided = row.met + row.breached;
        expect(row.compliance).toBe(decided === 0 ? null : row.met / decided);
      }
      expect(result.breaches.length).toBe(result.rules.reduce((sum, row) => sum + row.breached, 0));
      const dues = result.atRisk.map((row) => row.dueAt.getTime());
      expect(dues).toEqual([...dues].sort((x, y) => x - y));
      expect(JSON.stringify(result)).not.toMatch(/NaN|null,"p90":\d|Infinity/);
    },
  );
});
