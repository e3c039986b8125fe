import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { PipelineError } from '../errors/PipelineError.js';
import { validateJourney } from '../journey/parseJourney.js';
import { dateSchema } from '../journey/schemas.js';
import type { Journey, JourneyInput } from '../journey/types.js';
import { isValidatedJourney } from '../journey/validatedJourneys.js';
import { hasStage, unknownStage } from '../pipeline/stageIndex.js';
import type { Pipeline } from '../pipeline/types.js';
import { isDefined } from '../scoring/definedModels.js';
import { scoreLead } from '../scoring/scoreLead.js';
import type { ScoringModel } from '../scoring/types.js';
import { interpolate } from '../stats/quantile.js';
import type { DateInput } from '../time/readDate.js';
import { checkStages, readSla } from './defineSla.js';
import {
  attemptObligations,
  type JourneyContext,
  journeyContext,
  missingScore,
  reasonObligations,
  responseObligations,
  type Scoring,
  type SlaScore,
  stageTimeObligations,
} from './journeyRules.js';
import type { Obligation } from './obligation.js';
import type { Sla, SlaOwner, SlaRule } from './types.js';
import { volumeObligations } from './volume.js';

/**
 * Options of {@link evaluateSla}.
 *
 * @example
 * ```ts
 * const options: EvaluateSlaOptions = { asOf: '2026-03-31T21:00:00Z', from: '2026-03-01', agentAttribute: 'owner' };
 * ```
 */
export interface EvaluateSlaOptions {
  /** The moment evaluated: later events are ignored, obligations not yet due are pending. */
  readonly asOf: DateInput;
  /**
   * Only obligations that start (triggers, stage entries, outcomes) at or after this. Volume
   * periods run from the one containing `from` (default: the one of the first stage entry of any
   * journey) to the one containing the earlier of `to` and `asOf`.
   */
  readonly from?: DateInput;
  /** Only obligations that start before this. */
  readonly to?: DateInput;
  /**
   * The lead score as of a moment, for `scoreAtLeast` triggers: a scoring model from
   * `defineScoringModel` (each journey is scored as a lead, from its attributes and behaviour
   * events, with `scoreLead` as of each behaviour event), or any function (see {@link SlaScore}).
   * `scoreAtLeast: 'threshold'` uses the model's threshold. Without it such a rule is an error.
   */
  readonly score?: SlaScore | ScoringModel;
  /** The journey attribute naming the responsible agent, for `byAgent`. Default `'agent'`. */
  readonly agentAttribute?: string;
}

/**
 * Counts of obligations by where they stand at `asOf`. The five counts are disjoint and add up to
 * `evaluated`; `compliance = met ÷ (met + breached)`, `null` when nothing was decided.
 *
 * @example
 * ```ts
 * const tally: SlaTally = { evaluated: 4, met: 2, breached: 1, atRisk: 1, pending: 0, withdrawn: 0, compliance: 2 / 3 };
 * ```
 */
export interface SlaTally {
  /** Obligations in the window. */
  readonly evaluated: number;
  /** Resolved by their due time. */
  readonly met: number;
  /** Resolved late, or unresolved past their due time. */
  readonly breached: number;
  /** Not yet due, inside the rule's `warnBefore` window. */
  readonly atRisk: number;
  /** Not yet due (and not at risk). */
  readonly pending: number;
  /** The journey closed before the obligation was due, without resolving it. */
  readonly withdrawn: number;
  /** met ÷ (met + breached), or null when both are 0. */
  readonly compliance: number | null;
}

/**
 * One rule's figures.
 *
 * @example
 * ```ts
 * const row: SlaRuleResult = {
 *   id: 'follow-up', owner: 'sales', kind: 'response',
 *   evaluated: 3, met: 2, breached: 1, atRisk: 0, pending: 0, withdrawn: 0, compliance: 2 / 3,
 *   responseHours: { median: 5, p90: 13.4 },
 * };
 * ```
 */
export interface SlaRuleResult extends SlaTally {
  /** The rule id. */
  readonly id: string;
  /** Who answers for it. */
  readonly owner: SlaOwner;
  /** The rule kind. */
  readonly kind: SlaRule['kind'];
  /**
   * Hours from trigger to response (time in stage for `maxTimeInStage`) among resolved
   * obligations, on the rule's clock (working hours for business durations); `null` when none
   * were resolved, and for the other kinds.
   */
  readonly responseHours: {
    /** The median, or null. */
    readonly median: number | null;
    /** The 90th percentile, or null. */
    readonly p90: number | null;
  };
}

/**
 * A breached obligation: a row of the breach table.
 *
 * @example
 * ```ts
 * const breach: SlaBreach = {
 *   rule: 'follow-up', owner: 'sales', kind: 'response', journey: 'acme', agent: 'dana',
 *   dueAt: new Date('2026-03-10T20:00:00Z'), resolvedAt: null, lateByHours: 6,
 *   detail: 'still waiting: call by sales', period: null,
 * };
 * ```
 */
