import type { Prng } from '../../shared/prng.ts';
import { quantileOfSorted, sampleStandardDeviation } from './descriptive.ts';
import { prefixMean, prefixSums, type ThresholdLadder } from './ladder.ts';

/**
 * Resampling units. Picks of one symbol are not independent (a symbol
 * recommended twice in a week shares most of its 30-day path), so whole
 * symbols are drawn with replacement and each pick weighs as often as its
 * symbol was drawn.
 */
export interface Clusters {
  readonly clusterOf: Int32Array;
  readonly count: number;
}

export function clustersBy(keys: readonly string[]): Clusters {
  const ids = new Map<string, number>();
  const clusterOf = Int32Array.from(keys, (key) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  });
  return { clusterOf, count: ids.size };
}

/** One resample: `count` clusters drawn with replacement; writes each pick's weight into `weights`. */
export function drawResample(clusters: Clusters, prng: Prng, draws: Int32Array, weights: Float64Array): void {
  draws.fill(0);
  for (let i = 0; i < clusters.count; i++) draws[prng.nextBelow(clusters.count)]!++;
  for (let i = 0; i < clusters.clusterOf.length; i++) weights[i] = draws[clusters.clusterOf[i]!]!;
}

/** One candidate value of one parameter: its kept prefix, the current value's, and its effect on the sample. */
export interface FamilyMember {
  readonly ladder: ThresholdLadder;
  readonly kept: number;
  readonly baselineKept: number;
  readonly effect: number;
}

export interface FamilyBootstrap {
  readonly resamples: number;
  /** Member m's effect on resample b at m * resamples + b. */
  readonly effects: Float64Array;
  /** Bootstrap standard error of each member's effect (0: the member never varies). */
  readonly standardErrors: Float64Array;
  /** Per resample, the largest and the smallest studentised deviation over the family, each sorted ascending. */
  readonly maxDeviation: Float64Array;
  readonly minDeviation: Float64Array;
}

/**
 * The effect of every candidate value of every parameter on each resample,
 * and the distribution of the family's largest (and smallest) studentised
 * deviation from the sample effects. Judging the chosen candidate against
 * that distribution rather than against its own allows for its having been
 * chosen as the best of many: picking the best of twenty noise values gives
 * no confidence.
 */
export function bootstrapFamily(
  members: readonly FamilyMember[],
  returns: ArrayLike<number>,
  clusters: Clusters,
  resamples: number,
  prng: Prng,
): FamilyBootstrap {
  const effects = new Float64Array(members.length * resamples);
  const ladders = [...new Set(members.map((m) => m.ladder))];
  const ladderOf = members.map((m) => ladders.indexOf(m.ladder));
  const buffers = ladders.map((ladder) => {
    const reach = Math.max(
      ...members.filter((m) => m.ladder === ladder).map((m) => Math.max(m.kept, m.baselineKept)),
    );
    return {
      reach,
      sums: { weight: new Float64Array(reach + 1), weightedReturn: new Float64Array(reach + 1) },
    };
  });
  const weights = new Float64Array(returns.length);
  const draws = new Int32Array(clusters.count);
  for (let b = 0; b < resamples; b++) {
    drawResample(clusters, prng, draws, weights);
    ladders.forEach((ladder, i) => {
      const buffer = buffers[i]!;
      prefixSums(ladder, returns, weights, buffer.reach, buffer.sums);
    });
    for (let m = 0; m < members.length; m++) {
      const member = members[m]!;
      const own = buffers[ladderOf[m]!]!.sums;
      const effect = prefixMean(own, member.kept) - prefixMean(own, member.baselineKept);
      // A resample that drew none of a prefix's symbols says nothing about it: count it as no deviation.
      effects[m * resamples + b] = Number.isNaN(effect) ? member.effect : effect;
    }
  }
  const standardErrors = Float64Array.from(members, (_, m) =>
    sampleStandardDeviation(effects.subarray(m * resamples, (m + 1) * resamples)),
  );
  const maxDeviation = new Float64Array(resamples).fill(Number.NEGATIVE_INFINITY);
  const minDeviation = new Float64Array(resamples).fill(Number.POSITIVE_INFINITY);
  members.forEach((member, m) => {
    const se = standardErrors[m]!;
    if (se === 0) return;
    for (let b = 0; b < resamples; b++) {
      const deviation = (effects[m * resamples + b]! - member.effect) / se;
      if (deviation > maxDeviation[b]!) maxDeviation[b] = deviation;
      if (deviation < minDeviation[b]!) minDeviation[b] = deviation;
    }
  });
  maxDeviation.sort();
  minDeviation.sort();
  return { resamples, effects, standardErrors, maxDeviation, minDeviation };
}

/** Share of resamples whose largest deviation stays below `t`: how often the member's lead is not explained by chance. */
export function shareBelow(sorted: Float64Array, t: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < t) low = middle + 1;
    else high = middle;
  }
  return low / sorted.length;
}

/** Simultaneous two-sided interval of a member's effect at `level`. */
export function simultaneousInterval(
  family: FamilyBootstrap,
  member: FamilyMember,
  index: number,
  level: number,
): readonly [number, number] {
  const se = family.standardErrors[index]!;
  const tail = (1 - level) / 2;
  return [
    member.effect - quantileOfSorted(family.maxDeviation, 1 - tail) * se,
    member.effect - quantileOfSorted(family.minDeviation, tail) * se,
  ];
}

/** Bootstrap standard error of the difference between two members' effects (resampled together). */
export function differenceStandardError(family: FamilyBootstrap, a: number, b: number): number {
  const n = family.resamples;
  const differences = new Float64Array(n);
  for (let i = 0; i < n; i++) differences[i] = family.effects[a * n + i]! - family.effects[b * n + i]!;
  return sampleStandardDeviation(differences);
}
