import { fc } from '@fast-check/vitest';
import type { SpendInput } from '../../src/index.js';
import { DAY, START, STEP, STEPS, stageIds } from '../metrics/arbitraries.js';

// Spend lines over the same grid as the metric tests' journeys (programs named like their
// origins, plus one program no journey has), in every amount form the library accepts.

export const programs = ['marketing', 'sales', 'partner', 'podcast'] as const;

/** An amount in cents, rendered as a decimal string or a number. */
const amountArb = fc
  .oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 1_000_000_00 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 99, 2 ** 53 - 1) },
  )
  .chain((cents) =>
    fc.constantFrom<string | number>(
      `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      ...(cents <= 1_000_000_00 ? [cents / 100] : []),
    ),
  );

/** A spend line: a period on the grid (sometimes empty), sometimes attributed by a stage. */
export const spendLineArb: fc.Arbitrary<SpendInput> = fc
  .record({
    program: fc.constantFrom(...programs),
    from: fc.integer({ min: -8, max: STEPS }),
    length: fc.integer({ min: 0, max: 60 }),
    amount: amountArb,
    stage: fc.option(fc.constantFrom(...stageIds), { nil: undefined }),
  })
  .map(({ program, from, length, amount, stage }) => {
    const start = START + from * STEP;
    const end = start + length * DAY;
    const line = {
      program,
      period: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
      amount,
    };
    return stage === undefined ? line : { ...line, stage };
  });

export const spendArb = fc.array(spendLineArb, { maxLength: 8 });

/** Whole cents of a generated amount. */
export function centsOfAmount(amount: string | number): bigint {
  const text = typeof amount === 'number' ? amount.toFixed(2) : amount;
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole as string) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** Sorts items by random keys: a permutation that shrinks well. */
export function permute<Item>(items: readonly Item[], keys: readonly number[]): Item[] {
  return items
    .map((item, index) => ({ item, key: keys[index] ?? 0, index }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ item }) => item);
}

export const keysArb = fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 50 });
