// Generated from schemas/*.avsc by schemas/generate-types.ts. Do not edit by hand:
// change the schema and run `npx tsx schemas/generate-types.ts`.
// Timestamps (timestamp-millis) are epoch milliseconds; bytes are Buffers.

/** One run of the upstream discovery job: timings, per-stage throughput, the candidates it produced and the parameters in force. Money and prices are doubles in the listing's quote currency (USD for US listings): quotes carry few decimals, every figure derived from them here is a ratio or a percentage, a double carries about 15 significant digits, and no cash ledger is kept in this system, so a decimal type would only add conversion cost. Timestamps are epoch milliseconds UTC. */
export interface DiscoveryRun {
  /** Identifier of the run, unique per run and stable across replays; also the record key. */
  run_id: string;
  /** When the run started. */
  started_at: number;
  /** When the run finished; not before started_at. Discovery time of its candidates. */
  finished_at: number;
  /** Processing time of the whole run in milliseconds, as measured by the job. */
  duration_ms: number;
  /** Pipeline stages in execution order; may be empty. */
  stages: DiscoveryStage[];
  /** Candidate recommendations of the run, best first; may be empty. */
  candidates: DiscoveryCandidate[];
  /** Parameters in force for the run (score thresholds, volume-spike minimum...), by the names used on amc.learning.parameters.v1. */
  parameters: Record<string, number>;
  /** True when the job relaxed its thresholds to find enough candidates. */
  relaxed: boolean;
}

/** Throughput of one stage of the discovery pipeline. */
export interface DiscoveryStage {
  /** Stage name, e.g. universe_loading, price_filtering, volume_filtering, squeeze_detection, final_ranking; other names are allowed. */
  name: string;
  /** Time spent in the stage in milliseconds; null when the job did not time the stage, which is common. */
  duration_ms: number | null;
  /** Symbols entering the stage. */
  symbols_in: number;
  /** Symbols leaving the stage. */
  symbols_out: number;
  /** Symbols rejected by the stage, counted by rejection reason. */
  rejections: Record<string, number>;
}

/** One symbol recommended by the run. */
export interface DiscoveryCandidate {
  /** Ticker symbol, non-empty, unique within the run. */
  symbol: string;
  /** Last price at discovery, in the quote currency; positive. */
  price: number;
  /** Main score on a 0-100 scale (the job's own store keeps 0-1: producers multiply by 100). */
  composite_score: number;
  /** VIGL pattern similarity on a 0-1 scale. */
  vigl_score: number;
  /** Contributing factor values by factor name (e.g. volume_spike, short_interest). */
  factors: Record<string, number>;
  /** Free-text investment thesis, when the job wrote one. */
  thesis: string | null;
}

/** One OHLCV price bar of a symbol. Prices are doubles in the listing's quote currency (see DiscoveryRun for why double). A bar re-sent for the same symbol, interval and timestamp is a correction and replaces the earlier one. */
export interface MarketBar {
  /** Ticker symbol, non-empty; also the record key. */
  symbol: string;
  /** Bar length: 1d (daily, the default) or a finer one such as 1h or 5m; consumers that need daily bars ignore the others. */
  interval: string;
  /** Start of the bar. A daily bar belongs to the exchange session of this instant's date in the exchange's time zone. */
  timestamp: number;
  /** Opening price; positive. */
  open: number;
  /** Highest price; not below open, close or low. */
  high: number;
  /** Lowest price; positive, not above open or close. */
  low: number;
  /** Closing price; positive. */
  close: number;
  /** Shares traded during the bar; not negative. */
  volume: number;
}

/** State of one holding at a point in time, from the upstream portfolio service. Money is a double in the quote currency (see DiscoveryRun for why double); account equity is assumed to be in the same currency. */
export interface PositionSnapshot {
  /** Ticker symbol, non-empty; also the record key. */
  symbol: string;
  /** Shares held (fractional shares allowed); 0 closes the position; not negative. */
  quantity: number;
  /** Average entry price per share; positive while the position is open. */
  avg_entry_price: number;
  /** When the position was opened (first fill); days held are counted from here. */
  entry_date: number;
  /** Free-text reason the position was opened, when recorded. */
  thesis: string | null;
  /** Total account equity at as_of; positive. */
  account_equity: number;
  /** When this snapshot was taken; not before entry_date. */
  as_of: number;
}

