/**
 * What the learning cycle knows, one fact per input record (snake_case, as
 * on the wire). Event times are epoch milliseconds.
 */

export type OutcomeCategory = 'EXPLOSIVE' | 'STRONG' | 'MODERATE' | 'POOR' | 'FAILED';

/** A recommendation as discovered: its scores and factors. */
export interface RecommendationFact {
  readonly tracking_id: string;
  readonly run_id: string;
  readonly symbol: string;
  readonly discovered_at: number;
  readonly composite_score: number;
  readonly vigl_score: number;
  readonly factors: Readonly<Record<string, number>>;
}

/** One version of a recommendation's tracked outcome; as_of is its event time. */
export interface OutcomeFact {
  readonly tracking_id: string;
  readonly version: number;
  readonly as_of: number;
  readonly final: boolean;
  /** Percent; null until reached (or when the day-30 checkpoint is missing). */
  readonly return_30d: number | null;
  readonly success: boolean | null;
  readonly category: OutcomeCategory | null;
  readonly missed_opportunity: boolean;
  /**
   * For a final outcome, the end of its day-30 session (the next midnight in
   * the exchange's time zone); null otherwise. It does not depend on the
   * order the tracker saw the bars in, as as_of does (see outcomeKnownFrom).
   */
  readonly settled_at: number | null;
}

/** A discovery run: when it finished and the parameters it ran with. */
export interface RunFact {
  readonly run_id: string;
  readonly finished_at: number;
  readonly parameters: Readonly<Record<string, number>>;
}

/** A run's health assessment by the discovery monitor. */
export interface HealthFact {
  readonly run_id: string;
  readonly finished_at: number;
  readonly health_score: number;
  readonly duration_ms: number;
  readonly candidate_count: number;
}

/** One version of a buy-the-dip analysis; analyzed_at is its event time, as_of when this version was known. */
export interface DipFact {
  readonly analysis_id: string;
  readonly version: number;
  readonly analyzed_at: number;
  readonly as_of: number;
  readonly action: 'BUY_MORE' | 'HOLD';
  readonly thesis_strength: number;
  readonly final: boolean;
  readonly outcome_success: boolean | null;
}

/** An alert as first raised. */
export interface AlertFact {
  readonly alert_id: string;
  readonly type: string;
  readonly created_at: number;
}

/** Which agents run; a switched-off agent's metrics are null, not zero. */
export interface AgentsEnabled {
  readonly tracker: boolean;
  readonly monitor: boolean;
  readonly dipValidator: boolean;
}
