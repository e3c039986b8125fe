// Scores are added in whole hundredths ("cents") so that the reasons of a score add up to its
// total exactly: each contribution is rounded once, then integers are summed, then divided once.

/**
 * A contribution rounded to hundredths, half away from zero. A relative nudge of 1e-12 absorbs
 * binary noise (0.145 × 100 is 14.499999999999998) so a written 0.145 rounds as a person would.
 */
export function toCents(points: number): number {
  const scaled = points * 100;
  return Math.round(scaled + scaled * 1e-12) + 0;
}

/**
 * The least whole number of cents whose points are at or above a bound (so a clamped total stays
 * inside it, as the reader compares it: `total >= min`).
 */
export function centsAtLeast(bound: number): number {
  let cents = Math.ceil(bound * 100 - 1e-7);
  while (cents / 100 < bound) cents += 1;
  return cents + 0;
}

/** The greatest whole number of cents whose points are at or below a bound. */
export function centsAtMost(bound: number): number {
  let cents = Math.floor(bound * 100 + 1e-7);
  while (cents / 100 > bound) cents -= 1;
  return cents + 0;
}

/** Cents back to points (`+ 0` turns -0 into 0). */
export const fromCents = (cents: number): number => cents / 100 + 0;
