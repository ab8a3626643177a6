/**
 * Reproducible randomness for selection. A decision must not depend on the order declarations arrive in,
 * so each draw is a hash of (seed, declaration id, purpose) rather than the next number of a shared stream;
 * `mulberry32` is there for callers (tests, simulation) that do want a stream.
 */

/** cyrb53: a fast, well-mixed 53-bit string hash (public-domain construction). */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A uniform draw in [0, 1) fixed by the seed and the parts (e.g. declaration id and purpose). */
export function drawUniform(seed: number | string, ...parts: string[]): number {
  return hash53(`${String(seed)}\u0000${parts.join('\u0000')}`) / 2 ** 53;
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
