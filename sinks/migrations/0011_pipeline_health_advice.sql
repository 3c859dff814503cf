-- What the monitor advises for a run, in plain words, and each measure of the run against
-- the rolling baseline of the runs before it (parallel arrays, one element per measure).
-- Rows written before these fields existed hold empty arrays, as their records did.
ALTER TABLE pipeline_health_log
    ADD COLUMN recommendations Array(String),
    ADD COLUMN baseline_measures Array(String),
    ADD COLUMN baseline_values Array(Float64),
    ADD COLUMN baseline_samples Array(UInt32),
    ADD COLUMN baseline_medians Array(Nullable(Float64)),
    ADD COLUMN baseline_mads Array(Nullable(Float64)),
    ADD COLUMN baseline_deviations Array(Nullable(Float64)),
    ADD COLUMN baseline_drifting Array(UInt8),
    ADD COLUMN baseline_above Array(Nullable(UInt8)),
    ADD COLUMN baseline_consecutive_runs Array(UInt32),
    ADD COLUMN baseline_sustained Array(UInt8);

DROP TABLE IF EXISTS pipeline_health_latest;

CREATE VIEW IF NOT EXISTS pipeline_health_latest AS
SELECT *
FROM pipeline_health_log FINAL
WHERE (run_id, version) IN (SELECT run_id, max(version) FROM pipeline_health_log GROUP BY run_id);
