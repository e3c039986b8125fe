/** Milliseconds in a day of 24 hours. */
export const MS_PER_DAY = 86_400_000;

/**
 * Elapsed days from `from` to `to` as a fractional number of 24-hour days (negative when `to`
 * is earlier). Elapsed time, not calendar days: across a daylight-saving change a calendar day
 * may have 23 or 25 hours; durations in this library are physical.
 *
 * @example
 * ```ts
 * daysBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T12:00:00Z')); //=> 1.5
 * ```
 */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MS_PER_DAY;
}
