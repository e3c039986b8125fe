import { sortedOrder } from './sortedOrder.js';
import { fail, readArray, readNumbers, shown } from './validate.js';

/**
 * What {@link cumulativeIncidence} returns: one row per distinct time (events and censorings
 * alike), as parallel arrays, with one column of events and one of incidence per cause.
 *
 * @example
 * ```ts
 * const result: CumulativeIncidenceResult = cumulativeIncidence([2, 3], ['won', 'lost']);
 * result.incidence['won']; //=> [0.5, 0.5]
 * ```
 */
export interface CumulativeIncidenceResult {
  /** The distinct times, ascending. */
  times: number[];
  /** How many were at risk just before each time: those whose duration is at least the time. */
  atRisk: number[];
  /** How many were censored (no cause observed yet) at each time. */
  censored: number[];
  /** The causes seen, sorted (by UTF-16 code units, as `Array.prototype.sort` does). */
  causes: string[];
  /** For each cause, how many ended by it at each time. */
  events: Record<string, number[]>;
  /** For each cause, the cumulative incidence F_k(t): the probability of having ended by it by t. */
  incidence: Record<string, number[]>;
  /** The probability of not having ended by any cause by t: the Kaplan–Meier curve of all causes. */
  survival: number[];
}

/**
 * The cumulative incidence of competing causes (the Aalen–Johansen estimator): with a journey
 * that can end as won, lost or disqualified, and open journeys censored at `asOf`, F_won(t) is the
 * probability of having been won by t — which 1 − Kaplan–Meier of "won" alone overstates,
 * because a journey lost first can no longer be won.
 *
 * F_k(t) = Σ_{s ≤ t} S(s−) · d_k(s) / n(s), with S the Kaplan–Meier curve of all causes together,
 * d_k(s) the endings by cause k at s and n(s) those at risk just before s. Ties are exact: all
 * endings at one time, whatever their cause, use the survival just before that time (no jitter,
 * unlike lifelines' `AalenJohansenFitter`); a censoring at t is still at risk at t. Hence
 * Σ_k F_k(t) + S(t) = 1 at every t (to rounding), and the survival column is
 * {@link kaplanMeier}'s curve with every cause counted as an event.
 *
 * Sorts once: O(n log n + rows × causes). The inputs are not mutated.
 *
 * @param durations - durations (e.g. in days): finite, non-negative
 * @param causes - one per duration: the cause that ended it, or `null` when it was censored
 *   (still running when last seen)
 * @returns the table; empty arrays and no causes for empty input
 * @throws {@link PipelineError} `invalid_options` for a duration that is not a finite number or is
 *   negative (path `['durations', i]`), a cause that is neither a string nor `null` (path
 *   `['causes', i]`), or a length mismatch (path `['causes']`)
 *
 * @example
 * ```ts
 * const result = cumulativeIncidence([10, 20, 20, 30, 40], ['won', 'lost', null, 'won', null]);
 * result.times; //=> [10, 20, 30, 40]
 * result.incidence['won']; //=> [0.2, 0.2, 0.5, 0.5]
 * result.incidence['lost']; //=> [0, 0.2, 0.2, 0.2]
 * result.survival; // ≈ [0.8, 0.6, 0.3, 0.3]
 * ```
 */
export function cumulativeIncidence(
  durations: readonly number[],
  causes: readonly (string | null)[],
): CumulativeIncidenceResult {
  const where = 'cumulativeIncidence';
  const times = readNumbers(durations, 'durations', where, true);
  const labels = readArray(causes, 'causes', times.length, 'duration', where);
  labels.forEach((cause, index) => {
    if (cause !== null && typeof cause !== 'string') {
      fail(
        where,
        'invalid_type',
        ['causes', index],
        `Expected a cause (a string) or null for censored, received ${shown(cause)}`,
      );
    }
  });
  const names = [...new Set(labels.filter((cause): cause is string => cause !== null))].sort();
  const column = new Map(names.map((name, index) => [name, index]));
  const events = names.map((): number[] => []);
  const incidence = names.map((): number[] => []);
  const cumulative = names.map(() => 0);
  const counts = names.map(() => 0);
  const result = {
    times: [] as number[],
    atRisk: [] as number[],
    censored: [] as number[],
    survival: [] as number[],
  };

  const order = sortedOrder(times);
  let atRisk = times.length;
  let survival = 1;
  for (let start = 0; start < order.length; ) {
    const time = times[order[start] as number] as number;
    counts.fill(0);
    let ended = 0;
    let end = start;
    for (; end < order.length && times[order[end] as number] === time; end += 1) {
      const cause = labels[order[end] as number];
      if (typeof cause === 'string') {
        const k = column.get(cause) as number;
        counts[k] = (counts[k] as number) + 1;
        ended += 1;
      }
    }
    // Every cause at this time uses S(t−), the survival before any of them happened.
    for (let k = 0; k < names.length; k += 1) {
      const count = counts[k] as number;
      if (count > 0) cumulative[k] = (cumulative[k] as number) + (survival * count) / atRisk;
      events[k]?.push(count);
      incidence[k]?.push(cumulative[k] as number);
    }
    if (ended > 0) survival *= (atRisk - ended) / atRisk;
    result.times.push(time);
    result.atRisk.push(atRisk);
    result.censored.push(end - start - ended);
    result.survival.push(survival);
    atRisk -= end - start;
    start = end;
  }
  return {
    times: result.times,
    atRisk: result.atRisk,
    censored: result.censored,
    causes: names,
    // fromEntries defines own properties, so even a cause named "__proto__" is a plain key.
    events: Object.fromEntries(names.map((name, k) => [name, events[k] as number[]])),
    incidence: Object.fromEntries(names.map((name, k) => [name, incidence[k] as number[]])),
    survival: result.survival,
  };
}
