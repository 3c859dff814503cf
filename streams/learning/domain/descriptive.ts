/** Descriptive statistics of plain lists; null where a statistic of nothing would be made up. */

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : sum(values) / values.length;
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Share of `values` for which `holds` is true; null for an empty list. */
export function shareOf<T>(values: readonly T[], holds: (value: T) => boolean): number | null {
  if (values.length === 0) return null;
  let count = 0;
  for (const value of values) if (holds(value)) count++;
  return count / values.length;
}

/** Standard deviation with the n − 1 denominator; 0 for fewer than two values. */
export function sampleStandardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i]!;
  const centre = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - centre) ** 2;
  return Math.sqrt(squares / (n - 1));
}

/**
 * The empirical quantile of sorted values at probability p (the smallest
 * value with at least a share p of the values at or below it).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of nothing');
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index]!;
}