/** One candidate of a discovery run, as tracked by the learning system. Prices are doubles in the quote currency (see DiscoveryRun for why double). */
export interface Recommendation {
  /** Deterministic identifier <run_id>:<symbol>, so a replayed run never double-counts. */
  tracking_id: string;
  /** Discovery run that produced the recommendation. */
  run_id: string;
  /** Ticker symbol, non-empty; also the record key. */
  symbol: string;
  /** Discovery time: the run's finished_at. */
  discovered_at: number;
  /** Price at discovery; positive. Returns are measured from it. */
  discovery_price: number;
  /** Main score on the 0-100 scale of DiscoveryCandidate. */
  composite_score: number;
  /** VIGL pattern similarity, 0-1. */
  vigl_score: number;
  /** Contributing factor values by name, as emitted by the run. */
  factors: Record<string, number>;
  /** Investment thesis from the run, if any. */
  thesis: string | null;
  /** True when the run had relaxed its thresholds. */
  relaxed: boolean;
}

/** Tracked state of one recommendation over its 30-day window: emitted after each checkpoint, final at day 30, restated with a higher version when a late or corrected bar arrives. Prices are doubles in the quote currency and returns are percentages (see DiscoveryRun for why double). */
export interface RecommendationOutcome {
  /** <run_id>:<symbol> of the recommendation; also the record key. */
  tracking_id: string;
  /** Ticker symbol. */
  symbol: string;
  /** Discovery run of the recommendation. */
  run_id: string;
  /** Discovery time of the recommendation. */
  discovered_at: number;
  /** Price at discovery; returns are measured from it. */
  discovery_price: number;
  /** TRADING: checkpoint N is the Nth session after the discovery date. CALENDAR: the first session on or after the discovery date + N days. */
  basis: CheckpointBasis;
  /** One entry per configured checkpoint (1, 7, 14 and 30 by default), in ascending order of days. */
  checkpoints: OutcomeCheckpoint[];
  /** Highest bar high from the first session after discovery to the day-30 session; null until a bar arrives. */
  peak_price: number | null;
  /** Return at peak_price, in percent. */
  peak_return_pct: number | null;
  /** Sessions (trading basis) or calendar days (calendar basis) from discovery to the first session reaching the peak. */
  days_to_peak: number | null;
  /** Largest fall from a running high (discovery price or an earlier bar's high) to a later bar's low, in percent of that high, as a positive number; 0 when no low falls below it. */
  max_drawdown_pct: number | null;
  /** return_30d > 0; null until the day-30 checkpoint is reached. */
  success: boolean | null;
  /** Set from the day-30 return. */
  outcome_category: OutcomeCategory | null;
  /** True when a position in the symbol was opened within the configured window after discovery. */
  bought: boolean;
  /** Not bought and return_30d >= 25%. */
  missed_opportunity: boolean;
  /** True once the day-30 checkpoint is settled (reached or missing). */
  final: boolean;
  /** Increases with every restatement of this tracking_id; readers keep the highest. */
  version: number;
  /** Event time of the latest input reflected (bar or position time), never the wall clock. */
  as_of: number;
}

/** How checkpoint sessions are counted. */
export const CheckpointBasisSymbols = ['TRADING', 'CALENDAR'] as const;
/** How checkpoint sessions are counted. */
export type CheckpointBasis = (typeof CheckpointBasisSymbols)[number];

/** Price and return at one checkpoint. */
export interface OutcomeCheckpoint {
  /** Checkpoint offset: sessions (trading basis) or calendar days (calendar basis) after discovery. */
  days: number;
  /** Exchange session of the checkpoint, YYYY-MM-DD in the exchange's time zone. */
  session_date: string;
  /** PENDING until the session's bar arrives, REACHED with a price, MISSING when the grace period passed without a bar. */
  status: CheckpointStatus;
  /** Close of the checkpoint session's bar; null unless REACHED. Never made up. */
  price: number | null;
  /** (price - discovery_price) / discovery_price x 100; null unless REACHED. */
  return_pct: number | null;
  /** Set when status is MISSING. */
  missing_reason: MissingReason | null;
  /** Latest session (YYYY-MM-DD) with a bar for the symbol when the checkpoint was marked missing. */
  last_bar_session: string | null;
}

