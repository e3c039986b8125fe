// Scores are added in whole hundredths ("cents") so that the reasons of a score add up to its
// total exactly: each contribution is rounded once, then integers are summed, then divided once.

/**
 * A contribution rounded to hundredths, half away from zero. The nudge absorbs binary noise
 * (0.145 × 100 is 14.499999999999998) so a written 0.145 rounds as a person would.
 */
export function toCents(points: number): number {
  const scaled = points * 100;
  return Math.round(scaled + (scaled > 0 ? 1e-7 : scaled < 0 ? -1e-7 : 0)) + 0;
}

/** The least whole number of cents at or above a bound (so a clamped total stays inside it). */
export function centsAtLeast(bound: number): number {
  return Math.ceil(bound * 100 - 1e-7) + 0;
}

/** The greatest whole number of cents at or below a bound. */
export function centsAtMost(bound: number): number {
  return Math.floor(bound * 100 + 1e-7) + 0;
}

/** Cents back to points (`+ 0` turns -0 into 0). */
export const fromCents = (cents: number): number => cents / 100 + 0;
