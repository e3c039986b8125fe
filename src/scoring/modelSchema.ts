import * as z from 'zod';
import { conditionSchema } from '../pipeline/validateCondition.js';
import { banttMax, behaviourMax, fitMax } from './componentMax.js';
import type {
  AnswerLevels,
  BanttDimensionConfig,
  GradeBand,
  ScoreComponent,
  ScoringModel,
} from './types.js';

const text = z.string().trim().min(1, 'Expected a non-empty string');
const finite = z.number().finite();
const positive = z.number().finite().positive();

/** The seed's BANTT: five dimensions of 20 points (= 100). */
export const BANTT_DIMENSIONS = ['budget', 'authority', 'need', 'timeframe', 'trust'] as const;

/** The seed's answer levels. */
export const DEFAULT_LEVELS: AnswerLevels = { confirmed: 1, indicated: 0.5, unknown: 0 };

const levelsSchema = /* @__PURE__ */ z
  .record(text, z.number().finite().min(0).max(1))
  .refine((levels) => Object.keys(levels).length > 0, 'Expected at least one answer level');

const dimensionSchema = /* @__PURE__ */ z.strictObject({
  id: text,
  name: text.exactOptional(),
  points: positive,
  levels: levelsSchema.exactOptional(),
});

const banttSchema = /* @__PURE__ */ z.strictObject({
  dimensions: z.array(dimensionSchema).min(1, 'Expected at least one dimension').exactOptional(),
  levels: levelsSchema.exactOptional(),
  cap: positive.exactOptional(),
});

const fitSchema = /* @__PURE__ */ z.strictObject({
  rules: z.array(z.strictObject({ id: text, when: conditionSchema, points: finite })),
  cap: positive.exactOptional(),
});

// One object with every decay field, checked by hand: a zod union would report "no member
// matched" instead of pointing at the zero half-life.
const decaySchema = /* @__PURE__ */ z
  .strictObject({
    halfLifeDays: positive.exactOptional(),
    percent: z.number().finite().positive().max(100).exactOptional(),
    everyDays: positive.exactOptional(),
  })
  .superRefine((decay, context) => {
    const halfLife = decay.halfLifeDays !== undefined;
    const steps = decay.percent !== undefined || decay.everyDays !== undefined;
    if (halfLife === steps) {
      context.addIssue({
        code: 'custom',
        message: 'Expected either { halfLifeDays } or { percent, everyDays }',
        params: { code: 'invalid_decay' },
      });
    } else if (steps) {
      for (const key of ['percent', 'everyDays'] as const) {
        if (decay[key] === undefined) {
          context.addIssue({
            code: 'custom',
            path: [key],
            message: `A stepped decay needs "${key}"`,
            params: { code: 'invalid_decay' },
          });
        }
      }
    }
  });

const behaviourSchema = /* @__PURE__ */ z.strictObject({
  rules: z.array(
    z.strictObject({
      id: text,
      event: z.union([text, conditionSchema]),
      points: finite,
      repeatable: z.boolean().exactOptional(),
      cap: positive.exactOptional(),
      withinDays: positive.exactOptional(),
    }),
  ),
  decay: decaySchema.exactOptional(),
  cap: positive.exactOptional(),
});

const bandsSchema = /* @__PURE__ */ z
  .array(z.strictObject({ label: text, min: finite }))
  .min(1, 'Expected at least one grade band')
  .superRefine((bands: GradeBand[], context) => {
    bands.forEach((band, index) => {
      const previous = bands[index - 1];
      if (previous && band.min >= previous.min) {
        context.addIssue({
          code: 'custom',
          path: [index, 'min'],
          message: `Bands are listed best first: expected a min below ${previous.min}, received ${band.min}`,
          params: { code: 'unordered_bands' },
        });
      }
    });
  });

const weightsSchema = /* @__PURE__ */ z.strictObject({
  bantt: positive.exactOptional(),
  fit: positive.exactOptional(),
  behaviour: positive.exactOptional(),
});

