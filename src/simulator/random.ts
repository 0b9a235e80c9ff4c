/**
 * A small seeded PRNG (mulberry32). Simulators must produce the same users and the same fault draws
 * for the same seed, so tests can name ids and counts; Math.random would make every run different.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Lower-case hex string of `length` characters. */
  hex(length: number): string;
  /** Log-normal draw with the given median whose 99th percentile is `p99`. */
  logNormal(median: number, p99: number): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() needs at least one item');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    chance: (probability) => next() < probability,
    hex: (length) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join(''),
    logNormal: (median, p99) => {
      // z(0.99) = 2.326; sigma chosen so that median * e^(2.326 sigma) = p99.
      const sigma = p99 > median && median > 0 ? Math.log(p99 / median) / 2.326 : 0;
      // Box–Muller; 1 - next() keeps the logarithm's argument in (0, 1].
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
  };
  return random;
}

/** Derives an independent seed for a named stream, so adding a vendor does not reshuffle the others. */
export function deriveSeed(seed: number, stream: string): number {
  let hash = 2166136261 ^ seed;
  for (let i = 0; i < stream.length; i++) hash = Math.imul(hash ^ stream.charCodeAt(i), 16777619);
  return hash >>> 0;
}
