import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  type Condition,
  createScorer,
  defineScoringModel,
  type ScoringLead,
  type ScoringModel,
  type ScoringModelConfig,
  scoreLead,
} from '../../src/index.js';
import { compileModel } from '../../src/scoring/compileModel.js';
import { generatedScorer } from '../../src/scoring/generateScorer.js';
import { createScorer as referenceScorer } from './reference/createScorer.js';

// createScorer is tuned for speed (specialised conditions, reused scratch space, memoised
// sentences, a keyed sort). Its results must stay exactly those of the plain scorer it replaced,
// kept in ./reference as the oracle: the same totals, reasons in the same order, the same
// rounding, and the same errors, on random models and random leads, one lead after another.

const DAY = 86_400_000;
const ASOF = Date.UTC(2026, 2, 31);
const NAMES = ['visit', 'demo', 'webinar', 'other'] as const;
const LEVELS = ['confirmed', 'indicated', 'unknown', 'champion'] as const;

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const points = fc.oneof(
  fc.integer({ min: -30, max: 40 }),
  fc.double({ min: -30, max: 40, noNaN: true }),
);
const positive = fc.oneof(
  fc.integer({ min: 1, max: 40 }),
  fc.double({ min: 0.01, max: 40, noNaN: true }),
);

const fieldCondition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    field: fc.constantFrom('employees', 'title', 'country', 'company.size'),
    op: fc.constantFrom('=', '!=', '<', '<=', '>', '>=' as const),
    value: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.constantFrom('DE', 'VP', '500', 500)),
  }),
  fc.record({
    field: fc.constantFrom('title', 'tags'),
    op: fc.constant('contains' as const),
    value: fc.constantFrom('VP', 'Director', 'x'),
  }),
  fc.record({
    field: fc.constantFrom('country', 'employees'),
    op: fc.constantFrom('in', 'notIn' as const),
    value: fc.array(fc.constantFrom('DE', 'FR', 50, '50', true), { maxLength: 3 }),
  }),
  fc.record({
    // `constructor`: a name every plain object inherits, never the lead's own fact.
    field: fc.constantFrom('country', 'title', 'constructor'),
    op: fc.constant('exists' as const),
    value: fc.boolean(),
  }),
);
const condition: fc.Arbitrary<Condition> = fc.oneof(
  { arbitrary: fieldCondition, weight: 4 },
  fc.record({ all: fc.array(fieldCondition, { maxLength: 2 }) }),
  fc.record({ any: fc.array(fieldCondition, { maxLength: 2 }) }),
  fc.record({ not: fieldCondition }),
);

const eventCondition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ field: fc.constant('name'), op: fc.constant('='), value: fc.constantFrom(...NAMES) }),
  fc.record({ field: fc.constant('value'), op: fc.constant('>='), value: fc.integer({ max: 9 }) }),
);

