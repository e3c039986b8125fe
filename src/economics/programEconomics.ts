import * as z from 'zod';
import { parseOrThrow } from '../errors/fromZod.js';
import { dateSchema } from '../journey/schemas.js';
import type { JourneyInput } from '../journey/types.js';
import { passTimes } from '../metrics/funnelState.js';
import { confidenceSchema } from '../metrics/options.js';
import { interval, type RateInterval, rate } from '../metrics/ratio.js';
import { END_OF_TIME } from '../metrics/runFunnel.js';
import { addAmount, addSum, type MoneySum, moneySum, sumValue } from '../money/amount.js';
import type { Decimal } from '../money/money.js';
import { stageIndex } from '../pipeline/stageIndex.js';
import type { Pipeline } from '../pipeline/types.js';
import type { DateInput } from '../time/readDate.js';
import { compareProgram, programKey } from './programKey.js';
import { parseSpend, type SpendInput } from './spend.js';
import { firstEntryTime, walkJourneys } from './walkJourneys.js';

/**
 * Entries into one stage and what each cost.
 *
 * @example
 * ```ts
 * const row: ProgramStage = programEconomics(pipeline, journeys, spend).total.stages[3];
 * row.costPerEntry?.toFixed(2); //=> the cost per lead
 * ```
 */
export interface ProgramStage {
  /** The stage id. */
  readonly stage: string;
  /** Journeys that reached the stage (implied passage included unless `skipped: 'strict'`). */
  readonly entries: number;
  /** spend ÷ entries, rounded to the cent (half to even); null without entries or without spend lines. */
  readonly costPerEntry: Decimal | null;
}

/**
 * From the program's first stage to won.
 *
 * @example
 * ```ts
 * const figure: ProgramConversion = programEconomics(pipeline, journeys, spend).total.conversion;
 * figure.rate; //=> won ÷ reached
 * ```
 */
export interface ProgramConversion {
  /** The program's first stage: the first in pipeline order with entries; null without any. */
  readonly from: string | null;
  /** Journeys that reached `from`. */
  readonly reached: number;
  /** Of those, the ones won. */
  readonly won: number;
  /** won ÷ reached; null when nobody reached `from`. */
  readonly rate: number | null;
  /** Wilson interval of the rate at `confidence`. */
  readonly interval: RateInterval;
}

/**
 * What one program (or all of them, in `total`) cost and brought in.
 *
 * @example
 * ```ts
 * const row: ProgramEconomics | undefined = programEconomics(pipeline, journeys, spend).programs[0];
 * row?.acquisitionCost?.toFixed(2); //=> spend ÷ won
 * ```
 */
export interface ProgramEconomics {
  /** The program; `null` for journeys without one (and for `total`). */
  readonly program: string | null;
  /** Total spend of the program's lines, exact. */
  readonly spend: Decimal;
  /** How many spend lines the program has. 0: its cost is unknown and every cost figure is null. */
  readonly spendLines: number;
  /** Spend of the lines that no journey fell into (part of `spend`). */
  readonly spendWithoutJourneys: Decimal;
  /** Journeys measured: inside a spend period of the program, or every staged one when it has no spend lines. */
  readonly journeys: number;
  /** Journeys of the program outside every one of its spend periods: counted here, not measured. */
  readonly outsidePeriods: number;
  /** Journeys of the program with no stage entry as of `asOf` (no time to attribute): counted here, not measured. */
  readonly unstaged: number;
  /** Entries and cost per entry at every stage, in pipeline order. */
  readonly stages: readonly ProgramStage[];
  /** Journeys won. */
  readonly won: number;
  /** Total amount of the won journeys, exact. */
  readonly wonValue: Decimal;
  /** Won journeys without an amount (counted in `won`, not in `wonValue`). */
  readonly wonWithoutValue: number;
  /** Customer acquisition cost: spend ÷ won, rounded to the cent; null without wins or without spend lines. */
  readonly acquisitionCost: Decimal | null;
  /** wonValue ÷ spend; null when the spend is 0 or unknown. */
  readonly returnOnSpend: number | null;
  /** Conversion from the program's first stage to won, with its interval. */
  readonly conversion: ProgramConversion;
}

/**
 * The result of {@link programEconomics}.
 *
 * @example
 * ```ts
 * const result: ProgramEconomicsResult = programEconomics(presets.buyingPipeline, journeys, spend);
 * ```
 */
export interface ProgramEconomicsResult {
  /** Per program, sorted by name, the missing program (`null`) last. */
  readonly programs: readonly ProgramEconomics[];
  /** All programs together: the sums, and blended costs (all spend ÷ all entries or wins). */
  readonly total: ProgramEconomics;
}

/**
 * Options of {@link programEconomics}.
 *
 * @example
 * ```ts
 * const options: ProgramEconomicsOptions = { asOf: '2026-06-30', by: 'campaign', confidence: 0.9 };
 * ```
 */
