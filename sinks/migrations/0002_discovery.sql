-- Discovery runs and their candidates, from the upstream runs topic. A run re-sent with
-- the same run_id replaces the earlier record: version is the Kafka offset of the record
-- (a run_id's records share a partition, so a later record has a higher offset).
CREATE TABLE IF NOT EXISTS discovery_runs
(
    run_id String,
    started_at DateTime('UTC'),
    finished_at DateTime('UTC'),
    duration_ms UInt64,
    relaxed UInt8,
    candidate_count UInt32,
    stage_names Array(String),
    stage_duration_ms Array(Nullable(UInt64)),
    stage_symbols_in Array(UInt64),
    stage_symbols_out Array(UInt64),
    rejection_stages Array(String),
    rejection_reasons Array(String),
    rejection_counts Array(UInt64),
    parameter_names Array(String),
    parameter_values Array(Float64),
    version UInt64,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(finished_at)
ORDER BY run_id;

-- One row per candidate of a run. tracking_id is <run_id>:<symbol>, the id of the
-- recommendation on recommendation_tracking; rank is the candidate's place in the run, 1 = best.
CREATE TABLE IF NOT EXISTS discovery_candidates
(
    tracking_id String,
    run_id String,
    symbol String,
    discovered_at DateTime('UTC'),
    rank UInt16,
    price Float64,
    composite_score Float64,
    vigl_score Float64,
    factor_names Array(String),
    factor_values Array(Float64),
    thesis Nullable(String),
    relaxed UInt8,
    version UInt64,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(discovered_at)
ORDER BY tracking_id;

CREATE VIEW IF NOT EXISTS discovery_runs_latest AS
SELECT *
FROM discovery_runs FINAL
WHERE (run_id, version) IN (SELECT run_id, max(version) FROM discovery_runs GROUP BY run_id);

CREATE VIEW IF NOT EXISTS discovery_candidates_latest AS
SELECT *
FROM discovery_candidates FINAL
WHERE (tracking_id, version) IN (
    SELECT tracking_id, max(version) FROM discovery_candidates GROUP BY tracking_id
);
