import { describe, expect, it } from 'vitest';
import {
  createScorer,
  defineScoringModel,
  type JourneyInput,
  type LeadScore,
  parseJourney,
  type ScoringLead,
  scoreLead,
  scoringPresets,
} from '../../src/index.js';
import { json } from '../helpers.js';

const asOf = '2026-03-31T00:00:00Z';

/** The sum of the reasons in cents: what "adds up exactly" means. */
const reasonCents = (score: LeadScore) =>
  score.reasons.reduce((sum, reason) => sum + Math.round(reason.points * 100), 0);

const behaviour = (name: string, at: string, value?: number) =>
  value === undefined
    ? { type: 'behaviour' as const, at, name }
    : { type: 'behaviour' as const, at, name, value };

describe('BANTT preset (seed 002)', () => {
  it('qualifies a lead at 80 and not one at 70, with the threshold at 75', () => {
    // 20 + 20 + 20 + 0.5 × 20 + 0.5 × 20 = 80
    const eighty = scoreLead(
      scoringPresets.bantt,
      {
        answers: {
          budget: 'confirmed',
          authority: 'confirmed',
          need: 'confirmed',
          timeframe: 'indicated',
          trust: 'indicated',
        },
      },
      { asOf },
    );
    // 20 + 20 + 0.5 × 20 + 0.5 × 20 + 0.5 × 20 = 70
    const seventy = scoreLead(
      scoringPresets.bantt,
      {
        answers: {
          budget: 'confirmed',
          authority: 'confirmed',
          need: 'indicated',
          timeframe: 'indicated',
          trust: 'indicated',
        },
      },
      { asOf },
    );
    expect(scoringPresets.bantt.threshold).toBe(75);
    expect([eighty.total, eighty.qualified, eighty.max]).toEqual([80, true, 100]);
    expect([seventy.total, seventy.qualified]).toEqual([70, false]);
    expect(eighty.components).toEqual({ bantt: { points: 80, max: 100 } });
  });

  it('explains every dimension, largest first, a missing answer as 0', () => {
    const score = scoreLead(
      scoringPresets.bantt,
      { answers: { trust: 'confirmed', need: 'indicated', budget: 'unknown' } },
      { asOf },
    );
    // trust 20, need 10, budget 0, authority and timeframe missing: 30
    expect(score.total).toBe(30);
    expect(score.reasons.map((reason) => [reason.rule, reason.points])).toEqual([
      ['trust', 20],
      ['need', 10],
      ['budget', 0],
      ['authority', 0],
      ['timeframe', 0],
    ]);
    expect(score.reasons[0]).toEqual({
      component: 'bantt',
      rule: 'trust',
      kind: 'rule',
      points: 20,
      detail: 'trust: confirmed (1 × 20 points)',
    });
    expect(score.reasons[3]?.detail).toBe('authority: no answer (0 of 20 points)');
  });

  it('BANT and CHAMP are configs: four dimensions of 25', () => {
    const bant = scoreLead(
      scoringPresets.bant,
      { answers: { budget: 'confirmed', authority: 'confirmed', need: 'confirmed' } },
      { asOf },
    );
    expect([bant.total, bant.qualified]).toEqual([75, true]); // 3 × 25
    const champ = scoreLead(
      scoringPresets.champ,
      { answers: { challenges: 'confirmed', money: 'indicated' } },
      { asOf },
    );
    expect(champ.total).toBe(37.5); // 25 + 0.5 × 25
  });

  it('renames, re-weights and adds dimensions with their own levels', () => {
    const meddic = defineScoringModel({
      id: 'meddic',
      bantt: {
        dimensions: [
          { id: 'metrics', name: 'Metrics', points: 15 },
          { id: 'economicBuyer', name: 'Economic buyer', points: 25 },
          { id: 'champion', points: 30, levels: { strong: 1, weak: 0.25, none: 0 } },
        ],
        levels: { yes: 1, partly: 0.4, no: 0 },
      },
      threshold: 50,
    });
    expect(meddic.max).toBe(70);
    const score = scoreLead(
      meddic,
      { answers: { metrics: 'partly', economicBuyer: 'yes', champion: 'weak' } },
      { asOf },
    );
    // 0.4 × 15 + 25 + 0.25 × 30 = 6 + 25 + 7.5 = 38.5
    expect(score.total).toBe(38.5);
    expect(score.reasons.find((reason) => reason.rule === 'economicBuyer')?.detail).toBe(
      'Economic buyer: yes (1 × 25 points)',
    );
  });

  it('a BANTT cap is its own reason', () => {
    const model = defineScoringModel({ bantt: { cap: 50 }, threshold: 40 });
    expect(model.max).toBe(50);
    const score = scoreLead(
      model,
      { answers: { budget: 'confirmed', authority: 'confirmed', need: 'confirmed' } },
      { asOf },
    );
    // 60 earned, capped at 50: a −10 reason
    expect(score.total).toBe(50);
    expect(score.reasons.find((reason) => reason.kind === 'cap')).toMatchObject({
      component: 'bantt',
      rule: 'cap',
      points: -10,
    });
    expect(reasonCents(score)).toBe(5000);
  });
});

