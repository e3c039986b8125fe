import { describe } from '../errors/describe.js';
import { PipelineError } from '../errors/PipelineError.js';
import { fail } from '../stats/validate.js';
import { rocAuc } from './rocAuc.js';

/**
 * A historical lead: its score and whether it converted.
 *
 * @example
 * ```ts
 * const sample: ScoreSample = { score: 82, converted: true };
 * ```
 */
export interface ScoreSample {
  /** The score it had (a finite number). */
  readonly score: number;
  /** Whether it converted (became an opportunity, was won … — your definition). */
  readonly converted: boolean;
}

/**
 * Options of {@link calibrateThreshold}. Give at most one target; without one, the
 * recommendation maximises Youden's J (recall minus the false-positive rate).
 *
 * @example
 * ```ts
 * const options: CalibrateThresholdOptions = { thresholds: [50, 60, 70, 75, 80], targetPrecision: 0.3 };
 * ```
 */
export interface CalibrateThresholdOptions {
  /** The candidate thresholds (default: every distinct score). */
  readonly thresholds?: readonly number[];
  /** Recommend the highest threshold that still passes at least this many leads to Sales. */
  readonly targetVolume?: number;
  /** Recommend the highest threshold that still passes at least this share of the leads, in (0, 1]. */
  readonly targetShare?: number;
  /** Recommend the lowest threshold whose precision (conversion above it) reaches this, in (0, 1]. */
  readonly targetPrecision?: number;
}

/**
 * One candidate threshold: what Sales would receive at `score >= threshold`.
 *
 * @example
 * ```ts
 * const row: CalibrationRow = { threshold: 75, volume: 40, share: 0.4, converted: 12, precision: 0.3, recall: 0.6, conversionBelow: 0.1333, lift: 1.5 };
 * ```
 */
export interface CalibrationRow {
  /** Leads at or above it are passed to Sales. */
  readonly threshold: number;
  /** How many leads are at or above it. */
  readonly volume: number;
  /** `volume ÷ samples`; null without samples. */
  readonly share: number | null;
  /** How many of those converted. */
  readonly converted: number;
  /** `converted ÷ volume`: the MQL conversion rate; null when nothing passes. */
  readonly precision: number | null;
  /** Of all conversions, the share at or above the threshold; null without conversions. */
  readonly recall: number | null;
  /** Conversion rate of the leads kept in nurture (below it); null when none are below. */
  readonly conversionBelow: number | null;
  /** `precision ÷ baseRate`; null when either is missing or the base rate is 0. */
  readonly lift: number | null;
}

/**
 * The output of {@link calibrateThreshold}.
 *
 * @example
 * ```ts
 * const result: CalibrationResult = calibrateThreshold([{ score: 80, converted: true }, { score: 40, converted: false }], {});
 * result.auc; //=> 1
 * ```
 */
export interface CalibrationResult {
  /** How many samples. */
  readonly samples: number;
  /** How many converted. */
  readonly converted: number;
  /** `converted ÷ samples`; null without samples. */
  readonly baseRate: number | null;
  /** ROC AUC of the score (ties count ½); null without both converted and unconverted samples. */
  readonly auc: number | null;
  /** One row per threshold, ascending. */
  readonly rows: readonly CalibrationRow[];
  /** The recommended row and why; null when no row meets the target (or there is nothing to compare). */
  readonly recommend: {
    /** The recommended threshold. */
    readonly threshold: number;
    /** The target it meets (`youden` without one). */
    readonly by: 'volume' | 'share' | 'precision' | 'youden';
    /** Its row of the table. */
    readonly row: CalibrationRow;
  } | null;
}

/**
 * The table Marketing and Sales sit down with to tune the MQL threshold (seed 003): for each
 * candidate threshold, how many leads Sales would get, how many of them convert (precision), how
 * many conversions it catches (recall), how the leads left in nurture convert, and the lift over
 * the base rate — with the ROC AUC of the score and a recommended threshold for a target volume,
 * share or precision.
 *
 * Complexity: O(n log n + t log n) for n samples and t thresholds.
 *
 * @param samples - historical leads with their score and outcome
 * @param options - candidate thresholds and at most one target
 * @returns the AUC, the rows (ascending thresholds) and the recommendation
 * @throws {@link PipelineError} `invalid_samples` (path `[i, 'score']` or `[i, 'converted']`) for
 *   a score that is not a finite number or an outcome that is not a boolean; `invalid_options`
 *   for a non-finite threshold, a target out of range, or more than one target
 *
 * @example
 * ```ts
 * const history = [
 *   { score: 90, converted: true }, { score: 80, converted: true }, { score: 80, converted: false },
 *   { score: 60, converted: false }, { score: 40, converted: true }, { score: 20, converted: false },
 * ];
 * const table = calibrateThreshold(history, { thresholds: [50, 75], targetPrecision: 0.6 });
 * table.rows[1]; //=> { threshold: 75, volume: 3, share: 0.5, converted: 2, precision: 0.667, recall: 0.667, conversionBelow: 0.333, lift: 1.333 } (rounded here)
 * table.recommend?.threshold; //=> 75
 * table.auc; //=> 0.7222 (6.5 of 9 pairs)
 * ```
 */
