/**
 * Missed opportunities of a discovery window: recommendations not bought whose
 * 30-day return reached the missed-opportunity line, at their latest version.
 * One read of the window gives the count, the mean and the listed items with
 * everything shown of them (as parallel arrays, best first).
 */

import { identifier, integer, join, type Sql, sql } from '../../sinks/sql/literals.ts';
import { discoveredWithin, latestTracked } from './tracked.ts';
import type { Int64 } from './values.ts';

export const MISSED_LIMIT = 20;

export interface MissedWindowRow {
  total: Int64;
  avg_return: number | null;
  /** The listed items, by 30-day return descending then id: one array per column. */
  tracking_ids: string[];
  run_ids: string[];
  symbols: string[];
  discovered_at_s: Int64[];
  discovery_prices: number[];
  prices_30d: (number | null)[];
  returns_30d: number[];
  peak_returns: (number | null)[];
  categories: (string | null)[];
}

const LISTED = [
  ['tracking_ids', sql`tracking_id`],
  ['returns_30d', sql`assumeNotNull(return_30d)`],
  ['run_ids', sql`run_id`],
  ['symbols', sql`symbol`],
  ['discovered_at_s', sql`toUnixTimestamp(discovered_at)`],
  ['discovery_prices', sql`discovery_price`],
  ['prices_30d', sql`price_30d`],
  ['peak_returns', sql`peak_return_pct`],
  ['categories', sql`outcome_category`],
] as const;

export function missedWindowSql(startMs: number, endMs: number): Sql {
  const latest = latestTracked(
    [
      'run_id',
      'symbol',
      'discovered_at',
      'discovery_price',
      'price_30d',
      'return_30d',
      'peak_return_pct',
      'outcome_category',
      'missed_opportunity',
    ],
    discoveredWithin(startMs, endMs),
  );
  const tuple = sql`(${join(LISTED.map(([, value]) => value))})`;
  // Tuples are taken apart in SQL: engines render a tuple in JSON differently (array or object).
  const columns = LISTED.map(
    ([name], i) => sql`arrayMap(x -> tupleElement(x, ${integer(i + 1)}), top) AS ${identifier(name)}`,
  );
  return sql`SELECT total, avg_return, ${join(columns)}
FROM (
    SELECT count() AS total, if(count() = 0, NULL, avg(return_30d)) AS avg_return,
        arraySlice(arraySort(x -> (-x.2, x.1), groupArray(${tuple})), 1, ${integer(MISSED_LIMIT)}) AS top
    FROM (${latest})
    WHERE missed_opportunity = 1
)`;
}
