-- Every version of every tracked recommendation, one row per (tracking_id, version).
-- Restatements are kept (the API shows a recommendation's history); a re-insert of the
-- same version collapses under FINAL. Read the latest version through
-- recommendation_tracking_latest. Partitioned by the month of discovery, which never
-- changes within a tracking_id, so all versions of an id share a partition.
CREATE TABLE IF NOT EXISTS recommendation_tracking
(
    tracking_id String,
    run_id String,
    symbol String,
    discovered_at DateTime('UTC'),
    discovery_price Float64,
    basis String,
    session_1d Nullable(Date),
    status_1d Nullable(String),
    price_1d Nullable(Float64),
    return_1d Nullable(Float64),
    missing_reason_1d Nullable(String),
    session_7d Nullable(Date),
    status_7d Nullable(String),
    price_7d Nullable(Float64),
    return_7d Nullable(Float64),
    missing_reason_7d Nullable(String),
    session_14d Nullable(Date),
    status_14d Nullable(String),
    price_14d Nullable(Float64),
    return_14d Nullable(Float64),
    missing_reason_14d Nullable(String),
    session_30d Nullable(Date),
    status_30d Nullable(String),
    price_30d Nullable(Float64),
    return_30d Nullable(Float64),
    missing_reason_30d Nullable(String),
    checkpoint_days Array(UInt16),
    checkpoint_sessions Array(Date),
    checkpoint_statuses Array(String),
    checkpoint_prices Array(Nullable(Float64)),
    checkpoint_returns Array(Nullable(Float64)),
    checkpoint_missing_reasons Array(Nullable(String)),
    peak_price Nullable(Float64),
    peak_return_pct Nullable(Float64),
    days_to_peak Nullable(UInt16),
    max_drawdown_pct Nullable(Float64),
    success Nullable(UInt8),
    outcome_category Nullable(String),
    bought UInt8,
    missed_opportunity UInt8,
    is_final UInt8,
    version UInt64,
    as_of DateTime('UTC'),
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(discovered_at)
ORDER BY (tracking_id, version);

CREATE VIEW IF NOT EXISTS recommendation_tracking_latest AS
SELECT *
FROM recommendation_tracking FINAL
WHERE (tracking_id, version) IN (
    SELECT tracking_id, max(version) FROM recommendation_tracking GROUP BY tracking_id
);