/** State of a checkpoint. */
export const CheckpointStatusSymbols = ['PENDING', 'REACHED', 'MISSING'] as const;
/** State of a checkpoint. */
export type CheckpointStatus = (typeof CheckpointStatusSymbols)[number];

/** Why a checkpoint has no price; readers that do not know a newer reason see NO_DATA. */
export const MissingReasonSymbols = ['HALTED', 'NO_DATA'] as const;
/** Why a checkpoint has no price; readers that do not know a newer reason see NO_DATA. */
export type MissingReason = (typeof MissingReasonSymbols)[number];

/** Outcome class from the 30-day return (cut-offs configurable). */
export const OutcomeCategorySymbols = ['EXPLOSIVE', 'STRONG', 'MODERATE', 'POOR', 'FAILED'] as const;
/** Outcome class from the 30-day return (cut-offs configurable). */
export type OutcomeCategory = (typeof OutcomeCategorySymbols)[number];

/** Health assessment of one discovery run. Scores are on a 0-1 scale. */
export interface PipelineHealth {
  /** Assessed discovery run; also the record key. */
  run_id: string;
  /** Start of the run. */
  started_at: number;
  /** End of the run; the event time of this record. */
  finished_at: number;
  /** Processing time of the run in milliseconds. */
  duration_ms: number;
  /** Candidates produced by the run. */
  candidate_count: number;
  /** Whether the run relaxed its thresholds. */
  relaxed: boolean;
  /** Components that could be scored; a component without data (e.g. stage efficiency without stage timings) is left out. */
  components: HealthComponent[];
  /** Throughput of each stage of the run. */
  stages: StageThroughput[];
  /** Mean of the component scores present, 0-1. */
  health_score: number;
  /** False when the run breached the maximum duration or the minimum candidate count. */
  healthy: boolean;
  /** Human-readable problems found: the static limits breached and the sustained drifts from the baseline, each of which raised an alert. */
  issues: string[];
  /** Severity of the alert raised for the run, if any. */
  alert_severity: Severity | null;
  /** What to look at, in plain words, e.g. a stage running far below its expected rate. */
  recommendations: string[];
  /** Each measure of the run against the rolling baseline of the runs before it (median and MAD of the last N runs in event-time order), reported next to the static score. Empty from writers that predate the baseline. */
  baseline: BaselineDeviation[];
}

/** One scored aspect of a run. */
export interface HealthComponent {
  /** Component name: processing_time, candidate_count or stage_efficiency. */
  name: string;
  /** Component score, 0-1. */
  score: number;
  /** Measured value (milliseconds, candidates, or mean efficiency ratio). */
  value: number | null;
  /** Value the score is measured against. */
  target: number | null;
  /** Human-readable explanation. */
  detail: string | null;
}

/** Measured against expected throughput of one stage. */
export interface StageThroughput {
  /** Stage name. */
  name: string;
  /** Symbols entering the stage. */
  symbols_in: number;
  /** Symbols leaving the stage. */
  symbols_out: number;
  /** Stage time; null when the run had no timing for it. */
  duration_ms: number | null;
  /** symbols_in per second; null without a timing. */
  symbols_per_second: number | null;
  /** Configured expected rate for the stage. */
  expected_per_second: number;
  /** symbols_per_second / expected_per_second capped at 1; null without a timing. */
  efficiency: number | null;
}

/** Alert severity, in increasing order. */
export const SeveritySymbols = ['INFO', 'WARNING', 'HIGH', 'CRITICAL', 'EMERGENCY'] as const;
/** Alert severity, in increasing order. */
export type Severity = (typeof SeveritySymbols)[number];

/** One measure of a run against its baseline. */
export interface BaselineDeviation {
  /** duration_ms, candidate_count, stage_rate:<stage> (symbols/s) or rejection_share:<stage>:<reason> (share of the stage's rejections). */
  measure: string;
  /** The run's value of the measure. */
  value: number;
  /** Earlier runs in the baseline that had the measure. */
  samples: number;
  /** Median of those runs; null when there are none. */
  median: number | null;
  /** Median absolute deviation of those runs; null when there are none. */
  mad: number | null;
  /** Robust z: (value - median) / max(1.4826 x MAD, floors); null while the measure warms up. */
  deviation: number | null;
  /** The deviation reached the drift threshold. */
  drifting: boolean;
  /** When drifting: true above the baseline, false below; null otherwise. */
  above: boolean | null;
  /** Runs in a row, this one included, drifting the same way; 0 when not drifting. */
  consecutive_runs: number;
  /** Drifting for the configured number of runs in a row: raised a drift WARNING. */
  sustained: boolean;
}

