import type { IssuePath } from '../errors/PipelineError.js';
import type { ConversionResult, ConversionRow } from '../metrics/conversion.js';
import type { Pipeline } from '../pipeline/types.js';
import { fail, shown } from '../stats/validate.js';
import { type Fraction, fractionOf, ratioFraction } from './fraction.js';

/**
 * Evidence for a rate: `successes` of `trials` advanced (e.g. 21 of 70 prospects won). The plan
 * uses `successes ÷ trials`; with `confidence` it also accounts for how uncertain that rate is.
 *
 * @example
 * ```ts
 * const winRate: RateEvidence = { successes: 21, trials: 70 };
 * ```
 */
export interface RateEvidence {
  /** How many advanced, an integer ≥ 1 and ≤ trials. */
  readonly successes: number;
  /** How many tried, an integer ≥ 1. */
  readonly trials: number;
}

/**
 * The conversion from one stage to the next: a number in (0, 1], evidence
 * `{ successes, trials }`, or a row of a {@link conversion} result (cohort mode: `advanced` of
 * `reached` is the evidence; flow mode: its `rate` is taken as a known number).
 *
 * @example
 * ```ts
 * const rates: RateInput[] = [0.3, { successes: 21, trials: 70 }, conversion(pipeline, journeys).stages[4]];
 * ```
 */
export type RateInput = number | RateEvidence | ConversionRow;

/**
 * The rates of a plan: per stage id, the conversion from that stage to the next; or a whole
 * {@link conversion} result (every stage with a rate is used).
 *
 * @example
 * ```ts
 * const rates: RatesInput = { qualified_lead: 0.5, prospect: { successes: 21, trials: 70 } };
 * const measured: RatesInput = conversion(presets.buyingPipeline, journeys);
 * ```
 */
export type RatesInput = Readonly<Record<string, RateInput>> | ConversionResult;

/**
 * Where a plan's rate came from: a number, `{ successes, trials }`, or conversion() counts.
 *
 * @example
 * ```ts
 * const source: RateSource = 'conversion';
 * ```
 */
export type RateSource = 'number' | 'evidence' | 'conversion';

/** A rate after validation. */
export interface ResolvedRate {
  /** The point estimate, exactly. */
  readonly point: Fraction;
  /** The point estimate as a double. */
  readonly value: number;
  /** The counts behind it, null for a known number (or a flow-mode conversion row). */
  readonly evidence: RateEvidence | null;
  readonly source: RateSource;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `rates` is a whole conversion() result rather than a record of stage ids. */
export function isConversionResult(value: unknown): value is ConversionResult {
  return isObject(value) && Array.isArray(value['stages']) && typeof value['mode'] === 'string';
}

function isConversionRow(value: Record<string, unknown>): boolean {
  return 'reached' in value && 'advanced' in value && 'stage' in value;
}

function numberRate(value: number, where: string, path: IssuePath, what: string): ResolvedRate {
  if (!Number.isFinite(value) || !(value > 0 && value <= 1)) {
    fail(
      where,
      !Number.isFinite(value) ? 'invalid_type' : value <= 0 ? 'too_small' : 'too_big',
      path,
      `Expected ${what} above 0 and at most 1, received ${value}`,
    );
  }
  const point = fractionOf(value);
  return { point, value, evidence: null, source: 'number' };
}

function evidenceRate(
  successes: unknown,
  trials: unknown,
  where: string,
  path: IssuePath,
  names: readonly [string, string],
  source: RateSource,
  what: string,
): ResolvedRate {
  for (const [value, name] of [
    [successes, names[0]],
    [trials, names[1]],
  ] as const) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      fail(
        where,
        'invalid_type',
        [...path, name],
        `Expected ${name} to be a non-negative integer, received ${shown(value)}`,
      );
    }
  }
  const s = successes as number;
  const n = trials as number;
  if (n === 0 || s === 0) {
    fail(
      where,
      'too_small',
      path,
      `Expected ${what} above 0, received ${s} of ${n}: no plan can reach the goal through it`,
    );
  }
  if (s > n) {
    fail(
      where,
      'too_big',
      [...path, names[0]],
      `Expected ${names[0]} to be at most ${names[1]} (${n}), received ${s}`,
    );
  }
  return {
    point: ratioFraction(s, n),
    value: s / n,
    evidence: { successes: s, trials: n },
    source,
  };
}

