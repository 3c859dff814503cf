/**
 * Every threshold of the learning cycle, in one object. Validated once,
 * loudly, then frozen: a bad value names its key and what is allowed, and
 * nothing downstream re-checks it. No confidence, grid or sample size is a
 * constant anywhere else.
 */

import { deepFreeze } from '../../shared/deep-freeze.ts';
import { validateLearningConfig } from './config-validation.ts';

/** When the weekly cycle runs: a local weekday and time in a time zone (DST-correct). */
export interface WeeklySchedule {
  /** 0 = Sunday ... 6 = Saturday; 1 (Monday) by default. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
  /** IANA time zone the weekday and time are read in. */
  readonly timeZone: string;
  /**
   * A scheduled cycle covers data up to its instant but runs only once event
   * time is this much past it, so records a little out of order across the
   * inputs still count.
   */
  readonly graceMs: number;
}

/**
 * Which attribute of a recommendation a threshold parameter filters on: its
 * composite score (0-100), its VIGL score (0-1), or the first of the named
 * factors the recommendation carries.
 */
export type ParameterAttribute =
  | { readonly kind: 'composite_score' }
  | { readonly kind: 'vigl_score' }
  | { readonly kind: 'factor'; readonly factors: readonly string[] };

/** A discovery parameter the cycle may propose a value for: "keep picks whose attribute >= value". */
export interface ParameterRule {
  /** Name in the runs' `parameters` map and on the parameters topic. */
  readonly name: string;
  readonly attribute: ParameterAttribute;
  /** Candidate values, strictly ascending; "one grid step" is one place in this list. */
  readonly grid: readonly number[];
}

export interface BootstrapSettings {
  /** Resamples per cycle; at least 1,000. */
  readonly resamples: number;
  /** Seed of the generator, combined with the cycle id: the same cycle resamples the same way. */
  readonly seed: number;
  /** Level of the two-sided interval of a proposal's effect; a proposal whose interval spans zero is not earned. */
  readonly intervalLevel: number;
}

export interface LearningConfig {
  readonly schedule: WeeklySchedule;
  /** Days of data a cycle aggregates, ending at the cycle's instant. */
  readonly windowDays: number;
  /** Settled picks (with a 30-day return and the parameter's attribute) needed to evaluate a parameter. */
  readonly minSample: number;
  /** Picks a candidate value must keep to be considered. */
  readonly minKept: number;
  /**
   * The objective's constraint: a candidate value must keep at least this
   * share of the EXPLOSIVE outcomes the current value keeps.
   */
  readonly minExplosiveShareKept: number;
  /** Settled picks needed before quintile returns and information coefficients are stated. */
  readonly evidenceMinSample: number;
  /**
   * A candidate value within this many standard errors of the best one's
   * objective counts as doing as well, and the smallest such change is
   * proposed (0: always the best).
   */
  readonly parsimonyStandardErrors: number;
  readonly bootstrap: BootstrapSettings;
  /** AMC_LEARNING_AUTO_APPLY: apply earned proposals without approval. */
  readonly autoApply: boolean;
  /** Confidence an earned proposal needs to be applied automatically. */
  readonly autoApplyMinConfidence: number;
  readonly parameters: readonly ParameterRule[];
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export type LearningConfigInput = DeepPartial<Omit<LearningConfig, 'parameters'>> & {
  readonly parameters?: readonly ParameterRule[];
};

const range = (from: number, to: number, step: number, decimals: number): number[] =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) =>
    Number((from + i * step).toFixed(decimals)),
  );

/**
 * The upstream discovery job's names (AMC-TRADER's learning plan):
 * `vigl_score_threshold` (VIGL similarity, 0-1) and `volume_spike_min`
 * (relative volume: the day's volume over its recent average, which the
 * upstream scanner writes per candidate as `rvol`; our contract's factor
 * map documents it as `volume_spike`, so either name is read, that one
 * first). The composite score threshold follows the same pattern:
 * `composite_score_threshold` on the 0-100 scale of the contract.
 */
export const DEFAULT_PARAMETER_RULES: readonly ParameterRule[] = [
  { name: 'composite_score_threshold', attribute: { kind: 'composite_score' }, grid: range(40, 90, 5, 0) },
  { name: 'vigl_score_threshold', attribute: { kind: 'vigl_score' }, grid: range(0.3, 0.9, 0.05, 2) },
  {
    name: 'volume_spike_min',
    attribute: { kind: 'factor', factors: ['volume_spike', 'rvol'] },
    grid: [1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 10],
  },
];

export const DEFAULT_LEARNING_CONFIG: LearningConfig = deepFreeze({
  schedule: { weekday: 1, hour: 7, minute: 0, timeZone: 'America/New_York', graceMs: 3_600_000 },
  windowDays: 91,
  minSample: 100,
  minKept: 30,
  minExplosiveShareKept: 0.8,
  evidenceMinSample: 20,
  parsimonyStandardErrors: 2,
  bootstrap: { resamples: 1000, seed: 20_240_601, intervalLevel: 0.98 },
  autoApply: false,
  autoApplyMinConfidence: 0.9,
  parameters: DEFAULT_PARAMETER_RULES,
});

/** Defaults overlaid with `input`, validated and deep-frozen. Throws LearningConfigError. */
export function createLearningConfig(input: LearningConfigInput = {}): LearningConfig {
  const defaults = DEFAULT_LEARNING_CONFIG;
  const config: LearningConfig = {
    ...defaults,
    ...input,
    schedule: { ...defaults.schedule, ...input.schedule },
    bootstrap: { ...defaults.bootstrap, ...input.bootstrap },
    parameters: structuredClone(input.parameters ?? defaults.parameters) as ParameterRule[],
  };
  validateLearningConfig(config, Object.keys(input));
  return deepFreeze(config);
}
