import { describe } from '../errors/describe.js';
import { type IssuePath, PipelineError } from '../errors/PipelineError.js';
import type { Facts } from '../pipeline/evaluateCondition.js';
import { MS_PER_DAY } from '../time/days.js';
import { timeOf } from '../time/fastTime.js';
import type { DateInput } from '../time/readDate.js';
import { readDate } from '../time/readDate.js';
import { fromCents, toCents } from './cents.js';
import { passes, readFields } from './compileCondition.js';
import {
  type CompiledBehaviourRule,
  type CompiledDimension,
  type CompiledLevel,
  type CompiledModel,
  compileModel,
  type NamedRules,
  type NameTable,
} from './compileModel.js';
import type { DecayFactor } from './decay.js';
import { generatedScorer } from './generateScorer.js';
import { applyCap, clampDetail, gradeOf, keep, type Scratch, sortByWeight } from './scoreSteps.js';
import type {
  ComponentScore,
  LeadScore,
  ScoreComponent,
  ScoreReason,
  ScoringLead,
  ScoringModel,
} from './types.js';

/**
 * Options of {@link createScorer} (and {@link scoreLead}).
 *
 * @example
 * ```ts
 * const options: CreateScorerOptions = { asOf: '2026-03-31' };
 * ```
 */
export interface CreateScorerOptions {
  /** The moment scored: behaviour events after it are ignored, ages and decay are measured to it. */
  readonly asOf: DateInput;
  /**
   * Whether {@link createScorer} may write a scorer for the model as JavaScript and compile it
   * with `new Function` (1.6–1.8× the leads per second on the bench model; the same results). Default `true`
   * where the runtime allows it: a page whose content-security policy forbids `'unsafe-eval'`,
   * Node run with `--disallow-code-generation-from-strings` and Cloudflare Workers get the
   * interpreter without asking. Set `false` to never try (a CSP page would otherwise log a
   * violation report once).
   */
  readonly generateCode?: boolean;
}

/**
 * A function that scores one lead; see {@link createScorer}.
 *
 * @example
 * ```ts
 * const score: LeadScorer = createScorer(scoringPresets.bantt, { asOf: '2026-03-31' });
 * score({ answers: { budget: 'confirmed' } }).total; //=> 20
 * ```
 */
export type LeadScorer = (lead: ScoringLead) => LeadScore;

const EMPTY: Facts = Object.freeze({});

/**
 * Compiles a scoring model for one `asOf` and returns a function that scores leads, for
 * batches: the model is validated once and, where the runtime allows it, written as JavaScript
 * for this model and compiled (each rule an inline test; see `generateCode`), so each lead costs
 * about a microsecond (`npm run bench:scoring-floor`). A lead the generated code does not take
 * (an unknown answer, an event without a readable time, an object with another prototype …) is
 * scored by the interpreter. Gives exactly what {@link scoreLead} gives.
 *
 * @param model - a model from {@link defineScoringModel} (a plain copy, e.g. read from JSON, is validated once)
 * @param options - `asOf`
 * @returns `(lead) => LeadScore`
 * @throws {@link PipelineError} `invalid_options` (path `['asOf']`) for an unreadable `asOf`;
 *   `invalid_scoring_model` for a model that is not valid. The scorer throws `invalid_lead` with
 *   the path inside the lead: an unknown dimension (`['answers', 'budgte']`), an unknown answer
 *   level (`['answers', 'budget']`), a behaviour event without a readable time
 *   (`['events', 3, 'at']`) or name.
 *
 * @example
 * ```ts
 * const score = createScorer(scoringPresets.bantt, { asOf: '2026-03-31' });
 * const leads = [
 *   { answers: { budget: 'confirmed', authority: 'confirmed', need: 'confirmed', timeframe: 'indicated', trust: 'indicated' } },
 *   { answers: { budget: 'confirmed', authority: 'indicated', need: 'indicated', timeframe: 'confirmed', trust: 'indicated' } },
 * ];
 * leads.map((lead) => score(lead).total); //=> [80, 70]
 * ```
 */
export function createScorer(model: ScoringModel, options: CreateScorerOptions): LeadScorer {
  const asOf = readAsOf(options, 'createScorer');
  const compiled = compileModel(model);
  // Scratch space reused from lead to lead (a scorer runs one lead at a time), so that scoring
  // allocates only what it returns.
  const scratch: Scratch = {
    sums: new Float64Array(compiled.behaviour?.rules.length ?? 0),
    counts: new Int32Array(compiled.behaviour?.rules.length ?? 0),
    sizes: new Float64Array(maxReasons(compiled)),
    chosen: new Array(compiled.bantt?.dimensions.length ?? 0),
    raised: new Map(),
    lowered: new Map(),
  };
  const interpreted: LeadScorer = (lead) => scoreWith(compiled, lead, asOf, scratch);
  const generated = options.generateCode === false ? undefined : generatedScorer(compiled);
  return generated ? generated(asOf, interpreted, scratch) : interpreted;
}

