/**
 * The read queries the HTTP API (and anyone else) should use: each builds
 * its SQL from request values through sinks/sql/literals.ts only, and reads
 * the latest-version views, so a restatement or a re-insert is never counted
 * twice. Every one is run on ClickHouse 18.16 and on current ClickHouse by the
 * tests, with the same answers.
 */
export { MAX_LIMIT, type Page } from './filters.ts';
export {
  type AlertFilter,
  alertsQuery,
  buyMoreSignalsQuery,
  latestDipAnalysesQuery,
  pipelineHealthQuery,
} from './operations.ts';
export {
  informationCoefficientByWeekQuery,
  type PeriodFilter,
  performanceByWeekQuery,
  returnByScoreQuintileQuery,
} from './performance.ts';
export {
  missedOpportunitiesQuery,
  type RecommendationFilter,
  recommendationHistoryQuery,
  recommendationQuery,
  recommendationsQuery,
} from './recommendations.ts';
