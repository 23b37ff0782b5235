// The one source of randomness for the simulators (payments, SMS delivery, calls): injected like
// the clock, so a test fixes the seed and gets the same outcome every run. Not for secrets
// (node:crypto is).

/** A number in [0, 1). */
export type Random = () => number;

export const systemRandom: Random = Math.random;

/** A seeded generator (mulberry32: 32-bit state, fast, well mixed; plenty for simulated outcomes). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