describe('fit', () => {
  const model = defineScoringModel({
    fit: {
      rules: [
        { id: 'enterprise', when: { field: 'employees', op: '>=', value: 500 }, points: 30 },
        {
          id: 'senior',
          when: {
            any: [
              { field: 'title', op: 'contains', value: 'VP' },
              { field: 'title', op: 'contains', value: 'Head' },
            ],
          },
          points: 25,
        },
        {
          id: 'target-industry',
          when: { field: 'industry', op: 'in', value: ['saas', 'fintech'] },
          points: 15,
        },
        { id: 'freemail', when: { field: 'email', op: 'contains', value: '@gmail.' }, points: -20 },
      ],
      cap: 60,
    },
    threshold: 40,
  });

  it('adds the points of the rules that hold', () => {
    const score = scoreLead(
      model,
      {
        attributes: {
          employees: '800',
          title: 'Head of Ops',
          industry: 'retail',
          email: 'x@gmail.com',
        },
      },
      { asOf },
    );
    // enterprise 30 (the CSV text '800' reads as a number) + senior 25 − freemail 20 = 35
    expect(score.total).toBe(35);
    expect(score.components.fit).toEqual({ points: 35, max: 60 });
    expect(score.reasons.map((reason) => [reason.rule, reason.points])).toEqual([
      ['enterprise', 30],
      ['senior', 25],
      ['freemail', -20],
    ]);
    expect(score.reasons[1]?.detail).toBe(
      'senior: (title contains "VP") or (title contains "Head") (+25 points)',
    );
  });

  it('caps the component, the cut as its own reason', () => {
    const score = scoreLead(
      model,
      { attributes: { employees: 900, title: 'VP Sales', industry: 'saas' } },
      { asOf },
    );
    // 30 + 25 + 15 = 70, capped at 60
    expect(score.total).toBe(60);
    expect(score.reasons.at(-1)).toMatchObject({
      component: 'fit',
      rule: 'cap',
      kind: 'cap',
      points: -10,
    });
  });

  it('clamps a negative sum to the model min, as a reason', () => {
    const score = scoreLead(model, { attributes: { email: 'a@gmail.com' } }, { asOf });
    expect(score.total).toBe(0);
    expect(score.reasons).toEqual([
      expect.objectContaining({ rule: 'freemail', points: -20 }),
      expect.objectContaining({ component: 'total', rule: 'min', kind: 'clamp', points: 20 }),
    ]);
  });

  it('rounds each contribution to 2 decimals and sums the rounded parts', () => {
    const thirds = defineScoringModel({
      fit: {
        rules: ['a', 'b', 'c'].map((id) => ({
          id,
          when: { field: id, op: 'exists' as const },
          points: 10 / 3,
        })),
      },
      threshold: 5,
    });
    const score = scoreLead(thirds, { attributes: { a: 1, b: 1, c: 1 } }, { asOf });
    // 3.33 + 3.33 + 3.33 = 9.99 (not 10): the total is what the reasons say
    expect(score.reasons.map((reason) => reason.points)).toEqual([3.33, 3.33, 3.33]);
    expect(score.total).toBe(9.99);
  });
});

