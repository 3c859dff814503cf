/**
 * The names the monitor reports, in one place: health components, why a run
 * raised an alert, and the measures its baseline follows. They appear in
 * records and alerts, so they are stable; a new one is added here.
 */

export const HealthComponentName = {
  PROCESSING_TIME: 'processing_time',
  CANDIDATE_COUNT: 'candidate_count',
  STAGE_EFFICIENCY: 'stage_efficiency',
} as const;

export type HealthComponentName = (typeof HealthComponentName)[keyof typeof HealthComponentName];

/** Static limits a run can breach; a breach raises the unhealthy alert. */
export const BreachCode = {
  DURATION_OVER_MAX: 'duration_over_max',
  CANDIDATES_BELOW_MIN: 'candidates_below_min',
} as const;

export type BreachCode = (typeof BreachCode)[keyof typeof BreachCode];

/**
 * Baseline measures. A stage's rate and its rejection mix are named after the
 * stage (and the rejection reason), so a stage new to the job starts its own
 * baseline rather than borrowing another's.
 */
export const Measure = {
  DURATION: 'duration_ms',
  CANDIDATES: 'candidate_count',
  stageRate: (stage: string): string => `stage_rate:${stage}`,
  rejectionShare: (stage: string, reason: string): string => `rejection_share:${stage}:${reason}`,
  /** The rejection-share measures of one stage all start with this. */
  rejectionSharePrefix: (stage: string): string => `rejection_share:${stage}:`,
} as const;

/** A measure's name in plain words, for recommendations and alerts. */
export function describeMeasure(measure: string): string {
  if (measure === Measure.DURATION) return 'run duration (ms)';
  if (measure === Measure.CANDIDATES) return 'candidate count';
  const [kind, stage, ...reason] = measure.split(':');
  if (kind === 'stage_rate') return `${stage} rate (symbols/s)`;
  if (kind === 'rejection_share') return `share of ${stage} rejections for ${reason.join(':')}`;
  return measure;
}
