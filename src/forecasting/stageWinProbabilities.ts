import * as z from 'zod';
import { dateSchema } from '../journey/schemas.js';
import { newTrack } from '../journey/track.js';
import type { JourneyInput } from '../journey/types.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';
import { type ChainGap, solveAbsorbingChain } from './absorbingChain.js';
import { END_OF_TIME, readDeals, walkAt } from './deals.js';
import { listOf, optionsError, parseOptions } from './options.js';

/**
 * Options of {@link stageWinProbabilities}.
 *
 * @example
 * ```ts
 * const options: StageWinProbabilitiesOptions = { asOf: '2026-06-30', pseudoCounts: 1 };
 * ```
 */
export interface StageWinProbabilitiesOptions {
  /** Ignore events after this moment (default: use every event). */
  readonly asOf?: DateInput;
  /**
   * Count a disqualification as an end that is not a win (default true). Unlike a win rate, a
   * stage's probability of ending won must count every way of not winning: in a funnel whose early
   * exits are disqualifications, leaving them out makes the early stages look as good as the
   * handoff. `false` leaves disqualified journeys out entirely, as {@link winRate} does.
   */
  readonly includeDisqualified?: boolean;
  /**
   * Pseudo-counts added to the observed moves, for sparse stages. A number α adds α to "advance
   * to the next stage" and α to "lost" from every stage but the last. Or per stage: `{ [from]: {
   * [to]: weight } }`, where `to` is a stage id (the last stage = won) or `'lost'`.
   */
  readonly pseudoCounts?: number | Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/**
 * The win probability of one stage.
 *
 * @example
 * ```ts
 * const row: StageWinProbability = stageWinProbabilities(pipeline, journeys).stages[3];
 * row.probability; //=> e.g. 0.13
 * ```
 */
export interface StageWinProbability {
  /** The stage id. */
  readonly stage: string;
  /** Observed moves out of the stage (pseudo-counts not included). */
  readonly departures: number;
  /** Observed moves to each stage, by stage id (a move to the last stage is a win); only stages moved to. */
  readonly transitions: Readonly<Record<string, number>>;
  /** Observed moves to lost. */
  readonly lost: number;
  /** Probability that a journey in this stage ends won; 1 on the last stage; null with a `gap`. */
  readonly probability: number | null;
  /** Expected further moves until won or lost, the final one included; 0 on the last stage; null with a `gap`. */
  readonly expectedMoves: number | null;
  /** Why there is no probability, or null. */
  readonly gap: ChainGap | null;
}

/**
 * The result of {@link stageWinProbabilities}.
 *
 * @example
 * ```ts
 * const result: StageWinProbabilitiesResult = stageWinProbabilities(pipeline, journeys);
 * result.stages.map((row) => [row.stage, row.probability]);
 * ```
 */
export interface StageWinProbabilitiesResult {
  /** Every stage in pipeline order. */
  readonly stages: readonly StageWinProbability[];
  /** Journeys read. */
  readonly journeys: number;
  /** Observed moves in all (stage to stage, to won, to lost). */
  readonly moves: number;
  /** Disqualified journeys left out (with `includeDisqualified: false`). */
  readonly disqualifiedLeftOut: number;
}

const weight = z.number().finite().nonnegative();
const optionsSchema = /* @__PURE__ */ z.strictObject({
  asOf: dateSchema.exactOptional(),
  includeDisqualified: z.boolean().exactOptional(),
  pseudoCounts: z
    .union([weight, z.record(z.string(), z.record(z.string(), weight))])
    .exactOptional(),
});

/** Adds to one cell of a weight matrix. */
function bump(matrix: number[][], row: number, column: number, amount: number): void {
  const line = matrix[row];
  if (line) line[column] = (line[column] ?? 0) + amount;
}

/** Observed moves: stage → stage weights and stage → [won, lost] weights. */
interface Moves {
  readonly transient: number[][];
  readonly absorbing: number[][];
}

/**
 * For each stage, the probability that a journey there ends won, from the observed stage-to-stage
 * moves read as an absorbing Markov chain: the stages but the last are transient, won (the last
 * stage) and lost are absorbing; P(won) = N·R and the expected further moves t = N·1, with the
 * fundamental matrix N = (I − Q)⁻¹. A journey's moves are its stage entries in time order (a
 * repeated entry into the same stage is not a move; a recycle followed by a new entry is a move
 * back) and its close: won enters the last stage, lost leaves from the stage it was in.
 * A disqualification ends a journey like a loss (unless `includeDisqualified: false`, which
 * leaves such journeys out, as {@link winRate} does); open journeys have not made their
 * next move yet and add nothing for their current stage. A stage with no observed move out has no
 * answer (`gap`), and neither has any stage that can move into it.
 *
 * @param pipeline - the pipeline
 * @param journeys - raw or parsed journeys (validated here)
 * @param options - see {@link StageWinProbabilitiesOptions}
 * @returns a row per stage
 * @throws {@link PipelineError} `invalid_options` (a negative pseudo-count, an unknown stage in
 *   `pseudoCounts`), `invalid_journey`, `unknown_stage`
 *
 * @example
 * ```ts
 * const result = stageWinProbabilities(presets.buyingPipeline, journeys, { pseudoCounts: 1 });
 * result.stages.find((row) => row.stage === 'prospect')?.probability; //=> e.g. 0.4
 * ```
 */
export function stageWinProbabilities(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  options: StageWinProbabilitiesOptions = {},
): StageWinProbabilitiesResult {
  const where = 'stageWinProbabilities';
  const parsed = parseOptions(optionsSchema, options, where);
  const asOf = parsed.asOf?.getTime() ?? END_OF_TIME;
  const last = pipeline.stages.length - 1;
  const observed: Moves = {
    transient: pipeline.stages.slice(0, last).map(() => new Array<number>(last).fill(0)),
    absorbing: pipeline.stages.slice(0, last).map(() => [0, 0]),
  };
  const toLast = new Array<number>(last).fill(0);
  const track = newTrack(pipeline.stages.length);
  let count = 0;
  let moves = 0;
  let disqualifiedLeftOut = 0;
  const record = (from: number, to: number) => {
    moves += 1;
    if (to === last) {
      bump(observed.absorbing, from, 0, 1);
      toLast[from] = (toLast[from] as number) + 1;
    } else bump(observed.transient, from, to, 1);
  };
  for (const deal of readDeals(pipeline, listOf(journeys), where)) {
    count += 1;
    const walked = walkAt(pipeline, deal, asOf, where, track);
    let at = -1;
    for (let index = 0; index < walked.entryCount; index += 2) {
      const stage = walked.entries[index] as number;
      // The last stage absorbs: an entry after it (a reopened deal) starts a new path.
      if (at >= 0 && at !== last && stage !== at) record(at, stage);
      at = stage;
    }
    const lost =
      walked.status === 'lost' ||
      (walked.status === 'disqualified' && parsed.includeDisqualified !== false);
    if (walked.status === 'disqualified' && !lost) disqualifiedLeftOut += 1;
    if (lost && walked.current >= 0 && walked.current !== last) {
      moves += 1;
      bump(observed.absorbing, walked.current, 1, 1);
    }
  }
  const weights = withPseudoCounts(pipeline, observed, parsed.pseudoCounts, where);
  const solved = solveAbsorbingChain(weights.transient, weights.absorbing);
  const stages = pipeline.stages.map((stage, index): StageWinProbability => {
    if (index === last) {
      return {
        stage: stage.id,
        departures: 0,
        transitions: {},
        lost: 0,
        probability: 1,
        expectedMoves: 0,
        gap: null,
      };
    }
    const row = solved[index];
    const transitions: Record<string, number> = {};
    (observed.transient[index] as number[]).forEach((weight, to) => {
      if (weight > 0) transitions[pipeline.stages[to]?.id as string] = weight;
    });
    if ((toLast[index] as number) > 0)
      transitions[pipeline.stages[last]?.id as string] = toLast[index] as number;
    const lostMoves = (observed.absorbing[index] as number[])[1] as number;
    return {
      stage: stage.id,
      departures: Object.values(transitions).reduce((total, value) => total + value, lostMoves),
      transitions,
      lost: lostMoves,
      probability: row?.absorption?.[0] ?? null,
      expectedMoves: row?.moves ?? null,
      gap: row?.gap ?? null,
    };
  });
  return { stages, journeys: count, moves, disqualifiedLeftOut };
}

/** The observed weights plus the pseudo-counts (a copy: the observed counts are reported as such). */
function withPseudoCounts(
  pipeline: Pipeline,
  observed: Moves,
  pseudo: StageWinProbabilitiesOptions['pseudoCounts'],
  where: string,
): Moves {
  const transient = observed.transient.map((row) => [...row]);
  const absorbing = observed.absorbing.map((row) => [...row]);
  const last = pipeline.stages.length - 1;
  const add = (from: number, to: number | 'lost', amount: number) => {
    if (to === 'lost') bump(absorbing, from, 1, amount);
    else if (to === last) bump(absorbing, from, 0, amount);
    else bump(transient, from, to, amount);
  };
  if (typeof pseudo === 'number') {
    for (let from = 0; from < last; from += 1) {
      add(from, from + 1, pseudo);
      add(from, 'lost', pseudo);
    }
  } else if (pseudo !== undefined) {
    const index = new Map(pipeline.stages.map((stage, position) => [stage.id, position]));
    for (const [fromId, targets] of Object.entries(pseudo)) {
      const from = index.get(fromId);
      if (from === undefined || from === last) {
        throw optionsError(
          where,
          ['pseudoCounts', fromId],
          from === last
            ? `The last stage "${fromId}" is won: no move leaves it`
            : `Unknown stage "${fromId}"`,
          from === last ? 'invalid_value' : 'unknown_stage',
        );
      }
      for (const [toId, amount] of Object.entries(targets)) {
        const to = toId === 'lost' ? 'lost' : index.get(toId);
        if (to === undefined) {
          throw optionsError(
            where,
            ['pseudoCounts', fromId, toId],
            `Unknown stage "${toId}" (a target is a stage id or "lost")`,
            'unknown_stage',
          );
        }
        add(from, to, amount);
      }
    }
  }
  return { transient, absorbing };
}
