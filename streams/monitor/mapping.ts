import type {
  BaselineDeviation,
  DiscoveryRun,
  PipelineHealth,
  Severity,
} from '../../schemas/types.generated.ts';
import type { HealthAssessment, MeasureDeviation, MonitoredRun } from './domain/index.ts';

export const toMonitoredRun = (run: DiscoveryRun): MonitoredRun => ({
  run_id: run.run_id,
  started_at: run.started_at,
  finished_at: run.finished_at,
  duration_ms: run.duration_ms,
  stages: run.stages.map((stage) => ({
    name: stage.name,
    duration_ms: stage.duration_ms,
    symbols_in: stage.symbols_in,
    symbols_out: stage.symbols_out,
    rejections: { ...stage.rejections },
  })),
  candidate_count: run.candidates.length,
  relaxed: run.relaxed,
});

const toDeviationRecord = (d: MeasureDeviation): BaselineDeviation => ({
  measure: d.measure,
  value: d.value,
  samples: d.samples,
  median: d.median,
  mad: d.mad,
  deviation: d.deviation,
  drifting: d.direction !== null,
  above: d.direction === null ? null : d.direction === 'above',
  consecutive_runs: d.consecutive,
  sustained: d.sustained,
});

export function toHealthRecord(assessment: HealthAssessment, severity: Severity | null): PipelineHealth {
  const { run } = assessment;
  return {
    run_id: run.run_id,
    started_at: run.started_at,
    finished_at: run.finished_at,
    duration_ms: run.duration_ms,
    candidate_count: run.candidate_count,
    relaxed: run.relaxed,
    components: assessment.components.map((c) => ({
      name: c.name,
      score: c.score,
      value: c.value,
      target: c.target,
      detail: c.detail,
    })),
    stages: assessment.stages.map((s) => ({ ...s })),
    health_score: assessment.health_score,
    healthy: assessment.healthy,
    issues: [...assessment.issues],
    alert_severity: severity,
    recommendations: [...assessment.recommendations],
    baseline: assessment.deviations.map(toDeviationRecord),
  };
}
