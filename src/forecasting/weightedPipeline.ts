import * as z from 'zod';
import { dateSchema } from '../journey/schemas.js';
import { newTrack } from '../journey/track.js';
import type { AttributeValue, JourneyInput } from '../journey/types.js';
import { type Decimal, Money } from '../money/money.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';
import { expectedValue, latestForecast, readDeals, walkAt } from './deals.js';
import { categoryAttribute, groupByCategory } from './forecastCategory.js';
import { byCategorySchema, listOf, optionsError, parseOptions } from './options.js';
import {
  type StageWinProbabilitiesOptions,
  stageWinProbabilities,
} from './stageWinProbabilities.js';

/**
 * Options of {@link weightedPipeline}.
 *
 * @example
 * ```ts
 * const options: WeightedPipelineOptions = {
 *   asOf: '2026-06-30',
 *   probabilities: { qualified_lead: 0.1, prospect: 0.4 },
 *   byCategory: true,
 * };
 * ```
 */
export interface WeightedPipelineOptions {
  /** The moment measured: the pipeline open then, probabilities learned from the history up to then. */
  readonly asOf: DateInput;
  /** Win probability per stage id, in [0, 1], instead of learning them ({@link stageWinProbabilities}). Stages left out have none. */
  readonly probabilities?: Readonly<Record<string, number>>;
  /** Also per forecast category: `true` reads the `forecastCategory` attribute, a string names another. */
  readonly byCategory?: true | string;
  /** Passed to {@link stageWinProbabilities} when learning (not with `probabilities`). */
  readonly includeDisqualified?: boolean;
  /** Passed to {@link stageWinProbabilities} when learning (not with `probabilities`). */
  readonly pseudoCounts?: StageWinProbabilitiesOptions['pseudoCounts'];
}

/**
 * Open value and expected revenue of a set of open deals.
 *
 * @example
 * ```ts
 * const figures: WeightedFigures = weightedPipeline(pipeline, journeys, { asOf }).stages[4];
 * figures.weightedValue?.toFixed(2);
 * ```
 */
export interface WeightedFigures {
  /** Open deals. */
  readonly count: number;
  /** Their value (forecast amount as of `asOf`, else journey amount). */
  readonly value: Decimal;
  /** Σ value × win probability of the deal's stage, over deals whose stage has one (exact; round at display). */
  readonly weightedValue: Decimal;
  /** Deals whose stage has no probability (their value is not in `weightedValue`). */
  readonly withoutProbability: number;
  /** Deals without any amount. */
  readonly withoutValue: number;
}

/**
 * The result of {@link weightedPipeline}.
 *
 * @example
 * ```ts
 * const result: WeightedPipelineResult = weightedPipeline(pipeline, journeys, { asOf: '2026-06-30' });
 * result.weightedValue.toFixed(2); //=> the expected revenue of today's pipeline
 * ```
 */
export interface WeightedPipelineResult extends WeightedFigures {
  /** The moment measured. */
  readonly asOf: Date;
  /** Where the probabilities came from. */
  readonly probabilitiesFrom: 'option' | 'history';
  /** Open journeys without any stage yet (not in any figure). */
  readonly unstaged: number;
  /** Per stage, in pipeline order, with the probability used (null: none). */
  readonly stages: readonly (WeightedFigures & {
    /** The stage id. */
    readonly stage: string;
    /** Its win probability, or null. */
    readonly probability: number | null;
  })[];
  /** Per forecast category (standard order, then others, `null` = no category), with `byCategory`. */
  readonly categories?: readonly (WeightedFigures & {
    /** The category (null: the attribute is missing). */
    readonly category: AttributeValue;
  })[];
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  asOf: dateSchema,
  probabilities: z
    .record(
      z.string(),
      z
        .number()
        .min(0, 'Expected a probability of at least 0')
        .max(1, 'Expected a probability of at most 1'),
    )
    .exactOptional(),
  byCategory: byCategorySchema.exactOptional(),
  includeDisqualified: z.boolean().exactOptional(),
  pseudoCounts: z.unknown().exactOptional(),
});

interface OpenDeal {
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly stage: number;
  readonly value: Decimal | null;
}

