import { fromCents } from './cents.js';
import type { CompiledLevel, CompiledModel } from './compileModel.js';
import type { ComponentScore, GradeBand, LeadGrade, ScoreComponent, ScoreReason } from './types.js';

// The steps of scoring a lead that the interpreted scorer (createScorer.ts) and the generated
// one (generateScorer.ts) share: keeping a reason with its sort key, caps, the clamp's sentence,
// the sort and the grade.

/** Per-scorer working memory; see {@link createScorer}. */
export interface Scratch {
  /**
   * Per behaviour rule: the decayed events summed (repeatable), or the newest event's age in
   * days (the others: decay never rises with age, so the newest event has the largest share,
   * and its decay is worked out once, at the end, instead of for every event).
   */
  readonly sums: Float64Array;
  /** Per behaviour rule: how many events counted. */
  readonly counts: Int32Array;
  /** `|points|` of each reason so far, the sort key, kept beside the reasons (see sortByWeight). */
  readonly sizes: Float64Array;
  /** Per BANTT dimension: the lead's answer level (or the dimension's `missing`). */
  readonly chosen: CompiledLevel[];
  /** The clamp sentences already written, by the total's cents (see `clampDetail`). */
  readonly raised: Map<number, string>;
  readonly lowered: Map<number, string>;
}

/** Adds a reason and its sort key (its size) side by side; see {@link sortByWeight}. */
export function keep(reasons: ScoreReason[], sizes: Float64Array, reason: ScoreReason): void {
  sizes[reasons.length] = Math.abs(reason.points);
  reasons.push(reason);
}

/**
 * The clamp's sentence for a total. Turning a fractional number into text costs more than the
 * rest of a reason, and totals above the max recur from lead to lead, so each sentence is written
 * once per scorer (strings cannot be changed, so sharing them is invisible); the table is
 * emptied when it grows large, which only costs the rewriting.
 */
export function clampDetail(
  written: Map<number, string>,
  total: number,
  verb: string,
  bound: 'min' | 'max',
  value: number,
): string {
  let detail = written.get(total);
  if (detail === undefined) {
    if (written.size >= 4096) written.clear();
    detail = `the total ${fromCents(total)} is ${verb} the model's ${bound} ${value}`;
    written.set(total, detail);
  }
  return detail;
}

/** Caps a component's sum from above, with the cut as its own reason. */
export function applyCap(
  reasons: ScoreReason[],
  sizes: Float64Array,
  component: ScoreComponent,
  sum: number,
  capCents: number,
  cap: number | undefined,
  weight: number,
): number {
  if (sum <= capCents) return sum;
  // The cap is in the component's own points; the sum and the cut are after its weight.
  const after = weight === 1 ? '' : `, ${fromCents(capCents)} after its weight ${weight}`;
  keep(reasons, sizes, {
    component,
    rule: 'cap',
    kind: 'cap',
    points: fromCents(capCents - sum),
    detail: `${component} is capped at ${cap} points${after} (it earned ${fromCents(sum)})`,
  });
  return capCents;
}

/**
 * Largest contribution first (by size, so a −20 unsubscribe ranks with a +20), stable.
 * Insertion sort: a lead has a handful of reasons, and this beats Array#sort's set-up. It moves
 * the sizes along with the reasons, so the comparisons read numbers from one typed array instead
 * of a property of reasons of several shapes. (Sorting each component's run and merging the
 * runs moved fewer reasons but measured no faster.)
 */
export function sortByWeight(reasons: ScoreReason[], sizes: Float64Array): void {
  for (let index = 1; index < reasons.length; index += 1) {
    const reason = reasons[index] as ScoreReason;
    const size = sizes[index] as number;
    let at = index - 1;
    while (at >= 0 && (sizes[at] as number) < size) {
      reasons[at + 1] = reasons[at] as ScoreReason;
      sizes[at + 1] = sizes[at] as number;
      at -= 1;
    }
    reasons[at + 1] = reason;
    sizes[at + 1] = size;
  }
}

function band(bands: readonly GradeBand[], points: number): string {
  for (const candidate of bands) if (points >= candidate.min) return candidate.label;
  return (bands.at(-1) as GradeBand).label;
}

export function gradeOf(
  compiled: CompiledModel,
  components: Readonly<Record<string, ComponentScore | undefined>>,
): LeadGrade {
  const grade: { -readonly [Key in keyof LeadGrade]: LeadGrade[Key] } = {};
  if (compiled.fitBands) grade.fit = band(compiled.fitBands, components['fit']?.points ?? 0);
  if (compiled.engagementBands) {
    grade.engagement = band(compiled.engagementBands, components['behaviour']?.points ?? 0);
  }
  if (grade.fit !== undefined && grade.engagement !== undefined) {
    grade.cell = `${grade.fit}${grade.engagement}`;
  }
  return grade;
}
