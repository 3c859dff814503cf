/**
 * Missed opportunities of a discovery window: recommendations not bought whose
 * 30-day return reached the missed-opportunity line, at their latest version.
 */
import { integer, type Sql, sql } from '../../sinks/sql/literals.ts';
import { discoveredWithin, latestTracked } from './tracked.ts';

export const MISSED_LIMIT = 20;

const COLUMNS = [
  'run_id',
  'symbol',
  'discovered_at',
  'discovery_price',
  'price_30d',
  'return_30d',
  'peak_return_pct',
  'outcome_category',
  'missed_opportunity',
] as const;

export interface MissedRow {
  tracking_id: string;
  run_id: string;
  symbol: string;
  discovered_at_s: string | number;
  discovery_price: number;
  price_30d: number | null;
  return_30d: number;
  peak_return_pct: number | null;
  outcome_category: string | null;
}

export interface MissedSummaryRow {
  total: string | number;
  avg_return: number | null;
}

function missedIn(startMs: number, endMs: number): Sql {
  return sql`(${latestTracked(COLUMNS, discoveredWithin(startMs, endMs))}) WHERE missed_opportunity = 1`;
}

export function topMissedSql(startMs: number, endMs: number): Sql {
  return sql`SELECT tracking_id, run_id, symbol, toUnixTimestamp(discovered_at) AS discovered_at_s, discovery_price,
    price_30d, return_30d, peak_return_pct, outcome_category
FROM ${missedIn(startMs, endMs)}
ORDER BY return_30d DESC, tracking_id
LIMIT ${integer(MISSED_LIMIT)}`;
}

export function missedSummarySql(startMs: number, endMs: number): Sql {
  return sql`SELECT count() AS total, if(count() = 0, NULL, avg(return_30d)) AS avg_return FROM ${missedIn(startMs, endMs)}`;
}
