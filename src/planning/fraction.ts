import type DecimalJs from 'decimal.js';
import { type Decimal, Money } from '../money/money.js';

// Exact rational arithmetic for the planner's counts. Rates are decimals (0.7), evidence
// (21 of 30) or conversion counts, so every rate is a ratio of integers; keeping numerator and
// denominator as bigints makes ⌈21 ÷ 0.7⌉ exactly 30 — also for 1 ÷ 3-like rates that no
// decimal precision represents.

/** A non-negative rational number `numerator / denominator`, denominator > 0. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** The fraction of a whole number. */
export function wholeFraction(value: number | bigint): Fraction {
  return { numerator: BigInt(value), denominator: 1n };
}

/** The exact value of a finite decimal (a Decimal or a number through its shortest text). */
export function fractionOf(value: number | DecimalJs): Fraction {
  const decimal = typeof value === 'number' ? new Money(value) : value;
  const places = decimal.decimalPlaces();
  const scale = 10n ** BigInt(places);
  const numerator = BigInt(decimal.times(new Money(10).pow(places)).toFixed(0));
  return reduce({ numerator, denominator: scale });
}

/** `successes / trials` as a fraction. */
export function ratioFraction(successes: number, trials: number): Fraction {
  return reduce({ numerator: BigInt(successes), denominator: BigInt(trials) });
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduce(value: Fraction): Fraction {
  const divisor = gcd(value.numerator, value.denominator);
  return divisor <= 1n
    ? value
    : { numerator: value.numerator / divisor, denominator: value.denominator / divisor };
}

/** a × b. */
export function times(a: Fraction, b: Fraction): Fraction {
  return reduce({
    numerator: a.numerator * b.numerator,
    denominator: a.denominator * b.denominator,
  });
}

/** a + b. */
export function plus(a: Fraction, b: Fraction): Fraction {
  return reduce({
    numerator: a.numerator * b.denominator + b.numerator * a.denominator,
    denominator: a.denominator * b.denominator,
  });
}

/** ⌈a ÷ b⌉ for b > 0, exactly. */
export function ceilDivide(a: Fraction, b: Fraction): bigint {
  const numerator = a.numerator * b.denominator;
  const denominator = a.denominator * b.numerator;
  const quotient = numerator / denominator;
  return quotient * denominator === numerator ? quotient : quotient + 1n;
}

/** ⌊a⌋ for a ≥ 0. */
export function floorOf(a: Fraction): bigint {
  return a.numerator / a.denominator;
}

/** a as the nearest double. */
export function toNumber(a: Fraction): number {
  return toDecimal(a).toNumber();
}

/** a as a Decimal (34 significant digits; exact when the fraction is a finite decimal that fits). */
export function toDecimal(a: Fraction): Decimal {
  return new Money(a.numerator.toString()).dividedBy(a.denominator.toString());
}

/** a ≥ b. */
export function atLeast(a: Fraction, b: Fraction): boolean {
  return a.numerator * b.denominator >= b.numerator * a.denominator;
}