export interface SlaBreach {
  /** The rule id. */
  readonly rule: string;
  /** Who answers for it. */
  readonly owner: SlaOwner;
  /** The rule kind. */
  readonly kind: SlaRule['kind'];
  /** The journey, or null for a volume period. */
  readonly journey: string | null;
  /** The journey's agent (see `agentAttribute`), or null. */
  readonly agent: string | null;
  /** When it was due (the outcome's time for reason and attempt rules, the period end for volume). */
  readonly dueAt: Date;
  /** When it was resolved late; null when it was not resolved by asOf. */
  readonly resolvedAt: Date | null;
  /**
   * How late, in hours on the rule's clock: to the response, else to the journey's close, else to
   * asOf. Null for rules without a due time (reason, attempts, volume).
   */
  readonly lateByHours: number | null;
  /** What happened, in words. */
  readonly detail: string;
  /** The period of a volume breach. */
  readonly period: {
    /** The period's first instant. */
    readonly start: Date;
    /** The next period's first instant. */
    readonly end: Date;
  } | null;
}

/**
 * A pending obligation inside its warning window.
 *
 * @example
 * ```ts
 * const risk: SlaAtRisk = { rule: 'follow-up', owner: 'sales', journey: 'acme', agent: null, dueAt: new Date('2026-03-10T20:00:00Z'), hoursLeft: 3 };
 * ```
 */
export interface SlaAtRisk {
  /** The rule id. */
  readonly rule: string;
  /** Who answers for it. */
  readonly owner: SlaOwner;
  /** The journey. */
  readonly journey: string | null;
  /** The journey's agent, or null. */
  readonly agent: string | null;
  /** When it is due. */
  readonly dueAt: Date;
  /** Hours left at asOf, on the rule's clock. */
  readonly hoursLeft: number | null;
}

/**
 * What {@link evaluateSla} returns.
 *
 * @example
 * ```ts
 * const result: SlaResult = evaluateSla(defineSla({ rules: [] }), presets.buyingPipeline, [], { asOf: '2026-03-31' });
 * result.breaches; //=> []
 * ```
 */
export interface SlaResult {
  /** The moment evaluated. */
  readonly asOf: Date;
  /** One row per rule, in the SLA's order. */
  readonly rules: SlaRuleResult[];
  /** Totals per owner over their rules. */
  readonly byOwner: Record<SlaOwner, SlaTally>;
  /** Totals per agent over journey obligations (volume periods have no agent), agents sorted, no agent last. */
  readonly byAgent: ({
    /** The agent, or null for journeys without one. */
    readonly agent: string | null;
  } & SlaTally)[];
  /** Every breach, by due time. */
  readonly breaches: SlaBreach[];
  /** Obligations at risk, by due time: the ones to act on first come first. */
  readonly atRisk: SlaAtRisk[];
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  asOf: dateSchema,
  from: dateSchema.exactOptional(),
  to: dateSchema.exactOptional(),
  score: z
    .custom<SlaScore | ScoringModel>(
      (value) =>
        typeof value === 'function' ||
        (typeof value === 'object' && value !== null && isDefined(value as ScoringModel)),
      'Expected a scoring model from defineScoringModel, or a function (journey, at) => number',
    )
    .exactOptional(),
  agentAttribute: z.string().trim().min(1).exactOptional(),
});

const WHERE = 'evaluateSla';

