import { type AnomalyKind, anomalyKinds } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';
import { type ConversionResult, conversionOf } from './conversion.js';
import { type DealMetricsResult, dealsOf } from './dealMetrics.js';
import type { FunnelState } from './funnelState.js';
import { type LeakageResult, leakageOf } from './leakage.js';
import type { FunnelOptions, ResolvedOptions } from './options.js';
import { runFunnel } from './runFunnel.js';
import { type VelocityResult, velocityOf } from './velocity.js';
import { type WinRateResult, winRateOf } from './winRate.js';

/**
 * Journeys with messy-but-valid data of one kind: counted, with the smallest ids as examples.
 *
 * @example
 * ```ts
 * const anomaly: FunnelAnomaly = { kind: 'stage_reentered', count: 12, examples: ['J-1', 'J-7'] };
 * ```
 */
export interface FunnelAnomaly {
  /** What is odd. */
  readonly kind: AnomalyKind;
  /** How many journeys. */
  readonly count: number;
  /** Up to 20 of their ids (the smallest, so that the list does not depend on the input order). */
  readonly examples: readonly string[];
}

/**
 * The whole funnel in one pass (see {@link funnelReport}).
 *
 * @example
 * ```ts
 * const report: FunnelReport = funnelReport(presets.buyingPipeline, journeys, { asOf: '2026-06-30' });
 * report.conversion.overall.rate;
 * ```
 */
export interface FunnelReport {
  /** The moment the report describes. */
  readonly asOf: Date;
  /** Journeys read. */
  readonly journeys: number;
  /** Journeys measured: read, minus unstaged and outside the cohort. */
  readonly measured: number;
  /** See {@link conversion}. */
  readonly conversion: ConversionResult;
  /** See {@link velocity}. */
  readonly velocity: VelocityResult;
  /** See {@link winRate}. */
  readonly winRate: WinRateResult;
  /** See {@link leakage}. */
  readonly leakage: LeakageResult;
  /** See {@link dealMetrics}. */
  readonly deals: DealMetricsResult;
  /** Journeys with no stage at all: not measured, never dropped silently. */
  readonly unstaged: {
    /** How many. */
    readonly count: number;
    /** Up to 20 of their ids (the smallest). */
    readonly examples: readonly string[];
  };
  /** Journeys left out because they did not enter the cohort stage inside the cohort window. */
  readonly outsideCohort: number;
  /** Messy-but-valid data, by kind (kinds with no journey are left out). */
  readonly anomalies: readonly FunnelAnomaly[];
  /** Durations left out of velocity because a later event was dated before an earlier one. */
  readonly negativeDurations: number;
}

/** The report of an accumulated state. */
export function reportOf(
  pipeline: Pipeline,
  options: ResolvedOptions,
  state: FunnelState,
  added: number,
): FunnelReport {
  const anomalies = anomalyKinds
    .map((kind, bit) => ({
      kind,
      count: state.anomalies.counts[bit] as number,
      examples: [...(state.anomalies.ids[bit] as string[])],
    }))
    .filter((anomaly) => anomaly.count > 0);
  return {
    asOf: new Date(options.asOf),
    journeys: added,
    measured: added - state.unstaged.count - state.outsideCohort,
    conversion: conversionOf(pipeline, state, options),
    velocity: velocityOf(pipeline, state, options),
    winRate: winRateOf(pipeline, state, options),
    leakage: leakageOf(pipeline, state, options),
    deals: dealsOf(state, options.mixBy),
    unstaged: { count: state.unstaged.count, examples: [...state.unstaged.ids] },
    outsideCohort: state.outsideCohort,
    anomalies,
    negativeDurations: state.negativeDurations,
  };
}

/**
 * The whole funnel in one pass over the journeys: conversion, velocity, win rate, leakage and
 * deal metrics (the same figures the separate calculators give), plus the journeys that could not
 * be measured (`unstaged`), those outside the cohort, and the anomalies found. The same engine as
 * {@link createFunnelAccumulator}, so a report computed in pieces and merged is identical.
 *
 * @param pipeline - the pipeline
 * @param journeys - any iterable of journeys (validated here)
 * @param options - see {@link FunnelOptions}; `asOf` is required
 * @returns the report (JSON-serialisable: dates as ISO strings, money as strings)
 * @throws {@link PipelineError} `invalid_options` with the path, `invalid_journey` /
 *   `unknown_stage` with the journey's index first in the path
 *
 * @example
 * ```ts
 * const report = funnelReport(presets.buyingPipeline, journeys, { asOf: '2026-06-30', by: 'origin' });
 * report.conversion.groups?.map((group) => [group.key, group.overall.rate]);
 * report.winRate.rate;
 * report.unstaged.count;
 * ```
 */
export function funnelReport(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: FunnelOptions,
): FunnelReport {
  const { resolved, state, added } = runFunnel(pipeline, journeys, options, 'funnelReport');
  return reportOf(pipeline, resolved, state, added);
}
