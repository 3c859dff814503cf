-- The versions of recommendation_tracking again, ordered by discovery time, for reads of a
-- discovery window (missed opportunities, performance, the recommendation list): ordered by
-- tracking_id, the table can only answer a time window by reading whole monthly partitions
-- and grouping every version. Here the key is (discovered_at, tracking_id), which names one
-- recommendation (its discovery time never changes), and without version: merges keep each
-- id's highest version, and a window read with FINAL folds the versions not merged yet,
-- reading only the window's part of the index (in granules of 1,024 rows rather than
-- 8,192, so a week's window reads little beyond itself). The checkpoint_* arrays stay in
-- recommendation_tracking; the standard checkpoints have their own columns here.
-- Filled by a materialized view on every insert into recommendation_tracking (by the sink,
-- or anyone), and once from the rows already there: a row inserted between the view's
-- creation and that copy is stored twice, which FINAL folds like any re-insert.
CREATE TABLE IF NOT EXISTS recommendation_tracking_by_discovery
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
ORDER BY (discovered_at, tracking_id)
SETTINGS index_granularity = 1024;

CREATE MATERIALIZED VIEW IF NOT EXISTS recommendation_tracking_by_discovery_feed
TO recommendation_tracking_by_discovery
AS SELECT
    tracking_id, run_id, symbol, discovered_at, discovery_price, basis,
    session_1d, status_1d, price_1d, return_1d, missing_reason_1d,
    session_7d, status_7d, price_7d, return_7d, missing_reason_7d,
    session_14d, status_14d, price_14d, return_14d, missing_reason_14d,
    session_30d, status_30d, price_30d, return_30d, missing_reason_30d,
    peak_price, peak_return_pct, days_to_peak, max_drawdown_pct, success, outcome_category,
    bought, missed_opportunity, is_final, version, as_of, kafka_partition, kafka_offset
FROM recommendation_tracking;

INSERT INTO recommendation_tracking_by_discovery
SELECT
    tracking_id, run_id, symbol, discovered_at, discovery_price, basis,
    session_1d, status_1d, price_1d, return_1d, missing_reason_1d,
    session_7d, status_7d, price_7d, return_7d, missing_reason_7d,
    session_14d, status_14d, price_14d, return_14d, missing_reason_14d,
    session_30d, status_30d, price_30d, return_30d, missing_reason_30d,
    peak_price, peak_return_pct, days_to_peak, max_drawdown_pct, success, outcome_category,
    bought, missed_opportunity, is_final, version, as_of, kafka_partition, kafka_offset
FROM recommendation_tracking;