/** Daily re-examination of a holding that is down more than the dip threshold: is the thesis intact, and how much more to buy. Re-emitted with a higher version as its own 30-day outcome becomes known, and when late or corrected data about its session changes it. Money is a double in the quote currency (see DiscoveryRun for why double); percentages are in percent. */
export interface DipAnalysis {
  /** Deterministic identifier <symbol>:<session_date>; at most one analysis per holding and bar. */
  analysis_id: string;
  /** Ticker symbol; also the record key. */
  symbol: string;
  /** Exchange session of the bar analysed, YYYY-MM-DD. */
  session_date: string;
  /** Event time: the timestamp of the bar analysed. */
  analyzed_at: number;
  /** Close of the bar analysed. */
  current_price: number;
  /** Average entry price of the holding. */
  avg_entry_price: number;
  /** Shares held. */
  quantity: number;
  /** Days since the position's entry_date, from the data. */
  days_held: number;
  /** Account equity from the latest position snapshot. */
  account_equity: number;
  /** quantity x current_price. */
  position_value: number;
  /** position_value / account_equity x 100. */
  position_pct_of_equity: number;
  /** (current_price - avg_entry_price) / avg_entry_price x 100; negative for a dip. */
  unrealized_return_pct: number;
  /** Thesis text of the position, if any. */
  thesis: string | null;
  /** Thesis strength, 0-1, starting from 0.5 and adjusted by thesis_factors. */
  thesis_strength: number;
  /** Class of thesis_strength. */
  thesis_grade: ThesisGrade;
  /** Adjustments that made up thesis_strength. */
  thesis_factors: ThesisFactor[];
  /** BUY_MORE when the thesis is strong enough for the dip, else HOLD. */
  action: DipAction;
  /** Size of the addition in percent of equity, after the position cap; null for HOLD. */
  suggested_pct_of_equity: number | null;
  /** Money to add; null for HOLD. */
  suggested_amount: number | null;
  /** Shares to add at current_price; null for HOLD. */
  suggested_shares: number | null;
  /** Lower end of the entry range (price - 2%). */
  entry_low: number | null;
  /** Upper end of the entry range (price + 2%). */
  entry_high: number | null;
  /** Stop loss (0.85 x price). */
  stop_loss: number | null;
  /** First take-profit (1.10 x entry). */
  take_profit_1: number | null;
  /** Second take-profit (1.25 x entry). */
  take_profit_2: number | null;
  /** Reward to the first take-profit over risk to the stop. */
  risk_reward: number | null;
  /** Largest share of equity the whole position may reach, in percent (25 by default). */
  position_cap_pct: number;
  /** Human-readable reasons for the action. */
  reasons: string[];
  /** Close 30 sessions after the analysis; null until known. */
  outcome_price_30d: number | null;
  /** Return from current_price to outcome_price_30d, in percent. */
  outcome_return_pct_30d: number | null;
  /** outcome_return_pct_30d > 0; null until known. */
  outcome_success: boolean | null;
  /** True once the 30-day outcome is settled, or at once for an analysis that is not followed to an outcome (HOLD by default) or is withdrawn. */
  final: boolean;
  /** True when later data about the session (a position snapshot that arrived late, a corrected bar) shows the holding was not open, or not in a dip, on it: the analysis no longer stands. Readers keep the highest version. */
  withdrawn: boolean;
  /** Increases with every restatement of this analysis_id; readers keep the highest. */
  version: number;
}

/** Strength class: STRONG >= 0.8, MODERATE >= 0.6, else WEAK. */
export const ThesisGradeSymbols = ['STRONG', 'MODERATE', 'WEAK'] as const;
/** Strength class: STRONG >= 0.8, MODERATE >= 0.6, else WEAK. */
export type ThesisGrade = (typeof ThesisGradeSymbols)[number];

/** One adjustment of the thesis strength. */
export interface ThesisFactor {
  /** Factor name, e.g. volume_confirmed, volume_weakening, catalyst_window, drawdown. */
  name: string;
  /** Change applied to the strength. */
  delta: number;
  /** Human-readable evidence. */
  detail: string | null;
}

