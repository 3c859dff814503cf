/**
 * Why a proposal says what it says, in plain words. Whenever the evidence
 * does not earn a change the text says "not enough data", in those words:
 * operators and the API look for them.
 */
import { formatNumber } from '../../shared/format-number.ts';
import type { LearningConfig } from './config.ts';
import type { CandidateValue, ParameterEvaluation } from './grid.ts';
import { attributeLabel } from './sample.ts';

export const NOT_ENOUGH_DATA = 'not enough data';

/** A parameter value as people write it: no float noise (0.65, not 0.6500000000000001). */
export function formatValue(value: number | null): string {
  return value === null ? 'none' : formatNumber(value, 6);
}

const points = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(2)} points`;
const percent = (value: number) => `${value.toFixed(2)}%`;
const share = (value: number) => `${(value * 100).toFixed(1)}%`;

export function tooFewPicks(evaluation: ParameterEvaluation, config: LearningConfig): string {
  return (
    `${NOT_ENOUGH_DATA}: ${evaluation.sample_size} settled picks in the window carry ` +
    `${attributeLabel(evaluation.rule.attribute)}; ${config.minSample} are needed`
  );
}

export function noCandidate(evaluation: ParameterEvaluation, config: LearningConfig): string {
  return (
    `${NOT_ENOUGH_DATA}: no value of the grid changes which of the ${evaluation.sample_size} settled picks ` +
    `are kept while keeping at least ${config.minKept} of them and ` +
    `${share(config.minExplosiveShareKept)} of the explosive outcomes the current value keeps`
  );
}

export function noImprovement(evaluation: ParameterEvaluation, best: CandidateValue): string {
  return (
    `${NOT_ENOUGH_DATA} to change it: no candidate value beat the current ${formatValue(evaluation.current)} ` +
    `(best ${formatValue(best.value)}: ${points(best.effect)} of mean 30-day return)`
  );
}

export interface Strength {
  readonly confidence: number;
  readonly interval: readonly [number, number];
  readonly candidates: number;
}

/** What the change would do, and how sure the data is of it. */
export function earned(
  evaluation: ParameterEvaluation,
  best: CandidateValue,
  config: LearningConfig,
  strength: Strength,
) {
  const baseline = evaluation.kind === 'evaluated' ? evaluation.baseline.mean_return : Number.NaN;
  const [low, high] = strength.interval;
  const level = share(config.bootstrap.intervalLevel);
  return (
    `${formatValue(best.value)} instead of ${formatValue(evaluation.current)} would keep ${best.kept} of ` +
    `${evaluation.sample_size} settled picks and ${share(best.explosive_share_kept)} of the explosive outcomes; ` +
    `their mean 30-day return ${percent(baseline)} -> ${percent(best.mean_return)} (${points(best.effect)}, ` +
    `${level} interval ${points(low)} to ${points(high)}); better in ${share(strength.confidence)} of ` +
    `${config.bootstrap.resamples} resamples, allowing for the choice among ${strength.candidates} candidate values`
  );
}

export function intervalSpansZero(
  evaluation: ParameterEvaluation,
  best: CandidateValue,
  config: LearningConfig,
  strength: Strength,
): string {
  return `${NOT_ENOUGH_DATA}: the interval spans zero. ${earned(evaluation, best, config, strength)}`;
}
