import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { NumberList } from '../../src/metrics/numberList.js';
import { mergeSortedRuns, sortDurations } from '../../src/metrics/sortDurations.js';

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

/** The values' bit-exact identity (-0 and 0 differ, NaN equals NaN). */
const bits = (values: ArrayLike<number>) =>
  Array.from(values, (value) => (Object.is(value, -0) ? '-0' : String(value)));

describe('mergeSortedRuns', () => {
  test.prop([fc.array(fc.array(fc.oneof(duration, fc.double())), { maxLength: 6 })], {
    numRuns: 100,
  })('merging sorted runs gives exactly what sorting all their values together gives', (lists) => {
    const runs = lists.map((values) => new Float64Array(values).sort());
    expect(bits(mergeSortedRuns(runs))).toEqual(bits(native(lists.flat())));
  });

  test.prop([
    fc.array(fc.constantFrom(0, -0, 1, Number.NaN), { maxLength: 20 }),
    fc.array(fc.constantFrom(0, -0, 1, Number.NaN), { maxLength: 20 }),
  ])('keeps -0 before 0 and NaN last across runs', (a, b) => {
    const merged = mergeSortedRuns([new Float64Array(a).sort(), new Float64Array(b).sort()]);
    expect(bits(merged)).toEqual(bits(native([...a, ...b])));
  });

  const edgy = fc.oneof(duration, fc.constantFrom(0, -0, Number.NaN, 86_400_000));
  test.prop([
    fc.array(edgy, { maxLength: 4 }),
    fc.array(edgy, { minLength: 64, maxLength: 400 }),
    fc.boolean(),
  ])('places a few values into a long run exactly as sorting them together', (few, many, first) => {
    const runs = [new Float64Array(few).sort(), new Float64Array(many).sort()];
    const merged = mergeSortedRuns(first ? runs : runs.reverse());
    expect(bits(merged)).toEqual(bits(native([...few, ...many])));
  });

  test.prop([fc.array(duration, { minLength: 1, maxLength: 50 })])(
    'gives a new array: a single run is copied, not shared',
    (values) => {
      const run = new Float64Array(values).sort();
      const merged = mergeSortedRuns([run]);
      expect(merged).not.toBe(run);
      expect(bits(merged)).toEqual(bits(run));
    },
  );
});

describe('NumberList', () => {
  // A list built in pieces, some settled (sorted into a run, as a thread does before sending),
  // some read back from sorted runs, appended in any order: always the same sorted values.
  const pieceArb = fc.record({
    values: fc.array(fc.oneof(duration, fc.double()), { maxLength: 3000 }),
    how: fc.constantFrom('pushed', 'settled', 'fromSorted'),
  });

  test.prop(
    [fc.array(pieceArb, { minLength: 1, maxLength: 5 }), fc.array(duration, { maxLength: 20 })],
    {
      numRuns: 60,
    },
  )(
    'sorts pieces pushed, settled and appended exactly as one sort of everything',
    (pieces, later) => {
      const lists = pieces.map(({ values, how }) => {
        if (how === 'fromSorted') return NumberList.fromSorted(new Float64Array(values).sort());
        const list = NumberList.from(values);
        if (how === 'settled') list.settle();
        return list;
      });
      const [first, ...rest] = lists as [NumberList, ...NumberList[]];
      for (const list of rest) first.append(list);
      for (const value of later) first.push(value);
      const all = [...pieces.flatMap((piece) => piece.values), ...later];
      expect(first.length).toBe(all.length);
      expect(bits(first.sorted())).toEqual(bits(native(all)));
      expect(bits(native(first.toArray()))).toEqual(bits(native(all)));
      const run = first.settle();
      expect(bits(run)).toEqual(bits(native(all)));
      expect(bits(first.sorted())).toEqual(bits(native(all)));
      expect(first.sorted()).not.toBe(run);
    },
  );

  test.prop([fc.array(duration, { maxLength: 100 })])(
    'settling does not change an appended list',
    (values) => {
      const source = NumberList.from(values);
      const target = new NumberList();
      target.append(source);
      source.settle();
      source.push(1);
      expect(bits(target.sorted())).toEqual(bits(native(values)));
    },
  );
});
