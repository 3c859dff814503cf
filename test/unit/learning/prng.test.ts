import { describe, expect, it } from 'vitest';
import { clustersBy, drawResample, seededPrng } from '../../../streams/learning/domain/index.ts';

describe('the seeded generator', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = seededPrng('cycle-1');
    const b = seededPrng('cycle-1');
    const c = seededPrng('cycle-2');
    const first = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(first);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(first);
  });

  it('is roughly uniform: 100,000 draws in ten buckets stay within 3% of 10,000 each', () => {
    const prng = seededPrng('uniformity');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[prng.nextBelow(10)]!++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(300);
    const u = seededPrng('range');
    for (let i = 0; i < 10_000; i++) {
      const x = u.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('refuses a bound it cannot draw below', () => {
    expect(() => seededPrng('x').nextBelow(0)).toThrow(RangeError);
    expect(() => seededPrng('x').nextBelow(1.5)).toThrow(RangeError);
  });
});

describe('a cluster resample', () => {
  it('draws whole symbols: picks of one symbol weigh alike and the weights add up per draw', () => {
    const symbols = ['A', 'A', 'B', 'C', 'C', 'C'];
    const clusters = clustersBy(symbols);
    expect(clusters.count).toBe(3);
    const prng = seededPrng('resample');
    const draws = new Int32Array(clusters.count);
    const weights = new Float64Array(symbols.length);
    for (let round = 0; round < 50; round++) {
      drawResample(clusters, prng, draws, weights);
      expect(draws.reduce((a, b) => a + b, 0)).toBe(3);
      expect(weights[0]).toBe(weights[1]);
      expect(weights[3]).toBe(weights[4]);
      expect(weights[4]).toBe(weights[5]);
      expect(weights[0]! + weights[2]! + weights[3]!).toBe(3);
    }
  });
});