const config: fc.Arbitrary<ScoringModelConfig> = fc
  .record(
    {
      bantt: maybe(
        fc.record(
          {
            dimensions: fc.array(
              fc.record({
                points: positive,
                levels: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
                  minLength: 1,
                  maxLength: LEVELS.length,
                }),
              }),
              { minLength: 1, maxLength: 5 },
            ),
            cap: maybe(positive),
          },
          { requiredKeys: ['dimensions'] },
        ),
      ),
      fit: maybe(
        fc.record({
          rules: fc.array(fc.record({ when: condition, points }), { maxLength: 6 }),
          cap: maybe(positive),
        }),
      ),
      behaviour: maybe(
        fc.record({
          rules: fc.array(
            fc.record(
              {
                event: fc.oneof(fc.constantFrom(...NAMES.slice(0, 3)), eventCondition),
                points,
                repeatable: fc.boolean(),
                cap: positive,
                withinDays: fc.integer({ min: 1, max: 150 }),
              },
              { requiredKeys: ['event', 'points'] },
            ),
            { maxLength: 5 },
          ),
          decay: maybe(
            fc.oneof(
              fc.record({ halfLifeDays: fc.double({ min: 0.5, max: 120, noNaN: true }) }),
              fc.record({
                percent: fc.integer({ min: 1, max: 100 }),
                everyDays: fc.integer({ min: 1, max: 60 }),
              }),
            ),
          ),
          cap: maybe(positive),
        }),
      ),
      weights: maybe(
        fc.record({ bantt: positive, fit: positive, behaviour: positive }, { requiredKeys: [] }),
      ),
      grades: fc.boolean(),
      min: fc.integer({ min: -60, max: 0 }),
      span: fc.integer({ min: 1, max: 300 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
    },
    { requiredKeys: ['min', 'span', 'at', 'grades'] },
  )
  .map(({ bantt, fit, behaviour, weights, grades, min, span, at }) => {
    const max = min + span;
    const model: Record<string, unknown> = { min, max, threshold: min + at * span };
    if (bantt) {
      model['bantt'] = {
        dimensions: bantt.dimensions.map((dimension, index) => ({
          id: `d${index}`,
          points: dimension.points,
          levels: Object.fromEntries(dimension.levels.map((share, at) => [LEVELS[at], share])),
        })),
        ...(bantt.cap === undefined ? {} : { cap: bantt.cap }),
      };
    }
    if (fit) {
      model['fit'] = {
        rules: fit.rules.map((rule, index) => ({ id: `f${index}`, ...rule })),
        ...(fit.cap === undefined ? {} : { cap: fit.cap }),
      };
    }
    if (behaviour) {
      model['behaviour'] = {
        rules: behaviour.rules.map((rule, index) => ({ id: `b${index}`, ...rule })),
        ...(behaviour.decay === undefined ? {} : { decay: behaviour.decay }),
        ...(behaviour.cap === undefined ? {} : { cap: behaviour.cap }),
      };
    }
    // A model needs a component: the BANTT preset's when none was drawn.
    if (!bantt && !fit && !behaviour) model['bantt'] = {};
    if (weights) model['weights'] = weights;
    if (grades) {
      model['grades'] = {
        fit: [
          { label: 'A', min: 10 },
          { label: 'B', min: 0 },
        ],
        engagement: [
          { label: '1', min: 5 },
          { label: '2', min: -100 },
        ],
      };
    }
    return model as unknown as ScoringModelConfig;
  });

/** Event times in each shape a lead may carry them, some of them unreadable. */
const time = fc.oneof(
  // Whole hours spread evenly over the range (fast-check's doubles crowd near zero, so they
  // would rarely reach a rule's window), and some doubles for the odd fractions.
  { arbitrary: fc.integer({ min: -240, max: 4800 }).map((hours) => hours / 24), weight: 6 },
  { arbitrary: fc.double({ min: -10, max: 200, noNaN: true }), weight: 2 },
  { arbitrary: fc.constant(Number.NaN), weight: 1 },
);
const event = fc.record({
  type: fc.constantFrom('behaviour', 'behaviour', 'behaviour', 'stage'),
  name: fc.oneof(
    { arbitrary: fc.constantFrom<unknown>(...NAMES), weight: 20 },
    { arbitrary: fc.constant<unknown>(7), weight: 1 },
  ),
  ageDays: time,
  as: fc.constantFrom('date', 'iso', 'number', 'day'),
  value: maybe(fc.integer({ min: 0, max: 10 })),
});

const lead = fc.record(
  {
    answers: fc.dictionary(
      fc.oneof(
        { arbitrary: fc.constantFrom('d0', 'd1', 'd2', 'd3', 'd4'), weight: 30 },
        fc.constant('budgte'),
      ),
      fc.oneof(
        { arbitrary: fc.constantFrom<unknown>(...LEVELS), weight: 30 },
        fc.constantFrom<unknown>('maybe', 3, null),
      ),
      { maxKeys: 5 },
    ),
    attributes: fc.record(
      {
        employees: fc.oneof(
          fc.integer({ min: 0, max: 3000 }),
          fc.constantFrom('500', 'many', 500, 1000),
        ),
        title: fc.constantFrom('VP Sales', 'Director IT', 'Engineer'),
        country: fc.constantFrom<unknown>('DE', 'FR', null),
        tags: fc.constantFrom<unknown>(['x', 'VP'], []),
        company: fc.record({ size: fc.integer({ min: 0, max: 2000 }) }),
      },
      { requiredKeys: [] },
    ),
    events: fc.array(event, { maxLength: 10 }),
    /** The attributes as a plain object, one without a prototype, or a class's instance. */
    form: fc.constantFrom('plain', 'plain', 'bare', 'instance'),
  },
  { requiredKeys: ['form'] },
);

