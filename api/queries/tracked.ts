/**
 * Tracked recommendations at their latest version. The sinks keep every
 * version (ORDER BY tracking_id, version); the latest is taken with argMax over
 * version inside the requested discovery window, so the partition of the
 * window's months is all that is read, rather than the whole table that the
 * recommendation_tracking_latest view would scan on every request.
 */
import { TABLES } from '../../sinks/schema/names.ts';
import { dateTime, identifier, join, type Sql, sql } from '../../sinks/sql/literals.ts';

/** Discovered in [startMs, endMs). */
export function discoveredWithin(startMs: number, endMs: number): Sql {
  return sql`discovered_at >= ${dateTime(startMs)} AND discovered_at < ${dateTime(endMs)}`;
}

/**
 * One row per tracking id matching `where`, with `columns` at the latest
 * version. The filter runs in an inner query so that its column names never
 * meet the aggregate aliases of the same name.
 */
export function latestTracked(columns: readonly string[], where: Sql): Sql {
  const read = join(['tracking_id', 'version', ...columns].map((c) => identifier(c)));
  const picks = join(columns.map((c) => sql`argMax(${identifier(c)}, version) AS ${identifier(c)}`));
  return sql`SELECT tracking_id, max(version) AS latest_version, ${picks}
FROM (SELECT ${read} FROM ${identifier(TABLES.recommendationTracking)} WHERE ${where})
GROUP BY tracking_id`;
}
