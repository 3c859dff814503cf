-- An analysis is withdrawn when later data about its session (a position snapshot that
-- arrived late, a corrected bar) shows the holding was not open, or not in a dip, on it.
-- Rows written before the field existed were not withdrawn: the column's default, 0.
-- The latest view is created again so that it has the new column (18.16 fixes a view's
-- columns when it is created).
ALTER TABLE dip_analysis_log
    ADD COLUMN withdrawn UInt8;

DROP TABLE IF EXISTS dip_analysis_latest;

CREATE VIEW IF NOT EXISTS dip_analysis_latest AS
SELECT *
FROM dip_analysis_log FINAL
WHERE (analysis_id, version) IN (SELECT analysis_id, max(version) FROM dip_analysis_log GROUP BY analysis_id);