/** Reads one rate, or null when a conversion row has none (nobody reached the stage). */
function readRate(
  value: unknown,
  stage: string,
  where: string,
  path: IssuePath,
): ResolvedRate | null {
  const what = `the rate of stage "${stage}"`;
  if (typeof value === 'number') return numberRate(value, where, path, what);
  if (!isObject(value)) {
    fail(
      where,
      'invalid_type',
      path,
      `Expected ${what} as a number, { successes, trials } or a conversion() row, received ${shown(value)}`,
    );
  }
  if (isConversionRow(value)) {
    if (value['stage'] !== stage) {
      fail(
        where,
        'stage_mismatch',
        [...path, 'stage'],
        `Expected the conversion row of stage "${stage}", received the row of ${shown(value['stage'])}`,
      );
    }
    if (value['exited'] === null) {
      // A flow-mode row: a ratio of entries, not a proportion of people; taken as a known number.
      const rate = value['rate'];
      if (rate === null) return null;
      return {
        ...numberRate(rate as number, where, [...path, 'rate'], what),
        source: 'conversion',
      };
    }
    if (value['reached'] === 0) return null;
    return evidenceRate(
      value['advanced'],
      value['reached'],
      where,
      path,
      ['advanced', 'reached'],
      'conversion',
      what,
    );
  }
  for (const key of Object.keys(value)) {
    if (key !== 'successes' && key !== 'trials') {
      fail(where, 'unrecognized_keys', [...path, key], `Unknown key "${key}"`);
    }
  }
  return evidenceRate(
    value['successes'],
    value['trials'],
    where,
    path,
    ['successes', 'trials'],
    'evidence',
    what,
  );
}

/** The rates per stage index (null: no rate) and the path to report each stage's rate at. */
export interface ReadRates {
  readonly rates: readonly (ResolvedRate | null)[];
  readonly paths: readonly IssuePath[];
}

/**
 * Reads the rates of every stage; unknown stage ids and a rate on the last stage (which has no
 * next stage) are errors.
 */
export function readRates(pipeline: Pipeline, input: unknown, where: string): ReadRates {
  const stages = pipeline.stages;
  const last = stages.length - 1;
  const rates: (ResolvedRate | null)[] = stages.map(() => null);
  const paths: IssuePath[] = stages.map((stage) => ['rates', stage.id]);
  if (isConversionResult(input)) {
    const rows = input.stages;
    rows.forEach((row, index) => {
      const position = stages.findIndex((stage) => stage.id === row.stage);
      const path = ['rates', 'stages', index];
      if (position < 0) {
        fail(
          where,
          'unknown_stage',
          [...path, 'stage'],
          `Unknown stage ${shown(row.stage)}: the conversion result is not of this pipeline`,
        );
      }
      paths[position] = path;
      if (position < last) rates[position] = readRate(row, row.stage, where, path);
    });
    return { rates, paths };
  }
  if (!isObject(input)) {
    fail(
      where,
      'invalid_type',
      ['rates'],
      `Expected rates as an object of stage ids or a conversion() result, received ${shown(input)}`,
    );
  }
  for (const [stage, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const position = stages.findIndex((candidate) => candidate.id === stage);
    const path = ['rates', stage];
    if (position < 0) fail(where, 'unknown_stage', path, `Unknown stage "${stage}"`);
    if (position === last) {
      fail(
        where,
        'last_stage',
        path,
        `The last stage "${stage}" has no next stage to convert to: give rates up to the stage before it`,
      );
    }
    const rate = readRate(value, stage, where, path);
    if (rate === null) {
      fail(where, 'missing_rate', path, `The conversion row of stage "${stage}" has no rate`);
    }
    rates[position] = rate;
  }
  return { rates, paths };
}

/**
 * The first stage with a rate; every stage from there to the one before the last must have one
 * (the plan runs to the won stage).
 */
export function plannedFrom(pipeline: Pipeline, read: ReadRates, where: string): number {
  const last = pipeline.stages.length - 1;
  const first = read.rates.findIndex((rate) => rate !== null);
  if (first < 0 || first >= last) {
    fail(where, 'missing_rate', ['rates'], 'Expected a rate for at least one stage');
  }
  for (let index = first; index < last; index += 1) {
    if (read.rates[index] === null) {
      const stage = pipeline.stages[index]?.id as string;
      fail(
        where,
        'missing_rate',
        read.paths[index] as IssuePath,
        `Stage "${stage}" has no rate, but it lies between "${pipeline.stages[first]?.id}" and the last stage "${pipeline.stages[last]?.id}"`,
      );
    }
  }
  return first;
}
