/** Reads for operators: pipeline health, dip analyses and buy-more signals, alerts. */

import { SeveritySymbols } from '../../../schemas/types.generated.ts';
import { LATEST_VIEWS } from '../../schema/names.ts';
import {
  boolean,
  dateTime,
  identifier,
  number,
  type Sql,
  SqlLiteralError,
  sql,
  string,
} from '../literals.ts';
import { type Page, page, when, where } from './filters.ts';

/** Health of the latest runs, newest first (limit 1: the latest health). */
export function pipelineHealthQuery(filter: { readonly since?: number } & Page = {}): Sql {
  return sql`SELECT run_id, started_at, finished_at, duration_ms, candidate_count, relaxed, health_score, healthy,
  processing_time_score, candidate_count_score, stage_efficiency_score, issues, alert_severity, recommendations
FROM ${identifier(LATEST_VIEWS.pipelineHealthLog)}
${where([when(filter.since, (t) => sql`finished_at >= ${dateTime(t)}`)])}
ORDER BY finished_at DESC, run_id
${page(filter)}`;
}

/**
 * The latest analysis of each symbol (its newest session, in its latest
 * version), unless it was withdrawn: later data showed the holding was not
 * open, or not in a dip, that session, so the symbol has no standing
 * analysis, as one that recovered has none (an earlier session's is not put
 * in its place).
 */
export function latestDipAnalysesQuery(filter: { readonly symbol?: string } = {}): Sql {
  return sql`SELECT analysis_id, symbol, session_date, analyzed_at, current_price, unrealized_return_pct,
  thesis_strength, thesis_grade, action, suggested_pct_of_equity, suggested_amount, suggested_shares,
  entry_low, entry_high, stop_loss, take_profit_1, take_profit_2, risk_reward,
  outcome_return_pct_30d, outcome_success, is_final, version
FROM
(
  SELECT *
  FROM ${identifier(LATEST_VIEWS.dipAnalysisLog)}
  ${where([when(filter.symbol, (s) => sql`symbol = ${string(s)}`)])}
  ORDER BY symbol, session_date DESC
  LIMIT 1 BY symbol
)
WHERE withdrawn = 0
ORDER BY symbol`;
}

/** BUY_MORE signals analysed at or after `since` and not withdrawn, newest first, with their 30-day outcome once known. */
export function buyMoreSignalsQuery(filter: { readonly since?: number } & Page = {}): Sql {
  return sql`SELECT analysis_id, symbol, session_date, current_price, unrealized_return_pct, thesis_strength,
  thesis_grade, suggested_pct_of_equity, suggested_amount, entry_low, entry_high, stop_loss, take_profit_1,
  take_profit_2, risk_reward, outcome_price_30d, outcome_return_pct_30d, outcome_success, is_final
FROM ${identifier(LATEST_VIEWS.dipAnalysisLog)}
${where([sql`action = 'BUY_MORE'`, sql`withdrawn = 0`, when(filter.since, (t) => sql`analyzed_at >= ${dateTime(t)}`)])}
ORDER BY analyzed_at DESC, analysis_id
${page(filter)}`;
}

export interface AlertFilter extends Page {
  /** This severity or higher: INFO, WARNING, HIGH, CRITICAL or EMERGENCY. */
  readonly minSeverity?: string;
  readonly type?: string;
  /** Last seen at or after this instant (epoch ms). */
  readonly since?: number;
  /** Acknowledged in the alert record or by an acknowledgement not yet reflected there. */
  readonly acknowledged?: boolean;
}

function severityRank(severity: string): Sql {
  const rank = (SeveritySymbols as readonly string[]).indexOf(severity);
  if (rank < 0)
    throw new SqlLiteralError(`${severity} is not a severity; known: ${SeveritySymbols.join(', ')}`);
  return number(rank);
}

export function alertsQuery(filter: AlertFilter = {}): Sql {
  return sql`SELECT alert_id, type, severity, component, title, message, data_keys, data_values, dedup_key,
  created_at, last_seen_at, occurrences, requires_ack, is_acknowledged, acknowledged_by, acknowledged_at
FROM ${identifier(LATEST_VIEWS.alerts)}
${where([
  when(filter.minSeverity, (s) => sql`severity_rank >= ${severityRank(s)}`),
  when(filter.type, (t) => sql`type = ${string(t)}`),
  when(filter.since, (t) => sql`last_seen_at >= ${dateTime(t)}`),
  when(filter.acknowledged, (a) => sql`is_acknowledged = ${boolean(a)}`),
])}
ORDER BY last_seen_at DESC, alert_id
${page(filter)}`;
}
