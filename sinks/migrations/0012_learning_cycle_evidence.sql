-- The statistics a cycle gained: the median 30-day return and the outcomes by category
-- (parallel arrays), the evidence behind the proposals (mean 30-day return by composite-
-- score quintile as parallel arrays, lowest scores first; the Spearman information
-- coefficients of the composite and VIGL scores, over tracker_evidence_sample_size picks),
-- and the buy-more signals' mean thesis strength and how many of them have settled.
-- NULL where the agent was switched off, and in rows written before the fields existed.
ALTER TABLE learning_cycles
    ADD COLUMN tracker_return_sample_size Nullable(UInt64),
    ADD COLUMN tracker_median_return_30d_pct Nullable(Float64),
    ADD COLUMN tracker_outcome_categories Array(String),
    ADD COLUMN tracker_outcome_counts Array(UInt64),
    ADD COLUMN tracker_evidence_sample_size Nullable(UInt64),
    ADD COLUMN tracker_quintiles Array(UInt8),
    ADD COLUMN tracker_quintile_sample_sizes Array(UInt64),
    ADD COLUMN tracker_quintile_min_scores Array(Nullable(Float64)),
    ADD COLUMN tracker_quintile_max_scores Array(Nullable(Float64)),
    ADD COLUMN tracker_quintile_mean_returns_30d_pct Array(Nullable(Float64)),
    ADD COLUMN tracker_composite_ic Nullable(Float64),
    ADD COLUMN tracker_vigl_ic Nullable(Float64),
    ADD COLUMN dip_buy_more_mean_thesis_strength Nullable(Float64),
    ADD COLUMN dip_settled_buy_more Nullable(UInt64);

DROP TABLE IF EXISTS learning_cycles_latest;

CREATE VIEW IF NOT EXISTS learning_cycles_latest AS
SELECT *
FROM learning_cycles FINAL
WHERE (cycle_id, version) IN (SELECT cycle_id, max(version) FROM learning_cycles GROUP BY cycle_id);
