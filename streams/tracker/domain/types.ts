/**
 * The tracker's own input and output records. Field names follow the wire
 * records (snake_case) so that the stream wiring maps them one to one.
 */

export interface Recommendation {
  /** `<run_id>:<symbol>`, see trackingIdOf. */
  readonly tracking_id: string;
  readonly run_id: string;
  readonly symbol: string;
  /** Discovery instant, epoch milliseconds. */
  readonly discovered_at: number;
  readonly discovery_price: number;
}

export interface PositionSnapshot {
  readonly symbol: string;
  /** Quantity held; 0 closes the position. */
  readonly quantity: number;
  /** Exchange-local ISO date the position was opened, when known. */
  readonly entry_date: string | null;
}

export type CheckpointStatus = 'pending' | 'reached' | 'missing';

/** `halted`: the symbol traded again after the session. `no_data`: no bar at or after it (halted or delisted). */
export type MissingReason = 'halted' | 'no_data';

export interface CheckpointOutcome {
  readonly days: number;
  readonly session: string;
  readonly status: CheckpointStatus;
  /** Close of the session's bar; null unless reached. */
  readonly price: number | null;
  readonly return_pct: number | null;
  /** Null unless missing. */
  readonly missing_reason: MissingReason | null;
  /** When missing: the last session before the checkpoint that had a bar, if any. */
  readonly last_bar_session: string | null;
  /** When missing because halted: the first session after the checkpoint that had a bar. */
  readonly resumed_session: string | null;
}

export type OutcomeCategory = 'explosive' | 'strong' | 'moderate' | 'poor' | 'failed';

export type MissedOpportunityLevel = 'normal' | 'high';

/** One complete session of the tracking window, as used for peak and drawdown. */
export interface WindowSession {
  readonly session: string;
  /** Sessions (trading basis) or calendar days (calendar basis) from the discovery date. */
  readonly days_from_discovery: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export interface WindowMetrics {
  /** Highest high of the window so far; null before the first bar. */
  readonly peak_price: number | null;
  readonly peak_session: string | null;
  readonly days_to_peak: number | null;
  readonly peak_return_pct: number | null;
  /** Largest fall from the running high (discovery price included), in percent; null before the first bar. */
  readonly max_drawdown_pct: number | null;
}

export interface TrackedOutcome extends WindowMetrics {
  readonly tracking_id: string;
  readonly run_id: string;
  readonly symbol: string;
  readonly discovered_at: number;
  readonly discovery_price: number;
  /** Exchange-local date of the discovery instant (may be a non-session day). */
  readonly discovery_date: string;
  readonly basis: 'trading' | 'calendar';
  /** Event time the state was evaluated at: the stream time, or a later bar of the symbol. */
  readonly as_of: number;
  /** Last window session the stream has closed; the window metrics cover sessions up to it. */
  readonly metrics_through: string | null;
  readonly checkpoints: readonly CheckpointOutcome[];
  /** Complete window sessions with a bar, in order. */
  readonly window_sessions: readonly WindowSession[];
  /** Return at the last checkpoint (day 30 by default); null until it is reached. */
  readonly final_return_pct: number | null;
  readonly success: boolean | null;
  readonly outcome_category: OutcomeCategory | null;
  readonly bought: boolean;
  /** Earliest entry date of a position that counts as bought. */
  readonly bought_entry_date: string | null;
  /** Null until the final return is known. */
  readonly missed_opportunity: boolean | null;
  readonly missed_opportunity_level: MissedOpportunityLevel | null;
  /** True once the last checkpoint is reached or missing. */
  readonly final: boolean;
}
