-- Health of each discovery run, as assessed by the monitor. version is the Kafka offset
-- of the record: a re-assessment of a run replaces the earlier one.
CREATE TABLE IF NOT EXISTS pipeline_health_log
(
    run_id String,
    started_at DateTime('UTC'),
    finished_at DateTime('UTC'),
    duration_ms UInt64,
    candidate_count UInt32,
    relaxed UInt8,
    health_score Float64,
    healthy UInt8,
    processing_time_score Nullable(Float64),
    candidate_count_score Nullable(Float64),
    stage_efficiency_score Nullable(Float64),
    component_names Array(String),
    component_scores Array(Float64),
    component_values Array(Nullable(Float64)),
    component_targets Array(Nullable(Float64)),
    component_details Array(Nullable(String)),
    stage_names Array(String),
    stage_symbols_in Array(UInt64),
    stage_symbols_out Array(UInt64),
    stage_duration_ms Array(Nullable(UInt64)),
    stage_symbols_per_second Array(Nullable(Float64)),
    stage_expected_per_second Array(Float64),
    stage_efficiency Array(Nullable(Float64)),
    issues Array(String),
    alert_severity Nullable(String),
    version UInt64,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(finished_at)
ORDER BY run_id;

CREATE VIEW IF NOT EXISTS pipeline_health_latest AS
SELECT *
FROM pipeline_health_log FINAL
WHERE (run_id, version) IN (SELECT run_id, max(version) FROM pipeline_health_log GROUP BY run_id);
