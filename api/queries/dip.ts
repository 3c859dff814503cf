/**
 * Dip analyses (dip_analysis_latest: the latest version of each analysis).
 * A withdrawn analysis (later data showed the holding was not open, or not
 * in a dip, that session) no longer stands and is never listed.
 */
import { TABLES, VIEWS } from '../../sinks/schema/names.ts';
import { dateTime, identifier, integer, type Sql, sql } from '../../sinks/sql/literals.ts';
import type { Int64 } from './values.ts';

export interface DipRow {
  analysis_id: string;
  symbol: string;
  session_day: string;
  analyzed_at_s: Int64;
  current_price: number;
  avg_entry_price: number;
  quantity: number;
  days_held: Int64;
  account_equity: number;
  position_value: number;
  position_pct_of_equity: number;
  unrealized_return_pct: number;
  thesis: string | null;
  thesis_strength: number;
  thesis_grade: string;
  action: string;
  suggested_pct_of_equity: number | null;
  suggested_amount: number | null;
  suggested_shares: number | null;
  entry_low: number | null;
  entry_high: number | null;
  stop_loss: number | null;
  take_profit_1: number | null;
  take_profit_2: number | null;
  risk_reward: number | null;
  reasons: string[];
  outcome_return_pct_30d: number | null;
  outcome_success: number | null;
  is_final: number;
}

const DIP_COLUMNS = sql`analysis_id, symbol, toString(session_date) AS session_day,
    toUnixTimestamp(analyzed_at) AS analyzed_at_s, current_price, avg_entry_price, quantity, days_held,
    account_equity, position_value, position_pct_of_equity, unrealized_return_pct, thesis, thesis_strength,
    thesis_grade, action, suggested_pct_of_equity, suggested_amount, suggested_shares, entry_low, entry_high,
    stop_loss, take_profit_1, take_profit_2, risk_reward, reasons, outcome_return_pct_30d, outcome_success, is_final`;

/**
 * The analyses of the latest analysed session: the validator analyses every
 * holding in a dip once per session, so these are the holdings in a dip now
 * (one that recovered is no longer analysed and no longer listed; one whose
 * analysis was withdrawn was not in a dip, or not held, after all).
 */
export function latestSessionAnalysesSql(): Sql {
  return sql`SELECT ${DIP_COLUMNS} FROM ${identifier(VIEWS.dipAnalysisLog)}
WHERE session_date = (SELECT max(session_date) FROM ${identifier(TABLES.dipAnalysisLog)}) AND withdrawn = 0
ORDER BY symbol`;
}

export const SIGNALS_LIMIT = 500;

export function buySignalsSql(startMs: number, endMs: number): Sql {
  return sql`SELECT ${DIP_COLUMNS} FROM ${identifier(VIEWS.dipAnalysisLog)}
WHERE action = 'BUY_MORE' AND withdrawn = 0 AND analyzed_at >= ${dateTime(startMs)} AND analyzed_at < ${dateTime(endMs)}
ORDER BY analyzed_at DESC, symbol
LIMIT ${integer(SIGNALS_LIMIT)}`;
}
