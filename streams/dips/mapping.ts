import type { DipAnalysis, PositionSnapshot as PositionRecord } from '../../schemas/types.generated.ts';
import type { DipDecision, DipOutcome, HoldingSnapshot } from './domain/index.ts';

/** A position as the by-symbol topic carries it; an internal JSON topic may lack a field the contract has. */
export const toHoldingSnapshot = (p: PositionRecord): HoldingSnapshot => ({
  symbol: p.symbol,
  quantity: p.quantity,
  avg_entry_price: p.avg_entry_price,
  entry_date: p.entry_date,
  thesis: p.thesis ?? null,
  account_equity: p.account_equity,
  as_of: p.as_of,
});

/** The analysis record: the decision the data gives, with the outcome known so far, at a version. */
export function toDipRecord(
  decision: DipDecision,
  outcome: DipOutcome,
  version: number,
  withdrawn = false,
): DipAnalysis {
  const { sizing, plan } = decision;
  return {
    analysis_id: decision.analysis_id,
    symbol: decision.symbol,
    session_date: decision.session_date,
    analyzed_at: decision.analyzed_at,
    current_price: decision.current_price,
    avg_entry_price: decision.avg_entry_price,
    quantity: decision.quantity,
    days_held: decision.days_held,
    account_equity: decision.account_equity,
    position_value: decision.position_value,
    position_pct_of_equity: decision.position_pct_of_equity,
    unrealized_return_pct: decision.unrealized_return_pct,
    thesis: decision.thesis,
    thesis_strength: decision.thesis_strength,
    thesis_grade: decision.thesis_grade,
    thesis_factors: decision.thesis_factors.map((f) => ({ name: f.name, delta: f.delta, detail: f.detail })),
    action: decision.action,
    suggested_pct_of_equity: sizing?.pct_of_equity ?? null,
    suggested_amount: sizing?.amount ?? null,
    suggested_shares: sizing?.shares ?? null,
    entry_low: plan?.entry_low ?? null,
    entry_high: plan?.entry_high ?? null,
    stop_loss: plan?.stop_loss ?? null,
    take_profit_1: plan?.take_profit_1 ?? null,
    take_profit_2: plan?.take_profit_2 ?? null,
    risk_reward: plan?.risk_reward ?? null,
    position_cap_pct: decision.position_cap_pct,
    reasons: [...decision.reasons],
    ...outcome,
    withdrawn,
    version,
  };
}