/** Recommended action on a dip. */
export const DipActionSymbols = ['BUY_MORE', 'HOLD'] as const;
/** Recommended action on a dip. */
export type DipAction = (typeof DipActionSymbols)[number];

/** One learning cycle: per-agent metrics over a window, insights, and proposed parameter changes with their evidence. Rates and confidences are 0-1, returns are percentages. */
export interface LearningCycle {
  /** Identifier of the cycle; also the record key. */
  cycle_id: string;
  /** Weekly schedule or an operator's request. */
  trigger: CycleTrigger;
  /** State of the cycle when this record was written. */
  status: CycleStatus;
  /** Start of the data window aggregated (inclusive). */
  window_start: number;
  /** End of the data window aggregated (exclusive). */
  window_end: number;
  /** When the cycle started. */
  started_at: number;
  /** When the cycle completed or failed; null while running. */
  completed_at: number | null;
  /** Recommendation tracker metrics; null when the agent is switched off. */
  tracker: TrackerMetrics | null;
  /** Buy-the-dip validator metrics; null when the agent is switched off. */
  dip_validator: DipValidatorMetrics | null;
  /** Discovery monitor metrics; null when the agent is switched off. */
  monitor: MonitorMetrics | null;
  /** Statements drawn from the data, in plain words. */
  insights: string[];
  /** Parameter changes evaluated in this cycle, including those without enough data. */
  proposals: ParameterProposal[];
  /** Whether automatic application was switched on for this cycle. */
  auto_apply_enabled: boolean;
  /** Why the cycle failed, when status is FAILED. */
  error: string | null;
}

/** What started a cycle. */
export const CycleTriggerSymbols = ['SCHEDULED', 'ON_DEMAND'] as const;
/** What started a cycle. */
export type CycleTrigger = (typeof CycleTriggerSymbols)[number];

/** State of a cycle. */
export const CycleStatusSymbols = ['RUNNING', 'COMPLETED', 'FAILED'] as const;
/** State of a cycle. */
export type CycleStatus = (typeof CycleStatusSymbols)[number];

/** What the tracked recommendations did. */
export interface TrackerMetrics {
  /** Recommendations discovered in the window. */
  recommendations: number;
  /** Of which final (day 30 settled). */
  completed: number;
  /** Share of completed with return_30d > 0; null without completed ones. */
  success_rate: number | null;
  /** Mean 30-day return in percent over completed ones. */
  mean_return_30d_pct: number | null;
  /** Missed opportunities in the window. */
  missed_opportunities: number;
  /** Completed recommendations with a 30-day return: the sample of the return statistics and of success_rate. */
  return_sample_size: number;
  /** Median 30-day return in percent over completed ones. */
  median_return_30d_pct: number | null;
  /** Completed recommendations by outcome category (EXPLOSIVE, STRONG, MODERATE, POOR, FAILED); categories without any are left out. */
  outcomes_by_category: Record<string, number>;
  /** Settled picks (with a 30-day return) behind score_quintiles and the information coefficients. */
  evidence_sample_size: number;
  /** Mean 30-day return by composite-score quintile, lowest scores first; empty below the configured minimum sample. Quintile of a pick: floor(5 (r - 1/2) / n) + 1, r its average rank, so equal scores share a quintile. */
  score_quintiles: ScoreQuintile[];
  /** Spearman rank correlation (information coefficient) of composite_score with the 30-day return over evidence_sample_size picks; null below the minimum sample or without variation. */
  composite_ic: number | null;
  /** Spearman rank correlation of vigl_score with the 30-day return over evidence_sample_size picks; null below the minimum sample or without variation. */
  vigl_ic: number | null;
}

/** The picks of one composite-score quintile and what followed. */
export interface ScoreQuintile {
  /** 1 (lowest scores) to 5 (highest). */
  quintile: number;
  /** Picks in the quintile. */
  sample_size: number;
  /** Lowest composite score in the quintile; null when it is empty. */
  min_score: number | null;
  /** Highest composite score in the quintile; null when it is empty. */
  max_score: number | null;
  /** Mean 30-day return in percent; null when the quintile is empty. */
  mean_return_30d_pct: number | null;
}

