/**
 * A small seeded random source (mulberry32): the demo data must be the same on every machine and
 * every run, so `Math.random` is out.
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One of the choices, by weight. */
  pick<T>(choices: readonly (readonly [T, number])[]): T;
  /** A positive duration in days around `median` with a long right tail (log-normal). */
  days(median: number, spread?: number): number;
}

/** A random source that yields the same sequence for the same seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    // Box–Muller; 1 - next() keeps the logarithm finite.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (choices) => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      let point = next() * total;
      for (const [value, weight] of choices) {
        point -= weight;
        if (point < 0) return value;
      }
      const last = choices[choices.length - 1];
      if (!last) throw new Error('pick needs at least one choice');
      return last[0];
    },
    days: (median, spread = 0.6) => median * Math.exp(spread * normal()),
  };
}
