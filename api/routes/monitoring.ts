/** GET /monitoring/discovery/pipeline and .../history: how healthy the discovery runs were. */
import type { FastifyInstance } from 'fastify';
import { lastDays } from '../domain/date-range.ts';
import { ApiError, errorResponses } from '../errors.ts';
import { type AlertRow, alertViewOfRow, runAlertsSql } from '../queries/alert-rows.ts';
import {
  type HealthRow,
  HISTORY_LIMIT,
  latestRunSql,
  type RunCandidateRow,
  runCandidatesSql,
  runHistorySql,
} from '../queries/pipeline.ts';
import { toInt } from '../queries/values.ts';
import { daysParam, nullableNumber, nullableString, successSchema } from '../schemas.ts';
import { alertViewSchema } from '../views/alert-view.ts';
import type { QueryRouteDeps } from './deps.ts';
import { healthView, healthViewSchema, runSummary, runSummarySchema } from './pipeline-views.ts';

/** A run is reported healthy above this health score, degraded at or below it. */
export const HEALTHY_ABOVE = 0.7;

const candidateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['tracking_id', 'symbol', 'rank', 'price', 'composite_score', 'vigl_score', 'thesis'],
  properties: {
    tracking_id: { type: 'string' },
    symbol: { type: 'string' },
    rank: { type: 'integer' },
    price: { type: 'number' },
    composite_score: { type: 'number' },
    vigl_score: { type: 'number' },
    thesis: nullableString,
  },
} as const;

const QUERY_ERRORS = ['STORE_NOT_READY', 'CLICKHOUSE_UNAVAILABLE', 'QUERY_TIMEOUT'] as const;

export async function monitoringRoutes(app: FastifyInstance, deps: QueryRouteDeps): Promise<void> {
  app.get(
    '/monitoring/discovery/pipeline',
    {
      schema: {
        summary: 'The latest discovery run: health, components by name, its alerts and its recommendations',
        description:
          `status is "healthy" when health_score > ${HEALTHY_ABOVE}, else "degraded". recommendations are the run's ` +
          "picks; advice is the monitor's recommendations in plain words, baseline each measure against the runs " +
          'before it. NO_PIPELINE_RUN (404) when no run was assessed yet.',
        tags: ['monitoring'],
        response: {
          200: successSchema({
            ...healthViewSchema.properties,
            alerts: { type: 'array', items: alertViewSchema },
            recommendations: { type: 'array', items: candidateSchema },
          }),
          ...errorResponses(['NO_PIPELINE_RUN', ...QUERY_ERRORS]),
        },
      },
    },
    async () => {
      const [run] = await deps.queries.rows<HealthRow>(latestRunSql());
      if (!run) throw new ApiError('NO_PIPELINE_RUN');
      const [alerts, candidates] = await Promise.all([
        deps.queries.rows<AlertRow>(runAlertsSql(run.run_id)),
        deps.queries.rows<RunCandidateRow>(runCandidatesSql(run.run_id)),
      ]);
      return {
        success: true,
        ...healthView(run, HEALTHY_ABOVE),
        alerts: alerts.map(alertViewOfRow),
        recommendations: candidates.map((c) => ({
          tracking_id: c.tracking_id,
          symbol: c.symbol,
          rank: toInt(c.rank),
          price: c.price,
          composite_score: c.composite_score,
          vigl_score: c.vigl_score,
          thesis: c.thesis,
        })),
      };
    },
  );

  app.get<{ Querystring: { days: number } }>(
    '/monitoring/discovery/pipeline/history',
    {
      config: deps.expensive,
      schema: {
        summary: 'Health of the discovery runs of the last days, newest first',
        description: `At most ${HISTORY_LIMIT} runs.`,
        tags: ['monitoring'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { days: daysParam(7, 90) },
        },
        response: {
          200: successSchema({
            days: { type: 'integer' },
            run_count: { type: 'integer' },
            healthy_count: { type: 'integer' },
            mean_health_score: nullableNumber,
            runs: { type: 'array', items: runSummarySchema },
          }),
          ...errorResponses(['INVALID_REQUEST', 'RATE_LIMITED', ...QUERY_ERRORS]),
        },
      },
    },
    async (request) => {
      const { startMs, endMs } = lastDays(deps.clock(), request.query.days);
      const runs = (await deps.queries.rows<HealthRow>(runHistorySql(startMs, endMs))).map((row) =>
        runSummary(row, HEALTHY_ABOVE),
      );
      const total = runs.reduce((sum, r) => sum + r.health_score, 0);
      return {
        success: true,
        days: request.query.days,
        run_count: runs.length,
        healthy_count: runs.filter((r) => r.status === 'healthy').length,
        mean_health_score: runs.length === 0 ? null : total / runs.length,
        runs,
      };
    },
  );
}
