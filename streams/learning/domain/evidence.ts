/**
 * The evidence a quant asks for before trusting a score: mean 30-day return
 * by composite-score quintile, and the Spearman information coefficient of
 * the composite and VIGL scores with the 30-day return, each with its sample.
 */
import type { LearningConfig } from './config.ts';
import { spearman } from './correlation.ts';
import { type QuintileReturn, quintileReturns } from './quintiles.ts';
import type { SettledPick } from './sample.ts';

export interface ScoreEvidence {
  /** Settled picks with a 30-day return: the sample of everything below. */
  readonly sample_size: number;
  /** Empty below the configured minimum sample. */
  readonly score_quintiles: readonly QuintileReturn[];
  /** null below the minimum sample, or when the score or the return does not vary. */
  readonly composite_ic: number | null;
  readonly vigl_ic: number | null;
}

export function scoreEvidence(picks: readonly SettledPick[], config: LearningConfig): ScoreEvidence {
  const enough = picks.length >= config.evidenceMinSample;
  const returns = picks.map((p) => p.return_30d);
  return {
    sample_size: picks.length,
    score_quintiles: enough
      ? quintileReturns(
          picks.map((p) => p.composite_score),
          returns,
        )
      : [],
    composite_ic: enough
      ? spearman(
          picks.map((p) => p.composite_score),
          returns,
        ).value
      : null,
    vigl_ic: enough
      ? spearman(
          picks.map((p) => p.vigl_score),
          returns,
        ).value
      : null,
  };
}