/** The most reasons a lead can have: one per dimension and rule, a cap each, the clamp. */
function maxReasons(compiled: CompiledModel): number {
  const bantt = compiled.bantt ? compiled.bantt.dimensions.length + 1 : 0;
  const fit = compiled.fit ? compiled.fit.rules.length + 1 : 0;
  const behaviour = compiled.behaviour ? compiled.behaviour.rules.length * 2 + 1 : 0;
  return bantt + fit + behaviour + 1;
}

/** Reads `options.asOf` into epoch milliseconds, or throws `invalid_options`. */
export function readAsOf(options: CreateScorerOptions, where: string): number {
  const value = (options as Partial<CreateScorerOptions> | undefined)?.asOf;
  const date = readDate(value);
  if (typeof date === 'string') {
    throw new PipelineError(
      'invalid_options',
      [
        {
          code: value === undefined ? 'required' : 'invalid_date',
          path: ['asOf'],
          message: value === undefined ? 'asOf is required' : date,
        },
      ],
      { where },
    );
  }
  return date.getTime();
}

function invalidLead(code: string, path: IssuePath, message: string): PipelineError {
  return new PipelineError('invalid_lead', [{ code, path, message }], { where: 'scoreLead' });
}

function scoreWith(
  compiled: CompiledModel,
  lead: ScoringLead,
  asOf: number,
  scratch: Scratch,
): LeadScore {
  if (typeof lead !== 'object' || lead === null) {
    throw invalidLead('invalid_type', [], `Expected a lead object, received ${describe(lead)}`);
  }
  const reasons: ScoreReason[] = [];
  const { sizes } = scratch;
  const components: { -readonly [Key in ScoreComponent]?: ComponentScore } = {};
  let total = 0;
  if (compiled.bantt) {
    const sum = scoreBantt(compiled.bantt, lead.answers, reasons, scratch);
    components.bantt = { points: fromCents(sum), max: compiled.bantt.max };
    total += sum;
  }
  if (compiled.fit) {
    const sum = scoreFit(compiled.fit, lead.attributes, reasons, sizes);
    components.fit = { points: fromCents(sum), max: compiled.fit.max };
    total += sum;
  }
  if (compiled.behaviour) {
    const sum = scoreBehaviour(compiled.behaviour, lead.events, asOf, scratch, reasons);
    components.behaviour = { points: fromCents(sum), max: compiled.behaviour.max };
    total += sum;
  }
  if (total < compiled.minCents) {
    keep(reasons, sizes, {
      component: 'total',
      rule: 'min',
      kind: 'clamp',
      points: fromCents(compiled.minCents - total),
      detail: clampDetail(scratch.raised, total, 'raised to', 'min', compiled.model.min),
    });
    total = compiled.minCents;
  } else if (total > compiled.maxCents) {
    keep(reasons, sizes, {
      component: 'total',
      rule: 'max',
      kind: 'clamp',
      points: fromCents(compiled.maxCents - total),
      detail: clampDetail(scratch.lowered, total, 'lowered to', 'max', compiled.model.max),
    });
    total = compiled.maxCents;
  }
  sortByWeight(reasons, sizes);
  const points = fromCents(total);
  const score: { -readonly [Key in keyof LeadScore]: LeadScore[Key] } = {
    total: points,
    max: compiled.model.max,
    // The total as reported, against the threshold as written.
    qualified: points >= compiled.model.threshold,
    components,
    reasons,
  };
  if (compiled.fitBands || compiled.engagementBands) {
    score.grade = gradeOf(compiled, components);
  }
  return score;
}

