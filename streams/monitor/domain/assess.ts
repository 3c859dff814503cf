/**
 * The whole health of one run: the static score, each measure against the
 * baseline of the runs before it, and the words for both. Returns the
 * baseline with the run added, for the store.
 */
import { issuesOf, recommendationsOf } from './advice.ts';
import { compareWithBaseline, knownMeasures } from './baseline.ts';
import type { MonitorConfig } from './config.ts';
import { measuresOf } from './measures.ts';
import { scoreRun } from './score.ts';
import type { BaselineState, HealthAssessment, MonitoredRun } from './types.ts';

export interface AssessedRun {
  readonly assessment: HealthAssessment;
  readonly baseline: BaselineState;
}

export function assessRun(run: MonitoredRun, baseline: BaselineState, config: MonitorConfig): AssessedRun {
  const score = scoreRun(run, config);
  const measures = measuresOf(run, score.stages, knownMeasures(baseline));
  const comparison = compareWithBaseline(run, measures, baseline, config.baseline);
  const { deviations } = comparison;
  return {
    assessment: {
      run,
      ...score,
      deviations,
      issues: issuesOf(score, deviations),
      recommendations: recommendationsOf(run, score, deviations, config),
    },
    baseline: comparison.baseline,
  };
}