/** What the dip analyses said and what followed. */
export interface DipValidatorMetrics {
  /** Dip analyses in the window. */
  analyses: number;
  /** Of which BUY_MORE. */
  buy_more_signals: number;
  /** Mean thesis strength, 0-1; null without analyses. */
  mean_thesis_strength: number | null;
  /** Share of settled BUY_MORE signals with a positive 30-day return. */
  success_rate: number | null;
  /** Mean thesis strength of the BUY_MORE signals, 0-1; null without any. */
  buy_more_mean_thesis_strength: number | null;
  /** BUY_MORE signals whose 30-day outcome is known: the sample of success_rate. */
  settled_buy_more: number;
}

/** How healthy the discovery runs were. */
export interface MonitorMetrics {
  /** Discovery runs assessed in the window. */
  runs: number;
  /** Mean health score, 0-1; null without runs. */
  mean_health: number | null;
  /** Mean run duration in milliseconds. */
  mean_duration_ms: number | null;
  /** Mean candidate count. */
  mean_candidates: number | null;
  /** Pipeline alerts raised. */
  alert_count: number;
}

/** One candidate change of a parameter, with its evidence. */
export interface ParameterProposal {
  /** Deterministic identifier <cycle_id>:<parameter>. */
  proposal_id: string;
  /** Parameter name as on amc.learning.parameters.v1. */
  parameter: string;
  /** Value in force during the window, if known. */
  current_value: number | null;
  /** Proposed value; null when there was not enough data to propose one. */
  proposed_value: number | null;
  /** Tracked outcomes the evaluation used. */
  sample_size: number;
  /** Share of resamples in which the proposed value beat the current one, 0-1; null without enough data. */
  confidence: number | null;
  /** Estimated change of the evaluated metric: for threshold parameters, the mean 30-day return of the picks kept, in percentage points. */
  expected_improvement: number | null;
  /** Why, in plain words; says 'not enough data' when that is the truth. */
  rationale: string;
  /** APPLIED automatically only when enabled and confidence >= 0.9; otherwise PENDING until approved. */
  status: ProposalStatus;
}

/** Life cycle of a proposal. */
export const ProposalStatusSymbols = [
  'PENDING',
  'APPROVED',
  'APPLIED',
  'REJECTED',
  'INSUFFICIENT_DATA',
] as const;
/** Life cycle of a proposal. */
export type ProposalStatus = (typeof ProposalStatusSymbols)[number];

/** The value in force of one discovery parameter. The topic is compacted on the parameter name, so its latest record per key is the configuration the discovery job should use. */
export interface ParameterValue {
  /** Parameter name as in the discovery runs' parameters map (composite_score_threshold, vigl_score_threshold, volume_spike_min); also the record key. */
  name: string;
  /** Value in force, in the parameter's own unit (scores on the 0-100 scale). */
  value: number;
  /** Value replaced by this one; null for the first value. */
  previous_value: number | null;
  /** Learning cycle that proposed the change; null for a manual change. */
  cycle_id: string | null;
  /** Proposal applied, if any. */
  proposal_id: string | null;
  /** Applied automatically, approved by an operator, or set by hand. */
  source: ParameterSource;
  /** Confidence of the proposal applied, 0-1. */
  confidence: number | null;
  /** When the value came into force (its effective_from): the event time of the cycle or request that set it. */
  applied_at: number;
  /** Operator who approved or set the value; null when automatic. */
  applied_by: string | null;
  /** Why the value changed, in plain words: the proposal's evidence, or the rollback it is. */
  reason: string | null;
}

/** How a parameter value came into force. */
export const ParameterSourceSymbols = ['AUTOMATIC', 'APPROVED', 'MANUAL'] as const;
/** How a parameter value came into force. */
export type ParameterSource = (typeof ParameterSourceSymbols)[number];

/** Current state of one de-duplicated alert. Re-emitted when it recurs within its suppression window (occurrences and last_seen_at grow) and when it is acknowledged. */
export interface Alert {
  /** Identifier of this alert instance. */
  alert_id: string;
  /** Alert type; the suppression window is configured per type. */
  type: AlertType;
  /** CRITICAL and above require acknowledgement. */
  severity: Severity;
  /** Agent or part that raised it, e.g. tracker, monitor, dip_validator, coordinator. */
  component: string;
  /** One-line summary. */
  title: string;
  /** Full explanation. */
  message: string;
  /** Supporting values (symbol, run_id, return...), as strings. */
  data: Record<string, string>;
  /** Alerts with the same key within the suppression window are one alert; also the record key. */
  dedup_key: string;
  /** First occurrence (event time). */
  created_at: number;
  /** True for CRITICAL and above. */
  requires_ack: boolean;
  /** How many times it occurred within the window; at least 1. */
  occurrences: number;
  /** Latest occurrence (event time). */
  last_seen_at: number;
  /** Whether an operator acknowledged it. */
  acknowledged: boolean;
  /** Who acknowledged it. */
  acknowledged_by: string | null;
  /** When it was acknowledged. */
  acknowledged_at: number | null;
}