describe('behaviour', () => {
  const halfLife = defineScoringModel({
    behaviour: {
      rules: [
        { id: 'pricing', event: 'pricing_page_visit', points: 10, repeatable: true },
        { id: 'webinar', event: 'webinar_attended', points: 20 },
        { id: 'unsubscribed', event: 'unsubscribe', points: -30 },
        { id: 'recent-download', event: 'whitepaper', points: 8, withinDays: 14 },
        {
          id: 'long-watch',
          event: {
            all: [
              { field: 'name', op: '=', value: 'video' },
              { field: 'value', op: '>=', value: 30 },
            ],
          },
          points: 12,
        },
      ],
      decay: { halfLifeDays: 30 },
    },
    min: -100,
    max: 100,
    threshold: 30,
  });

  it('halves the points every half-life and ignores events after asOf', () => {
    const score = scoreLead(
      halfLife,
      {
        events: [
          behaviour('pricing_page_visit', '2026-03-31T00:00:00Z'), // 0 days: 10
          behaviour('pricing_page_visit', '2026-03-01T00:00:00Z'), // 30 days: 5
          behaviour('pricing_page_visit', '2026-01-30T00:00:00Z'), // 60 days: 2.5
          behaviour('pricing_page_visit', '2026-04-02T00:00:00Z'), // after asOf: ignored
        ],
      },
      { asOf },
    );
    expect(score.total).toBe(17.5);
    expect(score.reasons).toEqual([
      expect.objectContaining({ component: 'behaviour', rule: 'pricing', points: 17.5, events: 3 }),
    ]);
  });

  it('counts the newest event of a non-repeatable rule, and scores journeys', () => {
    const journey: JourneyInput = {
      id: 'acme',
      attributes: { employees: 80 },
      events: [
        { type: 'stage', stage: 'lead', at: '2026-01-01' },
        behaviour('webinar_attended', '2026-01-30T00:00:00Z'), // 60 days: 5
        behaviour('webinar_attended', '2026-03-01T00:00:00Z'), // 30 days: 10 (the newest)
        { type: 'activity', at: '2026-03-02', kind: 'call', by: 'sales' },
      ],
    };
    for (const lead of [journey, parseJourney(journey)] as ScoringLead[]) {
      const score = scoreLead(halfLife, lead, { asOf });
      expect(score.total).toBe(10);
      expect(score.reasons[0]).toMatchObject({ rule: 'webinar', points: 10, events: 1 });
    }
  });

  it('takes negative points, a window, and conditions on the event value', () => {
    const score = scoreLead(
      halfLife,
      {
        events: [
          behaviour('unsubscribe', '2026-03-31T00:00:00Z'), // −30
          behaviour('whitepaper', '2026-03-21T00:00:00Z'), // 10 days, inside 14: 8 × 2^(−10/30)
          behaviour('whitepaper', '2026-03-01T00:00:00Z'), // 30 days: outside the window
          behaviour('video', '2026-03-31T00:00:00Z', 45), // 45 ≥ 30: 12
          behaviour('video', '2026-03-31T00:00:00Z', 10), // too short
        ],
      },
      { asOf },
    );
    // 8 × 2^(−1/3) = 6.3496… → 6.35; −30 + 6.35 + 12 = −11.65
    expect(score.reasons.map((reason) => [reason.rule, reason.points])).toEqual([
      ['unsubscribed', -30],
      ['long-watch', 12],
      ['recent-download', 6.35],
    ]);
    expect(score.total).toBe(-11.65);
    expect(score.qualified).toBe(false);
  });

  it('decays in linear steps: 25% every 30 days, never below 0', () => {
    const steps = defineScoringModel({
      behaviour: {
        rules: [{ id: 'demo', event: 'demo', points: 40 }],
        decay: { percent: 25, everyDays: 30 },
      },
      threshold: 20,
    });
    const at = (days: number) =>
      scoreLead(
        steps,
        { events: [behaviour('demo', '2026-01-01T00:00:00Z')] },
        {
          asOf: new Date(Date.UTC(2026, 0, 1) + days * 86_400_000),
        },
      ).total;
    // 0–29 days: 40; 30–59: 30; 60–89: 20; 90–119: 10; from 120: 0
    expect([0, 29, 30, 65, 90, 119, 120, 400].map(at)).toEqual([40, 40, 30, 20, 10, 10, 0, 0]);
  });

  it('caps a repeatable rule and the component, each as its own reason', () => {
    const capped = defineScoringModel({
      behaviour: {
        rules: [
          { id: 'visit', event: 'visit', points: 5, repeatable: true, cap: 12 },
          { id: 'demo', event: 'demo', points: 30 },
        ],
        cap: 35,
      },
      threshold: 20,
    });
    // max: visit's cap 12 + demo 30 = 42, under the component cap 35
    expect(capped.max).toBe(35);
    const events = [
      ...[1, 2, 3, 4].map((day) => behaviour('visit', `2026-03-0${day}T00:00:00Z`)),
      behaviour('demo', '2026-03-05T00:00:00Z'),
    ];
    const score = scoreLead(capped, { events }, { asOf });
    // visit 4 × 5 = 20, capped at 12 (−8); + demo 30 = 42, capped at 35 (−7)
    expect(score.total).toBe(35);
    expect(score.reasons.map((reason) => [reason.rule, reason.kind, reason.points])).toEqual([
      ['demo', 'rule', 30],
      ['visit', 'rule', 20],
      ['visit', 'cap', -8],
      ['cap', 'cap', -7],
    ]);
    expect(reasonCents(score)).toBe(3500);
  });

  it('an unbounded behaviour component needs a max, and the total is clamped to it', () => {
    const model = defineScoringModel({
      behaviour: { rules: [{ id: 'visit', event: 'visit', points: 10, repeatable: true }] },
      max: 25,
      threshold: 20,
    });
    const events = [1, 2, 3].map((day) => behaviour('visit', `2026-03-0${day}T00:00:00Z`));
    const score = scoreLead(model, { events }, { asOf });
    expect(score.components.behaviour).toEqual({ points: 30, max: null });
    expect(score.total).toBe(25);
    expect(score.reasons.at(-1)).toMatchObject({
      component: 'total',
      rule: 'max',
      kind: 'clamp',
      points: -5,
    });
  });
});

