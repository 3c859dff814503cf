/**
 * Every read query the project builds, with filters that exercise each
 * clause, for the analyst data set dated relative to `today`: the sinks'
 * queries (sinks/sql/queries) and the HTTP API's own (api/queries). The
 * compatibility test runs each on ClickHouse 18.16 and on current ClickHouse
 * and compares the rows, so each must answer in a defined order.
 */

import { encodeCursor } from '../../api/domain/cursor.ts';
import { runAlertsSql } from '../../api/queries/alert-rows.ts';
import { buySignalsSql, latestSessionAnalysesSql } from '../../api/queries/dip.ts';
import { discoveryScoresSql, spanOf } from '../../api/queries/discovery-scores.ts';
import { latestCyclesSql, parameterChangesSql, runValuesSql } from '../../api/queries/learning.ts';
import { missedWindowSql } from '../../api/queries/missed-opportunities.ts';
import { checkpointStatsSql, rankStatsSql } from '../../api/queries/performance.ts';
import { latestRunSql, runCandidatesSql, runHistorySql } from '../../api/queries/pipeline.ts';
import { recommendationHistorySql, recommendationPageSql } from '../../api/queries/recommendations.ts';
import { alertListSql } from '../../api/routes/alerts.ts';
import { TABLES } from '../../sinks/schema/names.ts';
import { identifier, type Sql, sql } from '../../sinks/sql/literals.ts';
import * as queries from '../../sinks/sql/queries/index.ts';
import type { Dataset } from './analyst-dataset.ts';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** In id order: the query itself has none. */
const ordered = (query: Sql, by: string) => sql`SELECT * FROM (${query}) ORDER BY ${identifier(by)}`;

