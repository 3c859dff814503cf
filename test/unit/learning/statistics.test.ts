import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  mean,
  median,
  pearson,
  quantileOfSorted,
  quintileOf,
  quintileReturns,
  sampleStandardDeviation,
  spearman,
} from '../../../streams/learning/domain/index.ts';

/*
 * A small table worked out by hand (see the comments for each number):
 *   pick       1    2    3    4    5    6    7    8    9   10
 *   composite 55   60   60   70   75   80   85   85   90   95
 *   vigl      .9   .8   .7   .6   .5   .4   .3   .3   .2   .1
 *   return   -10    5   -2    8   12    3   20   15   30   25
 */
const composite = [55, 60, 60, 70, 75, 80, 85, 85, 90, 95];
const vigl = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.3, 0.2, 0.1];
const returns = [-10, 5, -2, 8, 12, 3, 20, 15, 30, 25];

describe('descriptive statistics', () => {
  it('mean and median, null for nothing', () => {
    expect(mean(returns)).toBeCloseTo(10.6, 12); // 106 / 10
    expect(median(returns)).toBe(10); // middle pair 8 and 12
    expect(median([3, 1, 2])).toBe(2);
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
  });

  it('sample standard deviation with n - 1 and the empirical quantile', () => {
    expect(sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleStandardDeviation([5])).toBe(0);
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileOfSorted(sorted, 0.95)).toBe(10);
    expect(quantileOfSorted(sorted, 0.9)).toBe(9);
    expect(quantileOfSorted(sorted, 0.05)).toBe(1);
  });
});

describe('average ranks', () => {
  it('ties share the average of the ranks they span', () => {
    expect(averageRanks(composite)).toEqual([1, 2.5, 2.5, 4, 5, 6, 7.5, 7.5, 9, 10]);
    expect(averageRanks([3, 3, 3])).toEqual([2, 2, 2]);
    expect(averageRanks([])).toEqual([]);
  });

  it('always sum to n(n+1)/2 and keep the order of the values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }), (values) => {
        const ranks = averageRanks(values);
        const n = values.length;
        expect(ranks.reduce((a, b) => a + b, 0)).toBeCloseTo((n * (n + 1)) / 2, 9);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) if (values[i]! < values[j]!) expect(ranks[i]!).toBeLessThan(ranks[j]!);
      }),
    );
  });
});

describe('Spearman information coefficient', () => {
  it('of the composite score: 74 / sqrt(81.5 x 82.5)', () => {
    // Return ranks 1,4,2,5,6,3,8,7,10,9; centred products sum to 74; squares 81.5 (ties) and 82.5.
    const ic = spearman(composite, returns);
    expect(ic.sample_size).toBe(10);
    expect(ic.value).toBeCloseTo(74 / Math.sqrt(81.5 * 82.5), 12);
    expect(ic.value).toBeCloseTo(0.902456, 6);
  });

  it('of the VIGL score: -73 / sqrt(82 x 82.5)', () => {
    expect(spearman(vigl, returns).value).toBeCloseTo(-73 / Math.sqrt(82 * 82.5), 12);
  });

  it('is null without variation or without two pairs, and 1 for any increasing map', () => {
    expect(spearman([1, 1, 1], [1, 2, 3]).value).toBeNull();
    expect(spearman([1], [2]).value).toBeNull();
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 30 }),
        (xs) => {
          expect(
            spearman(
              xs,
              xs.map((x) => x ** 3 + 7),
            ).value,
          ).toBeCloseTo(1, 9);
        },
      ),
    );
  });
});

describe('composite-score quintiles', () => {
  it('puts tied scores in one quintile: floor(5(r - 1/2)/n) + 1', () => {
    // r = 1 -> 1; 2.5 -> 2; 4 -> 2; 5 -> 3; 6 -> 3; 7.5 -> 4; 9 -> 5; 10 -> 5.
    expect(quintileOf(composite)).toEqual([1, 2, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('mean 30-day return per quintile with its sample size', () => {
    expect(quintileReturns(composite, returns)).toEqual([
      { quintile: 1, sample_size: 1, min_score: 55, max_score: 55, mean_return_30d_pct: -10 },
      { quintile: 2, sample_size: 3, min_score: 60, max_score: 70, mean_return_30d_pct: 11 / 3 },
      { quintile: 3, sample_size: 2, min_score: 75, max_score: 80, mean_return_30d_pct: 7.5 },
      { quintile: 4, sample_size: 2, min_score: 85, max_score: 85, mean_return_30d_pct: 17.5 },
      { quintile: 5, sample_size: 2, min_score: 90, max_score: 95, mean_return_30d_pct: 27.5 },
    ]);
  });

  it('distinct scores make quintiles that differ in size by at most one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ noNaN: true, min: 0, max: 100 }), { minLength: 5, maxLength: 200 }),
        (scores) => {
          const sizes = quintileReturns(scores, scores).map((q) => q.sample_size);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