describe('a combined model', () => {
  const model = defineScoringModel({
    id: 'analytics',
    bantt: {
      dimensions: [
        { id: 'budget', points: 10 },
        { id: 'need', points: 10 },
      ],
    },
    fit: {
      rules: [{ id: 'enterprise', when: { field: 'employees', op: '>=', value: 500 }, points: 40 }],
    },
    behaviour: {
      rules: [{ id: 'demo', event: 'demo_requested', points: 20 }],
      decay: { halfLifeDays: 10 },
    },
    weights: { bantt: 2, behaviour: 1.5 },
    threshold: 60,
    grades: {
      fit: [
        { label: 'A', min: 40 },
        { label: 'B', min: 20 },
        { label: 'C', min: 0 },
      ],
      engagement: [
        { label: '1', min: 20 },
        { label: '2', min: 10 },
        { label: '3', min: 0 },
      ],
    },
  });

  it('weights the components, grades fit × engagement and sums the reasons to the total', () => {
    // max = 2 × 20 + 40 + 1.5 × 20 = 110
    expect(model.max).toBe(110);
    const score = scoreLead(
      model,
      {
        answers: { budget: 'confirmed', need: 'indicated' },
        attributes: { employees: 1200 },
        events: [behaviour('demo_requested', '2026-03-21T00:00:00Z')],
      },
      { asOf },
    );
    // bantt 2 × (10 + 5) = 30; fit 40; behaviour 1.5 × 20 × 2^(−10/10) = 15 → 85
    expect(score.components).toEqual({
      bantt: { points: 30, max: 40 },
      fit: { points: 40, max: 40 },
      behaviour: { points: 15, max: 30 },
    });
    expect(score.total).toBe(85);
    expect(score.qualified).toBe(true);
    expect(score.grade).toEqual({ fit: 'A', engagement: '2', cell: 'A2' });
    expect(reasonCents(score)).toBe(8500);
    expect(score.reasons.map((reason) => reason.points)).toEqual([40, 20, 15, 10]);
  });

  it('gives a lead below every band the last band', () => {
    const score = scoreLead(model, {}, { asOf });
    expect(score.grade).toEqual({ fit: 'C', engagement: '3', cell: 'C3' });
  });

  it('keeps models side by side: one lead, two product lines', () => {
    const other = defineScoringModel({
      id: 'payments',
      fit: {
        rules: [
          { id: 'fintech', when: { field: 'industry', op: '=', value: 'fintech' }, points: 70 },
        ],
      },
      threshold: 60,
    });
    const lead = { attributes: { employees: 40, industry: 'fintech' } };
    expect([
      scoreLead(model, lead, { asOf }).total,
      scoreLead(other, lead, { asOf }).total,
    ]).toEqual([0, 70]);
  });

  it('createScorer gives what scoreLead gives, and a JSON copy of the model scores the same', () => {
    const leads: ScoringLead[] = [
      { answers: { budget: 'indicated' }, attributes: { employees: 600 } },
      { events: [behaviour('demo_requested', '2026-03-30T12:00:00Z')] },
      {},
    ];
    const scorer = createScorer(model, { asOf });
    const copy = json(model) as typeof model;
    for (const lead of leads) {
      expect(scorer(lead)).toEqual(scoreLead(model, lead, { asOf }));
      expect(scoreLead(copy, lead, { asOf })).toEqual(scoreLead(model, lead, { asOf }));
    }
  });

  it('does not change its input, and its result survives a JSON round trip', () => {
    const lead = {
      answers: { budget: 'confirmed' },
      attributes: { employees: 700 },
      events: [behaviour('demo_requested', '2026-03-01T00:00:00Z')],
    };
    const before = structuredClone(lead);
    const score = scoreLead(model, lead, { asOf });
    expect(lead).toEqual(before);
    expect(json(score)).toEqual(score);
  });
});

