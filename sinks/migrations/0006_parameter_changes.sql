-- Every value a discovery parameter has been given, one row per (name, applied_at_ms).
-- parameters_current is the value in force per parameter: the latest change.
CREATE TABLE IF NOT EXISTS parameter_changes
(
    name String,
    value Float64,
    previous_value Nullable(Float64),
    cycle_id Nullable(String),
    proposal_id Nullable(String),
    source String,
    confidence Nullable(Float64),
    applied_at DateTime('UTC'),
    applied_at_ms UInt64,
    applied_by Nullable(String),
    version UInt64,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(applied_at)
ORDER BY (name, applied_at_ms);

CREATE VIEW IF NOT EXISTS parameter_changes_latest AS
SELECT *
FROM parameter_changes FINAL
WHERE (name, applied_at_ms, version) IN (
    SELECT name, applied_at_ms, max(version) FROM parameter_changes GROUP BY name, applied_at_ms
);

CREATE VIEW IF NOT EXISTS parameters_current AS
SELECT
    name,
    argMax(value, applied_at_ms) AS value,
    argMax(previous_value, applied_at_ms) AS previous_value,
    argMax(source, applied_at_ms) AS source,
    argMax(cycle_id, applied_at_ms) AS cycle_id,
    argMax(proposal_id, applied_at_ms) AS proposal_id,
    max(applied_at) AS applied_at
FROM parameter_changes_latest
GROUP BY name;