function scoreBantt(
  bantt: NonNullable<CompiledModel['bantt']>,
  answers: ScoringLead['answers'],
  reasons: ScoreReason[],
  scratch: Scratch,
): number {
  const { dimensions, capCents } = bantt;
  const { chosen, sizes } = scratch;
  for (let slot = 0; slot < dimensions.length; slot += 1) {
    chosen[slot] = (dimensions[slot] as CompiledDimension).missing;
  }
  if (answers !== undefined) {
    if (typeof answers !== 'object' || answers === null) {
      throw invalidLead(
        'invalid_type',
        ['answers'],
        `Expected answers as an object, received ${describe(answers)}`,
      );
    }
    // One pass over the answers, matched to dimensions by comparing names; an unknown
    // dimension is reported at once, as it is met, an unknown level only after every key was
    // checked, and then the first in dimension order. Own answers only (an inherited `budget` is
    // not an answer): a plain object's for-in keys are its own (see `readFields` on a polluted
    // `Object.prototype`), and for-in reads their values from the object's layout, without a
    // look-up per name; any other object's own keys are listed first.
    // Answers usually come in the model's order, so each name is looked for first where the
    // previous one was found, plus one: one comparison per answer instead of half the list.
    let badLevel = -1;
    let next = 0;
    const prototype = Object.getPrototypeOf(answers);
    if (prototype === Object.prototype || prototype === null) {
      for (const key in answers) {
        const position = positionOf(dimensions, key, next);
        badLevel = answer(dimensions, chosen, position, key, answers[key], badLevel);
        next = position + 1;
      }
    } else {
      for (const key of Object.keys(answers)) {
        const position = positionOf(dimensions, key, next);
        badLevel = answer(dimensions, chosen, position, key, answers[key], badLevel);
        next = position + 1;
      }
    }
    if (badLevel !== -1) {
      const dimension = dimensions[badLevel] as CompiledDimension;
      throw unknownLevel(dimension, answers[dimension.id]);
    }
  }
  let sum = 0;
  for (let slot = 0; slot < dimensions.length; slot += 1) {
    const level = chosen[slot] as CompiledLevel;
    keep(reasons, sizes, level.reason);
    sum += level.cents;
  }
  return applyCap(reasons, sizes, 'bantt', sum, capCents, bantt.cap, bantt.weight);
}

/**
 * Reads one answer (of the dimension at `position`) into `chosen`; returns the first dimension
 * (in model order) whose answer names no level so far (-1 for none), and throws for a key that is
 * no dimension (`position` -1).
 */
function answer(
  dimensions: readonly CompiledDimension[],
  chosen: CompiledLevel[],
  position: number,
  key: string,
  value: string | undefined,
  badLevel: number,
): number {
  if (position === -1) {
    throw invalidLead(
      'unknown_dimension',
      ['answers', key],
      `Unknown dimension "${key}"; expected one of ${dimensions.map((dimension) => `"${dimension.id}"`).join(', ')}`,
    );
  }
  if (value === undefined) return badLevel;
  const level = findLevel(dimensions[position] as CompiledDimension, value);
  if (level !== undefined) chosen[position] = level;
  else if (badLevel === -1 || position < badLevel) return position;
  return badLevel;
}

/**
 * A dimension's position by id, or -1: a handful of names, compared in turn from position `from`
 * on, wrapping around (cheaper than hashing; ids are unique, so where the search starts does not
 * change the answer).
 */
function positionOf(dimensions: readonly CompiledDimension[], id: string, from: number): number {
  const count = dimensions.length;
  let position = from < count ? from : 0;
  for (let step = 0; step < count; step += 1) {
    if ((dimensions[position] as CompiledDimension).id === id) return position;
    position = position + 1 === count ? 0 : position + 1;
  }
  return -1;
}

/** The level an answer names, or undefined for one the dimension does not know. */
function findLevel(dimension: CompiledDimension, answer: unknown): CompiledLevel | undefined {
  if (typeof answer === 'string') {
    const levels = dimension.levelList;
    for (let index = 0; index < levels.length; index += 1) {
      const level = levels[index] as CompiledLevel;
      if (level.name === answer) return level;
    }
  }
  return undefined;
}

/** The `invalid_lead` error for an answer that names no level of its dimension. */
function unknownLevel(dimension: CompiledDimension, answer: unknown): PipelineError {
  return invalidLead(
    typeof answer === 'string' ? 'unknown_level' : 'invalid_type',
    ['answers', dimension.id],
    `Unknown answer level ${JSON.stringify(answer) ?? describe(answer)} for "${dimension.id}"; expected one of ${[...dimension.levels.keys()].map((key) => `"${key}"`).join(', ')}`,
  );
}

function scoreFit(
  fit: NonNullable<CompiledModel['fit']>,
  attributes: ScoringLead['attributes'],
  reasons: ScoreReason[],
  sizes: Float64Array,
): number {
  if (attributes !== undefined && (typeof attributes !== 'object' || attributes === null)) {
    throw invalidLead(
      'invalid_type',
      ['attributes'],
      `Expected attributes as an object, received ${describe(attributes)}`,
    );
  }
  const facts = attributes ?? EMPTY;
  readFields(fit.fields, facts);
  const { values } = fit.fields;
  let sum = 0;
  for (const rule of fit.rules) {
    if (!passes(rule.checks, values, facts)) continue;
    keep(reasons, sizes, rule.reason);
    sum += rule.cents;
  }
  return applyCap(reasons, sizes, 'fit', sum, fit.capCents, fit.cap, fit.weight);
}

