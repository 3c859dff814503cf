/**
 * The validator's own input and output records. Field names follow the wire
 * records (snake_case) so that the stream wiring maps them one to one; enum
 * values are the wire's symbols.
 */
import type { ThesisFactorCode } from './codes.ts';

/** A position snapshot as the validator needs it. */
export interface HoldingSnapshot {
  readonly symbol: string;
  /** Shares held; 0 closes the position. */
  readonly quantity: number;
  readonly avg_entry_price: number;
  /** When the position was opened, epoch ms: days held count from its exchange-local date. */
  readonly entry_date: number;
  readonly thesis: string | null;
  readonly account_equity: number;
  /** When the snapshot was taken, epoch ms. */
  readonly as_of: number;
}

export type ThesisGrade = 'STRONG' | 'MODERATE' | 'WEAK';
export type DipAction = 'BUY_MORE' | 'HOLD';

export interface ThesisFactor {
  readonly name: ThesisFactorCode;
  readonly delta: number;
  readonly detail: string;
}

export interface ThesisAssessment {
  /** In [0, 1]. */
  readonly strength: number;
  readonly grade: ThesisGrade;
  /** Volume, catalyst and drawdown, always all three. */
  readonly factors: readonly ThesisFactor[];
}

/** What to add: after the position cap, so the whole position stays within it. */
export interface Sizing {
  readonly pct_of_equity: number;
  readonly amount: number;
  readonly shares: number;
  readonly reasons: readonly string[];
}

export interface TradePlan {
  readonly entry_low: number;
  readonly entry_high: number;
  readonly stop_loss: number;
  readonly take_profit_1: number;
  readonly take_profit_2: number;
  /** Reward to the first take-profit over the risk to the stop. */
  readonly risk_reward: number;
}

/** One analysis of a holding on a daily bar: the decision, before any outcome is known. */
export interface DipDecision {
  readonly analysis_id: string;
  readonly symbol: string;
  readonly session_date: string;
  /** The analysed bar's timestamp. */
  readonly analyzed_at: number;
  readonly current_price: number;
  readonly avg_entry_price: number;
  readonly quantity: number;
  readonly days_held: number;
  readonly account_equity: number;
  readonly position_value: number;
  readonly position_pct_of_equity: number;
  readonly unrealized_return_pct: number;
  readonly thesis: string | null;
  readonly thesis_strength: number;
  readonly thesis_grade: ThesisGrade;
  readonly thesis_factors: readonly ThesisFactor[];
  readonly action: DipAction;
  /** Null for HOLD. */
  readonly sizing: Sizing | null;
  readonly plan: TradePlan | null;
  readonly position_cap_pct: number;
  readonly reasons: readonly string[];
}

/** The outcome part of an analysis record; all null until the horizon's close is known. */
export interface DipOutcome {
  readonly outcome_price_30d: number | null;
  readonly outcome_return_pct_30d: number | null;
  readonly outcome_success: boolean | null;
  /** True once the outcome is settled, or at once for an analysis that is not followed. */
  readonly final: boolean;
}
