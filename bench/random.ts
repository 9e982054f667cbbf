/** A seeded random source, so that every bench run simulates the same job mix. */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (mean 0, deviation 1). */
  normal(): number;
  /** Log-uniform in [low, high]: as many 10–100 s jobs as 1–10 min ones. */
  logUniform(low: number, high: number): number;
}

/** mulberry32: tiny, fast, and good enough for a simulation. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    logUniform: (low, high) => Math.exp(Math.log(low) + next() * (Math.log(high) - Math.log(low))),
  };
}
