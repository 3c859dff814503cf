-- The latest version of each tracked recommendation with what was known at discovery:
-- the candidate's scores, factors and thesis, and the parameters in force for its run.
-- rank = 0 means the run's record has not reached ClickHouse (the joined columns then
-- hold their defaults, not data).
CREATE VIEW IF NOT EXISTS recommendations_scored AS
SELECT
    tracking_id, run_id, symbol, discovered_at, discovery_price, basis,
    session_1d, status_1d, price_1d, return_1d, missing_reason_1d,
    session_7d, status_7d, price_7d, return_7d, missing_reason_7d,
    session_14d, status_14d, price_14d, return_14d, missing_reason_14d,
    session_30d, status_30d, price_30d, return_30d, missing_reason_30d,
    peak_price, peak_return_pct, days_to_peak, max_drawdown_pct,
    success, outcome_category, bought, missed_opportunity, is_final, version, as_of,
    rank, composite_score, vigl_score, factor_names, factor_values, thesis, relaxed,
    parameter_names, parameter_values
FROM recommendation_tracking_latest
ANY LEFT JOIN
(
    SELECT tracking_id, rank, composite_score, vigl_score, factor_names, factor_values, thesis, relaxed,
        parameter_names, parameter_values
    FROM
    (
        SELECT tracking_id, run_id, rank, composite_score, vigl_score, factor_names, factor_values, thesis, relaxed
        FROM discovery_candidates_latest
    ) AS candidate
    ANY LEFT JOIN
    (
        SELECT run_id, parameter_names, parameter_values FROM discovery_runs_latest
    ) AS run USING run_id
) AS scored USING tracking_id;
