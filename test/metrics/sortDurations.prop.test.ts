import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { sortDurations } from '../../src/metrics/sortDurations.js';

// The radix sort must give exactly the built-in sort's order, for the durations it sorts itself
// (non-negative doubles, large lists) and for what it hands back (small lists, negatives, NaN).
const duration = fc.oneof(
  fc.integer({ min: 0, max: 400 * 86_400_000 }),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
  fc.constantFrom(0, 1, 86_400_000, Number.MAX_VALUE, Number.MIN_VALUE),
);

const native = (values: readonly number[]) => Array.from(new Float64Array(values).sort());

describe('sortDurations', () => {
  test.prop([fc.array(duration, { minLength: 2048, maxLength: 6000 })], { numRuns: 40 })(
    'sorts large lists of non-negative durations exactly like Float64Array#sort',
    (values) => {
      expect(Array.from(sortDurations(values))).toEqual(native(values));
    },
  );

  test.prop([fc.array(fc.oneof(duration, fc.double()), { maxLength: 3000 })], { numRuns: 60 })(
    'falls back to the built-in sort for small lists and for negatives, -0 and NaN',
    (values) => {
      expect(Array.from(sortDurations(values))).toEqual(native(values));
    },
  );

  test.prop([fc.array(duration, { minLength: 2048, maxLength: 4000 })], { numRuns: 20 })(
    'does not change its input',
    (values) => {
      const before = [...values];
      sortDurations(values);
      expect(values).toEqual(before);
    },
  );
});
