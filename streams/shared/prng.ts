/**
 * A seeded pseudo-random generator (Chris Doty-Humphrey's small fast
 * counting generator, sfc32: 128 bits of state, a counter that rules out
 * short cycles). Math.random cannot be seeded, and a cycle must resample the
 * same way every time it is computed, in a replay or after a restart.
 */

export interface Prng {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** A uniform number in [0, 1). */
  next(): number;
  /** A uniform integer in [0, n), n a positive integer below 2^32. */
  nextBelow(n: number): number;
}

const TWO_POW_32 = 2 ** 32;

/** The murmur3 finaliser: every input bit reaches every output bit. */
function avalanche(h: number): number {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Four 32-bit words from text, each lane mixing every character with its own multiplier. */
export function seedWords(text: string): [number, number, number, number] {
  const multipliers = [0x01000193, 0x5bd1e995, 0x27d4eb2f, 0x165667b1];
  const lanes = [0x811c9dc5, 0x9e3779b9, 0x7f4a7c15, 0x6a09e667];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    for (let lane = 0; lane < 4; lane++) lanes[lane] = Math.imul(lanes[lane]! ^ code, multipliers[lane]!);
  }
  return [avalanche(lanes[0]!), avalanche(lanes[1]!), avalanche(lanes[2]!), avalanche(lanes[3]!)];
}

export function seededPrng(seed: string): Prng {
  let [a, b, c, d] = seedWords(seed);
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // The first outputs still show the seed's structure: discard them.
  for (let i = 0; i < 15; i++) nextUint32();
  const next = () => nextUint32() / TWO_POW_32;
  return {
    nextUint32,
    next,
    nextBelow(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n >= TWO_POW_32) throw new RangeError(`nextBelow(${n})`);
      return Math.floor(next() * n);
    },
  };
}
