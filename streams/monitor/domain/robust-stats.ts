/**
 * Robust location and scale of a measure's recent values.
 *
 * The baseline is the median and the median absolute deviation (MAD) of the
 * last N runs rather than an EWMA. A run that hangs for a minute moves a
 * median by one rank at most, while an EWMA carries a share of it for several
 * half-lives and flags the runs after it as drifting; the window is exact, so
 * a replay rebuilds the same baseline and a record can say "median 8,100 over
 * 20 runs". The price is N values per measure in the store, which is small.
 */

/** MAD × this estimates the standard deviation of normally distributed values. */
export const MAD_TO_SIGMA = 1.4826;

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median of the absolute deviations from `center`. */
export function medianAbsoluteDeviation(values: readonly number[], center: number): number {
  return median(values.map((value) => Math.abs(value - center)));
}

export interface ScaleFloors {
  readonly minRelativeScale: number;
  readonly minAbsoluteScale: number;
}

/**
 * The unit deviations are counted in: MAD scaled to a standard deviation,
 * but never below the floors, so a perfectly steady history does not turn
 * the smallest change into an infinite deviation.
 */
export function robustScale(center: number, mad: number, floors: ScaleFloors): number {
  return Math.max(MAD_TO_SIGMA * mad, floors.minRelativeScale * Math.abs(center), floors.minAbsoluteScale);
}