function scoreBehaviour(
  behaviour: NonNullable<CompiledModel['behaviour']>,
  events: ScoringLead['events'],
  asOf: number,
  scratch: Scratch,
  reasons: ScoreReason[],
): number {
  const { sums, counts, sizes } = scratch;
  // A plain loop: TypedArray#fill costs more than it saves on a handful of slots.
  for (let slot = 0; slot < counts.length; slot += 1) {
    sums[slot] = 0;
    counts[slot] = 0;
  }
  if (events !== undefined && !Array.isArray(events)) {
    throw invalidLead(
      'invalid_type',
      ['events'],
      `Expected events as a list, received ${describe(events)}`,
    );
  }
  const { byName, byCondition, eventFields, decay } = behaviour;
  const count = events?.length ?? 0;
  for (let index = 0; index < count; index += 1) {
    const event = (events as NonNullable<ScoringLead['events']>)[index];
    if (typeof event !== 'object' || event === null) {
      throw invalidLead(
        'invalid_type',
        ['events', index],
        `Expected an event object, received ${describe(event)}`,
      );
    }
    if (event.type !== 'behaviour') continue;
    const at = timeOf(event.at);
    if (Number.isNaN(at)) {
      const message = readDate(event.at);
      throw invalidLead(
        'invalid_date',
        ['events', index, 'at'],
        typeof message === 'string' ? message : 'Invalid date',
      );
    }
    if (at > asOf) continue; // not yet happened at asOf
    const name = event.name;
    if (typeof name !== 'string') {
      throw invalidLead(
        'invalid_type',
        ['events', index, 'name'],
        `Expected an event name, received ${describe(name)}`,
      );
    }
    const ageDays = (asOf - at) / MS_PER_DAY;
    let factor = -1; // the decay left at this age, once a repeatable rule needs it
    const named = rulesNamed(byName, name);
    if (named !== undefined) {
      for (const rule of named) {
        if (ageDays > rule.withinDays) continue;
        factor = add(rule, ageDays, factor, decay, sums, counts);
      }
    }
    if (byCondition.length > 0) {
      const facts: Facts = event.value === undefined ? { name } : { name, value: event.value };
      readFields(eventFields, facts);
      for (const [checks, rule] of byCondition) {
        if (ageDays > rule.withinDays || !passes(checks, eventFields.values, facts)) continue;
        factor = add(rule, ageDays, factor, decay, sums, counts);
      }
    }
  }
  let sum = 0;
  for (const rule of behaviour.rules) {
    const matched = counts[rule.index] as number;
    if (matched === 0) continue;
    const kept = sums[rule.index] as number;
    const share = rule.repeatable ? kept : decay(kept);
    let cents = toCents(rule.weightedPoints * share);
    keep(reasons, sizes, {
      component: 'behaviour',
      rule: rule.id,
      kind: 'rule',
      points: fromCents(cents),
      detail: rule.detail,
      events: matched,
    });
    if (cents > rule.capCents || cents < -rule.capCents) {
      const capped = cents > 0 ? rule.capCents : -rule.capCents;
      keep(reasons, sizes, {
        component: 'behaviour',
        rule: rule.id,
        kind: 'cap',
        points: fromCents(capped - cents),
        detail: cents > 0 ? rule.capDetail : rule.negativeCapDetail,
      });
      cents = capped;
    }
    sum += cents;
  }
  return applyCap(
    reasons,
    sizes,
    'behaviour',
    sum,
    behaviour.capCents,
    behaviour.cap,
    behaviour.weight,
  );
}

/** The rules of an event name, or undefined; see {@link NameTable}. */
function rulesNamed(table: NameTable, name: string): readonly CompiledBehaviourRule[] | undefined {
  if (name.length >= table.length) return undefined;
  const bucket = table[name.length] as readonly NamedRules[];
  for (let index = 0; index < bucket.length; index += 1) {
    const entry = bucket[index] as NamedRules;
    if (entry.name === name) return entry.rules;
  }
  return undefined;
}

/**
 * Counts an event for a rule. Repeatable rules add every event's remaining share (the decay
 * at its age, worked out at most once per event: the returned `factor`, -1 until needed); the
 * others keep the newest event's age, whose share is the largest.
 */
function add(
  rule: CompiledBehaviourRule,
  ageDays: number,
  factor: number,
  decay: DecayFactor,
  sums: Float64Array,
  counts: Int32Array,
): number {
  const slot = rule.index;
  if (rule.repeatable) {
    const share = factor < 0 ? decay(ageDays) : factor;
    sums[slot] = (sums[slot] as number) + share;
    counts[slot] = (counts[slot] as number) + 1;
    return share;
  }
  if (counts[slot] === 0 || ageDays < (sums[slot] as number)) sums[slot] = ageDays;
  counts[slot] = 1;
  return factor;
}