type LeadShape = typeof lead extends fc.Arbitrary<infer T> ? T : never;

class Attributes {
  constructor(values: object) {
    Object.assign(this, values);
  }
}

function toLead(shape: LeadShape): ScoringLead {
  const { events, form, ...rest } = shape;
  if (rest.attributes !== undefined && form !== 'plain') {
    rest.attributes =
      form === 'bare'
        ? Object.assign(Object.create(null), rest.attributes)
        : new Attributes(rest.attributes);
  }
  if (events === undefined) return rest as ScoringLead;
  return {
    ...rest,
    events: events.map(({ ageDays, as, ...event }) => {
      const at = Math.round(ASOF - ageDays * DAY);
      const when = Number.isNaN(at)
        ? 'not a date'
        : as === 'date'
          ? new Date(at)
          : as === 'iso'
            ? new Date(at).toISOString()
            : as === 'day'
              ? new Date(at).toISOString().slice(0, 10)
              : at;
      return { ...event, at: when };
    }),
  } as ScoringLead;
}

/**
 * The same lead made valid for the model, so that it takes the generated scorer's path instead
 * of being handed to the interpreter: answers name the model's dimensions and their levels (or
 * are undefined), times are readable, names are texts.
 */
function validFor(model: ScoringModel, shape: LeadShape): LeadShape {
  const dimensions = model.bantt?.dimensions ?? [];
  const answers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(shape.answers ?? {})) {
    if (dimensions.length === 0) break;
    const dimension = dimensions[
      Number(key.slice(1)) % dimensions.length || 0
    ] as (typeof dimensions)[number];
    const levels = Object.keys(dimension.levels);
    answers[dimension.id] =
      typeof value === 'string' ? levels[value.length % levels.length] : undefined;
  }
  return {
    ...shape,
    ...(shape.answers === undefined ? {} : { answers }),
    ...(shape.events === undefined
      ? {}
      : {
          events: shape.events.map((event) => ({
            ...event,
            name: typeof event.name === 'string' ? event.name : 'other',
            ageDays: Number.isNaN(event.ageDays) ? 1 : event.ageDays,
          })),
        }),
  };
}

/** The score, or the error's code and issues when scoring throws. */
function outcome(score: () => unknown): unknown {
  try {
    return score();
  } catch (error) {
    const { code, issues } = error as { code?: unknown; issues?: unknown };
    return { threw: code, issues };
  }
}

describe('createScorer against the plain reference scorer', () => {
  test.prop([config, fc.array(lead, { maxLength: 8 })], { numRuns: 300 })(
    'gives exactly the same score (or error) for every lead of a batch',
    (modelConfig, shapes) => {
      const model = defineScoringModel(modelConfig);
      const fast = createScorer(model, { asOf: ASOF });
      const plain = referenceScorer(model, { asOf: ASOF });
      for (const shape of shapes) {
        const one = toLead(shape);
        const expected = outcome(() => plain(one));
        expect(outcome(() => fast(one))).toStrictEqual(expected);
        expect(outcome(() => scoreLead(model, one, { asOf: ASOF }))).toStrictEqual(expected);
        const interpreted = createScorer(model, { asOf: ASOF, generateCode: false });
        expect(outcome(() => interpreted(one))).toStrictEqual(expected);
      }
    },
  );

  // Leads that take the generated scorer's path from start to end (most random leads above
  // carry something the interpreter must report, and are handed to it). The key order of the
  // result is compared too: a JSON consumer sees it.
  test.prop([config, fc.array(lead, { maxLength: 8 })], { numRuns: 300 })(
    'gives exactly the same score for valid leads, keys in the same order',
    (modelConfig, shapes) => {
      const model = defineScoringModel(modelConfig);
      // Code was generated for the model (else this would compare the interpreter with itself).
      expect(generatedScorer(compileModel(model))).toBeTypeOf('function');
      const fast = createScorer(model, { asOf: ASOF });
      const plain = referenceScorer(model, { asOf: ASOF });
      for (const shape of shapes) {
        const one = toLead(validFor(model, shape));
        const expected = plain(one);
        const actual = fast(one);
        expect(actual).toStrictEqual(expected);
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      }
    },
  );
});
