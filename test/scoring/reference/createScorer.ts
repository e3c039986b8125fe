// The straightforward src/scoring/createScorer.ts from before the speed work (commit 748338b): the
// oracle that test/scoring/createScorer.reference.prop.test.ts holds the fast scorer to.
// Do not optimise it. A change to what scores mean must be made here too (the cap reason after
// weight was); a change to speed alone must not touch it.
import { describe } from '../../../src/errors/describe.js';
import { type IssuePath, PipelineError } from '../../../src/errors/PipelineError.js';
import type { Facts } from '../../../src/pipeline/evaluateCondition.js';
import { fromCents, toCents } from '../../../src/scoring/cents.js';
import type {
  ComponentScore,
  GradeBand,
  LeadGrade,
  LeadScore,
  ScoreComponent,
  ScoreReason,
  ScoringLead,
  ScoringModel,
} from '../../../src/scoring/types.js';
import { MS_PER_DAY } from '../../../src/time/days.js';
import { timeOf } from '../../../src/time/fastTime.js';
import type { DateInput } from '../../../src/time/readDate.js';
import { readDate } from '../../../src/time/readDate.js';
import { type CompiledModel, compileModel } from './compileModel.js';

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
 * batches: the model is validated and its conditions compiled once, so each lead costs a few
 * table look-ups and integer additions (see `bench/scoring.bench.ts`). Gives exactly what
 * {@link scoreLead} gives.
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
 * leads.map((lead) => score(lead).total); //=> [80, 65]
 * ```
 */
export function createScorer(model: ScoringModel, options: CreateScorerOptions): LeadScorer {
  const asOf = readAsOf(options, 'createScorer');
  const compiled = compileModel(model);
  const ruleCount = compiled.behaviour?.rules.length ?? 0;
  // Per-rule running figures, reused from lead to lead (a scorer runs one lead at a time).
  const sums = new Float64Array(ruleCount);
  const counts = new Int32Array(ruleCount);
  return (lead) => scoreWith(compiled, lead, asOf, sums, counts);
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
  sums: Float64Array,
  counts: Int32Array,
): LeadScore {
  if (typeof lead !== 'object' || lead === null) {
    throw invalidLead('invalid_type', [], `Expected a lead object, received ${describe(lead)}`);
  }
  const reasons: ScoreReason[] = [];
  const components: { -readonly [Key in ScoreComponent]?: ComponentScore } = {};
  let total = 0;
  if (compiled.bantt) {
    const { dimensions, ids, capCents } = compiled.bantt;
    const answers = lead.answers;
    if (answers !== undefined && (typeof answers !== 'object' || answers === null)) {
      throw invalidLead(
        'invalid_type',
        ['answers'],
        `Expected answers as an object, received ${describe(answers)}`,
      );
    }
    if (answers !== undefined) {
      for (const key in answers) {
        if (!ids.has(key) && Object.hasOwn(answers, key)) {
          throw invalidLead(
            'unknown_dimension',
            ['answers', key],
            `Unknown dimension "${key}"; expected one of ${[...ids].map((id) => `"${id}"`).join(', ')}`,
          );
        }
      }
    }
    let sum = 0;
    for (const dimension of dimensions) {
      const answer = answers?.[dimension.id];
      let level = dimension.missing;
      if (answer !== undefined) {
        const found = typeof answer === 'string' ? dimension.levels.get(answer) : undefined;
        if (found === undefined) {
          throw invalidLead(
            typeof answer === 'string' ? 'unknown_level' : 'invalid_type',
            ['answers', dimension.id],
            `Unknown answer level ${JSON.stringify(answer) ?? describe(answer)} for "${dimension.id}"; expected one of ${[...dimension.levels.keys()].map((key) => `"${key}"`).join(', ')}`,
          );
        }
        level = found;
      }
      reasons.push({
        component: 'bantt',
        rule: dimension.id,
        kind: 'rule',
        points: fromCents(level.cents),
        detail: level.detail,
      });
      sum += level.cents;
    }
    sum = applyCap(
      reasons,
      'bantt',
      sum,
      capCents,
      compiled.bantt.cap,
      compiled.model.weights.bantt,
    );
    components.bantt = { points: fromCents(sum), max: compiled.bantt.max };
    total += sum;
  }
  if (compiled.fit) {
    const attributes = lead.attributes;
    if (attributes !== undefined && (typeof attributes !== 'object' || attributes === null)) {
      throw invalidLead(
        'invalid_type',
        ['attributes'],
        `Expected attributes as an object, received ${describe(attributes)}`,
      );
    }
    const facts = attributes ?? EMPTY;
    let sum = 0;
    for (const rule of compiled.fit.rules) {
      if (!rule.holds(facts)) continue;
      reasons.push({
        component: 'fit',
        rule: rule.id,
        kind: 'rule',
        points: fromCents(rule.cents),
        detail: rule.detail,
      });
      sum += rule.cents;
    }
    sum = applyCap(
      reasons,
      'fit',
      sum,
      compiled.fit.capCents,
      compiled.fit.cap,
      compiled.model.weights.fit,
    );
    components.fit = { points: fromCents(sum), max: compiled.fit.max };
    total += sum;
  }
  if (compiled.behaviour) {
    const sum = applyCap(
      reasons,
      'behaviour',
      scoreBehaviour(compiled.behaviour, lead.events, asOf, sums, counts, reasons),
      compiled.behaviour.capCents,
      compiled.behaviour.cap,
      compiled.model.weights.behaviour,
    );
    components.behaviour = { points: fromCents(sum), max: compiled.behaviour.max };
    total += sum;
  }
  if (total < compiled.minCents) {
    reasons.push({
      component: 'total',
      rule: 'min',
      kind: 'clamp',
      points: fromCents(compiled.minCents - total),
      detail: `the total ${fromCents(total)} is raised to the model's min ${compiled.model.min}`,
    });
    total = compiled.minCents;
  } else if (total > compiled.maxCents) {
    reasons.push({
      component: 'total',
      rule: 'max',
      kind: 'clamp',
      points: fromCents(compiled.maxCents - total),
      detail: `the total ${fromCents(total)} is lowered to the model's max ${compiled.model.max}`,
    });
    total = compiled.maxCents;
  }
  sortByWeight(reasons);
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

