/**
 * A learning cycle as the API shows it: shaped as its record on
 * amc.learning.cycles.v1, times as ISO strings. An agent that was switched
 * off is null; a statistic stored before the sink kept it is null too.
 */
import type { CycleRow } from '../queries/learning.ts';
import { isoOfSeconds, nullableIsoOfSeconds, toFlag, toInt } from '../queries/values.ts';
import { dateTimeString, nullableNumber, nullableString } from '../schemas.ts';

const nullableInteger = { type: ['integer', 'null'] } as const;

const objectOf = (properties: Record<string, object>, description?: string) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
    ...(description ? { description } : {}),
  }) as const;

const quintileSchema = objectOf({
  quintile: { type: 'integer' },
  sample_size: { type: 'integer' },
  min_score: nullableNumber,
  max_score: nullableNumber,
  mean_return_30d_pct: nullableNumber,
});

const trackerSchema = objectOf({
  recommendations: { type: 'integer' },
  completed: nullableInteger,
  success_rate: nullableNumber,
  mean_return_30d_pct: nullableNumber,
  median_return_30d_pct: nullableNumber,
  return_sample_size: nullableInteger,
  missed_opportunities: nullableInteger,
  outcomes_by_category: { type: 'object', additionalProperties: { type: 'integer' } },
  evidence_sample_size: nullableInteger,
  score_quintiles: { type: 'array', items: quintileSchema },
  composite_ic: nullableNumber,
  vigl_ic: nullableNumber,
});

const dipSchema = objectOf({
  analyses: { type: 'integer' },
  buy_more_signals: nullableInteger,
  mean_thesis_strength: nullableNumber,
  success_rate: nullableNumber,
  buy_more_mean_thesis_strength: nullableNumber,
  settled_buy_more: nullableInteger,
});

const monitorSchema = objectOf({
  runs: { type: 'integer' },
  mean_health: nullableNumber,
  mean_duration_ms: nullableNumber,
  mean_candidates: nullableNumber,
  alert_count: nullableInteger,
});

const proposalSchema = objectOf({
  proposal_id: { type: 'string' },
  parameter: { type: 'string' },
  current_value: nullableNumber,
  proposed_value: nullableNumber,
  sample_size: { type: 'integer' },
  confidence: nullableNumber,
  expected_improvement: nullableNumber,
  rationale: { type: 'string' },
  status: { type: 'string', enum: ['PENDING', 'APPROVED', 'APPLIED', 'REJECTED', 'INSUFFICIENT_DATA'] },
});

const orNull = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });

export const cycleViewSchema = objectOf({
  cycle_id: { type: 'string' },
  trigger: { type: 'string', enum: ['SCHEDULED', 'ON_DEMAND'] },
  status: { type: 'string', enum: ['RUNNING', 'COMPLETED', 'FAILED'] },
  window_start: dateTimeString,
  window_end: dateTimeString,
  started_at: dateTimeString,
  completed_at: { type: ['string', 'null'], format: 'date-time' },
  tracker: orNull(trackerSchema),
  dip_validator: orNull(dipSchema),
  monitor: orNull(monitorSchema),
  insights: { type: 'array', items: { type: 'string' } },
  proposals: { type: 'array', items: proposalSchema },
  auto_apply_enabled: { type: 'boolean' },
  error: nullableString,
});

const int = (value: string | number | null | undefined) =>
  value === null || value === undefined ? null : toInt(value);

function trackerView(row: CycleRow) {
  if (row.tracker_recommendations === null) return null;
  return {
    recommendations: toInt(row.tracker_recommendations),
    completed: int(row.tracker_completed),
    success_rate: row.tracker_success_rate,
    mean_return_30d_pct: row.tracker_mean_return_30d_pct,
    median_return_30d_pct: row.tracker_median_return_30d_pct,
    return_sample_size: int(row.tracker_return_sample_size),
    missed_opportunities: int(row.tracker_missed_opportunities),
    outcomes_by_category: Object.fromEntries(
      row.tracker_outcome_categories.map((category, i) => [category, toInt(row.tracker_outcome_counts[i]!)]),
    ),
    evidence_sample_size: int(row.tracker_evidence_sample_size),
    score_quintiles: row.tracker_quintiles.map((quintile, i) => ({
      quintile: toInt(quintile),
      sample_size: toInt(row.tracker_quintile_sample_sizes[i]!),
      min_score: row.tracker_quintile_min_scores[i] ?? null,
      max_score: row.tracker_quintile_max_scores[i] ?? null,
      mean_return_30d_pct: row.tracker_quintile_mean_returns_30d_pct[i] ?? null,
    })),
    composite_ic: row.tracker_composite_ic,
    vigl_ic: row.tracker_vigl_ic,
  };
}

function dipView(row: CycleRow) {
  if (row.dip_analyses === null) return null;
  return {
    analyses: toInt(row.dip_analyses),
    buy_more_signals: int(row.dip_buy_more_signals),
    mean_thesis_strength: row.dip_mean_thesis_strength,
    success_rate: row.dip_success_rate,
    buy_more_mean_thesis_strength: row.dip_buy_more_mean_thesis_strength,
    settled_buy_more: int(row.dip_settled_buy_more),
  };
}

function monitorView(row: CycleRow) {
  if (row.monitor_runs === null) return null;
  return {
    runs: toInt(row.monitor_runs),
    mean_health: row.monitor_mean_health,
    mean_duration_ms: row.monitor_mean_duration_ms,
    mean_candidates: row.monitor_mean_candidates,
    alert_count: int(row.monitor_alert_count),
  };
}

export function cycleView(row: CycleRow) {
  return {
    cycle_id: row.cycle_id,
    trigger: row.trigger,
    status: row.status,
    window_start: isoOfSeconds(row.window_start_s),
    window_end: isoOfSeconds(row.window_end_s),
    started_at: isoOfSeconds(row.started_at_s),
    completed_at: nullableIsoOfSeconds(row.completed_at_s),
    tracker: trackerView(row),
    dip_validator: dipView(row),
    monitor: monitorView(row),
    insights: row.insights,
    proposals: row.proposal_ids.map((id, i) => ({
      proposal_id: id,
      parameter: row.proposal_parameters[i]!,
      current_value: row.proposal_current_values[i] ?? null,
      proposed_value: row.proposal_proposed_values[i] ?? null,
      sample_size: toInt(row.proposal_sample_sizes[i]!),
      confidence: row.proposal_confidences[i] ?? null,
      expected_improvement: row.proposal_expected_improvements[i] ?? null,
      rationale: row.proposal_rationales[i]!,
      status: row.proposal_statuses[i]!,
    })),
    auto_apply_enabled: toFlag(row.auto_apply_enabled),
    error: row.error,
  };
}
