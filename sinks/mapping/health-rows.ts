import type { PipelineHealth } from '../../schemas/types.generated.ts';
import type { Row } from '../writer/contract.ts';
import { dateTime, flag, lineage, nullableFlag, type RowSource } from './columns.ts';

/** The pipeline_health_log row of an assessment; version is the record's offset. */
export function healthRow(health: PipelineHealth, source: RowSource): Row {
  const { baseline } = health;
  const scoreOf = (name: string) => health.components.find((c) => c.name === name)?.score ?? null;
  return {
    run_id: health.run_id,
    started_at: dateTime(health.started_at, 'started_at'),
    finished_at: dateTime(health.finished_at, 'finished_at'),
    duration_ms: health.duration_ms,
    candidate_count: health.candidate_count,
    relaxed: flag(health.relaxed),
    health_score: health.health_score,
    healthy: flag(health.healthy),
    processing_time_score: scoreOf('processing_time'),
    candidate_count_score: scoreOf('candidate_count'),
    stage_efficiency_score: scoreOf('stage_efficiency'),
    component_names: health.components.map((c) => c.name),
    component_scores: health.components.map((c) => c.score),
    component_values: health.components.map((c) => c.value),
    component_targets: health.components.map((c) => c.target),
    component_details: health.components.map((c) => c.detail),
    stage_names: health.stages.map((s) => s.name),
    stage_symbols_in: health.stages.map((s) => s.symbols_in),
    stage_symbols_out: health.stages.map((s) => s.symbols_out),
    stage_duration_ms: health.stages.map((s) => s.duration_ms),
    stage_symbols_per_second: health.stages.map((s) => s.symbols_per_second),
    stage_expected_per_second: health.stages.map((s) => s.expected_per_second),
    stage_efficiency: health.stages.map((s) => s.efficiency),
    issues: health.issues,
    alert_severity: health.alert_severity,
    recommendations: health.recommendations,
    baseline_measures: baseline.map((b) => b.measure),
    baseline_values: baseline.map((b) => b.value),
    baseline_samples: baseline.map((b) => b.samples),
    baseline_medians: baseline.map((b) => b.median),
    baseline_mads: baseline.map((b) => b.mad),
    baseline_deviations: baseline.map((b) => b.deviation),
    baseline_drifting: baseline.map((b) => flag(b.drifting)),
    baseline_above: baseline.map((b) => nullableFlag(b.above)),
    baseline_consecutive_runs: baseline.map((b) => b.consecutive_runs),
    baseline_sustained: baseline.map((b) => flag(b.sustained)),
    version: source.offset,
    ...lineage(source),
  };
}
