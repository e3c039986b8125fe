import { sortDurations } from './sortDurations.js';

/**
 * A growable list of numbers for observations (durations in ms and the like). A plain array of
 * doubles on the JavaScript heap: growing typed arrays counts as external memory, which makes V8
 * run full collections over the caller's whole (possibly huge) input far more often.
 */
export class NumberList {
  private readonly values: number[] = [];

  get length(): number {
    return this.values.length;
  }

  push(value: number): void {
    this.values.push(value);
  }

  append(other: NumberList): void {
    for (const value of other.values) this.values.push(value);
  }

  /** A sorted copy (ascending), as a Float64Array (a radix sort for durations). */
  sorted(): Float64Array {
    return sortDurations(this.values);
  }

  /** The values in insertion order, as a new plain array. */
  toArray(): number[] {
    return [...this.values];
  }

  static from(values: readonly number[]): NumberList {
    const list = new NumberList();
    for (const value of values) list.push(value);
    return list;
  }
}
