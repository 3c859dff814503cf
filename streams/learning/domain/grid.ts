import type { LearningConfig, ParameterRule } from './config.ts';
import { buildLadder, prefixMean, prefixSums, type ThresholdLadder } from './ladder.ts';
import { attributeOf, type SettledPick } from './sample.ts';

/** What keeping the picks at or above one value did, on the whole sample. */
export interface ThresholdResult {
  /** null: no threshold known, every pick is kept. */
  readonly value: number | null;
  readonly kept: number;
  /** Mean 30-day return of the kept picks, percent (the objective). */
  readonly mean_return: number;
  readonly explosive_kept: number;
}

export interface CandidateValue extends ThresholdResult {
  readonly value: number;
  /** Explosive outcomes kept, as a share of those the current value keeps (the constraint). */
  readonly explosive_share_kept: number;
  /** Objective minus the current value's objective, in return points. */
  readonly effect: number;
}

export type ParameterEvaluation =
  | {
      readonly kind: 'too-few-picks';
      readonly rule: ParameterRule;
      readonly current: number | null;
      readonly sample_size: number;
    }
  | {
      readonly kind: 'evaluated';
      readonly rule: ParameterRule;
      readonly current: number | null;
      readonly sample_size: number;
      readonly ladder: ThresholdLadder;
      readonly baseline: ThresholdResult;
      /** Grid values that change which picks are kept and meet the constraint and the minimum kept. */
      readonly candidates: readonly CandidateValue[];
    };

/**
 * Every grid value of a parameter against the value in force, on the
 * settled picks that carry the parameter's attribute. A value is a candidate
 * when it keeps a different set of picks, at least `minKept` of them, and at
 * least `minExplosiveShareKept` of the explosive outcomes the current value
 * keeps (all of them count when it keeps none).
 */
export function evaluateParameter(
  picks: readonly SettledPick[],
  rule: ParameterRule,
  current: number | null,
  config: LearningConfig,
): ParameterEvaluation {
  const ladder = buildLadder(picks.map((pick) => attributeOf(pick, rule.attribute)));
  const sampleSize = ladder.order.length;
  if (sampleSize < config.minSample) return { kind: 'too-few-picks', rule, current, sample_size: sampleSize };

  const returns = picks.map((pick) => pick.return_30d);
  const sums = prefixSums(ladder, returns, null);
  const explosiveAt = new Int32Array(sampleSize + 1);
  for (let k = 0; k < sampleSize; k++) {
    explosiveAt[k + 1] = explosiveAt[k]! + (picks[ladder.order[k]!]!.explosive ? 1 : 0);
  }
  const resultAt = (value: number | null): ThresholdResult => {
    const kept = ladder.keptBy(value);
    return { value, kept, mean_return: prefixMean(sums, kept), explosive_kept: explosiveAt[kept]! };
  };

  const baseline = resultAt(current);
  const candidates: CandidateValue[] = [];
  // Nothing kept now means no objective to compare against.
  for (const value of baseline.kept === 0 ? [] : rule.grid) {
    const result = resultAt(value);
    if (result.kept === baseline.kept || result.kept < config.minKept) continue;
    const share = baseline.explosive_kept === 0 ? 1 : result.explosive_kept / baseline.explosive_kept;
    if (share < config.minExplosiveShareKept) continue;
    candidates.push({
      ...result,
      value,
      explosive_share_kept: share,
      effect: result.mean_return - baseline.mean_return,
    });
  }
  return { kind: 'evaluated', rule, current, sample_size: sampleSize, ladder, baseline, candidates };
}

const changeFrom = (current: number | null) => (value: number) =>
  current === null ? value : Math.abs(value - current);

/** The candidate with the best objective; ties go to the smaller change, then the smaller value. */
export function bestCandidate(evaluation: ParameterEvaluation): CandidateValue | null {
  if (evaluation.kind !== 'evaluated') return null;
  const change = changeFrom(evaluation.current);
  let best: CandidateValue | null = null;
  for (const candidate of evaluation.candidates) {
    if (
      best === null ||
      candidate.effect > best.effect ||
      (candidate.effect === best.effect && change(candidate.value) < change(best.value))
    ) {
      best = candidate;
    }
  }
  return best;
}

/**
 * The candidates not clearly worse than the best one, smallest change first
 * (a one-standard-error rule): where the objective is flat, as it is above a
 * real threshold, which value of the flat stretch comes out best is noise,
 * and the smallest change that does as well keeps the most picks. `isNear`
 * judges a candidate against the best. With no value in force the smallest
 * value is the smallest change.
 */
export function nearBest(
  evaluation: ParameterEvaluation,
  isNear: (candidate: CandidateValue) => boolean,
): CandidateValue[] {
  if (evaluation.kind !== 'evaluated') return [];
  const change = changeFrom(evaluation.current);
  return evaluation.candidates
    .filter(isNear)
    .sort((a, b) => change(a.value) - change(b.value) || a.value - b.value);
}
