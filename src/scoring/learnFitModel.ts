import * as z from 'zod';
import { describe } from '../errors/describe.js';
import { parseOrThrow } from '../errors/fromZod.js';
import { PipelineError } from '../errors/PipelineError.js';
import type { AttributeValue } from '../journey/types.js';
import type { Condition } from '../pipeline/condition.js';
import { lookup } from '../pipeline/evaluateCondition.js';
import type { FitConfig, FitRule } from './types.js';

/**
 * A historical lead: its attributes and whether it converted.
 *
 * @example
 * ```ts
 * const sample: FitSample = { attributes: { source: 'Referral', origin: 'Landing Page' }, converted: true };
 * ```
 */
export interface FitSample {
  /** The attributes, as the fit rules will see them. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Whether it converted. */
  readonly converted: boolean;
}

/**
 * Options of {@link learnFitModel}.
 *
 * @example
 * ```ts
 * const options: LearnFitModelOptions = { fields: ['source', 'origin'], smoothing: 1, minCount: 10, maxPoints: 100 };
 * ```
 */
export interface LearnFitModelOptions {
  /** The attributes to learn from (dotted paths work, as in conditions). */
  readonly fields: readonly string[];
  /** Laplace pseudo-count added to every value in each outcome (default 1); positive. */
  readonly smoothing?: number;
  /** A value seen fewer times is pooled with the other rare and unseen values (default 10). */
  readonly minCount?: number;
  /** Cold start: fewer samples than this throw `insufficient_data` (default 50). */
  readonly minSamples?: number;
  /** Cold start: fewer converted (or unconverted) samples than this throw `insufficient_data` (default 10). */
  readonly minPerClass?: number;
  /** The points of the best possible lead (default 100); every field's worst value scores 0. */
  readonly maxPoints?: number;
}

/**
 * What was learned about one value of a field.
 *
 * @example
 * ```ts
 * const value: LearnedValue = { value: 'Referral', count: 120, converted: 90, logOdds: 1.61, points: 21.4 };
 * ```
 */
export interface LearnedValue {
  /** The value; `null` for missing; `'(other)'` entries pool the rare and unseen values. */
  readonly value: AttributeValue;
  /** Samples with it. */
  readonly count: number;
  /** Of those, converted. */
  readonly converted: number;
  /** The smoothed log-likelihood ratio ln(P(value | converted) ÷ P(value | not)); 0 for a pool too small to tell. */
  readonly logOdds: number;
  /** Its points in the learned fit component. */
  readonly points: number;
}

/**
 * The result of {@link learnFitModel}: an ordinary `fit` component plus what it was learned from.
 *
 * @example
 * ```ts
 * const model = defineScoringModel({ fit: learned.fit, threshold: 50 });
 * ```
 */
export interface LearnedFitModel {
  /** The fit component: one editable rule per value that earns points. */
  readonly fit: FitConfig;
  /** Samples learned from. */
  readonly samples: number;
  /** Of those, converted. */
  readonly converted: number;
  /** `converted ÷ samples`. */
  readonly baseRate: number;
  /**
   * The naive-Bayes log-odds of conversion of a lead with 0 fit points; a lead with `points` has
   * log-odds `intercept + points ÷ pointsPerLogOdds` (before rounding; naive Bayes overstates
   * certainty when fields are correlated, so calibrate with {@link calibrateThreshold}).
   */
  readonly intercept: number;
  /** Points per unit of log-odds (natural log). */
  readonly pointsPerLogOdds: number;
  /** Per field, every kept value's counts, log-odds and points, then the pool as `'(other)'` (rare and unseen values, listed in `pooled`). */
  readonly fields: readonly {
    /** The field. */
    readonly field: string;
    /** Its kept values, most frequent first, then the pool. */
    readonly values: readonly LearnedValue[];
    /** The rare values pooled into `(other)`. */
    readonly pooled: readonly AttributeValue[];
  }[];
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  fields: z
    .array(z.string().trim().min(1, 'Expected a non-empty field name'))
    .min(1, 'Expected at least one field')
    .refine((fields) => new Set(fields).size === fields.length, 'Expected distinct fields'),
  smoothing: z.number().finite().positive().exactOptional(),
  minCount: z.number().int().min(1).exactOptional(),
  minSamples: z.number().int().min(2).exactOptional(),
  minPerClass: z.number().int().min(1).exactOptional(),
  maxPoints: z.number().finite().positive().exactOptional(),
});

const OTHER = '(other)';

interface Bucket {
  value: AttributeValue;
  count: number;
  converted: number;
}

