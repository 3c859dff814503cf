// The contract's scales: composite_score 0-100 and vigl_score 0-1. Upstream
// writes a V4 score already on 0-100, V3 scores in points, and VIGL as a
// bonus in points or a match level.

/** V4: total_score = base_score (0-100) + vigl_bonus (0-15); a total above 100 is capped. */
export const V4_MAX_SCORE = 100;

/**
 * V3.x: points out of the version's maximum. 305 from v3.2 on; the scan log
 * does not say which version wrote a row, so every V3 score is read against
 * 305 unless the caller knows better (--v3-max-points).
 */
export const V3_MAX_POINTS = 305;

/** The largest VIGL bonus upstream awards (a perfect match). */
export const VIGL_MAX_BONUS = 15;

/** Match levels, as fractions of the perfect match (their bonus 0/5/10/15 over 15). */
export const VIGL_LEVELS: Readonly<Record<string, number>> = {
  none: 0,
  partial: 5 / VIGL_MAX_BONUS,
  near: 10 / VIGL_MAX_BONUS,
  perfect: 1,
};

/** V4 total_score (0-100 points plus bonus) on the 0-100 scale. */
export function compositeFromV4(totalScore: number): number {
  return Math.min(totalScore, V4_MAX_SCORE);
}

/** V3 points on the 0-100 scale; out-of-range results are left for the contract's rules to refuse. */
export function compositeFromV3(points: number, maxPoints = V3_MAX_POINTS): number {
  return (points / maxPoints) * 100;
}

/** VIGL on 0-1 from the bonus alone (V4 names no match level). */
export const viglFromBonus = (bonus: number): number => bonus / VIGL_MAX_BONUS;

/**
 * VIGL on 0-1: the match level when upstream names one, else the bonus over
 * its maximum. 'unknown' (scans from before the check existed) is read from
 * the bonus, which upstream wrote as 0 for them.
 */
export function viglScore(bonus: number | undefined, level: string | undefined): number | undefined {
  const known = level === undefined ? undefined : VIGL_LEVELS[level.trim().toLowerCase()];
  if (known !== undefined) return known;
  return bonus === undefined ? undefined : viglFromBonus(bonus);
}
