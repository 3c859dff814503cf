import { seededPrng } from '../../shared/prng.ts';
import {
  bootstrapFamily,
  clustersBy,
  differenceStandardError,
  type FamilyMember,
  shareBelow,
  simultaneousInterval,
} from './bootstrap.ts';
import type { LearningConfig } from './config.ts';
import {
  bestCandidate,
  type CandidateValue,
  evaluateParameter,
  nearBest,
  type ParameterEvaluation,
} from './grid.ts';
import * as rationale from './rationale.ts';
import type { SettledPick } from './sample.ts';

/** The evidence about one parameter: a proposed value when the data earned one. */
export interface ProposalEvidence {
  readonly parameter: string;
  readonly current_value: number | null;
  /** null unless earned. */
  readonly proposed_value: number | null;
  /** Settled picks carrying the parameter's attribute. */
  readonly sample_size: number;
  /** Share of resamples in which the proposed value beat the current one, allowing for the choice; null unless earned. */
  readonly confidence: number | null;
  /** Change of the mean 30-day return of the kept picks, in return points; null unless earned. */
  readonly expected_improvement: number | null;
  /** Simultaneous interval of that change at the configured level; null unless earned. */
  readonly interval: readonly [number, number] | null;
  readonly earned: boolean;
  readonly rationale: string;
}

function notEarned(evaluation: ParameterEvaluation, text: string): ProposalEvidence {
  return {
    parameter: evaluation.rule.name,
    current_value: evaluation.current,
    proposed_value: null,
    sample_size: evaluation.sample_size,
    confidence: null,
    expected_improvement: null,
    interval: null,
    earned: false,
    rationale: text,
  };
}

/**
 * Evaluates every configured parameter on the settled picks: the best grid
 * value by the objective (mean 30-day return of the picks it keeps) under
 * the constraint (explosive outcomes kept), then its effect against the
 * value in force, resampled by symbol. One family covers every candidate
 * value of every parameter, so the chance that a cycle proposes anything on
 * noise alone stays near (1 − intervalLevel) / 2. A proposal is earned when
 * the interval of its effect lies above zero; otherwise it says "not enough
 * data". `seed` (with the configured seed) fixes the resamples.
 */
export function evaluateProposals(
  picks: readonly SettledPick[],
  valuesInForce: Readonly<Record<string, number | null>>,
  config: LearningConfig,
  seed: string,
): ProposalEvidence[] {
  const evaluations = config.parameters.map((rule) =>
    evaluateParameter(picks, rule, valuesInForce[rule.name] ?? null, config),
  );
  const members: FamilyMember[] = [];
  const memberOf = new Map<CandidateValue, number>();
  for (const evaluation of evaluations) {
    if (evaluation.kind !== 'evaluated') continue;
    for (const candidate of evaluation.candidates) {
      memberOf.set(candidate, members.length);
      members.push({
        ladder: evaluation.ladder,
        kept: candidate.kept,
        baselineKept: evaluation.baseline.kept,
        effect: candidate.effect,
      });
    }
  }
  const family =
    members.length === 0
      ? null
      : bootstrapFamily(
          members,
          Float64Array.from(picks, (pick) => pick.return_30d),
          clustersBy(picks.map((pick) => pick.symbol)),
          config.bootstrap.resamples,
          seededPrng(`${config.bootstrap.seed}:${seed}`),
        );

  return evaluations.map((evaluation) => {
    if (evaluation.kind === 'too-few-picks')
      return notEarned(evaluation, rationale.tooFewPicks(evaluation, config));
    const best = bestCandidate(evaluation);
    if (best === null || family === null)
      return notEarned(evaluation, rationale.noCandidate(evaluation, config));
    if (!(best.effect > 0)) return notEarned(evaluation, rationale.noImprovement(evaluation, best));
    const bestIndex = memberOf.get(best)!;
    const isNear = (candidate: CandidateValue) => {
      const gap = best.effect - candidate.effect;
      const se = differenceStandardError(family, bestIndex, memberOf.get(candidate)!);
      return gap <= config.parsimonyStandardErrors * se;
    };
    const strengthOf = (candidate: CandidateValue): rationale.Strength | null => {
      const index = memberOf.get(candidate)!;
      const se = family.standardErrors[index]!;
      // A candidate no resample moves says nothing beyond the sample.
      if (se === 0) return null;
      return {
        confidence: shareBelow(family.maxDeviation, candidate.effect / se),
        interval: simultaneousInterval(family, members[index]!, index, config.bootstrap.intervalLevel),
        candidates: members.length,
      };
    };
    // The smallest change about as good as the best that the data earns; the best itself if none smaller is.
    for (const candidate of nearBest(evaluation, isNear)) {
      const strength = strengthOf(candidate);
      if (strength === null || !(strength.interval[0] > 0)) continue;
      return {
        parameter: evaluation.rule.name,
        current_value: evaluation.current,
        proposed_value: candidate.value,
        sample_size: evaluation.sample_size,
        confidence: strength.confidence,
        expected_improvement: candidate.effect,
        interval: strength.interval,
        earned: true,
        rationale: rationale.earned(evaluation, candidate, config, strength),
      };
    }
    const strength = strengthOf(best);
    return notEarned(
      evaluation,
      strength === null
        ? rationale.noImprovement(evaluation, best)
        : rationale.intervalSpansZero(evaluation, best, config, strength),
    );
  });
}
