-- The current state of each alert (re-emitted as it recurs and when it is acknowledged;
-- version is the Kafka offset, so the latest emission wins), and every acknowledgement.
-- severity_rank orders severities: INFO 0, WARNING 1, HIGH 2, CRITICAL 3, EMERGENCY 4.
-- alert_id is derived from the first occurrence's time, so created_at never changes
-- within an id and its month is a safe partition.
CREATE TABLE IF NOT EXISTS alerts
(
    alert_id String,
    type String,
    severity String,
    severity_rank UInt8,
    component String,
    title String,
    message String,
    data_keys Array(String),
    data_values Array(String),
    dedup_key String,
    created_at DateTime('UTC'),
    requires_ack UInt8,
    occurrences UInt64,
    last_seen_at DateTime('UTC'),
    acknowledged UInt8,
    acknowledged_by Nullable(String),
    acknowledged_at Nullable(DateTime('UTC')),
    version UInt64,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(created_at)
ORDER BY alert_id;

CREATE TABLE IF NOT EXISTS alert_acks
(
    alert_id String,
    dedup_key String,
    acknowledged_by String,
    acknowledged_at DateTime('UTC'),
    acknowledged_at_ms UInt64,
    note Nullable(String),
    version UInt64,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(acknowledged_at)
ORDER BY (alert_id, acknowledged_at_ms, acknowledged_by);

-- is_acknowledged also counts an acknowledgement the alert record does not reflect yet.
CREATE VIEW IF NOT EXISTS alerts_latest AS
SELECT
    *,
    acknowledged = 1 OR alert_id IN (SELECT alert_id FROM alert_acks) AS is_acknowledged
FROM alerts FINAL
WHERE (alert_id, version) IN (SELECT alert_id, max(version) FROM alerts GROUP BY alert_id);

CREATE VIEW IF NOT EXISTS alert_acks_latest AS
SELECT *
FROM alert_acks FINAL
WHERE (alert_id, acknowledged_at_ms, acknowledged_by, version) IN (
    SELECT alert_id, acknowledged_at_ms, acknowledged_by, max(version)
    FROM alert_acks
    GROUP BY alert_id, acknowledged_at_ms, acknowledged_by
);
