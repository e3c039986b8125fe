import { type EntryPointsResult, entryPoints } from '../../economics/entryPoints.js';
import { type ProgramEconomics, programEconomics } from '../../economics/programEconomics.js';
import { type RecyclingResult, recycling } from '../../economics/recycling.js';
import type { SpendInput } from '../../economics/spend.js';
import type { JourneyInput } from '../../journey/types.js';
import type { Pipeline } from '../../pipeline/types.js';

/**
 * What `report --spend` adds to the funnel report: the economics of every program (the
 * `programEconomics` rows and their total), recycling and entry points, all split by the same
 * program attribute. JSON writes it as the report's `economics` key (money as strings).
 */
export interface ReportEconomics {
  /** The attribute that names a journey's program (`--program`, default `origin`). */
  readonly by: string;
  /** The spend file, as given. */
  readonly spendFile: string;
  /** How many spend lines it holds. */
  readonly spendLines: number;
  /** Per program, sorted by name, journeys without a program (`null`) last. */
  readonly programs: readonly ProgramEconomics[];
  /** Every program together: the sums, and blended costs. */
  readonly total: ProgramEconomics;
  /** Journeys Sales passed back to Marketing, grouped by the program attribute. */
  readonly recycling: RecyclingResult;
  /** Where journeys were first seen, per year and by the program attribute. */
  readonly entryPoints: EntryPointsResult;
}

/** Runs the economics calculators over the journeys of the export, as of the report's `asOf`. */
export function reportEconomics(
  pipeline: Pipeline,
  journeys: readonly JourneyInput[],
  spend: readonly SpendInput[],
  options: { readonly asOf: Date; readonly by: string; readonly spendFile: string },
): ReportEconomics {
  const common = { asOf: options.asOf, by: options.by };
  const { programs, total } = programEconomics(pipeline, journeys, spend, common);
  return {
    by: options.by,
    spendFile: options.spendFile,
    spendLines: spend.length,
    programs,
    total,
    recycling: recycling(pipeline, journeys, common),
    entryPoints: entryPoints(pipeline, journeys, common),
  };
}
