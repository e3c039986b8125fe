import DecimalJs from 'decimal.js';
import { describe } from '../errors/describe.js';

/**
 * The library's private decimal constructor. A clone, so that a host application calling
 * `Decimal.set(...)` on its own copy of decimal.js cannot change our results. 34 significant
 * digits (IEEE decimal128) is far beyond any currency amount; ties round half to even.
 */
export const Money = /* @__PURE__ */ DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -21,
  toExpPos: 21,
});

/**
 * An exact decimal amount of money (a decimal.js `Decimal`). Its `toJSON()` writes a string, so
 * results that carry money serialise without losing a cent.
 *
 * @example
 * ```ts
 * const summary = summarizeJourney(pipeline, { id: 'a', amount: '1200.50', events: [] }, { asOf: '2026-01-01' });
 * summary.amount?.toFixed(2); //=> '1200.50'
 * JSON.stringify(summary.amount); //=> '"1200.5"'
 * ```
 */
export type Decimal = DecimalJs;

/**
 * What the library accepts as an amount of money: a decimal string such as `'1200.50'`, a finite
 * number, or a decimal.js `Decimal` (from any copy of decimal.js).
 *
 * @example
 * ```ts
 * const amounts: MoneyInput[] = ['1200.50', 1200.5, new Decimal('1200.50')];
 * ```
 */
export type MoneyInput = string | number | DecimalJs;

const decimalText = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads an amount of money, or returns a message saying why it cannot.
 * Numbers go through their shortest decimal text, so `0.1` is exactly one tenth.
 */
export function readMoney(value: unknown): DecimalJs | string {
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? new Money(value)
      : `Expected a finite amount, received ${value}`;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    return decimalText.test(text)
      ? new Money(text)
      : `Expected a decimal amount such as "1200.50", received "${value}"`;
  }
  if (DecimalJs.isDecimal(value)) {
    const decimal = value as DecimalJs;
    return decimal.isFinite()
      ? new Money(decimal.toString())
      : `Expected a finite amount, received ${decimal.toString()}`;
  }
  return `Expected an amount as a string, number or Decimal, received ${describe(value)}`;
}