/**
 * Learns fit points from historical leads with outcomes, naive-Bayes style (as Odoo's predictive
 * lead scoring does): for every value `v` of every field, the smoothed log-likelihood ratio
 *
 *     w(v) = ln( (c₁(v) + α) ÷ (C₁ + αK) ) − ln( (c₀(v) + α) ÷ (C₀ + αK) )
 *
 * where c₁, c₀ count converted and unconverted samples with `v`, C₁, C₀ all of them, K the
 * field's buckets and α the `smoothing`. Points are `w` shifted so every field's worst value
 * earns 0 and scaled so the best possible lead earns `maxPoints`; each becomes an ordinary fit
 * rule (`source = "Referral"`, `source is missing`, `source notIn [...]` for the rest) you can
 * read, edit and explain. Missing (`undefined` / `null`) is a value of its own.
 *
 * Cold start, explicitly: with fewer than `minSamples` samples, or fewer than `minPerClass`
 * converted or unconverted ones, it throws `insufficient_data` (start from a hand-written model
 * such as `scoringPresets.bantt` instead). Values seen fewer than `minCount` times are pooled
 * into one `(other)` bucket, which also takes values never seen; a pool still smaller than
 * `minCount` gets log-odds 0 (no evidence either way). With smoothing, no count ever yields a
 * certainty (log-odds are always finite).
 *
 * @param samples - historical leads: `{ attributes, converted }`
 * @param options - the fields, and the smoothing, pooling, cold-start and scale settings
 * @returns the `fit` component with the statistics behind every rule
 * @throws {@link PipelineError} `insufficient_data` (cold start, path `[]`); `invalid_samples`
 *   (path `[i, 'attributes']` or `[i, 'converted']`); `invalid_options` (path of the option)
 *
 * @example
 * ```ts
 * const history = Array.from({ length: 100 }, (_, i) => ({
 *   attributes: { source: i % 2 === 0 ? 'Referral' : 'Ads' },
 *   converted: i % 2 === 0 ? i % 4 === 0 : i % 10 === 1,
 * }));
 * const learned = learnFitModel(history, { fields: ['source'] });
 * learned.fit.rules.map((rule) => [rule.id, rule.points]);
 * //=> [['source="Referral"', 100], ['source other', 55.77]] (Ads earns 0; an unseen source the neutral 55.77)
 * ```
 */
export function learnFitModel(
  samples: readonly FitSample[],
  options: LearnFitModelOptions,
): LearnedFitModel {
  const where = 'learnFitModel';
  const {
    fields,
    smoothing = 1,
    minCount = 10,
    minSamples = 50,
    minPerClass = 10,
    maxPoints = 100,
  } = parseOrThrow(optionsSchema, options, 'invalid_options', where);
  checkSamples(samples, where);
  const total = samples.length;
  const converted = samples.filter((sample) => sample.converted).length;
  const unconverted = total - converted;
  if (total < minSamples || converted < minPerClass || unconverted < minPerClass) {
    throw new PipelineError(
      'insufficient_data',
      [
        {
          code: 'insufficient_data',
          path: [],
          message: `Too little history to learn from: ${total} samples (${converted} converted, ${unconverted} not); need at least ${minSamples} samples and ${minPerClass} of each outcome`,
        },
      ],
      { where },
    );
  }
  const learned = fields.map((field) => {
    const { kept, pool, pooled } = bucketsOf(samples, field, minCount, where);
    // The pool is always listed: it is also where values never seen will land.
    const buckets = [...kept, pool];
    // K counts the pool even when empty: unseen values will land there.
    const k = kept.length + 1;
    const logOdds = (bucket: Bucket): number => {
      if (bucket === pool && bucket.count < minCount) return 0;
      const p1 = (bucket.converted + smoothing) / (converted + smoothing * k);
      const p0 = (bucket.count - bucket.converted + smoothing) / (unconverted + smoothing * k);
      return Math.log(p1 / p0);
    };
    const weights = [...kept.map(logOdds), logOdds(pool)];
    return {
      field,
      buckets,
      kept,
      pool,
      pooled,
      weights,
      low: Math.min(...weights),
      high: Math.max(...weights),
    };
  });
  const range = learned.reduce((sum, field) => sum + (field.high - field.low), 0);
  const scale = range > 0 ? maxPoints / range : 0;
  const round2 = (value: number) => Math.round(value * 100) / 100 + 0;
  const rules: FitRule[] = [];
  const fieldsOut = learned.map(({ field, buckets, kept, pool, pooled, weights, low }) => {
    const values = buckets.map((bucket): LearnedValue => {
      const index = bucket === pool ? kept.length : kept.indexOf(bucket);
      const logOdds = weights[index] as number;
      return {
        value: bucket.value,
        count: bucket.count,
        converted: bucket.converted,
        logOdds,
        points: round2((logOdds - low) * scale),
      };
    });
    // The pool's rule also covers values never seen, so it is written even when the pool is empty.
    const poolPoints = round2(((weights[kept.length] as number) - low) * scale);
    kept.forEach((bucket, index) => {
      const points = (values[index] as LearnedValue).points;
      if (points !== 0)
        rules.push({
          id: ruleId(field, bucket.value),
          when: valueCondition(field, bucket.value),
          points,
        });
    });
    if (poolPoints !== 0) {
      rules.push({
        id: `${field} other`,
        when: otherCondition(
          field,
          kept.map((bucket) => bucket.value),
        ),
        points: poolPoints,
      });
    }
    return { field, values, pooled };
  });
  return {
    fit: { rules },
    samples: total,
    converted,
    baseRate: converted / total,
    intercept:
      Math.log(converted / unconverted) + learned.reduce((sum, field) => sum + field.low, 0),
    pointsPerLogOdds: scale,
    fields: fieldsOut,
  };
}