export interface ProgramEconomicsOptions {
  /** Ignore events after this moment (default: use every event). */
  readonly asOf?: DateInput;
  /** Where a journey names its program: `'origin'` (default) or an attribute name. */
  readonly by?: string;
  /** `'implied'` (default): entering a later stage counts as entering the earlier ones. `'strict'`: only observed entries. */
  readonly skipped?: 'implied' | 'strict';
  /** Confidence of the conversion interval, in (0, 1). Default 0.95. */
  readonly confidence?: number;
}

const optionsSchema = /* @__PURE__ */ z.strictObject({
  asOf: dateSchema.exactOptional(),
  by: z.string().min(1).exactOptional(),
  skipped: z.enum(['implied', 'strict']).exactOptional(),
  confidence: confidenceSchema,
});

/** Running figures of one program. */
interface Tally {
  readonly program: string | null;
  readonly spend: MoneySum;
  spendLines: number;
  readonly idleSpend: MoneySum;
  journeys: number;
  outsidePeriods: number;
  unstaged: number;
  /** Journeys that reached each stage. */
  readonly reached: number[];
  /** Won journeys that reached each stage. */
  readonly wonReached: number[];
  won: number;
  readonly wonValue: MoneySum;
  wonWithoutValue: number;
}

function emptyTally(program: string | null, stageCount: number): Tally {
  return {
    program,
    spend: moneySum(),
    spendLines: 0,
    idleSpend: moneySum(),
    journeys: 0,
    outsidePeriods: 0,
    unstaged: 0,
    reached: new Array<number>(stageCount).fill(0),
    wonReached: new Array<number>(stageCount).fill(0),
    won: 0,
    wonValue: moneySum(),
    wonWithoutValue: 0,
  };
}

/** A spend line ready for attribution: times in epoch ms, the stage as an index (-1: first entry). */
interface Line {
  readonly start: number;
  readonly end: number;
  readonly stage: number;
  readonly amount: Decimal;
  used: boolean;
}

/** spend ÷ count to the cent; null without a count or without any spend line (unknown cost). */
function costPer(spend: Decimal, count: number, spendLines: number): Decimal | null {
  return count === 0 || spendLines === 0 ? null : spend.dividedBy(count).toDecimalPlaces(2);
}

function figures(pipeline: Pipeline, tally: Tally, confidence: number): ProgramEconomics {
  const spend = sumValue(tally.spend);
  const wonValue = sumValue(tally.wonValue);
  const first = tally.reached.findIndex((count) => count > 0);
  const reached = first < 0 ? 0 : (tally.reached[first] as number);
  const wonFromFirst = first < 0 ? 0 : (tally.wonReached[first] as number);
  return {
    program: tally.program,
    spend,
    spendLines: tally.spendLines,
    spendWithoutJourneys: sumValue(tally.idleSpend),
    journeys: tally.journeys,
    outsidePeriods: tally.outsidePeriods,
    unstaged: tally.unstaged,
    stages: pipeline.stages.map((stage, index) => {
      const entries = tally.reached[index] as number;
      return { stage: stage.id, entries, costPerEntry: costPer(spend, entries, tally.spendLines) };
    }),
    won: tally.won,
    wonValue,
    wonWithoutValue: tally.wonWithoutValue,
    acquisitionCost: costPer(spend, tally.won, tally.spendLines),
    returnOnSpend:
      tally.spendLines === 0 || spend.isZero() ? null : wonValue.dividedBy(spend).toNumber(),
    conversion: {
      from: first < 0 ? null : (pipeline.stages[first]?.id ?? null),
      reached,
      won: wonFromFirst,
      rate: rate(wonFromFirst, reached),
      interval: interval(wonFromFirst, reached, confidence),
    },
  };
}

function addTally(into: Tally, from: Tally): void {
  addSum(into.spend, from.spend);
  into.spendLines += from.spendLines;
  addSum(into.idleSpend, from.idleSpend);
  into.journeys += from.journeys;
  into.outsidePeriods += from.outsidePeriods;
  into.unstaged += from.unstaged;
  from.reached.forEach((count, index) => {
    into.reached[index] = (into.reached[index] as number) + count;
  });
  from.wonReached.forEach((count, index) => {
    into.wonReached[index] = (into.wonReached[index] as number) + count;
  });
  into.won += from.won;
  addSum(into.wonValue, from.wonValue);
  into.wonWithoutValue += from.wonWithoutValue;
}

