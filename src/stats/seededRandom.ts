// A small seeded random source for simulations whose results must be reproducible: the same seed
// gives the same numbers on every platform (32-bit integer arithmetic only, no Math.random).

/** A source of uniform numbers in (0, 1). */
export type Uniform = () => number;

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, PractRand-tested), seeded through
 * splitmix32 so that nearby seeds give unrelated streams. Never returns 0 or 1.
 */
export function seededUniform(seed: number): Uniform {
  let state = seed >>> 0;
  const split = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t >>> 0;
  };
  for (let warm = 0; warm < 12; warm += 1) next();
  // 53 random bits, shifted by half a unit so that neither end is reached.
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6) + 0.5) / 9007199254740992;
}

/** A standard normal draw (Box–Muller, one of the pair). */
function normal(uniform: Uniform): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * A Gamma(shape, 1) draw: Marsaglia and Tsang's squeeze method (ACM TOMS 26(3), 2000) for
 * shape ≥ 1, and Gamma(shape + 1)·U^(1/shape) below 1.
 */
export function gammaDraw(shape: number, uniform: Uniform): number {
  if (shape < 1) return gammaDraw(shape + 1, uniform) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(uniform);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) draw, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function betaDraw(a: number, b: number, uniform: Uniform): number {
  const x = gammaDraw(a, uniform);
  const y = gammaDraw(b, uniform);
  return x / (x + y);
}
