// A V3 candidate, from a scan file or a scan log row alike: symbol, price,
// points on the 0-100 scale and VIGL on 0-1. The callers add the factors and
// thesis their format carries.
import type { DiscoveryCandidate } from '../../schemas/types.generated.ts';
import { type FieldResult, numberField, optionalNumberField, symbolField } from './fields.ts';
import { compositeFromV3, viglScore } from './scores.ts';

export interface PointsCandidateFields {
  readonly symbol: unknown;
  readonly price: unknown;
  readonly points: unknown;
  readonly viglBonus: unknown;
  readonly viglMatch: unknown;
}

export type PointsCandidate = Omit<DiscoveryCandidate, 'factors' | 'thesis'> & {
  /** The raw points and bonus, which every V3 candidate keeps as factors. */
  readonly factors: Record<string, number>;
};

export function pointsCandidate(
  fields: PointsCandidateFields,
  maxPoints: number,
): FieldResult<PointsCandidate> {
  const symbol = symbolField(fields.symbol);
  if (!symbol.ok) return symbol;
  const price = numberField(fields.price, `${symbol.value} price`);
  if (!price.ok) return price;
  const points = numberField(fields.points, `${symbol.value} score`);
  if (!points.ok) return points;
  const bonus = optionalNumberField(fields.viglBonus, `${symbol.value} vigl_bonus`);
  if (!bonus.ok) return bonus;
  const level = typeof fields.viglMatch === 'string' ? fields.viglMatch : undefined;
  const vigl = viglScore(bonus.value, level);
  if (vigl === undefined) {
    return { ok: false, code: 'MISSING_FIELD', message: `${symbol.value} has no VIGL bonus or match level` };
  }
  const factors: Record<string, number> = { score_points: points.value };
  if (bonus.value !== undefined) factors.vigl_bonus = bonus.value;
  return {
    ok: true,
    value: {
      symbol: symbol.value,
      price: price.value,
      composite_score: compositeFromV3(points.value, maxPoints),
      vigl_score: vigl,
      factors,
    },
  };
}
