// Deterministic randomness for demo and benchmark data. Each purpose gets its own
// mulberry32 stream seeded from (seed, purpose), so adding draws to one generator
// never shifts the data of another, and the same seed always gives the same data.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  between(min: number, max: number): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Log-uniform in [min, max]: durations spread over orders of magnitude look real. */
  spread(min: number, max: number): number;
  /** Lower-case hex digits, e.g. a 40-character commit SHA. */
  hex(length: number): string;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the purpose, mixed with the seed. */
function streamSeed(seed: number, purpose: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < purpose.length; i++) {
    hash ^= purpose.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function randomStream(seed: number, purpose: string): Random {
  const next = mulberry32(streamSeed(seed, purpose));
  const between = (min: number, max: number) => min + (max - min) * next();
  return {
    next,
    between,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (!items.length) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
    spread: (min, max) => Math.exp(between(Math.log(min), Math.log(max))),
    hex(length) {
      // Joining 8-digit words yields one flat string, cheap to keep by the million.
      const words: string[] = [];
      for (let n = 0; n < length; n += 8)
        words.push(((next() * 4294967296) >>> 0).toString(16).padStart(8, "0"));
      return words.join("").slice(0, length);
    },
  };
}