function checkSamples(samples: readonly FitSample[], where: string): void {
  const invalid = (path: (string | number)[], message: string) =>
    new PipelineError('invalid_samples', [{ code: 'invalid_type', path, message }], { where });
  if (!Array.isArray(samples))
    throw invalid([], `Expected a list of samples, received ${describe(samples)}`);
  samples.forEach((sample: unknown, index) => {
    if (typeof sample !== 'object' || sample === null) {
      throw invalid([index], `Expected { attributes, converted }, received ${describe(sample)}`);
    }
    const { attributes, converted } = sample as Record<string, unknown>;
    if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
      throw invalid(
        [index, 'attributes'],
        `Expected an attributes object, received ${describe(attributes)}`,
      );
    }
    if (typeof converted !== 'boolean') {
      throw invalid(
        [index, 'converted'],
        `Expected true or false, received ${describe(converted)}`,
      );
    }
  });
}

/** A value as the buckets key it: missing and null are one value; anything else must be a primitive. */
function fieldValue(
  sample: FitSample,
  index: number,
  field: string,
  where: string,
): AttributeValue {
  const value = lookup(sample.attributes, field);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new PipelineError(
    'invalid_samples',
    [
      {
        code: 'invalid_type',
        path: [index, 'attributes', field],
        message: `Expected a string, finite number, boolean or null, received ${typeof value === 'number' ? value : describe(value)}`,
      },
    ],
    { where },
  );
}

function bucketsOf(
  samples: readonly FitSample[],
  field: string,
  minCount: number,
  where: string,
): { kept: Bucket[]; pool: Bucket; pooled: AttributeValue[] } {
  const byValue = new Map<AttributeValue, Bucket>();
  for (const [index, sample] of samples.entries()) {
    const value = fieldValue(sample, index, field, where);
    let bucket = byValue.get(value);
    if (!bucket) {
      bucket = { value, count: 0, converted: 0 };
      byValue.set(value, bucket);
    }
    bucket.count += 1;
    if (sample.converted) bucket.converted += 1;
  }
  const kept: Bucket[] = [];
  const pool: Bucket = { value: OTHER, count: 0, converted: 0 };
  const pooled: AttributeValue[] = [];
  for (const bucket of byValue.values()) {
    if (bucket.count >= minCount) kept.push(bucket);
    else {
      pool.count += bucket.count;
      pool.converted += bucket.converted;
      pooled.push(bucket.value);
    }
  }
  kept.sort((a, b) => b.count - a.count);
  return { kept, pool, pooled };
}

function ruleId(field: string, value: AttributeValue): string {
  return value === null ? `${field} missing` : `${field}=${JSON.stringify(value)}`;
}

function valueCondition(field: string, value: AttributeValue): Condition {
  return value === null ? { field, op: 'exists', value: false } : { field, op: '=', value };
}

/** Every value but the kept ones (missing included unless missing is kept). */
function otherCondition(field: string, kept: readonly AttributeValue[]): Condition {
  const values = kept.filter((value) => value !== null);
  const notKept: Condition = { field, op: 'notIn', value: values };
  return kept.includes(null) ? { all: [notKept, { field, op: 'exists' }] } : notKept;
}
