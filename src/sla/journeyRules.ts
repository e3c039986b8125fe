import type { BusinessCalendar } from '../calendar/types.js';
import { PipelineError } from '../errors/PipelineError.js';
import type { Journey, JourneyEvent } from '../journey/types.js';
import { stageIndexMap } from '../pipeline/stageIndex.js';
import type { Pipeline } from '../pipeline/types.js';
import { journeyFacts, matchesActivity, type Stay } from './journeyFacts.js';
import { type Obligation, type TimedFacts, timedObligation } from './obligation.js';
import type {
  ActivityMatch,
  MaxTimeInStageRule,
  MinAttemptsRule,
  ReasonRequiredRule,
  ResponseRule,
  SlaResponse,
} from './types.js';

/**
 * A scoring function for `scoreAtLeast` triggers: the lead's score as of `at`, from the journey's
 * events up to that moment. With the scoring module,
 * `(journey, at) => scoreLead(model, journey, { asOf: at }).total`.
 *
 * @example
 * ```ts
 * // One point per behaviour event so far.
 * const score: SlaScore = (journey, at) =>
 *   journey.events.filter((event) => event.type === 'behaviour' && event.at <= at).length;
 * ```
 */
export type SlaScore = (journey: Journey, at: Date) => number;

/** A resolved scoring option: the function, and the threshold when it came from a scoring model. */
export interface Scoring {
  readonly score: SlaScore;
  readonly threshold: number | null;
}

/** What the rules of one journey share. */
export interface JourneyContext {
  readonly calendar: BusinessCalendar;
  readonly pipeline: Pipeline;
  readonly journey: Journey;
  readonly agent: string | null;
  readonly asOf: number;
  readonly from: number;
  readonly to: number;
  readonly events: readonly JourneyEvent[];
  readonly stays: readonly Stay[];
  readonly scoring: Scoring | null;
}

/** Builds the context of one validated journey. */
export function journeyContext(base: Omit<JourneyContext, 'events' | 'stays'>): JourneyContext {
  return { ...base, ...journeyFacts(base.journey, base.asOf) };
}

const inWindow = (context: JourneyContext, time: number) =>
  time >= context.from && time < context.to;

function describeMatch(match: ActivityMatch): string {
  const kinds = match.kinds ? match.kinds.join(' or ') : 'an activity';
  return match.by ? `${kinds} by ${match.by.join(' or ')}` : kinds;
}

function describeResponse(response: SlaResponse): string {
  return 'stage' in response ? `reaching ${response.stage}` : describeMatch(response.activity);
}

/** The trigger times (with the triggering event's position) of a response rule. */
function triggers(
  context: JourneyContext,
  rule: ResponseRule,
  ruleIndex: number,
): [number, number][] {
  const { trigger } = rule;
  if ('stage' in trigger) {
    return context.stays
      .filter((stay) => stay.stage === trigger.stage)
      .map((stay) => [stay.enteredAt, stay.index]);
  }
  if ('outcome' in trigger) {
    const found: [number, number][] = [];
    context.events.forEach((event, index) => {
      if (event.type === 'outcome' && event.outcome === trigger.outcome)
        found.push([event.at.getTime(), index]);
    });
    return found;
  }
  return scoreTrigger(context, trigger.scoreAtLeast, ruleIndex);
}

/** The first behaviour event at which the score reaches the threshold (once per journey). */
function scoreTrigger(
  context: JourneyContext,
  atLeast: number | 'threshold',
  ruleIndex: number,
): [number, number][] {
  const scoring = context.scoring;
  // evaluateSla checks both before reading any journey; kept for direct callers.
  if (!scoring) throw missingScore(ruleIndex);
  const threshold = atLeast === 'threshold' ? scoring.threshold : atLeast;
  if (threshold === null) throw missingScore(ruleIndex, 'threshold');
  const score = scoring.score;
  // The scorer sees the journey as of asOf, whatever it does with `at`.
  const journey =
    context.events.length === context.journey.events.length
      ? context.journey
      : Object.freeze({ ...context.journey, events: Object.freeze([...context.events]) });
  for (let index = 0; index < context.events.length; index += 1) {
    const event = context.events[index] as JourneyEvent;
    if (event.type !== 'behaviour') continue;
    const value = score(journey, new Date(event.at.getTime()));
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new PipelineError(
        'invalid_options',
        [
          {
            code: 'invalid_score',
            path: ['score'],
            message: `The score function returned ${String(value)} for journey "${context.journey.id}" at ${event.at.toISOString()}; expected a finite number`,
          },
        ],
        { where: 'evaluateSla' },
      );
    }
    if (value >= threshold) return [[event.at.getTime(), index]];
  }
  return [];
}

