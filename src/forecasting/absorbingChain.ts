// An absorbing Markov chain solved through its fundamental matrix N = (I − Q)⁻¹: the probability
// of ending in each absorbing state is B = N·R and the expected number of moves before absorption
// is t = N·1. The chains here are a pipeline's stages (a handful), so a dense Gaussian elimination
// with partial pivoting is exact enough and simple: O(n³) for n transient states.

/**
 * Why a stage has no win probability: `no_departures` (no move out of it was observed and no
 * pseudo-count given), `reaches_unknown` (it can move to a stage without an answer, so its own
 * depends on the unknown), `never_absorbed` (no win or loss can be reached from it).
 *
 * @example
 * ```ts
 * const gap: ChainGap = 'no_departures';
 * ```
 */
export type ChainGap =
  /** No move out of it was observed (and no pseudo-count given). */
  | 'no_departures'
  /** It can move to a state without an answer, so its own depends on the unknown. */
  | 'reaches_unknown'
  /** No absorbing state can be reached from it: the chain never ends there. */
  | 'never_absorbed';

/** The absorption figures of one transient state. */
export interface ChainRow {
  /** Probability of ending in each absorbing state (same order as the input's columns); null with a gap. */
  readonly absorption: readonly number[] | null;
  /** Expected moves until absorption, the final move included; null with a gap. */
  readonly moves: number | null;
  /** Why there is no answer, or null. */
  readonly gap: ChainGap | null;
}

/**
 * Solves a chain given as weights (counts, or counts plus pseudo-counts): `transient[i][j]` from
 * transient state i to transient state j, `absorbing[i][k]` from i to absorbing state k. Rows are
 * normalised here. States without an answer are reported with the reason, never as NaN.
 */
export function solveAbsorbingChain(
  transient: readonly (readonly number[])[],
  absorbing: readonly (readonly number[])[],
): ChainRow[] {
  const n = transient.length;
  const k = absorbing[0]?.length ?? 0;
  const totals = transient.map((row, i) => sum(row) + sum(absorbing[i] ?? []));
  const gaps: (ChainGap | null)[] = totals.map((total) => (total > 0 ? null : 'no_departures'));
  // States that can move to a state without data have no answer either.
  markReaching(transient, gaps, 'reaches_unknown');
  // Of the rest, states from which no absorbing state can be reached never end…
  const absorbs = absorbing.map((row, i) => gaps[i] === null && sum(row) > 0);
  spreadBackwards(transient, absorbs);
  for (let i = 0; i < n; i += 1) if (gaps[i] === null && !absorbs[i]) gaps[i] = 'never_absorbed';
  // …and states that can fall into such a loop are left without an answer too.
  markReaching(transient, gaps, 'reaches_unknown');

  const solvable = gaps.flatMap((gap, i) => (gap === null ? [i] : []));
  const m = solvable.length;
  // Augmented system (I − Q) X = [R | 1] over the solvable states.
  const matrix = solvable.map((i, row) => {
    const total = totals[i] as number;
    const line = solvable.map(
      (j, column) => (row === column ? 1 : 0) - (transient[i]?.[j] ?? 0) / total,
    );
    const rhs = Array.from({ length: k }, (_, a) => (absorbing[i]?.[a] ?? 0) / total);
    return [...line, ...rhs, 1];
  });
  const solution = gaussJordan(matrix, m, k + 1);
  const rows: ChainRow[] = gaps.map((gap) => ({ absorption: null, moves: null, gap }));
  solvable.forEach((i, row) => {
    const values = solution[row] as number[];
    rows[i] = {
      absorption: values.slice(0, k).map(clamp01),
      moves: Math.max(0, values[k] as number),
      gap: null,
    };
  });
  return rows;
}

const sum = (values: readonly number[]): number =>
  values.reduce((total, value) => total + value, 0);

/** Rounding can leave a probability a hair outside [0, 1]. */
const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

/** Gives `gap` to every state without one that can reach a state with one. */
function markReaching(
  transient: readonly (readonly number[])[],
  gaps: (ChainGap | null)[],
  gap: ChainGap,
): void {
  const blocked = gaps.map((value) => value !== null);
  spreadBackwards(transient, blocked);
  gaps.forEach((value, i) => {
    if (value === null && blocked[i]) gaps[i] = gap;
  });
}

/** Marks every state that has a move into a marked state, until nothing changes. */
function spreadBackwards(transient: readonly (readonly number[])[], marked: boolean[]): void {
  let changed = true;
  while (changed) {
    changed = false;
    transient.forEach((row, i) => {
      if (marked[i]) return;
      if (row.some((weight, j) => weight > 0 && marked[j])) {
        marked[i] = true;
        changed = true;
      }
    });
  }
}

/**
 * Solves A·X = B in place for an m × m matrix A (the first m columns of each row) and `extra`
 * right-hand columns; returns X (m rows of `extra` numbers). Partial pivoting: the largest
 * remaining entry of each column is the pivot. The caller guarantees A is non-singular
 * (I − Q of a chain in which every state reaches absorption).
 */
function gaussJordan(rows: number[][], m: number, extra: number): number[][] {
  for (let column = 0; column < m; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < m; row += 1) {
      if (Math.abs(rows[row]?.[column] as number) > Math.abs(rows[pivot]?.[column] as number))
        pivot = row;
    }
    const swap = rows[pivot] as number[];
    rows[pivot] = rows[column] as number[];
    rows[column] = swap;
    const head = swap[column] as number;
    for (let index = column; index < m + extra; index += 1)
      swap[index] = (swap[index] as number) / head;
    for (let row = 0; row < m; row += 1) {
      if (row === column) continue;
      const line = rows[row] as number[];
      const factor = line[column] as number;
      if (factor === 0) continue;
      for (let index = column; index < m + extra; index += 1) {
        line[index] = (line[index] as number) - factor * (swap[index] as number);
      }
    }
  }
  return rows.map((row) => row.slice(m));
}