/**
 * Evaluates a Marketing–Sales SLA over journeys as of a moment: every obligation its rules create
 * (a response owed after each trigger, a stay in a stage, a volume period, an outcome that needs
 * a reason or enough attempts), whether each is met, breached, at risk, pending or withdrawn, and
 * compliance per rule, owner and agent, with the breach table and the at-risk list.
 *
 * Responses count from the trigger on (an activity at the trigger's instant counts); one before
 * the trigger counts only with `acceptEarlier`. A journey that closes (lost, disqualified,
 * recycled, won) before an obligation is due and without resolving it withdraws the obligation;
 * closing after the due time leaves a breach. Triggers are observed events: an implied passage
 * has no time. Moving `asOf` forward never turns a breach back into pending or met.
 *
 * O(journeys × rules × events), plus the days each business-time calculation spans.
 *
 * @param sla - from {@link defineSla} (or a config, validated here)
 * @param pipeline - the pipeline the journeys walk
 * @param journeys - the journeys (validated here unless they come from parseJourney)
 * @param options - `asOf`, the window `from` / `to`, the `score` function, `agentAttribute`
 * @returns the figures (plain data; dates are `Date`s)
 * @throws {@link PipelineError} `unknown_stage` for a rule stage the pipeline does not have
 *   (`['rules', i, 'trigger', 'stage']`) or a journey stage (`[j, 'events', k, 'stage']`);
 *   `invalid_options` for bad options, `to` before `from`, or a `scoreAtLeast` rule without
 *   `score` (`['rules', i, 'trigger', 'scoreAtLeast']`); `invalid_journey`; `invalid_sla`
 *
 * @example
 * ```ts
 * const sla = defineSla({
 *   calendar: { timeZone: 'America/New_York', hours: { start: '09:00', end: '17:00' } },
 *   rules: [{
 *     id: 'follow-up', owner: 'sales', kind: 'response',
 *     trigger: { stage: 'qualified_lead' }, response: { activity: { by: ['sales'] } },
 *     within: { businessDays: 2 },
 *   }],
 * });
 * const result = evaluateSla(sla, presets.buyingPipeline, [
 *   { id: 'acme', events: [{ type: 'stage', stage: 'qualified_lead', at: '2026-01-09T16:00:00-05:00' }] },
 * ], { asOf: '2026-01-14T12:00:00-05:00' });
 * result.breaches[0]?.dueAt.toISOString(); //=> '2026-01-13T21:00:00.000Z' (Tuesday 16:00)
 * result.rules[0]?.compliance; //=> 0
 * ```
 */
export function evaluateSla(
  sla: Sla,
  pipeline: Pipeline,
  journeys: readonly JourneyInput[],
  options: EvaluateSlaOptions,
): SlaResult {
  const resolved = readSla(sla, WHERE);
  checkStages(resolved, pipeline, WHERE);
  const parsed = parseOrThrow(optionsSchema, options, 'invalid_options', WHERE);
  const asOf = parsed.asOf.getTime();
  const from = parsed.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = parsed.to?.getTime() ?? Number.POSITIVE_INFINITY;
  if (to < from) {
    throw new PipelineError(
      'invalid_options',
      [{ code: 'invalid_value', path: ['to'], message: '`to` comes before `from`' }],
      { where: WHERE },
    );
  }
  const scoring = resolveScoring(parsed.score);
  resolved.rules.forEach((rule, index) => {
    if (rule.kind !== 'response' || !('scoreAtLeast' in rule.trigger)) return;
    if (!scoring) throw missingScore(index);
    if (rule.trigger.scoreAtLeast === 'threshold' && scoring.threshold === null)
      throw missingScore(index, 'threshold');
  });
  const agentAttribute = parsed.agentAttribute ?? 'agent';

  const obligations: Obligation[] = [];
  const volumeEntries = resolved.rules.map((): number[] => []);
  let earliest = Number.POSITIVE_INFINITY;
  journeys.forEach((input, position) => {
    const journey = readJourney(pipeline, input, position);
    const context = journeyContext({
      calendar: resolved.calendar,
      pipeline,
      journey,
      agent: agentOf(journey, agentAttribute),
      asOf,
      from,
      to,
      scoring,
    });
    // Volume periods start with the first stage entry of any journey (not any event: a late
    // call logged early must not open a period with nothing in it).
    const first = context.stays[0];
    if (first) earliest = Math.min(earliest, first.enteredAt);
    resolved.rules.forEach((rule, index) => {
      if (rule.kind === 'volume') {
        for (const stay of context.stays)
          if (stay.stage === rule.stage) volumeEntries[index]?.push(stay.enteredAt);
      } else {
        obligations.push(...journeyObligations(context, rule, index));
      }
    });
  });
  resolved.rules.forEach((rule, index) => {
    if (rule.kind !== 'volume') return;
    const start = Number.isFinite(from) ? from : earliest;
    if (!Number.isFinite(start)) return;
    obligations.push(
      ...volumeObligations(
        resolved.calendar,
        rule,
        index,
        volumeEntries[index] ?? [],
        start,
        to,
        asOf,
      ),
    );
  });
  return summarize(resolved, obligations, asOf);
}

function journeyObligations(
  context: JourneyContext,
  rule: Exclude<SlaRule, { kind: 'volume' }>,
  index: number,
): Obligation[] {
  switch (rule.kind) {
    case 'response':
      return responseObligations(context, rule, index);
    case 'maxTimeInStage':
      return stageTimeObligations(context, rule, index);
    case 'reasonRequired':
      return reasonObligations(context, rule, index);
    case 'minAttempts':
      return attemptObligations(context, rule, index);
  }
}

/** A validated journey whose stages the pipeline has. */
function readJourney(pipeline: Pipeline, input: JourneyInput, position: number): Journey {
  const journey = isValidatedJourney(input)
    ? (input as Journey)
    : validateJourney(input, { pipeline, path: [position] }, WHERE);
  // Name unknown stages at their index in the caller's events.
  const issues = input.events.flatMap((event, index) =>
    event.type === 'stage' && !hasStage(pipeline, event.stage.trim())
      ? unknownStage(pipeline, event.stage, WHERE, [position, 'events', index, 'stage']).issues
      : [],
  );
  const [firstIssue, ...rest] = issues;
  if (firstIssue) throw new PipelineError('unknown_stage', [firstIssue, ...rest], { where: WHERE });
  return journey;
}

