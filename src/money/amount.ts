import type DecimalJs from 'decimal.js';
import { type Decimal, Money, readMoney } from './money.js';

/**
 * An amount inside the calculators: a whole number of cents when the amount has at most two
 * decimals (nearly always), a Decimal otherwise. Cents add exactly and fast; the result is
 * converted once, so totals equal Decimal arithmetic to the cent.
 */
export type Amount = number | Decimal;

const MAX_CENTS = Number.MAX_SAFE_INTEGER;

/** Reads a non-negative amount, or returns undefined when it is not valid (the slow path then reports it). */
export function amountOf(value: unknown): Amount | undefined {
  if (typeof value === 'number') {
    if (!(value >= 0 && value * 100 <= MAX_CENTS)) return slowAmount(value);
    const cents = Math.round(value * 100);
    // `+ 0` turns -0 into 0: an amount has no sign.
    return cents / 100 === value ? cents + 0 : slowAmount(value);
  }
  if (typeof value === 'string') {
    const cents = centsOfText(value);
    return cents === undefined ? slowAmount(value) : cents;
  }
  return slowAmount(value);
}

function slowAmount(value: unknown): Amount | undefined {
  const amount = readMoney(value);
  if (typeof amount === 'string' || amount.isNegative()) return undefined;
  return toAmount(amount);
}

/** A Decimal as an Amount: cents when it has at most two decimals and fits. */
export function toAmount(decimal: DecimalJs): Amount {
  if (decimal.isZero()) return 0;
  const cents = decimal.times(100);
  return cents.isInteger() && cents.lte(MAX_CENTS) ? cents.toNumber() : new Money(decimal);
}

/** `'1234'`, `'1234.5'`, `'1234.56'` → cents; anything else → undefined. */
function centsOfText(text: string): number | undefined {
  const length = text.length;
  if (length === 0 || length > 16) return undefined;
  let cents = 0;
  let decimals = -1;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 46 && decimals === -1 && index > 0) {
      decimals = 0;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return undefined;
    cents = cents * 10 + digit;
    if (decimals >= 0) {
      decimals += 1;
      if (decimals > 2) return undefined;
    }
  }
  if (decimals === 0) return undefined; // '12.' is left to the slow path
  const result = decimals === 1 ? cents * 10 : decimals === 2 ? cents : cents * 100;
  // Past 2^53 cents a double is no longer exact: such amounts take the Decimal path.
  return result <= MAX_CENTS ? result : undefined;
}

/** An Amount as a Decimal. */
export function decimalOf(amount: Amount): Decimal {
  return typeof amount === 'number' ? new Money(amount).dividedBy(100) : amount;
}

/**
 * An exact running total of Amounts: whole cents in a safe integer while they fit, the rest in a
 * Decimal. Addition is exact, so the total does not depend on the order of the additions.
 */
export interface MoneySum {
  cents: number;
  rest: Decimal | null;
}

/** A new, zero total. */
export function moneySum(): MoneySum {
  return { cents: 0, rest: null };
}

/** Adds an amount to a total, in place. */
export function addAmount(sum: MoneySum, amount: Amount): void {
  if (typeof amount === 'number' && sum.cents + amount <= MAX_CENTS) {
    sum.cents += amount;
  } else {
    const decimal = decimalOf(amount);
    sum.rest = sum.rest ? sum.rest.plus(decimal) : decimal;
  }
}

/** Adds one total to another, in place. */
export function addSum(sum: MoneySum, other: MoneySum): void {
  addAmount(sum, other.cents);
  if (other.rest) addAmount(sum, other.rest);
}

/** A total as a Decimal. */
export function sumValue(sum: MoneySum): Decimal {
  const cents = decimalOf(sum.cents);
  return sum.rest ? cents.plus(sum.rest) : cents;
}
