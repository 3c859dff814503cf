import { mean } from './descriptive.ts';
import { averageRanks } from './ranks.ts';

export const QUINTILE_COUNT = 5;

/** Picks of one score quintile (1 = lowest scores) and the mean return that followed. */
export interface QuintileReturn {
  readonly quintile: number;
  readonly sample_size: number;
  readonly min_score: number | null;
  readonly max_score: number | null;
  readonly mean_return_30d_pct: number | null;
}

/**
 * The quintile of each value: ⌊5·(r − ½)/n⌋ + 1 with r its average rank (1 =
 * lowest). Equal scores share a rank and so a quintile, and with distinct
 * scores the quintiles differ in size by at most one.
 */
export function quintileOf(values: readonly number[]): number[] {
  const n = values.length;
  return averageRanks(values).map((rank) =>
    Math.min(QUINTILE_COUNT, Math.floor((QUINTILE_COUNT * (rank - 0.5)) / n) + 1),
  );
}

/** Mean return by score quintile; every quintile is listed, empty ones with nulls. */
export function quintileReturns(scores: readonly number[], returns: readonly number[]): QuintileReturn[] {
  if (scores.length !== returns.length) {
    throw new RangeError(`quintileReturns: ${scores.length} scores, ${returns.length} returns`);
  }
  const buckets = Array.from({ length: QUINTILE_COUNT }, () => ({
    scores: [] as number[],
    returns: [] as number[],
  }));
  quintileOf(scores).forEach((q, i) => {
    buckets[q - 1]!.scores.push(scores[i]!);
    buckets[q - 1]!.returns.push(returns[i]!);
  });
  return buckets.map((bucket, i) => ({
    quintile: i + 1,
    sample_size: bucket.scores.length,
    min_score: bucket.scores.length === 0 ? null : Math.min(...bucket.scores),
    max_score: bucket.scores.length === 0 ? null : Math.max(...bucket.scores),
    mean_return_30d_pct: mean(bucket.returns),
  }));
}