/**
 * The weighted pipeline: each open deal's value × the probability that a deal in its stage ends
 * won — learned from the journeys' own history as an absorbing Markov chain
 * ({@link stageWinProbabilities}, as of `asOf`) or given per stage — in total, by stage and, with
 * `byCategory`, by forecast category: the expected revenue of today's pipeline.
 *
 * @param pipeline - the pipeline
 * @param journeys - raw or parsed journeys (validated here)
 * @param options - see {@link WeightedPipelineOptions}
 * @returns totals, per stage and per category
 * @throws {@link PipelineError} `invalid_options` (a probability outside [0, 1] or for an unknown
 *   stage, learning options given with `probabilities`), `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const result = weightedPipeline(presets.buyingPipeline, journeys, {
 *   asOf: '2026-06-30',
 *   probabilities: { qualified_lead: 0.1, prospect: 0.4 },
 * });
 * // one prospect worth 50,000 and two qualified leads worth 20,000 each:
 * result.weightedValue.toFixed(2); //=> '24000.00'
 * ```
 */
export function weightedPipeline(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: WeightedPipelineOptions,
): WeightedPipelineResult {
  const where = 'weightedPipeline';
  const parsed = parseOptions(optionsSchema, options, where);
  const list = listOf(journeys);
  const probabilities = stageProbabilities(pipeline, list, options, parsed.probabilities, where);
  const asOf = parsed.asOf.getTime();
  const track = newTrack(pipeline.stages.length);
  const open: OpenDeal[] = [];
  let unstaged = 0;
  for (const deal of readDeals(pipeline, list, where)) {
    const walked = walkAt(pipeline, deal, asOf, where, track);
    if (walked.status !== 'open') continue;
    if (walked.current < 0) {
      unstaged += 1;
      continue;
    }
    open.push({
      attributes: deal.attributes,
      stage: walked.current,
      value: expectedValue(deal, latestForecast(deal, asOf)),
    });
  }
  const result: WeightedPipelineResult = {
    asOf: new Date(asOf),
    probabilitiesFrom: parsed.probabilities === undefined ? 'history' : 'option',
    unstaged,
    ...figuresOf(open, probabilities),
    stages: pipeline.stages.map((stage, index) => ({
      stage: stage.id,
      probability: probabilities[index] ?? null,
      ...figuresOf(
        open.filter((deal) => deal.stage === index),
        probabilities,
      ),
    })),
  };
  const attribute = categoryAttribute(parsed.byCategory);
  if (attribute === null) return result;
  return {
    ...result,
    categories: groupByCategory(open, attribute).map((group) => ({
      category: group.key,
      ...figuresOf(group.items, probabilities),
    })),
  };
}

/** The win probability of each stage (null: none), from the option or learned. */
function stageProbabilities(
  pipeline: Pipeline,
  journeys: readonly JourneyInput[],
  options: WeightedPipelineOptions,
  given: Readonly<Record<string, number>> | undefined,
  where: string,
): (number | null)[] {
  if (given === undefined) {
    const learned = stageWinProbabilities(pipeline, journeys, {
      asOf: options.asOf,
      ...(options.includeDisqualified !== undefined && {
        includeDisqualified: options.includeDisqualified,
      }),
      ...(options.pseudoCounts !== undefined && { pseudoCounts: options.pseudoCounts }),
    });
    return learned.stages.map((row) => row.probability);
  }
  for (const key of ['includeDisqualified', 'pseudoCounts'] as const) {
    if (options[key] !== undefined) {
      throw optionsError(
        where,
        [key],
        `"${key}" only applies when learning the probabilities; remove it or "probabilities"`,
      );
    }
  }
  for (const stage of Object.keys(given)) {
    if (!pipeline.stages.some((candidate) => candidate.id === stage)) {
      throw optionsError(
        where,
        ['probabilities', stage],
        `Unknown stage "${stage}"`,
        'unknown_stage',
      );
    }
  }
  return pipeline.stages.map((stage) =>
    Object.hasOwn(given, stage.id) ? (given[stage.id] as number) : null,
  );
}

function figuresOf(
  deals: readonly OpenDeal[],
  probabilities: readonly (number | null)[],
): WeightedFigures {
  let value = new Money(0);
  let weightedValue = new Money(0);
  let withoutProbability = 0;
  let withoutValue = 0;
  for (const deal of deals) {
    const probability = probabilities[deal.stage] ?? null;
    if (probability === null) withoutProbability += 1;
    if (deal.value === null) {
      withoutValue += 1;
      continue;
    }
    value = value.plus(deal.value);
    if (probability !== null) weightedValue = weightedValue.plus(deal.value.times(probability));
  }
  return { count: deals.length, value, weightedValue, withoutProbability, withoutValue };
}
