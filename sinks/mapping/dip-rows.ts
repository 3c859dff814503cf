import type { DipAnalysis } from '../../schemas/types.generated.ts';
import type { Row } from '../writer/contract.ts';
import { dateTime, flag, lineage, nullableFlag, type RowSource } from './columns.ts';

/** One dip_analysis_log row per analysis version. */
export function dipRow(analysis: DipAnalysis, source: RowSource): Row {
  return {
    analysis_id: analysis.analysis_id,
    symbol: analysis.symbol,
    session_date: analysis.session_date,
    analyzed_at: dateTime(analysis.analyzed_at, 'analyzed_at'),
    current_price: analysis.current_price,
    avg_entry_price: analysis.avg_entry_price,
    quantity: analysis.quantity,
    days_held: analysis.days_held,
    account_equity: analysis.account_equity,
    position_value: analysis.position_value,
    position_pct_of_equity: analysis.position_pct_of_equity,
    unrealized_return_pct: analysis.unrealized_return_pct,
    thesis: analysis.thesis,
    thesis_strength: analysis.thesis_strength,
    thesis_grade: analysis.thesis_grade,
    thesis_factor_names: analysis.thesis_factors.map((f) => f.name),
    thesis_factor_deltas: analysis.thesis_factors.map((f) => f.delta),
    thesis_factor_details: analysis.thesis_factors.map((f) => f.detail),
    action: analysis.action,
    suggested_pct_of_equity: analysis.suggested_pct_of_equity,
    suggested_amount: analysis.suggested_amount,
    suggested_shares: analysis.suggested_shares,
    entry_low: analysis.entry_low,
    entry_high: analysis.entry_high,
    stop_loss: analysis.stop_loss,
    take_profit_1: analysis.take_profit_1,
    take_profit_2: analysis.take_profit_2,
    risk_reward: analysis.risk_reward,
    position_cap_pct: analysis.position_cap_pct,
    reasons: analysis.reasons,
    outcome_price_30d: analysis.outcome_price_30d,
    outcome_return_pct_30d: analysis.outcome_return_pct_30d,
    outcome_success: nullableFlag(analysis.outcome_success),
    is_final: flag(analysis.final),
    withdrawn: flag(analysis.withdrawn),
    version: analysis.version,
    ...lineage(source),
  };
}
