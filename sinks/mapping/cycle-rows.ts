import type { LearningCycle } from '../../schemas/types.generated.ts';
import type { Row } from '../writer/contract.ts';
import { dateTime, entries, flag, lineage, nullableDateTime, type RowSource } from './columns.ts';

/** The learning_cycles row of a cycle's state; version is the record's offset, so the later state wins. */
export function cycleRow(cycle: LearningCycle, source: RowSource): Row {
  const { tracker, dip_validator: dip, monitor, proposals } = cycle;
  const outcomes = entries(tracker?.outcomes_by_category ?? {});
  const quintiles = tracker?.score_quintiles ?? [];
  return {
    cycle_id: cycle.cycle_id,
    trigger: cycle.trigger,
    status: cycle.status,
    window_start: dateTime(cycle.window_start, 'window_start'),
    window_end: dateTime(cycle.window_end, 'window_end'),
    started_at: dateTime(cycle.started_at, 'started_at'),
    completed_at: nullableDateTime(cycle.completed_at, 'completed_at'),
    tracker_recommendations: tracker?.recommendations ?? null,
    tracker_completed: tracker?.completed ?? null,
    tracker_success_rate: tracker?.success_rate ?? null,
    tracker_mean_return_30d_pct: tracker?.mean_return_30d_pct ?? null,
    tracker_missed_opportunities: tracker?.missed_opportunities ?? null,
    tracker_return_sample_size: tracker?.return_sample_size ?? null,
    tracker_median_return_30d_pct: tracker?.median_return_30d_pct ?? null,
    tracker_outcome_categories: outcomes.keys,
    tracker_outcome_counts: outcomes.values,
    tracker_evidence_sample_size: tracker?.evidence_sample_size ?? null,
    tracker_quintiles: quintiles.map((q) => q.quintile),
    tracker_quintile_sample_sizes: quintiles.map((q) => q.sample_size),
    tracker_quintile_min_scores: quintiles.map((q) => q.min_score),
    tracker_quintile_max_scores: quintiles.map((q) => q.max_score),
    tracker_quintile_mean_returns_30d_pct: quintiles.map((q) => q.mean_return_30d_pct),
    tracker_composite_ic: tracker?.composite_ic ?? null,
    tracker_vigl_ic: tracker?.vigl_ic ?? null,
    dip_analyses: dip?.analyses ?? null,
    dip_buy_more_signals: dip?.buy_more_signals ?? null,
    dip_mean_thesis_strength: dip?.mean_thesis_strength ?? null,
    dip_success_rate: dip?.success_rate ?? null,
    dip_buy_more_mean_thesis_strength: dip?.buy_more_mean_thesis_strength ?? null,
    dip_settled_buy_more: dip?.settled_buy_more ?? null,
    monitor_runs: monitor?.runs ?? null,
    monitor_mean_health: monitor?.mean_health ?? null,
    monitor_mean_duration_ms: monitor?.mean_duration_ms ?? null,
    monitor_mean_candidates: monitor?.mean_candidates ?? null,
    monitor_alert_count: monitor?.alert_count ?? null,
    insights: cycle.insights,
    proposal_ids: proposals.map((p) => p.proposal_id),
    proposal_parameters: proposals.map((p) => p.parameter),
    proposal_current_values: proposals.map((p) => p.current_value),
    proposal_proposed_values: proposals.map((p) => p.proposed_value),
    proposal_sample_sizes: proposals.map((p) => p.sample_size),
    proposal_confidences: proposals.map((p) => p.confidence),
    proposal_expected_improvements: proposals.map((p) => p.expected_improvement),
    proposal_rationales: proposals.map((p) => p.rationale),
    proposal_statuses: proposals.map((p) => p.status),
    auto_apply_enabled: flag(cycle.auto_apply_enabled),
    error: cycle.error,
    version: source.offset,
    ...lineage(source),
  };
}
