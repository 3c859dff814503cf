/** Tracked recommendations: a filtered, keyset-paginated list, and one recommendation's every version. */
import { TABLES } from '../../sinks/schema/names.ts';
import {
  boolean,
  dateTime,
  identifier,
  integer,
  join,
  type Sql,
  sql,
  string,
} from '../../sinks/sql/literals.ts';
import type { Cursor } from '../domain/cursor.ts';
import { discoveredWithin, latestTracked } from './tracked.ts';
import type { Int64 } from './values.ts';

export const CHECKPOINT_DAYS = [1, 7, 14, 30] as const;
const CHECKPOINT_COLUMNS = CHECKPOINT_DAYS.flatMap((d) => [
  `session_${d}d`,
  `status_${d}d`,
  `price_${d}d`,
  `return_${d}d`,
  `missing_reason_${d}d`,
]);

export const RECOMMENDATION_COLUMNS = [
  'run_id',
  'symbol',
  'discovered_at',
  'discovery_price',
  'basis',
  ...CHECKPOINT_COLUMNS,
  'peak_price',
  'peak_return_pct',
  'days_to_peak',
  'max_drawdown_pct',
  'success',
  'outcome_category',
  'bought',
  'missed_opportunity',
  'is_final',
  'as_of',
] as const;

/** A row of recommendation_tracking with times as epoch seconds. */
export type TrackedRow = Record<string, unknown> & {
  tracking_id: string;
  version: Int64;
  discovered_at_s: Int64;
  as_of_s: Int64;
};

const projection = (columns: readonly string[]) =>
  join(
    columns
      .filter((c) => c !== 'discovered_at' && c !== 'as_of')
      .map((c) => identifier(c))
      .concat([
        sql`toUnixTimestamp(discovered_at) AS discovered_at_s`,
        sql`toUnixTimestamp(as_of) AS as_of_s`,
      ]),
  );

export interface RecommendationFilter {
  readonly startMs: number;
  readonly endMs: number;
  readonly symbol?: string | undefined;
  readonly category?: string | undefined;
  readonly bought?: boolean | undefined;
  readonly final?: boolean | undefined;
  readonly after?: Cursor | undefined;
  readonly limit: number;
}

export function recommendationPageSql(filter: RecommendationFilter): Sql {
  const inner: Sql[] = [discoveredWithin(filter.startMs, filter.endMs)];
  if (filter.symbol !== undefined) inner.push(sql`symbol = ${string(filter.symbol)}`);
  if (filter.after !== undefined) {
    const t = dateTime(filter.after.t * 1000);
    inner.push(
      sql`(discovered_at < ${t} OR (discovered_at = ${t} AND tracking_id < ${string(filter.after.id)}))`,
    );
  }
  const outer: Sql[] = [sql`1`];
  if (filter.category !== undefined) outer.push(sql`outcome_category = ${string(filter.category)}`);
  if (filter.bought !== undefined) outer.push(sql`bought = ${boolean(filter.bought)}`);
  if (filter.final !== undefined) outer.push(sql`is_final = ${boolean(filter.final)}`);
  return sql`SELECT tracking_id, version, ${projection(RECOMMENDATION_COLUMNS)}
FROM (${latestTracked(RECOMMENDATION_COLUMNS, join(inner, ' AND '))})
WHERE ${join(outer, ' AND ')}
ORDER BY discovered_at DESC, tracking_id DESC
LIMIT ${integer(filter.limit + 1)}`;
}

export const HISTORY_LIMIT = 1000;

/** Every version of one recommendation, oldest first; a version stored twice is read once. */
export function recommendationHistorySql(trackingId: string): Sql {
  return sql`SELECT tracking_id, version, ${projection(RECOMMENDATION_COLUMNS)}
FROM ${identifier(TABLES.recommendationTracking)}
WHERE tracking_id = ${string(trackingId)}
ORDER BY version
LIMIT 1 BY version
LIMIT ${integer(HISTORY_LIMIT)}`;
}