/**
 * The error for a `scoreAtLeast` trigger without a `score` option, or with `'threshold'` and a
 * score that is a function (only a scoring model has a threshold).
 */
export function missingScore(
  ruleIndex: number,
  what: 'score' | 'threshold' = 'score',
): PipelineError {
  return new PipelineError(
    'invalid_options',
    [
      {
        code: 'missing_score',
        path: ['rules', ruleIndex, 'trigger', 'scoreAtLeast'],
        message:
          what === 'score'
            ? 'A `scoreAtLeast` trigger needs a score: pass `score` (a scoring model from defineScoringModel, or (journey, at) => number) to evaluateSla'
            : "`scoreAtLeast: 'threshold'` needs a scoring model as evaluateSla's `score` (a function has no threshold)",
      },
    ],
    { where: 'evaluateSla' },
  );
}

/** A timed obligation of a rule in the context's journey, on its calendar and as of its `asOf`. */
function ruleObligation(
  context: JourneyContext,
  rule: ResponseRule | MaxTimeInStageRule,
  ruleIndex: number,
  times: Omit<TimedFacts, 'rule' | 'journey' | 'agent'>,
  what: string,
): Obligation {
  return timedObligation(
    context.calendar,
    rule.within,
    rule.warnBefore,
    { rule: ruleIndex, journey: context.journey.id, agent: context.agent, ...times },
    context.asOf,
    what,
  );
}

/** Whether an event is a response of the rule. */
function isResponse(context: JourneyContext, response: SlaResponse, event: JourneyEvent): boolean {
  if ('activity' in response)
    return event.type === 'activity' && matchesActivity(event, response.activity);
  if (event.type === 'outcome') return event.outcome === 'won';
  if (event.type !== 'stage') return false;
  const positions = stageIndexMap(context.pipeline);
  return (
    (positions.get(event.stage) ?? -1) >=
    (positions.get(response.stage) ?? Number.POSITIVE_INFINITY)
  );
}

/** The obligations of a response rule in one journey. */
export function responseObligations(
  context: JourneyContext,
  rule: ResponseRule,
  ruleIndex: number,
): Obligation[] {
  const obligations: Obligation[] = [];
  const what = describeResponse(rule.response);
  let previousTrigger = Number.NEGATIVE_INFINITY;
  for (const [startedAt, triggerIndex] of triggers(context, rule, ruleIndex)) {
    const since = previousTrigger;
    previousTrigger = startedAt;
    if (!inWindow(context, startedAt)) continue;
    let resolvedAt = Number.NaN;
    let closedAt = Number.NaN;
    let earlierResponse = Number.NaN;
    context.events.forEach((event, index) => {
      const at = event.at.getTime();
      if (!Number.isNaN(resolvedAt) || !Number.isNaN(closedAt)) return;
      if (at >= startedAt && isResponse(context, rule.response, event)) resolvedAt = at;
      else if (
        rule.acceptEarlier &&
        at < startedAt &&
        at >= since &&
        Number.isNaN(earlierResponse) &&
        isResponse(context, rule.response, event)
      ) {
        earlierResponse = at;
      } else if (index > triggerIndex && event.type === 'outcome') closedAt = at;
    });
    obligations.push(
      ruleObligation(
        context,
        rule,
        ruleIndex,
        { startedAt, resolvedAt, closedAt, earlierResponse },
        what,
      ),
    );
  }
  return obligations;
}