function agentOf(journey: Journey, attribute: string): string | null {
  if (!Object.hasOwn(journey.attributes, attribute)) return null;
  const value = journey.attributes[attribute];
  return value === null || value === undefined ? null : String(value);
}

type MutableTally = { -readonly [K in keyof SlaTally]: SlaTally[K] };

const emptyTally = (): MutableTally => ({
  evaluated: 0,
  met: 0,
  breached: 0,
  atRisk: 0,
  pending: 0,
  withdrawn: 0,
  compliance: null,
});

function count(tally: MutableTally, obligation: Obligation): void {
  tally.evaluated += 1;
  tally[obligation.status] += 1;
}

function finish(tally: MutableTally): SlaTally {
  const decided = tally.met + tally.breached;
  tally.compliance = decided === 0 ? null : tally.met / decided;
  return tally;
}

/** Code-unit order: the same on every machine, whatever its locale. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const toDate = (time: number): Date | null => (Number.isNaN(time) ? null : new Date(time));

function summarize(sla: Sla, obligations: readonly Obligation[], asOf: number): SlaResult {
  const perRule = sla.rules.map(() => emptyTally());
  const hours = sla.rules.map((): number[] => []);
  const byOwner = { marketing: emptyTally(), sales: emptyTally() };
  const byAgent = new Map<string | null, MutableTally>();
  for (const obligation of obligations) {
    const rule = sla.rules[obligation.rule] as SlaRule;
    count(perRule[obligation.rule] as MutableTally, obligation);
    count(byOwner[rule.owner], obligation);
    if (obligation.journey !== null) {
      let tally = byAgent.get(obligation.agent);
      if (!tally) {
        tally = emptyTally();
        byAgent.set(obligation.agent, tally);
      }
      count(tally, obligation);
    }
    if (obligation.responseHours !== null) hours[obligation.rule]?.push(obligation.responseHours);
  }
  const rules = sla.rules.map((rule, index): SlaRuleResult => {
    const sorted = Float64Array.from(hours[index] ?? []).sort();
    return {
      id: rule.id,
      owner: rule.owner,
      kind: rule.kind,
      ...finish(perRule[index] as MutableTally),
      responseHours: { median: interpolate(sorted, 0.5), p90: interpolate(sorted, 0.9) },
    };
  });
  const order = (a: Obligation, b: Obligation) =>
    a.dueAt - b.dueAt || a.rule - b.rule || compareText(a.journey ?? '', b.journey ?? '');
  const breaches = obligations
    .filter((obligation) => obligation.status === 'breached')
    .sort(order)
    .map((obligation): SlaBreach => {
      const rule = sla.rules[obligation.rule] as SlaRule;
      return {
        rule: rule.id,
        owner: rule.owner,
        kind: rule.kind,
        journey: obligation.journey,
        agent: obligation.agent,
        dueAt: new Date(obligation.dueAt),
        resolvedAt: toDate(obligation.resolvedAt),
        lateByHours: obligation.lateByHours,
        detail: obligation.detail,
        period: obligation.period
          ? { start: new Date(obligation.period[0]), end: new Date(obligation.period[1]) }
          : null,
      };
    });
  const atRisk = obligations
    .filter((obligation) => obligation.status === 'atRisk')
    .sort(order)
    .map((obligation): SlaAtRisk => {
      const rule = sla.rules[obligation.rule] as SlaRule;
      return {
        rule: rule.id,
        owner: rule.owner,
        journey: obligation.journey,
        agent: obligation.agent,
        dueAt: new Date(obligation.dueAt),
        hoursLeft: obligation.hoursLeft,
      };
    });
  const agents = [...byAgent.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareText(a, b)))
    .map(([agent, tally]) => ({ agent, ...finish(tally) }));
  return {
    asOf: new Date(asOf),
    rules,
    byOwner: { marketing: finish(byOwner.marketing), sales: finish(byOwner.sales) },
    byAgent: agents,
    breaches,
    atRisk,
  };
}

/**
 * The scoring function and, for a scoring model, its threshold. A model scores each journey as a
 * lead as of the moment asked: its attributes for fit, its behaviour events for engagement.
 */
function resolveScoring(score: SlaScore | ScoringModel | undefined): Scoring | null {
  if (score === undefined) return null;
  if (typeof score === 'function') return { score, threshold: null };
  return {
    score: (journey, at) => scoreLead(score, journey, { asOf: at }).total,
    threshold: score.threshold,
  };
}
