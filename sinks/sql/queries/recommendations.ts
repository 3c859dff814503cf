/**
 * Reads of tracked recommendations: the latest state with the scores at
 * discovery (recommendations_scored), a recommendation's versions, and missed
 * opportunities. Dates are YYYY-MM-DD (UTC days of discovered_at).
 */
import { TABLES, VIEWS } from '../../schema/names.ts';
import { boolean, date, identifier, type Sql, sql, string } from '../literals.ts';
import { type Page, page, when, where } from './filters.ts';

const scored = identifier(VIEWS.recommendationsScored);

/** The columns a recommendation is shown with. */
const RECOMMENDATION_COLUMNS = sql`tracking_id, run_id, symbol, discovered_at, discovery_price,
  status_1d, return_1d, status_7d, return_7d, status_14d, return_14d, status_30d, price_30d, return_30d,
  peak_price, peak_return_pct, days_to_peak, max_drawdown_pct, success, outcome_category,
  bought, missed_opportunity, is_final, version, as_of,
  rank, composite_score, vigl_score, factor_names, factor_values, thesis`;

export interface RecommendationFilter extends Page {
  readonly symbol?: string;
  /** First and last day of discovery, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** EXPLOSIVE, STRONG, MODERATE, POOR or FAILED. */
  readonly category?: string;
  readonly bought?: boolean;
  readonly final?: boolean;
}

export function recommendationsQuery(filter: RecommendationFilter): Sql {
  return sql`SELECT ${RECOMMENDATION_COLUMNS}
FROM ${scored}
${where([
  when(filter.symbol, (s) => sql`symbol = ${string(s)}`),
  when(filter.from, (d) => sql`toDate(discovered_at) >= ${date(d)}`),
  when(filter.to, (d) => sql`toDate(discovered_at) <= ${date(d)}`),
  when(filter.category, (c) => sql`outcome_category = ${string(c)}`),
  when(filter.bought, (b) => sql`bought = ${boolean(b)}`),
  when(filter.final, (f) => sql`is_final = ${boolean(f)}`),
])}
ORDER BY discovered_at DESC, tracking_id
${page(filter)}`;
}

/** Every version of one recommendation, oldest first (each version once, however often it was stored). */
export function recommendationHistoryQuery(trackingId: string): Sql {
  return sql`SELECT version, as_of, status_1d, return_1d, status_7d, return_7d, status_14d, return_14d,
  status_30d, return_30d, peak_price, max_drawdown_pct, outcome_category, bought, missed_opportunity, is_final
FROM ${identifier(TABLES.recommendationTracking)} FINAL
WHERE tracking_id = ${string(trackingId)}
ORDER BY version`;
}

/**
 * Missed opportunities (not bought, 30-day return at or above the threshold)
 * whose day-30 checkpoint fell on or after `since`, best first, with what
 * the discovery job knew about them.
 */
export function missedOpportunitiesQuery(filter: { readonly since: string } & Page): Sql {
  return sql`SELECT tracking_id, symbol, discovered_at, discovery_price, session_30d, price_30d, return_30d,
  peak_return_pct, outcome_category, bought, composite_score, vigl_score, factor_names, factor_values, thesis
FROM ${scored}
WHERE missed_opportunity = 1 AND session_30d >= ${date(filter.since)}
ORDER BY return_30d DESC, tracking_id
${page(filter)}`;
}

/** The latest state of one recommendation, or no row. */
export function recommendationQuery(trackingId: string): Sql {
  return sql`SELECT ${RECOMMENDATION_COLUMNS}
FROM ${scored}
WHERE tracking_id = ${string(trackingId)}`;
}