/** The obligations of a time-in-stage rule in one journey: one per stay in the stage. */
export function stageTimeObligations(
  context: JourneyContext,
  rule: MaxTimeInStageRule,
  ruleIndex: number,
): Obligation[] {
  return context.stays
    .filter((stay) => stay.stage === rule.stage && inWindow(context, stay.enteredAt))
    .map((stay) =>
      ruleObligation(
        context,
        rule,
        ruleIndex,
        {
          startedAt: stay.enteredAt,
          resolvedAt: stay.leftAt,
          closedAt: Number.NaN,
          earlierResponse: Number.NaN,
        },
        `leaving ${rule.stage}`,
      ),
    );
}

const DEFAULT_REASON_OUTCOMES = ['lost', 'disqualified', 'recycled'] as const;
const DEFAULT_ATTEMPT_OUTCOMES = ['disqualified', 'recycled'] as const;

/** An obligation decided at one instant (an outcome), with no lateness. */
function instantObligation(
  context: JourneyContext,
  ruleIndex: number,
  at: number,
  met: boolean,
  detail: string,
): Obligation {
  return {
    rule: ruleIndex,
    journey: context.journey.id,
    agent: context.agent,
    status: met ? 'met' : 'breached',
    dueAt: at,
    resolvedAt: Number.NaN,
    lateByHours: null,
    responseHours: null,
    hoursLeft: null,
    detail,
    period: null,
  };
}

/** The obligations of a reason rule in one journey: one per outcome of its kinds. */
export function reasonObligations(
  context: JourneyContext,
  rule: ReasonRequiredRule,
  ruleIndex: number,
): Obligation[] {
  const kinds: readonly string[] = rule.outcomes ?? DEFAULT_REASON_OUTCOMES;
  const obligations: Obligation[] = [];
  for (const event of context.events) {
    if (event.type !== 'outcome' || !kinds.includes(event.outcome)) continue;
    const at = event.at.getTime();
    if (!inWindow(context, at)) continue;
    const allowed = context.pipeline.outcomes[event.outcome].reasons ?? [];
    const reason = event.reason;
    const detail =
      reason === undefined
        ? `${event.outcome} without a reason`
        : allowed.length > 0 && !allowed.includes(reason)
          ? `${event.outcome} with reason "${reason}", not one of ${allowed.map((r) => `"${r}"`).join(', ')}`
          : `${event.outcome} with reason "${reason}"`;
    const met = reason !== undefined && (allowed.length === 0 || allowed.includes(reason));
    obligations.push(instantObligation(context, ruleIndex, at, met, detail));
  }
  return obligations;
}

/**
 * The obligations of an attempts rule in one journey: one per outcome of its kinds, met when
 * enough matching activities happened in the journey's current pass (since its start or its latest
 * recycle) up to the outcome's instant.
 */
export function attemptObligations(
  context: JourneyContext,
  rule: MinAttemptsRule,
  ruleIndex: number,
): Obligation[] {
  const kinds: readonly string[] = rule.outcomes ?? DEFAULT_ATTEMPT_OUTCOMES;
  const match = rule.activity ?? {};
  const obligations: Obligation[] = [];
  const activityTimes: number[] = [];
  for (const event of context.events) {
    if (event.type === 'activity') {
      if (matchesActivity(event, match)) activityTimes.push(event.at.getTime());
      continue;
    }
    if (event.type !== 'outcome') continue;
    const at = event.at.getTime();
    if (kinds.includes(event.outcome) && inWindow(context, at)) {
      // Same-instant activities sort before outcomes: all of them are already counted.
      const attempts = activityTimes.length;
      obligations.push(
        instantObligation(
          context,
          ruleIndex,
          at,
          attempts >= rule.attempts,
          `${event.outcome} after ${attempts} of ${rule.attempts} attempts`,
        ),
      );
    }
    if (event.outcome === 'recycled') activityTimes.length = 0;
  }
  return obligations;
}