function duplicateIds(
  items: readonly { id: string }[],
  path: (string | number)[],
  context: z.RefinementCtx,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, index);
    else {
      context.addIssue({
        code: 'custom',
        path: [...path, index, 'id'],
        message: `Duplicate id "${item.id}" (first used at index ${first})`,
        params: { code: 'duplicate_id' },
      });
    }
  });
}

const components: readonly ScoreComponent[] = ['bantt', 'fit', 'behaviour'];

/** The zod schema behind {@link defineScoringModel}: checks the config and fills in defaults. */
export const scoringModelSchema = /* @__PURE__ */ z
  .strictObject({
    id: text.exactOptional(),
    name: text.exactOptional(),
    bantt: banttSchema.exactOptional(),
    fit: fitSchema.exactOptional(),
    behaviour: behaviourSchema.exactOptional(),
    weights: weightsSchema.exactOptional(),
    min: finite.exactOptional(),
    max: finite.exactOptional(),
    threshold: finite,
    grades: z
      .strictObject({ fit: bandsSchema.exactOptional(), engagement: bandsSchema.exactOptional() })
      .exactOptional(),
  })
  .transform((config, context): ScoringModel => {
    const { bantt, weights = {}, min = 0, max, ...rest } = config;
    const model = {
      ...rest,
      weights: {
        bantt: weights.bantt ?? 1,
        fit: weights.fit ?? 1,
        behaviour: weights.behaviour ?? 1,
      },
      min,
      max: 0,
    } as { -readonly [Key in keyof ScoringModel]: ScoringModel[Key] };
    if (bantt) {
      const levels = bantt.levels ?? DEFAULT_LEVELS;
      const given: readonly BanttDimensionConfig[] =
        bantt.dimensions ?? BANTT_DIMENSIONS.map((id) => ({ id, points: 20 }));
      const dimensions = given.map((dimension) => ({
        id: dimension.id,
        name: dimension.name ?? dimension.id,
        points: dimension.points,
        levels: dimension.levels ?? levels,
      }));
      duplicateIds(dimensions, ['bantt', 'dimensions'], context);
      model.bantt = bantt.cap === undefined ? { dimensions } : { dimensions, cap: bantt.cap };
    }
    if (model.fit) duplicateIds(model.fit.rules, ['fit', 'rules'], context);
    if (model.behaviour) duplicateIds(model.behaviour.rules, ['behaviour', 'rules'], context);
    if (!model.bantt && !model.fit && !model.behaviour) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: 'Expected at least one component: bantt, fit or behaviour',
        params: { code: 'no_component' },
      });
      return z.NEVER;
    }
    const maxima: Record<ScoreComponent, number | null> = {
      bantt: model.bantt ? banttMax(model.bantt) : 0,
      fit: model.fit ? fitMax(model.fit) : 0,
      behaviour: model.behaviour ? behaviourMax(model.behaviour) : 0,
    };
    let sum: number | null = 0;
    for (const component of components) {
      const part = maxima[component];
      sum = sum === null || part === null ? null : sum + part * model.weights[component];
    }
    if (max === undefined && sum === null) {
      context.addIssue({
        code: 'custom',
        path: ['max'],
        message:
          'The behaviour component is unbounded (a repeatable rule without a cap): give the model a max, or a cap',
        params: { code: 'missing_max' },
      });
      return z.NEVER;
    }
    model.max = max ?? (sum as number);
    if (!(model.max > min)) {
      context.addIssue({
        code: 'custom',
        path: [max === undefined ? 'min' : 'max'],
        message: `Expected max above min, received min ${min} and max ${model.max}`,
        params: { code: 'invalid_range' },
      });
    } else if (model.threshold < min || model.threshold > model.max) {
      context.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `Expected a threshold inside [${min}, ${model.max}], received ${model.threshold}`,
        params: { code: 'out_of_range' },
      });
    }
    return model;
  });
