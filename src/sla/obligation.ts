import type { BusinessCalendar } from '../calendar/types.js';
import { dueTime, hoursOn, inWarning } from './ruleClock.js';
import type { SlaDuration } from './types.js';

/**
 * Where one obligation stands at `asOf`. The five are disjoint: `met` (resolved by its due time),
 * `breached` (resolved late, or unresolved past its due time), `atRisk` (not yet due, inside the
 * warning window), `pending` (not yet due), `withdrawn` (the journey closed before it was due
 * without resolving it: nothing left to answer).
 */
export type ObligationStatus = 'met' | 'breached' | 'atRisk' | 'pending' | 'withdrawn';

/** One thing a rule asked of a journey (or of a period, for volume rules). Times in epoch ms. */
export interface Obligation {
  readonly rule: number;
  readonly journey: string | null;
  readonly agent: string | null;
  readonly status: ObligationStatus;
  readonly dueAt: number;
  /** When it was resolved; NaN when it was not (by asOf). */
  readonly resolvedAt: number;
  readonly lateByHours: number | null;
  /** From trigger to resolution on the rule's clock, for resolved timed obligations. */
  readonly responseHours: number | null;
  readonly hoursLeft: number | null;
  readonly detail: string;
  readonly period: readonly [number, number] | null;
}

/** What a timed obligation needs: when it started, and what ended it by `asOf` (NaN for nothing). */
export interface TimedFacts {
  readonly rule: number;
  readonly journey: string;
  readonly agent: string | null;
  readonly startedAt: number;
  /** The response (or leaving the stage), not after `closedAt`. */
  readonly resolvedAt: number;
  /** The journey closed without a response. */
  readonly closedAt: number;
  /** A response before the trigger that the rule accepts. */
  readonly earlierResponse: number;
}

/**
 * Decides a timed obligation (response and time-in-stage rules). Its status never goes back as
 * `asOf` moves forward: a breach stays a breach.
 */
export function timedObligation(
  calendar: BusinessCalendar,
  within: SlaDuration,
  warnBefore: SlaDuration | undefined,
  facts: TimedFacts,
  asOf: number,
  what: string,
): Obligation {
  const { startedAt, resolvedAt, closedAt } = facts;
  const dueAt = dueTime(calendar, startedAt, within);
  const hours = (a: number, b: number) => hoursOn(calendar, within, a, b);
  // Past due on the rule's own clock. Under a business-time rule the instants from the due time
  // to the next start of work are the same working instant (due Friday 17:00, Monday 09:00 has
  // used no more working time): answering then is in time, and a breach is always late by more
  // than nothing. On an elapsed clock this is just `at > dueAt`.
  const pastDue = (at: number) => at > dueAt && hours(dueAt, at) > 0;
  const base = {
    rule: facts.rule,
    journey: facts.journey,
    agent: facts.agent,
    dueAt,
    period: null,
  };
  if (!Number.isNaN(facts.earlierResponse)) {
    return {
      ...base,
      status: 'met',
      resolvedAt: facts.earlierResponse,
      lateByHours: null,
      responseHours: 0,
      hoursLeft: null,
      detail: `${what} before it was due (already before the trigger)`,
    };
  }
  if (!Number.isNaN(resolvedAt)) {
    const late = pastDue(resolvedAt);
    return {
      ...base,
      status: late ? 'breached' : 'met',
      resolvedAt,
      lateByHours: late ? hours(dueAt, resolvedAt) : null,
      responseHours: hours(startedAt, resolvedAt),
      hoursLeft: null,
      detail: late ? `${what} late` : `${what} in time`,
    };
  }
  const unresolved = { ...base, resolvedAt: Number.NaN, responseHours: null };
  if (!Number.isNaN(closedAt)) {
    if (!pastDue(closedAt)) {
      return {
        ...unresolved,
        status: 'withdrawn',
        lateByHours: null,
        hoursLeft: null,
        detail: 'closed before it was due',
      };
    }
    return {
      ...unresolved,
      status: 'breached',
      lateByHours: hours(dueAt, closedAt),
      hoursLeft: null,
      detail: `closed without: ${what}`,
    };
  }
  if (pastDue(asOf)) {
    return {
      ...unresolved,
      status: 'breached',
      lateByHours: hours(dueAt, asOf),
      hoursLeft: null,
      detail: `still waiting: ${what}`,
    };
  }
  const risky = warnBefore !== undefined && inWarning(calendar, warnBefore, asOf, dueAt);
  return {
    ...unresolved,
    status: risky ? 'atRisk' : 'pending',
    lateByHours: null,
    // 0, not -0, when asOf is after the due instant with no working time since.
    hoursLeft: Math.max(0, hours(asOf, dueAt)),
    detail: `waiting: ${what}`,
  };
}