export function calibrateThreshold(
  samples: readonly ScoreSample[],
  options: CalibrateThresholdOptions = {},
): CalibrationResult {
  const where = 'calibrateThreshold';
  const { scores, outcomes } = readSamples(samples);
  const target = readTarget(options, where);
  const thresholds = readThresholds(options, scores, where);
  const n = scores.length;
  // Scores ascending with the conversions at or above each position, for binary search.
  const order = scores
    .map((_, index) => index)
    .sort((a, b) => (scores[a] as number) - (scores[b] as number));
  const sorted = order.map((index) => scores[index] as number);
  const convertedFrom = new Array<number>(n + 1).fill(0);
  for (let at = n - 1; at >= 0; at -= 1) {
    convertedFrom[at] = (convertedFrom[at + 1] as number) + (outcomes[order[at] as number] ? 1 : 0);
  }
  const positives = convertedFrom[0] as number;
  const baseRate = n === 0 ? null : positives / n;
  const rows = thresholds.map((threshold): CalibrationRow => {
    const first = lowerBound(sorted, threshold);
    const volume = n - first;
    const converted = convertedFrom[first] as number;
    const precision = volume === 0 ? null : converted / volume;
    return {
      threshold,
      volume,
      share: n === 0 ? null : volume / n,
      converted,
      precision,
      recall: positives === 0 ? null : converted / positives,
      conversionBelow: first === 0 ? null : (positives - converted) / first,
      lift: precision === null || baseRate === null || baseRate === 0 ? null : precision / baseRate,
    };
  });
  return {
    samples: n,
    converted: positives,
    baseRate,
    auc: rocAuc(scores, outcomes),
    rows,
    recommend: recommend(rows, target, positives, n - positives),
  };
}

type Target = { by: 'volume' | 'share' | 'precision'; value: number } | null;

function readSamples(samples: readonly ScoreSample[]): { scores: number[]; outcomes: boolean[] } {
  const invalid = (path: (string | number)[], message: string) =>
    new PipelineError('invalid_samples', [{ code: 'invalid_type', path, message }], {
      where: 'calibrateThreshold',
    });
  if (!Array.isArray(samples))
    throw invalid([], `Expected a list of samples, received ${describe(samples)}`);
  const scores: number[] = [];
  const outcomes: boolean[] = [];
  samples.forEach((sample: unknown, index) => {
    if (typeof sample !== 'object' || sample === null) {
      throw invalid([index], `Expected { score, converted }, received ${describe(sample)}`);
    }
    const { score, converted } = sample as Record<string, unknown>;
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw invalid(
        [index, 'score'],
        `Expected a finite number, received ${typeof score === 'number' ? score : describe(score)}`,
      );
    }
    if (typeof converted !== 'boolean') {
      throw invalid(
        [index, 'converted'],
        `Expected true or false, received ${describe(converted)}`,
      );
    }
    scores.push(score);
    outcomes.push(converted);
  });
  return { scores, outcomes };
}

function readTarget(options: CalibrateThresholdOptions, where: string): Target {
  const given = (['targetVolume', 'targetShare', 'targetPrecision'] as const).filter(
    (key) => options[key] !== undefined,
  );
  if (given.length > 1) {
    fail(
      where,
      'too_many_targets',
      [given[1] as string],
      `Give one target, received ${given.join(' and ')}`,
    );
  }
  const key = given[0];
  if (key === undefined) return null;
  const value = options[key] as number;
  const ok =
    typeof value === 'number' &&
    (key === 'targetVolume' ? Number.isInteger(value) && value >= 0 : value > 0 && value <= 1);
  if (!ok) {
    fail(
      where,
      'out_of_range',
      [key],
      `Expected ${key === 'targetVolume' ? 'a whole number of leads' : 'a number in (0, 1]'}, received ${String(value)}`,
    );
  }
  return {
    by: key === 'targetVolume' ? 'volume' : key === 'targetShare' ? 'share' : 'precision',
    value,
  };
}

function readThresholds(
  options: CalibrateThresholdOptions,
  scores: readonly number[],
  where: string,
): number[] {
  const given = options.thresholds;
  if (given === undefined) return [...new Set(scores)].sort((a, b) => a - b);
  if (!Array.isArray(given))
    fail(
      where,
      'invalid_type',
      ['thresholds'],
      `Expected a list of numbers, received ${describe(given)}`,
    );
  given.forEach((threshold, index) => {
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
      fail(
        where,
        'invalid_type',
        ['thresholds', index],
        `Expected a finite number, received ${describe(threshold)}`,
      );
    }
  });
  return [...new Set(given)].sort((a, b) => a - b);
}

/** The first index whose value is at least `value` (sorted ascending). */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function recommend(
  rows: readonly CalibrationRow[],
  target: Target,
  positives: number,
  negatives: number,
): CalibrationResult['recommend'] {
  let best: CalibrationRow | undefined;
  if (target === null) {
    // Youden's J = recall − false-positive rate; ties go to the higher threshold (fewer leads).
    if (positives === 0 || negatives === 0) return null;
    let bestJ = Number.NEGATIVE_INFINITY;
    for (const row of rows) {
      // J × positives × negatives, in integers, so equal J values tie exactly.
      const j = row.converted * negatives - (row.volume - row.converted) * positives;
      if (j >= bestJ) {
        bestJ = j;
        best = row;
      }
    }
    return best ? { threshold: best.threshold, by: 'youden', row: best } : null;
  }
  if (target.by === 'precision') {
    // The lowest threshold that is good enough: the most leads at the agreed quality.
    best = rows.find((row) => row.precision !== null && row.precision >= target.value);
  } else {
    // The highest threshold that still gives Sales the volume they asked for.
    for (const row of rows) {
      const amount = target.by === 'volume' ? row.volume : row.share;
      if (amount !== null && amount >= target.value) best = row;
    }
  }
  return best ? { threshold: best.threshold, by: target.by, row: best } : null;
}
