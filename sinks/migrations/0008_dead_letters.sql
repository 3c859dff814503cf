-- Records that could not be processed, one row per source record and processor (processor
-- is '' for records rejected while decoding). key and value are the original bytes, base64.
-- Not partitioned: failed_at is not guaranteed to be the same when a record is rejected
-- again after a replay, and a row must stay in one partition to collapse with its copies.
CREATE TABLE IF NOT EXISTS dead_letters
(
    source_topic String,
    source_partition UInt32,
    source_offset UInt64,
    source_timestamp DateTime('UTC'),
    key_base64 Nullable(String),
    value_base64 Nullable(String),
    reason_code String,
    reason String,
    processor String,
    failed_at DateTime('UTC'),
    version UInt64,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (source_topic, source_partition, source_offset, processor);

CREATE VIEW IF NOT EXISTS dead_letters_latest AS
SELECT *
FROM dead_letters FINAL
WHERE (source_topic, source_partition, source_offset, processor, version) IN (
    SELECT source_topic, source_partition, source_offset, processor, max(version)
    FROM dead_letters
    GROUP BY source_topic, source_partition, source_offset, processor
);