/**
 * Campaign economics per program (a campaign, channel or source): entries into every stage and
 * the cost per entry there (cost per lead, per qualified lead, per opportunity), deals won and
 * their value, customer acquisition cost (spend ÷ won), return on spend (won value ÷ spend), and
 * conversion from the program's first stage to won with a Wilson interval. Money is exact
 * (`Decimal`); costs are rounded to the cent, half to even.
 *
 * **Period attribution.** A spend line counts toward the program's journeys whose first entry
 * (into any stage) falls inside its period (`start` inclusive, `end` exclusive); a line with a
 * `stage` counts toward those whose entry into that stage does. A program's measured journeys are
 * those inside at least one of its lines; the others are counted in `outsidePeriods`. A program
 * without spend lines has all its staged journeys measured and `null` costs: its cost is
 * unknown, not zero (give a line with amount 0 for a free program). Spend whose program no journey
 * names is reported with zero entries. Journeys without the program attribute form the `null`
 * program. Nothing is dropped: `journeys + outsidePeriods + unstaged` is every journey of a
 * program.
 *
 * The result does not depend on the order of the journeys or of the spend lines.
 *
 * @param pipeline - the pipeline
 * @param journeys - the journeys (validated here, walked once)
 * @param spend - the spend lines (see {@link SpendInput})
 * @param options - see {@link ProgramEconomicsOptions}
 * @returns a row per program and the total
 * @throws {@link PipelineError} `invalid_spend` (path `[i, …]` into `spend`), `invalid_options`,
 *   `invalid_journey` / `unknown_stage` for bad journeys (path starts with the journey's index)
 *
 * @example
 * ```ts
 * const result = programEconomics(
 *   presets.buyingPipeline,
 *   [
 *     { id: 'a', origin: 'webinar', amount: '12000', events: [{ type: 'stage', stage: 'lead', at: '2026-01-10' }, { type: 'outcome', outcome: 'won', at: '2026-03-01' }] },
 *     { id: 'b', origin: 'webinar', events: [{ type: 'stage', stage: 'lead', at: '2026-02-10' }] },
 *   ],
 *   [{ program: 'webinar', period: { start: '2026-01-01', end: '2026-04-01' }, amount: '3000' }],
 * );
 * result.programs[0]?.stages[3]?.costPerEntry?.toFixed(2); //=> '1500.00' (cost per lead)
 * result.programs[0]?.acquisitionCost?.toFixed(2); //=> '3000.00'
 * result.programs[0]?.returnOnSpend; //=> 4
 * ```
 */
export function programEconomics(
  pipeline: Pipeline,
  journeys: Iterable<JourneyInput>,
  spend: readonly SpendInput[],
  options: ProgramEconomicsOptions = {},
): ProgramEconomicsResult {
  const where = 'programEconomics';
  const parsed = parseOrThrow(optionsSchema, options, 'invalid_options', where);
  const lines = parseSpend(pipeline, spend, where);
  const asOf = parsed.asOf?.getTime() ?? END_OF_TIME;
  const by = parsed.by ?? 'origin';
  const strict = parsed.skipped === 'strict';
  const stageCount = pipeline.stages.length;

  const tallies = new Map<string | null, Tally>();
  const tallyOf = (program: string | null): Tally => {
    let tally = tallies.get(program);
    if (!tally) {
      tally = emptyTally(program, stageCount);
      tallies.set(program, tally);
    }
    return tally;
  };
  const linesOf = new Map<string, Line[]>();
  for (const line of lines) {
    const tally = tallyOf(line.program);
    addAmount(tally.spend, line.amount);
    tally.spendLines += 1;
    const list = linesOf.get(line.program) ?? [];
    list.push({
      start: line.period.start.getTime(),
      end: line.period.end.getTime(),
      stage: line.stage === undefined ? -1 : stageIndex(pipeline, line.stage),
      amount: line.amount,
      used: false,
    });
    linesOf.set(line.program, list);
  }

  walkJourneys(pipeline, journeys, asOf, where, (track) => {
    const program = programKey(track, by);
    const tally = tallyOf(program);
    if (track.furthest < 0) {
      tally.unstaged += 1;
      return;
    }
    const pass = passTimes(track, strict);
    const own = program === null ? undefined : linesOf.get(program);
    if (own) {
      const first = firstEntryTime(track);
      let inside = false;
      for (const line of own) {
        const at = line.stage < 0 ? first : (pass[line.stage] as number);
        if (at >= line.start && at < line.end) {
          inside = true;
          line.used = true;
        }
      }
      if (!inside) {
        tally.outsidePeriods += 1;
        return;
      }
    }
    tally.journeys += 1;
    const won = track.status === 'won';
    for (let stage = 0; stage <= track.furthest; stage += 1) {
      if (strict && Number.isNaN(pass[stage] as number)) continue;
      tally.reached[stage] = (tally.reached[stage] as number) + 1;
      if (won) tally.wonReached[stage] = (tally.wonReached[stage] as number) + 1;
    }
    if (won) {
      tally.won += 1;
      if (track.amount === null) tally.wonWithoutValue += 1;
      else addAmount(tally.wonValue, track.amount);
    }
  });

  for (const [program, list] of linesOf) {
    const tally = tallyOf(program);
    for (const line of list) if (!line.used) addAmount(tally.idleSpend, line.amount);
  }
  const confidence = parsed.confidence ?? 0.95;
  const sorted = [...tallies.values()].sort((a, b) => compareProgram(a.program, b.program));
  const total = emptyTally(null, stageCount);
  for (const tally of sorted) addTally(total, tally);
  return {
    programs: sorted.map((tally) => figures(pipeline, tally, confidence)),
    total: figures(pipeline, total, confidence),
  };
}
