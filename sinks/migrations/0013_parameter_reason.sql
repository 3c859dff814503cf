-- Why a parameter's value changed, in plain words: the proposal's evidence, or the rollback
-- it is. NULL in rows written before the field existed. parameters_current reads
-- parameter_changes_latest by column name, so it is created again after it, with the reason.
ALTER TABLE parameter_changes
    ADD COLUMN reason Nullable(String);

DROP TABLE IF EXISTS parameters_current;

DROP TABLE IF EXISTS parameter_changes_latest;

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
    max(applied_at) AS applied_at,
    argMax(reason, applied_at_ms) AS reason
FROM parameter_changes_latest
GROUP BY name;
