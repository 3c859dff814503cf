import { averageRanks } from './ranks.ts';

/** A coefficient with the number of pairs it was computed from. */
export interface Coefficient {
  /** null when there are fewer than two pairs or either side does not vary. */
  readonly value: number | null;
  readonly sample_size: number;
}

export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new RangeError(`pearson: ${xs.length} x values, ${ys.length} y values`);
  const n = xs.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Spearman's rank correlation: Pearson's coefficient of the average ranks,
 * which stays right when there are ties (the 1 − 6Σd²/(n(n²−1)) shortcut does not).
 * Of a score with the return that followed, it is the information coefficient.
 */
export function spearman(xs: readonly number[], ys: readonly number[]): Coefficient {
  return { value: pearson(averageRanks(xs), averageRanks(ys)), sample_size: xs.length };
}
