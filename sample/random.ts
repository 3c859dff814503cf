/** Draws the sample market needs, all from one seeded generator. */
import { type Prng, seededPrng } from '../streams/shared/prng.ts';

export interface Draws {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [low, high). */
  between(low: number, high: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A uniform integer in [0, n). */
  below(n: number): number;
}

export function draws(seed: string): Draws {
  const prng: Prng = seededPrng(seed);
  return {
    uniform: () => prng.next(),
    between: (low, high) => low + (high - low) * prng.next(),
    normal() {
      // 1 - u keeps the logarithm away from 0.
      const u = 1 - prng.next();
      const v = prng.next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => prng.next() < p,
    below: (n) => prng.nextBelow(n),
  };
}

/** Tickers of three or four capital letters, all different, in a stable order. */
export function tickers(count: number, random: Draws): string[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const seen = new Set<string>();
  while (seen.size < count) {
    const length = random.chance(0.6) ? 4 : 3;
    let ticker = '';
    for (let i = 0; i < length; i++) ticker += letters[random.below(26)];
    seen.add(ticker);
  }
  return [...seen];
}
