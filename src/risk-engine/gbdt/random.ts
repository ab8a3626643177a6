/** A small seeded generator (mulberry32): training must be reproducible for a seed, which Math.random is not. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, bound). */
  nextInt(bound: number): number;
  shuffle(values: Uint32Array | Int32Array): void;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const nextInt = (bound: number): number => Math.floor(next() * bound);
  return {
    next,
    nextInt,
    shuffle(values) {
      for (let i = values.length - 1; i > 0; i--) {
        const j = nextInt(i + 1);
        const swap = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = swap;
      }
    },
  };
}
