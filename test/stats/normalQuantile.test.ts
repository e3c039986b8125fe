import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

// John Burkardt's test data for ASA241 (the library's own tests of Wichura's AS 241),
// `normal_01_cdf_values` in asa241.f90: x and Φ(x) to 16 digits (from Mathematica). The quantile
// of Φ(x) must give x back; the reference Φ(x) is rounded to 16 digits, which moves the quantile
// by up to 5e-17/φ(x) (4e-13 at x = 4), hence the tolerance.
const cdfValues: [x: number, p: number][] = [
  [0, 0.5],
  [0.1, 0.539827837277029],
  [0.2, 0.579259709439103],
  [0.3, 0.6179114221889526],
  [0.4, 0.6554217416103242],
  [0.5, 0.6914624612740131],
  [0.6, 0.725746882249927],
  [0.7, 0.758036347776927],
  [0.8, 0.7881446014166033],
  [0.9, 0.8159398746532405],
  [1, 0.8413447460685429],
  [1.5, 0.9331927987311419],
  [2, 0.9772498680518208],
  [2.5, 0.993790334674224], // printed 0.9937903346742239 there: the same double
  [3, 0.9986501019683699],
  [3.5, 0.9997673709209645],
  [4, 0.9999683287581669],
];

describe('normalQuantile', () => {
  it.each(cdfValues)('inverts Φ(%d) (Burkardt asa241 normal_01_cdf_values)', (x, p) => {
    expect(Math.abs(normalQuantile(p) - x)).toBeLessThan(1e-12);
    expect(Math.abs(normalQuantile(1 - p) + x)).toBeLessThan(1e-12);
  });

  it('is exactly 0 at one half and odd around it', () => {
    expect(normalQuantile(0.5)).toBe(0);
    // The two tails mirror each other, up to the rounding of 1 − p (an ulp, far below 1e-14).
    for (const p of [0.0009765625, 0.01, 0.025, 0.3, 0.4999]) {
      expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 14);
    }
  });

  it('returns the infinities at 0 and 1, as R qnorm does', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is finite and increasing deep in the tails (beyond p = 1e-11, AS 241 switches formulas)', () => {
    const ps = [1e-300, 1e-100, 1e-20, 1e-12, 1e-11, 1e-10, 1e-5];
    const zs = ps.map(normalQuantile);
    for (const z of zs) expect(Number.isFinite(z)).toBe(true);
    for (let i = 1; i < zs.length; i += 1) expect(zs[i]).toBeGreaterThan(zs[i - 1] as number);
  });

  it.each([-0.1, 1.1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d', (p) => {
    const error = thrown(() => normalQuantile(p));
    expect(error.code).toBe('invalid_options');
    expect(issueCodesAndPaths(error)).toEqual([{ code: 'invalid_type', path: ['p'] }]);
  });
});
