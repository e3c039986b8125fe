import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  type BehaviourRule,
  createScorer,
  defineScoringModel,
  type LeadScore,
  type ScoringLead,
  type ScoringModel,
  type ScoringModelConfig,
  scoreLead,
} from '../../src/index.js';

const DAY = 86_400_000;
const ASOF = Date.UTC(2026, 2, 31);
const LEVELS = { confirmed: 1, indicated: 0.5, unknown: 0 } as const;
const LEVEL_NAMES = Object.keys(LEVELS) as (keyof typeof LEVELS)[];
const NAMES = ['visit', 'demo', 'webinar', 'other'] as const;

const points = fc.oneof(
  fc.integer({ min: -30, max: 40 }),
  fc.double({ min: -30, max: 40, noNaN: true }),
);
const positive = fc.oneof(
  fc.integer({ min: 1, max: 40 }),
  fc.double({ min: 0.01, max: 40, noNaN: true }),
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const decay = maybe(
  fc.oneof(
    fc.record({ halfLifeDays: fc.double({ min: 0.5, max: 120, noNaN: true }) }),
    fc.record({
      percent: fc.integer({ min: 1, max: 100 }),
      everyDays: fc.integer({ min: 1, max: 60 }),
    }),
  ),
);

const behaviourRule = (pointsOf: fc.Arbitrary<number>) =>
  fc.record(
    {
      event: fc.constantFrom(...NAMES.slice(0, 3)),
      points: pointsOf,
      repeatable: fc.boolean(),
      cap: positive,
      withinDays: fc.integer({ min: 1, max: 150 }),
    },
    { requiredKeys: ['event', 'points'] },
  );

/** Random valid model configs; `positiveOnly` keeps behaviour points above 0. */
function modelConfig(positiveOnly: boolean): fc.Arbitrary<ScoringModelConfig> {
  return fc
    .record(
      {
        bantt: fc.record(
          {
            dimensions: fc.array(positive, { minLength: 1, maxLength: 5 }),
            cap: positive,
          },
          { requiredKeys: ['dimensions'] },
        ),
        fit: fc.record(
          {
            rules: fc.array(fc.record({ min: fc.integer({ min: 0, max: 10 }), points }), {
              maxLength: 5,
            }),
            cap: positive,
          },
          { requiredKeys: ['rules'] },
        ),
        behaviour: fc.record(
          {
            rules: fc.array(behaviourRule(positiveOnly ? positive : points), {
              minLength: 1,
              maxLength: 5,
            }),
            decay,
            cap: positive,
          },
          { requiredKeys: ['rules'] },
        ),
        weights: fc.record(
          { bantt: positive, fit: positive, behaviour: positive },
          { requiredKeys: [] },
        ),
        min: fc.integer({ min: -60, max: 0 }),
        span: fc.integer({ min: 1, max: 300 }),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
      },
      { requiredKeys: ['behaviour', 'min', 'span', 'at'] },
    )
    .map(({ bantt, fit, behaviour, weights, min, span, at }) => {
      const max = min + span;
      const config: Record<string, unknown> = { min, max, threshold: min + at * span };
      if (bantt) {
        config['bantt'] = {
          dimensions: bantt.dimensions.map((dimensionPoints, index) => ({
            id: `d${index}`,
            points: dimensionPoints,
          })),
          ...(bantt.cap === undefined ? {} : { cap: bantt.cap }),
        };
      }
      if (fit) {
        config['fit'] = {
          rules: fit.rules.map((rule, index) => ({
            id: `f${index}`,
            when: { field: 'x', op: '>=', value: rule.min },
            points: rule.points,
          })),
          ...(fit.cap === undefined ? {} : { cap: fit.cap }),
        };
      }
      config['behaviour'] = {
        rules: behaviour.rules.map((rule, index): BehaviourRule => ({ id: `b${index}`, ...rule })),
        ...(behaviour.decay === undefined ? {} : { decay: behaviour.decay }),
        ...(behaviour.cap === undefined ? {} : { cap: behaviour.cap }),
      };
      if (weights) config['weights'] = weights;
      return config as unknown as ScoringModelConfig;
    });
}

const event = fc.record({
  name: fc.constantFrom(...NAMES),
  ageDays: fc.double({ min: -10, max: 200, noNaN: true }), // negative: after asOf
});

const toEvent = ({ name, ageDays }: { name: string; ageDays: number }) => ({
  type: 'behaviour' as const,
  name,
  at: Math.round(ASOF - ageDays * DAY),
});

const lead = fc.record({
  answers: fc.array(fc.option(fc.constantFrom(...LEVEL_NAMES), { nil: undefined }), {
    minLength: 5,
    maxLength: 5,
  }),
  x: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  events: fc.array(event, { maxLength: 10 }),
});

type LeadShape = {
  answers: (string | undefined)[];
  x: number | undefined;
  events: { name: string; ageDays: number }[];
};

function toLead(model: ScoringModel, shape: LeadShape): ScoringLead {
  const answers: Record<string, string> = {};
  (model.bantt?.dimensions ?? []).forEach((dimension, index) => {
    const answer = shape.answers[index];
    if (answer !== undefined) answers[dimension.id] = answer;
  });
  return {
    answers,
    attributes: shape.x === undefined ? {} : { x: shape.x },
    events: shape.events.map(toEvent),
  };
}

const cents = (value: number) => Math.round(value * 100);
const reasonCents = (score: LeadScore) =>
  score.reasons.reduce((sum, reason) => sum + cents(reason.points), 0);

describe('scoreLead properties', () => {
  test.prop([modelConfig(false), lead])(
    'the total lies in [min, max], the reasons sum to it, caps hold, reasons are sorted',
    (config, shape) => {
      const model = defineScoringModel(config);
      const score = scoreLead(model, toLead(model, shape), { asOf: ASOF });
      expect(score.total).toBeGreaterThanOrEqual(model.min);
      expect(score.total).toBeLessThanOrEqual(model.max);
      expect(reasonCents(score)).toBe(cents(score.total));
      expect(Number.isFinite(score.total)).toBe(true);
      for (const component of ['bantt', 'fit', 'behaviour'] as const) {
        const part = score.components[component];
        const cap = model[component]?.cap;
        if (part && cap !== undefined) {
          expect(part.points).toBeLessThanOrEqual(cap * model.weights[component] + 1e-9);
        }
        const own = score.reasons.filter((reason) => reason.component === component);
        // The max is exact; the points are a sum of contributions each rounded to the cent.
        if (part && part.max !== null) {
          expect(part.points).toBeLessThanOrEqual(part.max + 0.005 * own.length + 1e-9);
        }
        // A component's points are the sum of its own reasons.
        if (part)
          expect(own.reduce((sum, reason) => sum + cents(reason.points), 0)).toBe(
            cents(part.points),
          );
      }
      for (const rule of model.behaviour?.rules ?? []) {
        if (rule.cap === undefined) continue;
        const net = score.reasons
          .filter((reason) => reason.component === 'behaviour' && reason.rule === rule.id)
          .reduce((sum, reason) => sum + cents(reason.points), 0);
        expect(Math.abs(net)).toBeLessThanOrEqual(cents(rule.cap * model.weights.behaviour) + 1);
      }
      const sizes = score.reasons.map((reason) => Math.abs(reason.points));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      expect(score.qualified).toBe(score.total >= model.threshold);
    },
  );

  test.prop([modelConfig(false), lead, fc.nat(4), fc.nat(2)])(
    'a better answer on any dimension never lowers the score',
    (config, shape, dimension, better) => {
      const model = defineScoringModel(config);
      const index = dimension % Math.max(1, model.bantt?.dimensions.length ?? 1);
      const current = shape.answers[index];
      const currentFraction = current === undefined ? 0 : LEVELS[current as keyof typeof LEVELS];
      const improved = LEVEL_NAMES[better] as keyof typeof LEVELS;
      fc.pre(LEVELS[improved] >= currentFraction);
      const answers = [...shape.answers];
      answers[index] = improved;
      const before = scoreLead(model, toLead(model, shape), { asOf: ASOF }).total;
      const after = scoreLead(model, toLead(model, { ...shape, answers }), { asOf: ASOF }).total;
      expect(after).toBeGreaterThanOrEqual(before);
    },
  );

  test.prop([modelConfig(true), lead, event, fc.double({ min: 0, max: 100, noNaN: true })])(
    'an older identical event never weighs more than a newer one (positive points)',
    (config, shape, extra, olderBy) => {
      const model = defineScoringModel(config);
      const newer = { ...extra, ageDays: Math.max(0, extra.ageDays) };
      const older = { ...newer, ageDays: newer.ageDays + olderBy };
      const withNewer = scoreLead(
        model,
        toLead(model, { ...shape, events: [...shape.events, newer] }),
        { asOf: ASOF },
      );
      const withOlder = scoreLead(
        model,
        toLead(model, { ...shape, events: [...shape.events, older] }),
        { asOf: ASOF },
      );
      expect(withOlder.total).toBeLessThanOrEqual(withNewer.total);
      expect(withOlder.components.behaviour?.points ?? 0).toBeLessThanOrEqual(
        withNewer.components.behaviour?.points ?? 0,
      );
    },
  );

  test.prop([modelConfig(true), lead, fc.double({ min: 0, max: 400, noNaN: true })])(
    'moving asOf forward without new events never raises a positive-only behaviour score',
    (config, shape, laterBy) => {
      const model = defineScoringModel(config);
      const past = {
        ...shape,
        events: shape.events.map((e) => ({ ...e, ageDays: Math.abs(e.ageDays) })),
      };
      const candidate = toLead(model, past);
      const now = scoreLead(model, candidate, { asOf: ASOF });
      const later = scoreLead(model, candidate, { asOf: ASOF + Math.round(laterBy * DAY) });
      expect(later.components.behaviour?.points ?? 0).toBeLessThanOrEqual(
        now.components.behaviour?.points ?? 0,
      );
      expect(later.total).toBeLessThanOrEqual(now.total);
    },
  );

  test.prop([modelConfig(false), fc.array(lead, { maxLength: 6 })])(
    'a scorer reused across leads gives what scoreLead gives for each, in any order',
    (config, shapes) => {
      const model = defineScoringModel(config);
      const scorer = createScorer(model, { asOf: ASOF });
      const leads = shapes.map((shape) => toLead(model, shape));
      const batch = leads.map(scorer);
      expect(batch).toEqual(leads.map((one) => scoreLead(model, one, { asOf: ASOF })));
      expect([...leads].reverse().map(scorer)).toEqual([...batch].reverse());
    },
  );
});
