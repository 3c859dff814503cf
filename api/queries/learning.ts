/**
 * What the learning coordinator decided, as the sink stored it: cycles at
 * their latest state (learning_cycles_latest), every value a parameter was
 * given (parameter_changes_latest), and the values the discovery runs had,
 * which are in force until the coordinator records one.
 */
import { TABLES, VIEWS } from '../../sinks/schema/names.ts';
import { identifier, integer, join, list, type Sql, sql, string } from '../../sinks/sql/literals.ts';
import type { Int64 } from './values.ts';

export interface CycleRow {
  cycle_id: string;
  trigger: string;
  status: string;
  window_start_s: Int64;
  window_end_s: Int64;
  started_at_s: Int64;
  completed_at_s: Int64 | null;
  tracker_recommendations: Int64 | null;
  tracker_completed: Int64 | null;
  tracker_success_rate: number | null;
  tracker_mean_return_30d_pct: number | null;
  tracker_missed_opportunities: Int64 | null;
  tracker_return_sample_size: Int64 | null;
  tracker_median_return_30d_pct: number | null;
  tracker_outcome_categories: string[];
  tracker_outcome_counts: Int64[];
  tracker_evidence_sample_size: Int64 | null;
  tracker_quintiles: number[];
  tracker_quintile_sample_sizes: Int64[];
  tracker_quintile_min_scores: (number | null)[];
  tracker_quintile_max_scores: (number | null)[];
  tracker_quintile_mean_returns_30d_pct: (number | null)[];
  tracker_composite_ic: number | null;
  tracker_vigl_ic: number | null;
  dip_analyses: Int64 | null;
  dip_buy_more_signals: Int64 | null;
  dip_mean_thesis_strength: number | null;
  dip_success_rate: number | null;
  dip_buy_more_mean_thesis_strength: number | null;
  dip_settled_buy_more: Int64 | null;
  monitor_runs: Int64 | null;
  monitor_mean_health: number | null;
  monitor_mean_duration_ms: number | null;
  monitor_mean_candidates: number | null;
  monitor_alert_count: Int64 | null;
  insights: string[];
  proposal_ids: string[];
  proposal_parameters: string[];
  proposal_current_values: (number | null)[];
  proposal_proposed_values: (number | null)[];
  proposal_sample_sizes: Int64[];
  proposal_confidences: (number | null)[];
  proposal_expected_improvements: (number | null)[];
  proposal_rationales: string[];
  proposal_statuses: string[];
  auto_apply_enabled: number;
  error: string | null;
}

const TIMES = ['window_start', 'window_end', 'started_at'] as const;

/** Every column of a cycle but the times, which are read as epoch seconds. */
const CYCLE_COLUMNS = [
  'cycle_id',
  'trigger',
  'status',
  'tracker_recommendations',
  'tracker_completed',
  'tracker_success_rate',
  'tracker_mean_return_30d_pct',
  'tracker_missed_opportunities',
  'tracker_return_sample_size',
  'tracker_median_return_30d_pct',
  'tracker_outcome_categories',
  'tracker_outcome_counts',
  'tracker_evidence_sample_size',
  'tracker_quintiles',
  'tracker_quintile_sample_sizes',
  'tracker_quintile_min_scores',
  'tracker_quintile_max_scores',
  'tracker_quintile_mean_returns_30d_pct',
  'tracker_composite_ic',
  'tracker_vigl_ic',
  'dip_analyses',
  'dip_buy_more_signals',
  'dip_mean_thesis_strength',
  'dip_success_rate',
  'dip_buy_more_mean_thesis_strength',
  'dip_settled_buy_more',
  'monitor_runs',
  'monitor_mean_health',
  'monitor_mean_duration_ms',
  'monitor_mean_candidates',
  'monitor_alert_count',
  'insights',
  'proposal_ids',
  'proposal_parameters',
  'proposal_current_values',
  'proposal_proposed_values',
  'proposal_sample_sizes',
  'proposal_confidences',
  'proposal_expected_improvements',
  'proposal_rationales',
  'proposal_statuses',
  'auto_apply_enabled',
  'error',
] as const;

/** The latest cycles, newest first by start. */
export function latestCyclesSql(limit: number): Sql {
  const columns = [
    ...CYCLE_COLUMNS.map((c) => identifier(c)),
    ...TIMES.map((t) => sql`toUnixTimestamp(${identifier(t)}) AS ${identifier(`${t}_s`)}`),
    sql`if(isNull(completed_at), NULL, toUnixTimestamp(assumeNotNull(completed_at))) AS completed_at_s`,
  ];
  return sql`SELECT ${join(columns)}
FROM ${identifier(VIEWS.learningCycles)}
ORDER BY started_at DESC, cycle_id DESC
LIMIT ${integer(limit)}`;
}

export interface ParameterChangeRow {
  name: string;
  value: number;
  previous_value: number | null;
  cycle_id: string | null;
  proposal_id: string | null;
  source: string;
  confidence: number | null;
  applied_at_ms: Int64;
  applied_by: string | null;
  reason: string | null;
}

/** The changes of each parameter, newest first, at most `perParameter` of each. */
export function parameterChangesSql(perParameter: number): Sql {
  return sql`SELECT name, value, previous_value, cycle_id, proposal_id, source, confidence, applied_at_ms,
    applied_by, reason
FROM ${identifier(VIEWS.parameterChanges)}
ORDER BY name, applied_at_ms DESC
LIMIT ${integer(perParameter)} BY name`;
}

export interface RunValueRow {
  name: string;
  value: number;
  finished_at_s: Int64;
}

/**
 * Each named parameter as the latest discovery run naming it had it (by finish
 * time): what the coordinator holds in force until it records a value of its own.
 */
export function runValuesSql(names: readonly string[]): Sql {
  return sql`SELECT name, argMax(value, finished_at) AS value, toUnixTimestamp(max(finished_at)) AS finished_at_s
FROM (
    SELECT finished_at, name, value
    FROM ${identifier(TABLES.discoveryRuns)}
    ARRAY JOIN parameter_names AS name, parameter_values AS value
    WHERE name IN ${list(names.map((n) => string(n)))}
)
GROUP BY name`;
}
