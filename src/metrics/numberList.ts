import { mergeSortedRuns, sortDurations } from './sortDurations.js';

/**
 * A growable list of numbers for observations (durations in ms and the like). What is pushed goes
 * to a plain array of doubles on the JavaScript heap: growing typed arrays counts as external
 * memory, which makes V8 run full collections over the caller's whole (possibly huge) input far
 * more often. A list may also hold sorted runs, made once when another thread sorted its own
 * values (see `settle`): the sorted list then merges them instead of sorting everything again.
 */
export class NumberList {
  private values: number[] = [];
  /** Runs sorted ascending, never changed (an appended list shares them). */
  private runs: Float64Array[] = [];

  get length(): number {
    let length = this.values.length;
    for (const run of this.runs) length += run.length;
    return length;
  }

  push(value: number): void {
    this.values.push(value);
  }

  append(other: NumberList): void {
    for (const value of other.values) this.values.push(value);
    for (const run of other.runs) this.runs.push(run);
  }

  /** A sorted copy (ascending), as a Float64Array (a radix sort for durations, a merge for runs). */
  sorted(): Float64Array {
    if (this.runs.length === 0) return sortDurations(this.values);
    return mergeSortedRuns(
      this.values.length === 0 ? this.runs : [sortDurations(this.values), ...this.runs],
    );
  }

  /**
   * Sorts everything into one run, kept in place of the values, and returns that run (not a copy:
   * do not change it). The list's values and `sorted()` stay the same; later sorts only merge.
   */
  settle(): Float64Array {
    const run =
      this.runs.length === 1 && this.values.length === 0
        ? (this.runs[0] as Float64Array)
        : this.sorted();
    this.values = [];
    this.runs = [run];
    return run;
  }

  /** The values as a new plain array: the pushed ones in insertion order, then the runs'. */
  toArray(): number[] {
    const values = [...this.values];
    for (const run of this.runs) for (const value of run) values.push(value);
    return values;
  }

  static from(values: readonly number[]): NumberList {
    const list = new NumberList();
    for (const value of values) list.push(value);
    return list;
  }

  /** A list of values already sorted ascending (as `settle` returns them; not checked), kept as they are. */
  static fromSorted(run: Float64Array): NumberList {
    const list = new NumberList();
    list.runs.push(run);
    return list;
  }
}