export function apiQueries(dataset: Dataset, today: number): Record<string, string> {
  const tracked = dataset.get(TABLES.recommendationTracking)!;
  /** A symbol and outcome category that occur together in the data set. */
  const settledRow = tracked.find((r) => r.outcome_category === 'STRONG')!;
  const from = today - 40 * DAY;
  const until = today + DAY;
  const someIds = ['run-0:S00', 'run-1:S10', 'run-5:S52'];
  /** Epoch seconds of a DateTime as the data set writes it ('YYYY-MM-DD hh:mm:ss', UTC). */
  const seconds = (dateTime: unknown) => Date.parse(`${String(dateTime).replace(' ', 'T')}Z`) / 1000;
  const secondsOf = (r: Record<string, unknown>) => seconds(r.discovered_at);
  const someTimes = tracked.filter((r) => someIds.includes(String(r.tracking_id))).map(secondsOf);
  const latest = new Map<string, Record<string, unknown>>();
  for (const r of tracked) {
    const held = latest.get(String(r.tracking_id));
    if (!held || Number(r.version) > Number(held.version)) latest.set(String(r.tracking_id), r);
  }
  /** A recommendation of the API's window that is STRONG at its latest version. */
  const strongNow = [...latest.values()].find(
    (r) => r.outcome_category === 'STRONG' && secondsOf(r) * 1000 >= from,
  )!;
  /** A page boundary inside the data set: the recommendations of runs 0 to 4 come after it. */
  const pageEnd = tracked.find((r) => r.tracking_id === 'run-5:S52')!;
  const recommendationCursor = { t: secondsOf(pageEnd), id: String(pageEnd.tracking_id) };
  const alerts = dataset.get(TABLES.alerts)!;
  const alertOf = (id: string) => alerts.find((r) => r.alert_id === id)!;
  /** Alerts 0 to 4 were created before alert-5. */
  const alertCursor = encodeCursor({
    t: seconds(alertOf('alert-5').created_at),
    id: 'alert-5',
  });
  return {
    recommendations: queries.recommendationsQuery({}).text,
    'recommendations filtered': queries.recommendationsQuery({
      from: isoDay(today - 40 * DAY),
      to: isoDay(today - 20 * DAY),
      final: true,
      bought: false,
      limit: 20,
    }).text,
    'recommendations by symbol and category': queries.recommendationsQuery({
      symbol: String(settledRow.symbol),
      category: 'STRONG',
    }).text,
    'one recommendation': queries.recommendationQuery('run-0:S00').text,
    'recommendation history': queries.recommendationHistoryQuery('run-0:S00').text,
    'missed opportunities': queries.missedOpportunitiesQuery({ since: isoDay(today - 14 * DAY) }).text,
    'performance by week': queries.performanceByWeekQuery({}).text,
    'performance in a period': queries.performanceByWeekQuery({ from: isoDay(today - 33 * DAY) }).text,
    'return by score quintile': queries.returnByScoreQuintileQuery({}).text,
    'information coefficient by week': queries.informationCoefficientByWeekQuery({}).text,
    'pipeline health': queries.pipelineHealthQuery({ limit: 50 }).text,
    'latest pipeline health': queries.pipelineHealthQuery({ limit: 1 }).text,
    'pipeline health since': queries.pipelineHealthQuery({ since: today - 20 * DAY }).text,
    'latest dip analyses': queries.latestDipAnalysesQuery().text,
    'latest dip analysis of a symbol': queries.latestDipAnalysesQuery({ symbol: 'AMC' }).text,
    'buy-more signals': queries.buyMoreSignalsQuery({ since: today - 20 * DAY }).text,
    alerts: queries.alertsQuery({}).text,
    'alerts filtered': queries.alertsQuery({
      minSeverity: 'HIGH',
      acknowledged: false,
      since: today - 60 * DAY,
    }).text,
    'alerts of a type': queries.alertsQuery({ type: 'PIPELINE_UNHEALTHY', acknowledged: true }).text,
    'API: missed opportunities of a window': missedWindowSql(from, until).text,
    'API: checkpoint statistics by week': checkpointStatsSql('week', from, until).text,
    'API: rank statistics by week': rankStatsSql('week', from, until).text,
    'API: recommendation page': recommendationPageSql({ startMs: from, endMs: until, limit: 50 }).text,
    'API: recommendation page, final and not bought': recommendationPageSql({
      startMs: from,
      endMs: until,
      final: true,
      bought: false,
      limit: 50,
    }).text,
    'API: recommendation page after a cursor': recommendationPageSql({
      startMs: from,
      endMs: until,
      after: recommendationCursor,
      limit: 10,
    }).text,
    'API: recommendation page by symbol and category': recommendationPageSql({
      startMs: from,
      endMs: until,
      symbol: String(strongNow.symbol),
      category: 'STRONG',
      limit: 50,
    }).text,
    'API: recommendation page after a cursor, by symbol and category': recommendationPageSql({
      startMs: from,
      endMs: until,
      symbol: String(strongNow.symbol),
      category: 'STRONG',
      // Just after its row: the row is on the page.
      after: { t: secondsOf(strongNow) + 1, id: String(strongNow.tracking_id) },
      limit: 50,
    }).text,
    // Every version once (LIMIT 1 BY): version 2 of run-1:S11 is stored twice.
    'API: recommendation history': recommendationHistorySql('run-1:S11').text,
    'API: alerts page': alertListSql({ limit: 50 }).text,
    'API: alerts page, filtered': alertListSql({
      min_severity: 'HIGH',
      acknowledged: false,
      since: new Date(today - 60 * DAY).toISOString(),
      limit: 50,
    }).text,
    'API: alerts page after a cursor, by severity and type': alertListSql({
      severity: 'CRITICAL',
      type: 'PIPELINE_UNHEALTHY',
      cursor: alertCursor,
      limit: 50,
    }).text,
    'API: alerts of a run': runAlertsSql('run-6').text,
    'API: candidates of a run': runCandidatesSql('run-3').text,
    'API: discovery scores': ordered(discoveryScoresSql(someIds, spanOf(someTimes)), 'tracking_id').text,
    'API: latest pipeline run': latestRunSql().text,
    'API: pipeline history': runHistorySql(from, until).text,
    'API: dip analyses of the latest session': latestSessionAnalysesSql().text,
    'API: buy-more signals': buySignalsSql(from, until).text,
    'API: learning cycles': latestCyclesSql(10).text,
    'API: parameter changes': parameterChangesSql(50).text,
    'API: parameter values of the runs': ordered(
      runValuesSql(['min_composite_score', 'min_volume_spike']),
      'name',
    ).text,
  };
}
