import { centsAtLeast, centsAtMost, fromCents, toCents } from './cents.js';
import { compileChecks, type FieldCheck, type FieldTable, fieldTable } from './compileCondition.js';
import { banttMax, behaviourMax, fitMax } from './componentMax.js';
import { type DecayFactor, decayFactor, describeDecay } from './decay.js';
import { isDefined } from './definedModels.js';
import { defineScoringModel } from './defineScoringModel.js';
import { describeCondition } from './describeCondition.js';
import type { GradeBand, ScoreReason, ScoringModel } from './types.js';

/** One answer level of a dimension, with its contribution already in cents (and as points). */
export interface CompiledLevel {
  readonly name: string;
  readonly cents: number;
  /**
   * Its reason, built once and frozen: every lead with this answer shares the object (a reason
   * cannot be changed, so sharing it is invisible, and a scorer then allocates nothing for it).
   */
  readonly reason: ScoreReason;
}

/** A BANTT dimension ready to score. */
export interface CompiledDimension {
  readonly id: string;
  readonly levels: ReadonlyMap<string, CompiledLevel>;
  /**
   * The same levels as a list: a dimension has a handful, and comparing the answer with each
   * name is quicker than hashing it into the map (the answer is often the very same string).
   */
  readonly levelList: readonly CompiledLevel[];
  /** What a missing answer earns: nothing. */
  readonly missing: CompiledLevel;
}

/** A fit rule ready to score. */
export interface CompiledFitRule {
  readonly id: string;
  /** Its condition as checks run on the field table's values (`passes` in compileCondition.ts). */
  readonly checks: readonly FieldCheck[];
  readonly cents: number;
  /** Its reason, built once and frozen, shared by every lead the rule holds for (see {@link CompiledLevel}). */
  readonly reason: ScoreReason;
}

/** A behaviour rule ready to score. */
export interface CompiledBehaviourRule {
  readonly id: string;
  /** Position in the rule list: the slot of its running sums. */
  readonly index: number;
  /** Points per event after the component's weight. */
  readonly weightedPoints: number;
  readonly repeatable: boolean;
  /** The rule's cap in cents after weight; Infinity when none. */
  readonly capCents: number;
  /** Infinity when the rule has no window. */
  readonly withinDays: number;
  readonly detail: string;
  /** The sentences of its cap's reason, for positive and for negative points. */
  readonly capDetail: string;
  readonly negativeCapDetail: string;
}

/** The behaviour rules of one event name. */
export interface NamedRules {
  readonly name: string;
  readonly rules: readonly CompiledBehaviourRule[];
}

/**
 * The behaviour rules by event name, in buckets by the name's length (names longer than any
 * rule's are past the end): an event's name is found by reading its length and comparing it
 * with the one or two names of that length, usually the very same string. Cheaper than hashing
 * it into a Map for every event (measured: about 6 % of scoring a behaviour-only model).
 */
export type NameTable = readonly (readonly NamedRules[])[];

/** A model turned into tables and closures once, so scoring a lead only adds integers. */
export interface CompiledModel {
  readonly model: ScoringModel;
  readonly bantt?: {
    readonly dimensions: readonly CompiledDimension[];
    readonly capCents: number;
    readonly cap?: number;
    /** The component's weight (the cap is in unweighted points, `capCents` after the weight). */
    readonly weight: number;
    readonly max: number;
  };
  readonly fit?: {
    readonly rules: readonly CompiledFitRule[];
    /** The plain fields the rules test, read once per lead before the rules run. */
    readonly fields: FieldTable;
    readonly capCents: number;
    readonly cap?: number;
    /** The component's weight (the cap is in unweighted points, `capCents` after the weight). */
    readonly weight: number;
    readonly max: number;
  };
  readonly behaviour?: {
    readonly rules: readonly CompiledBehaviourRule[];
    /** The rules of each event name, found by the name's length first: see {@link NameTable}. */
    readonly byName: NameTable;
    /**
     * The rules whose event is a condition, as checks on `eventFields` (an event's `name` and
     * `value`, read once per event, as the fit fields are once per lead).
     */
    readonly byCondition: readonly (readonly [readonly FieldCheck[], CompiledBehaviourRule])[];
    readonly eventFields: FieldTable;
    readonly decay: DecayFactor;
    readonly capCents: number;
    readonly cap?: number;
    /** The component's weight (the cap is in unweighted points, `capCents` after the weight). */
    readonly weight: number;
    readonly max: number | null;
  };
  readonly minCents: number;
  readonly maxCents: number;
  readonly fitBands?: readonly GradeBand[];
  readonly engagementBands?: readonly GradeBand[];
}

const compiled = new WeakMap<ScoringModel, CompiledModel>();

const weighted = (value: number | null, weight: number): number | null =>
  value === null ? null : value * weight;

const points = (value: number): string => `${value > 0 ? '+' : ''}${value}`;

/**
 * The compiled form of a model, built once per model object. A model that did not come from
 * {@link defineScoringModel} (one read back from JSON, say) is validated first.
 */