function scoreBehaviour(
  behaviour: NonNullable<CompiledModel['behaviour']>,
  events: ScoringLead['events'],
  asOf: number,
  sums: Float64Array,
  counts: Int32Array,
  reasons: ScoreReason[],
): number {
  sums.fill(0);
  counts.fill(0);
  if (events !== undefined && !Array.isArray(events)) {
    throw invalidLead(
      'invalid_type',
      ['events'],
      `Expected events as a list, received ${describe(events)}`,
    );
  }
  const { byName, byCondition, decay } = behaviour;
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
    let factor = -1; // the decay left at this age, computed once the event matches a rule
    const named = byName.get(name);
    if (named !== undefined) {
      for (const rule of named) {
        if (ageDays > rule.withinDays) continue;
        if (factor < 0) factor = decay(ageDays);
        add(rule.index, rule.repeatable, factor, sums, counts);
      }
    }
    if (byCondition.length > 0) {
      const facts: Facts = event.value === undefined ? { name } : { name, value: event.value };
      for (const [holds, rule] of byCondition) {
        if (ageDays > rule.withinDays || !holds(facts)) continue;
        if (factor < 0) factor = decay(ageDays);
        add(rule.index, rule.repeatable, factor, sums, counts);
      }
    }
  }
  let sum = 0;
  for (const rule of behaviour.rules) {
    const matched = counts[rule.index] as number;
    if (matched === 0) continue;
    let cents = toCents(rule.weightedPoints * (sums[rule.index] as number));
    reasons.push({
      component: 'behaviour',
      rule: rule.id,
      kind: 'rule',
      points: fromCents(cents),
      detail: rule.detail,
      events: matched,
    });
    if (cents > rule.capCents || cents < -rule.capCents) {
      const capped = cents > 0 ? rule.capCents : -rule.capCents;
      reasons.push({
        component: 'behaviour',
        rule: rule.id,
        kind: 'cap',
        points: fromCents(capped - cents),
        detail: `${rule.id} is capped at ${cents > 0 ? '' : '−'}${fromCents(rule.capCents)} points`,
      });
      cents = capped;
    }
    sum += cents;
  }
  return sum;
}

/** Repeatable rules add every event's remaining share; the others keep the newest (largest) one. */
function add(
  slot: number,
  repeatable: boolean,
  factor: number,
  sums: Float64Array,
  counts: Int32Array,
): void {
  if (repeatable) {
    sums[slot] = (sums[slot] as number) + factor;
    counts[slot] = (counts[slot] as number) + 1;
  } else {
    if (factor > (sums[slot] as number) || counts[slot] === 0) sums[slot] = factor;
    counts[slot] = 1;
  }
}

/** Caps a component's sum from above, with the cut as its own reason. */
function applyCap(
  reasons: ScoreReason[],
  component: ScoreComponent,
  sum: number,
  capCents: number,
  cap: number | undefined,
  weight: number,
): number {
  if (sum <= capCents) return sum;
  const after = weight === 1 ? '' : `, ${fromCents(capCents)} after its weight ${weight}`;
  reasons.push({
    component,
    rule: 'cap',
    kind: 'cap',
    points: fromCents(capCents - sum),
    detail: `${component} is capped at ${cap} points${after} (it earned ${fromCents(sum)})`,
  });
  return capCents;
}

/** Largest contribution first (by size, so a −20 unsubscribe ranks with a +20), stable. */
function sortByWeight(reasons: ScoreReason[]): void {
  // Insertion sort: a lead has a handful of reasons, and this beats Array#sort's set-up.
  for (let index = 1; index < reasons.length; index += 1) {
    const reason = reasons[index] as ScoreReason;
    const size = Math.abs(reason.points);
    let at = index - 1;
    while (at >= 0 && Math.abs((reasons[at] as ScoreReason).points) < size) {
      reasons[at + 1] = reasons[at] as ScoreReason;
      at -= 1;
    }
    reasons[at + 1] = reason;
  }
}

function band(bands: readonly GradeBand[], points: number): string {
  for (const candidate of bands) if (points >= candidate.min) return candidate.label;
  return (bands.at(-1) as GradeBand).label;
}

function gradeOf(
  compiled: CompiledModel,
  components: Readonly<Record<string, ComponentScore | undefined>>,
): LeadGrade {
  const grade: { -readonly [Key in keyof LeadGrade]: LeadGrade[Key] } = {};
  if (compiled.fitBands) grade.fit = band(compiled.fitBands, components['fit']?.points ?? 0);
  if (compiled.engagementBands) {
    grade.engagement = band(compiled.engagementBands, components['behaviour']?.points ?? 0);
  }
  if (grade.fit !== undefined && grade.engagement !== undefined) {
    grade.cell = `${grade.fit}${grade.engagement}`;
  }
  return grade;
}
