-- Every version of every dip analysis (one per holding and session), restated as its
-- 30-day outcome becomes known. Partitioned by the analysed session's month, which is
-- part of analysis_id.
CREATE TABLE IF NOT EXISTS dip_analysis_log
(
    analysis_id String,
    symbol String,
    session_date Date,
    analyzed_at DateTime('UTC'),
    current_price Float64,
    avg_entry_price Float64,
    quantity Float64,
    days_held UInt32,
    account_equity Float64,
    position_value Float64,
    position_pct_of_equity Float64,
    unrealized_return_pct Float64,
    thesis Nullable(String),
    thesis_strength Float64,
    thesis_grade String,
    thesis_factor_names Array(String),
    thesis_factor_deltas Array(Float64),
    thesis_factor_details Array(Nullable(String)),
    action String,
    suggested_pct_of_equity Nullable(Float64),
    suggested_amount Nullable(Float64),
    suggested_shares Nullable(Float64),
    entry_low Nullable(Float64),
    entry_high Nullable(Float64),
    stop_loss Nullable(Float64),
    take_profit_1 Nullable(Float64),
    take_profit_2 Nullable(Float64),
    risk_reward Nullable(Float64),
    position_cap_pct Float64,
    reasons Array(String),
    outcome_price_30d Nullable(Float64),
    outcome_return_pct_30d Nullable(Float64),
    outcome_success Nullable(UInt8),
    is_final UInt8,
    version UInt64,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_date)
ORDER BY (analysis_id, version);

CREATE VIEW IF NOT EXISTS dip_analysis_latest AS
SELECT *
FROM dip_analysis_log FINAL
WHERE (analysis_id, version) IN (SELECT analysis_id, max(version) FROM dip_analysis_log GROUP BY analysis_id);
