// The straightforward src/scoring/compileModel.ts from before the speed work (commit 748338b): the
// oracle that test/scoring/createScorer.reference.prop.test.ts holds the fast scorer to.
// Do not optimise it. A change to what scores mean must be made here too (the cap reason after
// weight was); a change to speed alone must not touch it.
import { centsAtLeast, centsAtMost, toCents } from '../../../src/scoring/cents.js';
import { banttMax, behaviourMax, fitMax } from '../../../src/scoring/componentMax.js';
import { isDefined } from '../../../src/scoring/definedModels.js';
import { defineScoringModel } from '../../../src/scoring/defineScoringModel.js';
import { describeCondition } from '../../../src/scoring/describeCondition.js';
import type { GradeBand, ScoringModel } from '../../../src/scoring/types.js';
import { type CompiledCondition, compileCondition } from './compileCondition.js';
import { type DecayFactor, decayFactor, describeDecay } from './decay.js';

/** One answer level of a dimension, with its contribution already in cents. */
export interface CompiledLevel {
  readonly cents: number;
  readonly detail: string;
}

/** A BANTT dimension ready to score. */
export interface CompiledDimension {
  readonly id: string;
  readonly levels: ReadonlyMap<string, CompiledLevel>;
  /** What a missing answer earns: nothing. */
  readonly missing: CompiledLevel;
}

/** A fit rule ready to score. */
export interface CompiledFitRule {
  readonly id: string;
  readonly holds: CompiledCondition;
  readonly cents: number;
  readonly detail: string;
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
}

/** A model turned into tables and closures once, so scoring a lead only adds integers. */
export interface CompiledModel {
  readonly model: ScoringModel;
  readonly bantt?: {
    readonly dimensions: readonly CompiledDimension[];
    readonly ids: ReadonlySet<string>;
    readonly capCents: number;
    readonly cap?: number;
    readonly max: number;
  };
  readonly fit?: {
    readonly rules: readonly CompiledFitRule[];
    readonly capCents: number;
    readonly cap?: number;
    readonly max: number;
  };
  readonly behaviour?: {
    readonly rules: readonly CompiledBehaviourRule[];
    readonly byName: ReadonlyMap<string, readonly CompiledBehaviourRule[]>;
    readonly byCondition: readonly (readonly [CompiledCondition, CompiledBehaviourRule])[];
    readonly decay: DecayFactor;
    readonly capCents: number;
    readonly cap?: number;
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
        levels.set(level, {
          cents: toCents(dimension.points * fraction * weights.bantt),
          detail: `${dimension.name}: ${level} (${fraction} × ${dimension.points} points)`,
        });
      }
      return {
        id: dimension.id,
        levels,
        missing: {
          cents: 0,
          detail: `${dimension.name}: no answer (0 of ${dimension.points} points)`,
        },
      };
    });
    result.bantt = {
      dimensions,
      ids: new Set(dimensions.map((dimension) => dimension.id)),
      capCents: capCents(model.bantt.cap, weights.bantt),
      max: banttMax(model.bantt) * weights.bantt,
      ...(model.bantt.cap === undefined ? {} : { cap: model.bantt.cap }),
    };
  }
  if (model.fit) {
    result.fit = {
      rules: model.fit.rules.map((rule) => ({
        id: rule.id,
        holds: compileCondition(rule.when),
        cents: toCents(rule.points * weights.fit),
        detail: `${rule.id}: ${describeCondition(rule.when)} (${points(rule.points)} points)`,
      })),
      capCents: capCents(model.fit.cap, weights.fit),
      max: fitMax(model.fit) * weights.fit,
      ...(model.fit.cap === undefined ? {} : { cap: model.fit.cap }),
    };
  }
  if (model.behaviour) {
    const { decay } = model.behaviour;
    const byName = new Map<string, CompiledBehaviourRule[]>();
    const byCondition: [CompiledCondition, CompiledBehaviourRule][] = [];
    const rules = model.behaviour.rules.map((rule, index): CompiledBehaviourRule => {
      const what = typeof rule.event === 'string' ? rule.event : describeCondition(rule.event);
      const compiledRule: CompiledBehaviourRule = {
        id: rule.id,
        index,
        weightedPoints: rule.points * weights.behaviour,
        repeatable: rule.repeatable === true,
        capCents: capCents(rule.cap, weights.behaviour),
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
        byCondition.push([compileCondition(rule.event), compiledRule]);
      }
      return compiledRule;
    });
    result.behaviour = {
      rules,
      byName,
      byCondition,
      decay: decayFactor(decay),
      capCents: capCents(model.behaviour.cap, weights.behaviour),
      max: weighted(behaviourMax(model.behaviour), weights.behaviour),
      ...(model.behaviour.cap === undefined ? {} : { cap: model.behaviour.cap }),
    };
  }
  if (model.grades?.fit) result.fitBands = model.grades.fit;
  if (model.grades?.engagement) result.engagementBands = model.grades.engagement;
  return result;
}

function capCents(cap: number | undefined, weight: number): number {
  return cap === undefined ? Number.POSITIVE_INFINITY : centsAtMost(cap * weight);
}
