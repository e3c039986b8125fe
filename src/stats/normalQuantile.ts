import { PipelineError } from '../errors/PipelineError.js';

// Coefficients of Wichura's algorithm AS 241 (PPND16), Applied Statistics 37(3), 1988, 477–484:
// rational approximations accurate to about 1 part in 10^16. Highest degree first, for Horner.
// The published 20-digit coefficients, written as the doubles they round to.
const CENTRAL_NUMERATOR = [
  2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946,
  1971.5909503065513, 133.14166789178438, 3.3871328727963665,
];
const CENTRAL_DENOMINATOR = [
  5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751,
  687.1870074920579, 42.31333070160091, 1,
];
const NEAR_NUMERATOR = [
  0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684,
  3.6478483247632045, 5.769497221460691, 4.630337846156546, 1.4234371107496835,
];
const NEAR_DENOMINATOR = [
  1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008,
  0.6897673349851, 1.6763848301838038, 2.053191626637759, 1,
];
const FAR_NUMERATOR = [
  2.0103343992922881e-7, 2.7115555687434876e-5, 0.0012426609473880784, 0.026532189526576124,
  0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103,
];
const FAR_DENOMINATOR = [
  2.0442631033899397e-15, 1.421511758316446e-7, 1.8463183175100548e-5, 0.0007868691311456133,
  0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1,
];

/** Evaluates a polynomial whose coefficients are listed from the highest degree down. */
function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (const coefficient of coefficients) value = value * x + coefficient;
  return value;
}

/**
 * The standard normal quantile (inverse cumulative distribution function, probit): the `z` with
 * P(Z ≤ z) = p for a standard normal Z.
 *
 * Wichura's algorithm AS 241 (PPND16), accurate to about 1 part in 10^16 — the method R's `qnorm`
 * uses. Constant time.
 *
 * @param p - a probability in [0, 1]
 * @returns the quantile; `-Infinity` for 0 and `Infinity` for 1
 * @throws {@link PipelineError} `invalid_options` (path `['p']`) when `p` is not a number in [0, 1]
 *
 * @example
 * ```ts
 * normalQuantile(0.5); //=> 0
 * normalQuantile(0.975); //=> 1.959963984540054
 * normalQuantile(0.025); //=> -1.959963984540054
 * ```
 */
export function normalQuantile(p: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new PipelineError(
      'invalid_options',
      [
        {
          code: 'invalid_type',
          path: ['p'],
          message: `Expected a probability between 0 and 1, received ${String(p)}`,
        },
      ],
      { where: 'normalQuantile' },
    );
  }
  return probit(p);
}

/**
 * {@link normalQuantile} without input checks, for callers that already know `p` is in [0, 1].
 *
 * @example
 * ```ts
 * -probit((1 - 0.95) / 2); // ≈ 1.959963984540054, the z of a 95% interval
 * ```
 */
export function probit(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    // Central region: a rational function of r = 0.180625 − q² (0.180625 = 0.425²).
    const r = 0.180625 - q * q;
    return (q * horner(CENTRAL_NUMERATOR, r)) / horner(CENTRAL_DENOMINATOR, r);
  }
  // Tails: work with the smaller tail probability so that nothing cancels.
  const tail = q < 0 ? p : 1 - p;
  if (tail === 0) return q < 0 ? -Infinity : Infinity;
  let r = Math.sqrt(-Math.log(tail));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = horner(NEAR_NUMERATOR, r) / horner(NEAR_DENOMINATOR, r);
  } else {
    // Beyond about p = 1e-11 from either end.
    r -= 5;
    z = horner(FAR_NUMERATOR, r) / horner(FAR_DENOMINATOR, r);
  }
  return q < 0 ? -z : z;
}