export function compileModel(model: ScoringModel): CompiledModel {
  const cached = compiled.get(model);
  if (cached) return cached;
  const defined = isDefined(model) ? model : defineScoringModel(model);
  const result = build(defined);
  compiled.set(model, result);
  return result;
}

function build(model: ScoringModel): CompiledModel {
  const { weights } = model;
  const result: { -readonly [Key in keyof CompiledModel]: CompiledModel[Key] } = {
    model,
    minCents: centsAtLeast(model.min),
    maxCents: centsAtMost(model.max),
  };
  if (model.bantt) {
    const dimensions = model.bantt.dimensions.map((dimension): CompiledDimension => {
      const levels = new Map<string, CompiledLevel>();
      for (const [level, fraction] of Object.entries(dimension.levels)) {
        const cents = toCents(dimension.points * fraction * weights.bantt);
        levels.set(level, {
          name: level,
          cents,
          reason: frozenReason(
            'bantt',
            dimension.id,
            cents,
            `${dimension.name}: ${level} (${fraction} × ${dimension.points} points)`,
          ),
        });
      }
      return {
        id: dimension.id,
        levels,
        levelList: [...levels.values()],
        missing: {
          name: '',
          cents: 0,
          reason: frozenReason(
            'bantt',
            dimension.id,
            0,
            `${dimension.name}: no answer (0 of ${dimension.points} points)`,
          ),
        },
      };
    });
    result.bantt = {
      dimensions,
      capCents: capCents(model.bantt.cap, weights.bantt),
      weight: weights.bantt,
      max: banttMax(model.bantt) * weights.bantt,
      ...(model.bantt.cap === undefined ? {} : { cap: model.bantt.cap }),
    };
  }
  if (model.fit) {
    const fields = fieldTable();
    result.fit = {
      fields,
      rules: model.fit.rules.map((rule) => {
        const cents = toCents(rule.points * weights.fit);
        return {
          id: rule.id,
          checks: compileChecks(rule.when, fields),
          cents,
          reason: frozenReason(
            'fit',
            rule.id,
            cents,
            `${rule.id}: ${describeCondition(rule.when)} (${points(rule.points)} points)`,
          ),
        };
      }),
      capCents: capCents(model.fit.cap, weights.fit),
      weight: weights.fit,
      max: fitMax(model.fit) * weights.fit,
      ...(model.fit.cap === undefined ? {} : { cap: model.fit.cap }),
    };
  }
  if (model.behaviour) {
    const { decay } = model.behaviour;
    const byName = new Map<string, CompiledBehaviourRule[]>();
    const byCondition: [readonly FieldCheck[], CompiledBehaviourRule][] = [];
    const eventFields = fieldTable();
    const rules = model.behaviour.rules.map((rule, index): CompiledBehaviourRule => {
      const what = typeof rule.event === 'string' ? rule.event : describeCondition(rule.event);
      const ruleCap = capCents(rule.cap, weights.behaviour);
      const compiledRule: CompiledBehaviourRule = {
        id: rule.id,
        index,
        weightedPoints: rule.points * weights.behaviour,
        repeatable: rule.repeatable === true,
        capCents: ruleCap,
        capDetail: `${rule.id} is capped at ${fromCents(ruleCap)} points`,
        negativeCapDetail: `${rule.id} is capped at −${fromCents(ruleCap)} points`,
        withinDays: rule.withinDays ?? Number.POSITIVE_INFINITY,
        detail:
          `${rule.id}: ${what}, ${points(rule.points)} points ${rule.repeatable ? 'per event' : 'for the newest event'}` +
          `${rule.withinDays === undefined ? '' : `, within ${rule.withinDays} days`}${describeDecay(decay)}`,
      };
      if (typeof rule.event === 'string') {
        const list = byName.get(rule.event) ?? [];
        list.push(compiledRule);
        byName.set(rule.event, list);
      } else {
        byCondition.push([compileChecks(rule.event, eventFields), compiledRule]);
      }
      return compiledRule;
    });
    const table: NamedRules[][] = [];
    for (const [name, list] of byName) {
      while (table.length <= name.length) table.push([]);
      (table[name.length] as NamedRules[]).push({ name, rules: list });
    }
    result.behaviour = {
      rules,
      byName: table,
      byCondition,
      eventFields,
      decay: decayFactor(decay),
      capCents: capCents(model.behaviour.cap, weights.behaviour),
      weight: weights.behaviour,
      max: weighted(behaviourMax(model.behaviour), weights.behaviour),
      ...(model.behaviour.cap === undefined ? {} : { cap: model.behaviour.cap }),
    };
  }
  if (model.grades?.fit) result.fitBands = model.grades.fit;
  if (model.grades?.engagement) result.engagementBands = model.grades.engagement;
  return result;
}

/** A rule's reason, the same for every lead: frozen, so it can be shared. */
function frozenReason(
  component: 'bantt' | 'fit',
  rule: string,
  cents: number,
  detail: string,
): ScoreReason {
  return Object.freeze({ component, rule, kind: 'rule', points: fromCents(cents), detail });
}

function capCents(cap: number | undefined, weight: number): number {
  return cap === undefined ? Number.POSITIVE_INFINITY : centsAtMost(cap * weight);
}
