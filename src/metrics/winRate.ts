import type { AttributeValue, JourneyInput } from '../journey/types.js';
import { sumValue } from '../money/amount.js';
import type { Decimal } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';
import { compareKeys } from './conversion.js';
import { allSlice, type FunnelState, type Slice } from './funnelState.js';
import type { CohortOptions, ResolvedOptions } from './options.js';
import { interval, type RateInterval, rate } from './ratio.js';
import { END_OF_TIME, runStandalone } from './runFunnel.js';

/**
 * Win figures for a set of journeys.
 *
 * @example
 * ```ts
 * const figures: WinFigures = winRate(pipeline, journeys);
 * figures.valueRate; //=> won value ÷ (won + lost value)
 * ```
 */
export interface WinFigures {
  /** Won journeys. */
  readonly won: number;
  /** Lost journeys (and disqualified ones with `includeDisqualified`). */
  readonly lost: number;
  /** won ÷ (won + lost); null when none closed. */
  readonly rate: number | null;
  /** Wilson interval of the rate. */
  readonly interval: RateInterval;
  /** Total amount of the won journeys. */
  readonly wonValue: Decimal;
  /** Total amount of the lost journeys. */
  readonly lostValue: Decimal;
  /** wonValue ÷ (wonValue + lostValue); null when both are 0. */
  readonly valueRate: number | null;
  /** Closed journeys without an amount (counted in the rates, not in the values). */
  readonly withoutValue: number;
}

/**
 * The result of {@link winRate}.
 *
 * @example
 * ```ts
 * const result: WinRateResult = winRate(presets.buyingPipeline, journeys, { by: 'origin' });
 * ```
 */
export interface WinRateResult extends WinFigures {
  /** Among journeys that reached this stage. */
  readonly from: string;
  /** Per group, when `by` was given. */
  readonly groups?: readonly (WinFigures & {
    /** The group's value (null: missing). */
    readonly key: AttributeValue;
  })[];
}

/**
 * Options of {@link winRate}.
 *
 * @example
 * ```ts
 * const options: WinRateOptions = { from: 'prospect', by: 'origin', includeDisqualified: true };
 * ```
 */
export interface WinRateOptions {
  /** Ignore events after this moment (default: use every event). */
  readonly asOf?: DateInput;
  /** Among journeys that reached this stage (default: the handoff). */
  readonly from?: string;
  /** Count disqualified journeys as lost (default false). */
  readonly includeDisqualified?: boolean;
  /** `'origin'` or an attribute name: adds `groups`. */
  readonly by?: string;
  /** Only journeys that entered the cohort stage inside the window. */
  readonly cohort?: CohortOptions;
  /** `'implied'` (default) or `'strict'`. */
  readonly skipped?: 'implied' | 'strict';
  /** Interval confidence in (0, 1), default 0.95. */
  readonly confidence?: number;
}

function figures(slice: Slice, options: ResolvedOptions): WinFigures {
  const wonValue = sumValue(slice.wonValue);
  const lostValue = sumValue(slice.lostValue);
  const totalValue = wonValue.plus(lostValue);
  return {
    won: slice.winWon,
    lost: slice.winLost,
    rate: rate(slice.winWon, slice.winWon + slice.winLost),
    interval: interval(slice.winWon, slice.winWon + slice.winLost, options.confidence),
    wonValue,
    lostValue,
    valueRate: totalValue.isZero() ? null : wonValue.dividedBy(totalValue).toNumber(),
    withoutValue: slice.winWithoutValue,
  };
}

/** The win-rate figures of an accumulated state. */
export function winRateOf(
  pipeline: Pipeline,
  state: FunnelState,
  options: ResolvedOptions,
): WinRateResult {
  const result: WinRateResult = {
    from: pipeline.stages[options.winFrom]?.id as string,
    ...figures(allSlice(state, options), options),
  };
  if (options.by === null) return result;
  const groups = [...state.groups.values()]
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((group) => ({ key: group.key, ...figures(group.slice, options) }));
  return { ...result, groups };
}

/**
 * Win rate = won ÷ (won + lost) among journeys that reached the opportunity stage (default: the
 * handoff), by count and by value, with a Wilson interval. Disqualified journeys are left out
 * unless `includeDisqualified`. Open journeys do not count.
 *
 * @param pipeline - the pipeline
 * @param journeys - the journeys (validated here)
 * @param options - see {@link WinRateOptions}
 * @returns the figures overall and, with `by`, per group
 * @throws {@link PipelineError} `invalid_options`, `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const result = winRate(presets.buyingPipeline, journeys, { by: 'origin' });
 * result.rate; //=> e.g. 0.4
 * result.wonValue.toFixed(2); //=> '103000.00'
 * ```
 */
export function winRate(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: WinRateOptions = {},
): WinRateResult {
  const { resolved, state } = runStandalone(pipeline, journeys, options, {
    where: 'winRate',
    keys: ['asOf', 'from', 'includeDisqualified', 'by', 'cohort', 'skipped', 'confidence'],
    toFunnel: ({ asOf, from, includeDisqualified, ...shared }) => ({
      ...shared,
      asOf: asOf ?? END_OF_TIME,
      winRate: {
        ...(from !== undefined && { from }),
        ...(includeDisqualified !== undefined && { includeDisqualified }),
      },
    }),
    renames: { 'winRate.from': 'from', 'winRate.includeDisqualified': 'includeDisqualified' },
  });
  return winRateOf(pipeline, state, resolved);
}
