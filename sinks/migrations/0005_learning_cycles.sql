-- Learning cycles: a cycle is written when it starts and again when it completes or
-- fails; version is the Kafka offset, so the later state wins. Proposals are parallel
-- arrays, one element per proposal. Partitioned by the month of the cycle's window.
CREATE TABLE IF NOT EXISTS learning_cycles
(
    cycle_id String,
    trigger String,
    status String,
    window_start DateTime('UTC'),
    window_end DateTime('UTC'),
    started_at DateTime('UTC'),
    completed_at Nullable(DateTime('UTC')),
    tracker_recommendations Nullable(UInt64),
    tracker_completed Nullable(UInt64),
    tracker_success_rate Nullable(Float64),
    tracker_mean_return_30d_pct Nullable(Float64),
    tracker_missed_opportunities Nullable(UInt64),
    dip_analyses Nullable(UInt64),
    dip_buy_more_signals Nullable(UInt64),
    dip_mean_thesis_strength Nullable(Float64),
    dip_success_rate Nullable(Float64),
    monitor_runs Nullable(UInt64),
    monitor_mean_health Nullable(Float64),
    monitor_mean_duration_ms Nullable(Float64),
    monitor_mean_candidates Nullable(Float64),
    monitor_alert_count Nullable(UInt64),
    insights Array(String),
    proposal_ids Array(String),
    proposal_parameters Array(String),
    proposal_current_values Array(Nullable(Float64)),
    proposal_proposed_values Array(Nullable(Float64)),
    proposal_sample_sizes Array(UInt64),
    proposal_confidences Array(Nullable(Float64)),
    proposal_expected_improvements Array(Nullable(Float64)),
    proposal_rationales Array(String),
    proposal_statuses Array(String),
    auto_apply_enabled UInt8,
    error Nullable(String),
    version UInt64,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY cycle_id;

CREATE VIEW IF NOT EXISTS learning_cycles_latest AS
SELECT *
FROM learning_cycles FINAL
WHERE (cycle_id, version) IN (SELECT cycle_id, max(version) FROM learning_cycles GROUP BY cycle_id);
