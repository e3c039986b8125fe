import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { cumulativeIncidence, kaplanMeier } from '../../src/index.js';

/** Durations on a coarse grid (ties are common) or anywhere in ten years. */
const duration = fc.oneof(
  fc.integer({ min: 0, max: 12 }),
  fc.double({ min: 0, max: 3650, noNaN: true }),
);
const durations = fc.array(duration, { maxLength: 80 });
/** Durations with a flag each: observed (an event) or censored. */
const censoredData = fc.array(fc.tuple(duration, fc.boolean()), { maxLength: 80 });
/** Durations with a cause each, or null for censored. */
const competingData = fc.array(
  fc.tuple(duration, fc.constantFrom<string | null>('won', 'lost', 'disqualified', null)),
  { maxLength: 80 },
);

const noNaN = (column: readonly (number | null)[]) =>
  expect(column.some((value) => value !== null && Number.isNaN(value))).toBe(false);

describe('kaplanMeier properties', () => {
  test.prop([durations])(
    'without censoring equals the empirical survival curve: the share lasting beyond t',
    (days) => {
      const result = kaplanMeier(
        days,
        days.map(() => true),
      );
      expect(result.times).toEqual([...new Set(days)].sort((a, b) => a - b));
      result.times.forEach((t, i) => {
        const beyond = days.filter((d) => d > t).length / days.length;
        expect(Math.abs((result.survival[i] as number) - beyond)).toBeLessThan(1e-12);
      });
    },
  );

  test.prop([censoredData, fc.double({ min: 0.5, max: 0.999, noNaN: true })])(
    'is non-increasing, within [0, 1], inside its interval, and never NaN',
    (rows, confidence) => {
      const result = kaplanMeier(
        rows.map(([d]) => d),
        rows.map(([, observed]) => observed),
        { confidence },
      );
      const n = result.times.length;
      for (const column of [result.survival, result.lower, result.upper]) noNaN(column);
      expect(result.atRisk[0] ?? 0).toBe(rows.length);
      expect(result.events.reduce((a, b) => a + b, 0)).toBe(rows.filter(([, o]) => o).length);
      expect(result.censored.reduce((a, b) => a + b, 0)).toBe(rows.filter(([, o]) => !o).length);
      for (let i = 0; i < n; i += 1) {
        const s = result.survival[i] as number;
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        if (i > 0) expect(s).toBeLessThanOrEqual(result.survival[i - 1] as number);
        const lower = result.lower[i] ?? null;
        const upper = result.upper[i] ?? null;
        // Null exactly where the log(−log) interval is undefined: S = 1 or S = 0.
        expect(lower === null).toBe(s === 1 || s === 0);
        expect(upper === null).toBe(lower === null);
        if (lower !== null && upper !== null) {
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(lower).toBeLessThanOrEqual(s);
          expect(upper).toBeGreaterThanOrEqual(s);
          expect(upper).toBeLessThanOrEqual(1);
        }
      }
      const first = result.survival.findIndex((s) => s <= 0.5 + 1.5e-8);
      expect(result.median).toBe(first === -1 ? null : result.times[first]);
    },
  );

  test.prop([censoredData])('does not depend on the order of the subjects', (rows) => {
    const reversed = [...rows].reverse();
    const forward = kaplanMeier(
      rows.map(([d]) => d),
      rows.map(([, o]) => o),
    );
    const backward = kaplanMeier(
      reversed.map(([d]) => d),
      reversed.map(([, o]) => o),
    );
    expect(backward).toEqual(forward);
  });
});

describe('cumulativeIncidence properties', () => {
  test.prop([competingData])(
    'Σ incidence + survival = 1 at every time; incidence non-decreasing; never NaN',
    (rows) => {
      const result = cumulativeIncidence(
        rows.map(([d]) => d),
        rows.map(([, cause]) => cause),
      );
      expect(result.causes).toEqual(
        [...new Set(rows.flatMap(([, c]) => (c === null ? [] : [c])))].sort(),
      );
      result.times.forEach((_, i) => {
        let total = result.survival[i] as number;
        for (const cause of result.causes) {
          const column = result.incidence[cause] as number[];
          noNaN(column);
          total += column[i] as number;
          if (i > 0) expect(column[i]).toBeGreaterThanOrEqual(column[i - 1] as number);
        }
        expect(Math.abs(total - 1)).toBeLessThan(1e-12);
      });
    },
  );

  test.prop([competingData])(
    'its survival is the Kaplan–Meier curve with every cause as an event',
    (rows) => {
      const incidence = cumulativeIncidence(
        rows.map(([d]) => d),
        rows.map(([, cause]) => cause),
      );
      const km = kaplanMeier(
        rows.map(([d]) => d),
        rows.map(([, cause]) => cause !== null),
      );
      expect(incidence.times).toEqual(km.times);
      expect(incidence.atRisk).toEqual(km.atRisk);
      expect(incidence.censored).toEqual(km.censored);
      expect(incidence.survival).toEqual(km.survival);
    },
  );
});
