/**
 * Every ClickHouse table and view of the project by name: the sink writes
 * the tables, analysts and the HTTP API read the views. Import the names from
 * here rather than spelling them, so that a rename is one change.
 */

export const TABLES = {
  recommendationTracking: 'recommendation_tracking',
  discoveryRuns: 'discovery_runs',
  discoveryCandidates: 'discovery_candidates',
  pipelineHealthLog: 'pipeline_health_log',
  dipAnalysisLog: 'dip_analysis_log',
  learningCycles: 'learning_cycles',
  parameterChanges: 'parameter_changes',
  alerts: 'alerts',
  alertAcks: 'alert_acks',
  deadLetters: 'dead_letters',
} as const;

export type TableId = keyof typeof TABLES;
export type TableName = (typeof TABLES)[TableId];

/**
 * Tables ClickHouse fills itself, through a materialized view, from a table
 * the sink writes: the same rows in another order, for reads the source
 * table's order cannot serve.
 */
export const DERIVED_TABLES = {
  /**
   * recommendation_tracking's versions ordered by (discovered_at, tracking_id):
   * read a discovery window `FINAL` for each id's latest version.
   */
  recommendationTrackingByDiscovery: 'recommendation_tracking_by_discovery',
} as const;

/** The materialized views feeding DERIVED_TABLES. */
export const MATERIALIZED_VIEWS = {
  recommendationTrackingByDiscovery: 'recommendation_tracking_by_discovery_feed',
} as const satisfies Record<keyof typeof DERIVED_TABLES, string>;

/** Migrations applied to a database, by version. */
export const SCHEMA_MIGRATIONS = 'schema_migrations';

/**
 * The latest version of each row of a table: what to read unless the history
 * itself is wanted. Each is `<table> FINAL` restricted to the highest version
 * per natural key, so neither a restatement nor a re-insert is counted twice.
 */
export const LATEST_VIEWS = {
  recommendationTracking: 'recommendation_tracking_latest',
  discoveryRuns: 'discovery_runs_latest',
  discoveryCandidates: 'discovery_candidates_latest',
  pipelineHealthLog: 'pipeline_health_latest',
  dipAnalysisLog: 'dip_analysis_latest',
  learningCycles: 'learning_cycles_latest',
  parameterChanges: 'parameter_changes_latest',
  alerts: 'alerts_latest',
  alertAcks: 'alert_acks_latest',
  deadLetters: 'dead_letters_latest',
} as const satisfies Record<TableId, string>;

/** Views that combine tables. */
export const VIEWS = {
  ...LATEST_VIEWS,
  /** Latest tracked state of each recommendation with its discovery scores and its run's parameters. */
  recommendationsScored: 'recommendations_scored',
  /** The value in force of each discovery parameter (its latest change). */
  parametersCurrent: 'parameters_current',
} as const;

export type ViewName = (typeof VIEWS)[keyof typeof VIEWS];

/**
 * The natural key of each table: the columns that name one thing (with
 * `version`, for the tables that keep every version). Rows with equal keys
 * are copies; the highest `version` is the latest.
 */
export const NATURAL_KEYS: Readonly<Record<TableName, readonly string[]>> = {
  recommendation_tracking: ['tracking_id'],
  discovery_runs: ['run_id'],
  discovery_candidates: ['tracking_id'],
  pipeline_health_log: ['run_id'],
  dip_analysis_log: ['analysis_id'],
  learning_cycles: ['cycle_id'],
  parameter_changes: ['name', 'applied_at_ms'],
  alerts: ['alert_id'],
  alert_acks: ['alert_id', 'acknowledged_at_ms', 'acknowledged_by'],
  dead_letters: ['source_topic', 'source_partition', 'source_offset', 'processor'],
};
