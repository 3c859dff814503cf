/**
 * Discovery monitor domain: pure functions of their inputs, no I/O, no wall
 * clock. The stream wiring feeds each run and the stored baseline in, and
 * stores the baseline that comes out.
 */

/** Alert candidates of a run's health, through the alerts domain's builders. */
export { type HealthAlerts, healthAlerts } from './alerts.ts';
/** The whole health of a run, with the baseline updated. */
export { type AssessedRun, assessRun } from './assess.ts';
/** The rolling baseline: comparison of a run's measures, and the window. */
export { type BaselineComparison, compareWithBaseline, EMPTY_BASELINE, knownMeasures } from './baseline.ts';
/** Stable names: components, breaches, measures. */
export { BreachCode, describeMeasure, HealthComponentName, Measure } from './codes.ts';
/** Health components one by one. */
export {
  candidateCountComponent,
  expectedRateOf,
  processingTimeComponent,
  stageEfficiencyComponent,
  stageThroughput,
} from './components.ts';
/** Monitor thresholds: defaults, validation and the error naming a bad key. */
export {
  type BaselineSettings,
  type CandidateLimits,
  createMonitorConfig,
  DEFAULT_MONITOR_CONFIG,
  type MonitorConfig,
  MonitorConfigError,
  type ProcessingTimeLimits,
  type StageLimits,
} from './config.ts';
/** The measures of a run that the baseline follows. */
export { measuresOf } from './measures.ts';
/** Numbers in plain words. */
export { countOf, fractionOf, plainNumber } from './plain-words.ts';
/** Median, MAD and the floored scale deviations are counted in. */
export { MAD_TO_SIGMA, median, medianAbsoluteDeviation, robustScale } from './robust-stats.ts';
/** The static score of a run, and why a run cannot be assessed. */
export { runProblem, scoreRun } from './score.ts';
/** Input and output records of the monitor (snake_case, as on the wire). */
export type {
  BaselineSample,
  BaselineState,
  Breach,
  ComponentScore,
  DriftDirection,
  HealthAssessment,
  MeasureDeviation,
  MonitoredRun,
  RunScore,
  RunStage,
  StageThroughput,
} from './types.ts';
