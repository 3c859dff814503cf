/**
 * Tracked recommendations of a discovery window at their latest version,
 * from recommendation_tracking_by_discovery: the sink's versions ordered by
 * (discovered_at, tracking_id), so a window is a range of the index rather
 * than whole monthly partitions of recommendation_tracking (ordered by
 * tracking_id). The versions are folded with FINAL, which is exact here:
 * the sorting key names one recommendation (its discovery time never
 * changes), so FINAL keeps the highest version of each, whether a
 * restatement or a re-insert of the same version left several in unmerged
 * parts; merges keep only that one anyway. Reading it without FINAL would
 * count versions until merges happen to run.
 */
import { DERIVED_TABLES } from '../../sinks/schema/names.ts';
import { dateTime, identifier, join, type Sql, sql } from '../../sinks/sql/literals.ts';

/** Discovered in [startMs, endMs). */
export function discoveredWithin(startMs: number, endMs: number): Sql {
  return sql`discovered_at >= ${dateTime(startMs)} AND discovered_at < ${dateTime(endMs)}`;
}

/**
 * One row per tracking id matching `where`, with `tracking_id`, `version` and
 * `columns` at its latest version. `where` may name only what every version
 * of a recommendation shares (discovered_at, tracking_id, run_id, symbol):
 * on those, filtering before the versions are folded gives the same answer as
 * after, whatever an engine moves to PREWHERE. Conditions on what changes
 * between versions (outcomes, flags) go in an outer query.
 */
export function latestTracked(columns: readonly string[], where: Sql): Sql {
  const read = join(['tracking_id', 'version', ...columns].map((c) => identifier(c)));
  return sql`SELECT ${read}
FROM ${identifier(DERIVED_TABLES.recommendationTrackingByDiscovery)} FINAL
WHERE ${where}`;
}
