/** Discovery-run health as the monitor assessed it (pipeline_health_latest), and what each run produced. */
import { TABLES, VIEWS } from '../../sinks/schema/names.ts';
import { dateTime, identifier, integer, type Sql, sql, string } from '../../sinks/sql/literals.ts';
import type { Int64 } from './values.ts';

export interface HealthRow {
  run_id: string;
  started_at_s: Int64;
  finished_at_s: Int64;
  duration_ms: Int64;
  candidate_count: Int64;
  relaxed: number;
  health_score: number;
  healthy: number;
  component_names: string[];
  component_scores: number[];
  component_values: (number | null)[];
  component_targets: (number | null)[];
  component_details: (string | null)[];
  stage_names: string[];
  stage_symbols_in: Int64[];
  stage_symbols_out: Int64[];
  stage_duration_ms: (Int64 | null)[];
  stage_symbols_per_second: (number | null)[];
  stage_expected_per_second: number[];
  stage_efficiency: (number | null)[];
  issues: string[];
  alert_severity: string | null;
  recommendations: string[];
  baseline_measures: string[];
  baseline_values: number[];
  baseline_samples: Int64[];
  baseline_medians: (number | null)[];
  baseline_mads: (number | null)[];
  baseline_deviations: (number | null)[];
  baseline_drifting: number[];
  baseline_above: (number | null)[];
  baseline_consecutive_runs: Int64[];
  baseline_sustained: number[];
}

const HEALTH_COLUMNS = sql`run_id, toUnixTimestamp(started_at) AS started_at_s, toUnixTimestamp(finished_at) AS finished_at_s,
    duration_ms, candidate_count, relaxed, health_score, healthy, component_names, component_scores, component_values,
    component_targets, component_details, stage_names, stage_symbols_in, stage_symbols_out, stage_duration_ms,
    stage_symbols_per_second, stage_expected_per_second, stage_efficiency, issues, alert_severity, recommendations,
    baseline_measures, baseline_values, baseline_samples, baseline_medians, baseline_mads, baseline_deviations,
    baseline_drifting, baseline_above, baseline_consecutive_runs, baseline_sustained`;

export function latestRunSql(): Sql {
  return sql`SELECT ${HEALTH_COLUMNS} FROM ${identifier(VIEWS.pipelineHealthLog)}
ORDER BY finished_at DESC, run_id DESC LIMIT 1`;
}

export const HISTORY_LIMIT = 1000;

export function runHistorySql(startMs: number, endMs: number): Sql {
  return sql`SELECT ${HEALTH_COLUMNS} FROM ${identifier(VIEWS.pipelineHealthLog)}
WHERE finished_at >= ${dateTime(startMs)} AND finished_at < ${dateTime(endMs)}
ORDER BY finished_at DESC, run_id DESC LIMIT ${integer(HISTORY_LIMIT)}`;
}

export interface RunCandidateRow {
  tracking_id: string;
  symbol: string;
  rank: Int64;
  price: number;
  composite_score: number;
  vigl_score: number;
  thesis: string | null;
}

/** A run's candidates; tracking ids are `<run_id>:<symbol>`, so the range bounds them on the primary key. */
export function runCandidatesSql(runId: string): Sql {
  return sql`SELECT tracking_id, argMax(symbol, version) AS symbol, argMax(rank, version) AS rank,
    argMax(price, version) AS price, argMax(composite_score, version) AS composite_score,
    argMax(vigl_score, version) AS vigl_score, argMax(thesis, version) AS thesis
FROM (
    SELECT tracking_id, symbol, rank, price, composite_score, vigl_score, thesis, version
    FROM ${identifier(TABLES.discoveryCandidates)}
    WHERE run_id = ${string(runId)}
        AND tracking_id >= ${string(`${runId}:`)} AND tracking_id < ${string(`${runId};`)}
)
GROUP BY tracking_id
ORDER BY rank, tracking_id`;
}