describe('review: edge cases found in review', () => {
  it('a dimension named like an Object method ("constructor", "toString") left unanswered earns 0', () => {
    const model = defineScoringModel({
      bantt: {
        dimensions: [
          { id: 'constructor', points: 10 },
          { id: 'toString', points: 10 },
          { id: 'need', points: 10 },
        ],
      },
      threshold: 10,
    });
    const score = scoreLead(model, { answers: { need: 'confirmed' } }, { asOf });
    expect(score.total).toBe(10);
    expect(score.reasons.map((reason) => [reason.rule, reason.points])).toEqual([
      ['need', 10],
      ['constructor', 0],
      ['toString', 0],
    ]);
    expect(scoreLead(model, { answers: { toString: 'indicated' } }, { asOf }).total).toBe(5);
  });

  it('shares one frozen reason per answer level and fit rule between scores', () => {
    const model = defineScoringModel({
      bantt: {},
      fit: {
        rules: [{ id: 'vp', when: { field: 'title', op: 'contains', value: 'VP' }, points: 5 }],
      },
      threshold: 10,
    });
    const score = createScorer(model, { asOf });
    const lead = { answers: { budget: 'confirmed' }, attributes: { title: 'VP Sales' } };
    const [first, second] = [score(lead), score(lead)];
    const budget = first.reasons.find((reason) => reason.rule === 'budget');
    expect(budget).toBe(second.reasons.find((reason) => reason.rule === 'budget'));
    expect(Object.isFrozen(budget)).toBe(true);
    expect(Object.isFrozen(first.reasons.find((reason) => reason.rule === 'vp'))).toBe(true);
    expect(first).toEqual(second);
  });

  it('reads own answers only, from plain, null-prototype and inheriting objects alike', () => {
    const model = scoringPresets.bantt;
    const plain = { budget: 'confirmed', need: 'indicated' };
    const bare = Object.assign(Object.create(null), plain);
    // An inherited answer is not an answer (nor an unknown dimension): only `need` counts here.
    const inheriting = Object.assign(Object.create({ budget: 'confirmed', budgte: 'x' }), {
      need: 'indicated',
    });
    expect(scoreLead(model, { answers: plain }, { asOf }).total).toBe(30);
    expect(scoreLead(model, { answers: bare }, { asOf }).total).toBe(30);
    expect(scoreLead(model, { answers: inheriting }, { asOf }).total).toBe(10);
    // An own unknown key is still an error on every shape, with its path.
    const unknown = Object.assign(Object.create({ budget: 'confirmed' }), { budgte: 'confirmed' });
    expect(() => scoreLead(model, { answers: unknown }, { asOf })).toThrow(
      expect.objectContaining({ code: 'invalid_lead' }),
    );
  });

  it('a weighted component cap names the cap it applies (cap × weight), not the unweighted cap', () => {
    // fit earns 30, weighted 0.5 → 15; capped at 20 before weight, so 10 after: a −5 reason.
    const model = defineScoringModel({
      fit: {
        rules: [{ id: 'big', when: { field: 'employees', op: '>=', value: 500 }, points: 30 }],
        cap: 20,
      },
      weights: { fit: 0.5 },
      threshold: 5,
    });
    expect(model.max).toBe(10);
    const score = scoreLead(model, { attributes: { employees: 900 } }, { asOf });
    expect(score.total).toBe(10);
    expect(score.reasons).toEqual([
      {
        component: 'fit',
        rule: 'big',
        kind: 'rule',
        points: 15,
        detail: 'big: employees >= 500 (+30 points)',
      },
      {
        component: 'fit',
        rule: 'cap',
        kind: 'cap',
        points: -5,
        detail: 'fit is capped at 20 points, 10 after its weight 0.5 (it earned 15)',
      },
    ]);
    expect(reasonCents(score)).toBe(1000);
  });

  it('the createScorer TSDoc example: [80, 70]', () => {
    const score = createScorer(scoringPresets.bantt, { asOf: '2026-03-31' });
    const leads = [
      {
        answers: {
          budget: 'confirmed',
          authority: 'confirmed',
          need: 'confirmed',
          timeframe: 'indicated',
          trust: 'indicated',
        },
      },
      {
        answers: {
          budget: 'confirmed',
          authority: 'indicated',
          need: 'indicated',
          timeframe: 'confirmed',
          trust: 'indicated',
        },
      },
    ];
    expect(leads.map((lead) => score(lead).total)).toEqual([80, 70]);
  });
});