/** What an alert is about; readers that do not know a newer type see OTHER. */
export const AlertTypeSymbols = [
  'MISSED_OPPORTUNITY',
  'PIPELINE_UNHEALTHY',
  'BUY_MORE_SIGNAL',
  'CYCLE_COMPLETED',
  'PARAMETER_PROPOSED',
  'PARAMETER_APPLIED',
  'DEAD_LETTERS',
  'OTHER',
] as const;
/** What an alert is about; readers that do not know a newer type see OTHER. */
export type AlertType = (typeof AlertTypeSymbols)[number];

/** An operator's acknowledgement of an alert. Keyed by the alert's dedup key, so it lands in the alert's partition. */
export interface AlertAck {
  /** Alert acknowledged. */
  alert_id: string;
  /** Dedup key of the alert; also the record key. */
  dedup_key: string;
  /** Who acknowledged it. */
  acknowledged_by: string;
  /** When it was acknowledged. */
  acknowledged_at: number;
  /** Optional remark. */
  note: string | null;
}

/** A record that could not be processed, with its original bytes and where it came from, so nothing is dropped silently. Keyed by <source_topic>:<source_partition>:<source_offset>. */
export interface DeadLetter {
  /** Topic the record was read from. */
  source_topic: string;
  /** Partition it was read from. */
  source_partition: number;
  /** Its offset in that partition. */
  source_offset: number;
  /** Kafka timestamp of the record. */
  source_timestamp: number;
  /** Original key bytes; null when the record had no key. */
  key: Buffer | null;
  /** Original value bytes; null for a tombstone. */
  value: Buffer | null;
  /** Stable reason code. */
  reason_code: DeadLetterReason;
  /** Human-readable detail, e.g. the field path and value that broke a rule. */
  reason: string;
  /** Processor that rejected it; null when rejected while decoding. */
  processor: string | null;
  /** When it was rejected. */
  failed_at: number;
}

/** Why a record was rejected. Readers that do not know a newer reason see OTHER. */
export const DeadLetterReasonSymbols = [
  'WRONG_MAGIC_BYTE',
  'TRUNCATED',
  'UNKNOWN_SCHEMA_ID',
  'SCHEMA_MISMATCH',
  'CORRUPT_BODY',
  'MISSING_VALUE',
  'NON_POSITIVE_PRICE',
  'NON_FINITE_NUMBER',
  'FUTURE_TIMESTAMP',
  'EMPTY_SYMBOL',
  'EMPTY_ID',
  'OUT_OF_RANGE',
  'INCONSISTENT_BAR',
  'INCONSISTENT_TIMES',
  'INCONSISTENT_ID',
  'DUPLICATE_SYMBOL',
  'KEY_MISMATCH',
  'PROCESSING_FAILED',
  'OTHER',
] as const;
/** Why a record was rejected. Readers that do not know a newer reason see OTHER. */
export type DeadLetterReason = (typeof DeadLetterReasonSymbols)[number];

/** The value record of each topic. */
export interface TopicRecords {
  'amc.discovery.runs.v1': DiscoveryRun;
  'amc.market.bars.v1': MarketBar;
  'amc.portfolio.positions.v1': PositionSnapshot;
  'amc.learning.recommendations.v1': Recommendation;
  'amc.learning.recommendation-outcomes.v1': RecommendationOutcome;
  'amc.learning.pipeline-health.v1': PipelineHealth;
  'amc.learning.dip-analyses.v1': DipAnalysis;
  'amc.learning.cycles.v1': LearningCycle;
  'amc.learning.parameters.v1': ParameterValue;
  'amc.learning.alerts.v1': Alert;
  'amc.learning.alert-acks.v1': AlertAck;
  'amc.learning.dead-letters.v1': DeadLetter;
}
