/**
 * Missed opportunities of a discovery window: recommendations not bought whose
 * 30-day return reached the missed-opportunity line, at their latest version.
 * The window is scanned once: the count, the mean and the top ids come from
 * the same aggregation; the listed items' details are then read by primary key.
 */

import { integer, list, type Sql, sql, string } from '../../sinks/sql/literals.ts';
import { discoveredWithin, latestTracked } from './tracked.ts';
import type { Int64 } from './values.ts';

export const MISSED_LIMIT = 20;

export interface MissedWindowRow {
  total: Int64;
  avg_return: number | null;
  /** [tracking_id, return_30d, run_id], by return descending then id. */
  top: [string, number, string][];
}

export function missedWindowSql(startMs: number, endMs: number): Sql {
  const latest = latestTracked(
    ['run_id', 'return_30d', 'missed_opportunity'],
    discoveredWithin(startMs, endMs),
  );
  return sql`SELECT count() AS total, if(count() = 0, NULL, avg(return_30d)) AS avg_return,
    arraySlice(arraySort(x -> (-x.2, x.1), groupArray((tracking_id, assumeNotNull(return_30d), run_id))), 1, ${integer(MISSED_LIMIT)}) AS top
FROM (${latest})
WHERE missed_opportunity = 1`;
}

export interface MissedRow {
  tracking_id: string;
  run_id: string;
  symbol: string;
  discovered_at_s: Int64;
  discovery_price: number;
  price_30d: number | null;
  return_30d: number;
  peak_return_pct: number | null;
  outcome_category: string | null;
}

/** The listed items at their latest version, through the primary key (tracking_id, version). */
export function missedDetailsSql(trackingIds: readonly string[]): Sql {
  const columns = [
    'run_id',
    'symbol',
    'discovered_at',
    'discovery_price',
    'price_30d',
    'return_30d',
    'peak_return_pct',
    'outcome_category',
  ];
  const latest = latestTracked(columns, sql`tracking_id IN ${list(trackingIds.map((id) => string(id)))}`);
  return sql`SELECT tracking_id, run_id, symbol, toUnixTimestamp(discovered_at) AS discovered_at_s, discovery_price,
    price_30d, return_30d, peak_return_pct, outcome_category
FROM (${latest})`;
}
