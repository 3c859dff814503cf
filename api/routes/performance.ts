/** GET /learning/performance: how recommendations did, per period and overall. */
import type { FastifyInstance } from 'fastify';
import { resolveDayRange } from '../domain/date-range.ts';
import { errorResponses } from '../errors.ts';
import {
  CATEGORIES,
  type CheckpointStatsRow,
  checkpointStatsSql,
  OVERALL,
  PERIODS,
  type Period,
  QUINTILES,
  type RankStatsRow,
  rankStatsSql,
} from '../queries/performance.ts';
import { CHECKPOINT_DAYS } from '../queries/recommendations.ts';
import { toInt } from '../queries/values.ts';
import { dateParam, nullableNumber, successSchema } from '../schemas.ts';
import type { QueryRouteDeps } from './deps.ts';

export const PERFORMANCE_DEFAULT_DAYS = 84;
export const PERFORMANCE_MAX_DAYS = 366;

const coefficient = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'sample_size'],
  properties: { value: nullableNumber, sample_size: { type: 'integer' } },
} as const;

const periodStats = {
  type: 'object',
  additionalProperties: false,
  required: ['period', 'tracked', 'success_rate', 'checkpoints', 'outcome_distribution', 'quintiles', 'ic'],
  properties: {
    period: { type: 'string', description: `first day of the period (YYYY-MM-DD), or "${OVERALL}"` },
    tracked: { type: 'integer' },
    success_rate: coefficient,
    checkpoints: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['days', 'sample_size', 'mean_return_pct', 'median_return_pct'],
        properties: {
          days: { type: 'integer' },
          sample_size: { type: 'integer' },
          mean_return_pct: nullableNumber,
          median_return_pct: nullableNumber,
        },
      },
    },
    outcome_distribution: {
      type: 'object',
      additionalProperties: false,
      required: [...CATEGORIES],
      properties: Object.fromEntries(CATEGORIES.map((c) => [c, { type: 'integer' }])),
    },
    quintiles: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['quintile', 'sample_size', 'min_score', 'max_score', 'mean_return_30d_pct'],
        properties: {
          quintile: { type: 'integer' },
          sample_size: { type: 'integer' },
          min_score: nullableNumber,
          max_score: nullableNumber,
          mean_return_30d_pct: nullableNumber,
        },
      },
    },
    ic: {
      type: 'object',
      additionalProperties: false,
      required: ['composite', 'vigl'],
      properties: { composite: coefficient, vigl: coefficient },
    },
  },
} as const;

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function statsOf(bucket: string, base: CheckpointStatsRow | undefined, ranks: RankStatsRow | undefined) {
  const decided = toInt(base?.decided ?? 0);
  const sample = toInt(ranks?.n ?? 0);
  return {
    period: bucket,
    tracked: toInt(base?.tracked ?? 0),
    success_rate: {
      value: decided === 0 ? null : toInt(base?.successes ?? 0) / decided,
      sample_size: decided,
    },
    checkpoints: CHECKPOINT_DAYS.map((d) => ({
      days: d,
      sample_size: toInt((base?.[`n_${d}d`] as string | undefined) ?? 0),
      mean_return_pct: num(base?.[`mean_${d}d`]),
      median_return_pct: num(base?.[`median_${d}d`]),
    })),
    outcome_distribution: Object.fromEntries(
      CATEGORIES.map((c) => [c, toInt((base?.[`category_${c}`] as string | undefined) ?? 0)]),
    ),
    quintiles: QUINTILES.map((k) => ({
      quintile: k,
      sample_size: toInt((ranks?.[`q${k}_n`] as string | undefined) ?? 0),
      min_score: num(ranks?.[`q${k}_min`]),
      max_score: num(ranks?.[`q${k}_max`]),
      mean_return_30d_pct: num(ranks?.[`q${k}_mean`]),
    })),
    ic: {
      composite: { value: ranks?.ic_composite ?? null, sample_size: sample },
      vigl: { value: ranks?.ic_vigl ?? null, sample_size: sample },
    },
  };
}

export async function performanceRoutes(app: FastifyInstance, deps: QueryRouteDeps): Promise<void> {
  app.get<{ Querystring: { from?: string; to?: string; group: Period } }>(
    '/learning/performance',
    {
      config: deps.expensive,
      schema: {
        summary:
          'Success rate, returns per checkpoint, outcomes, score quintiles and Spearman IC, per period and overall',
        description:
          'Over recommendations discovered from `from` to `to` (UTC days, both included; default the last ' +
          `${PERFORMANCE_DEFAULT_DAYS} days, at most ${PERFORMANCE_MAX_DAYS}), at their latest version. ` +
          'success_rate is over recommendations whose day-30 checkpoint is reached; quintiles and IC over those ' +
          'with a 30-day return and known scores. IC is Spearman’s rank correlation of the score with the 30-day return.',
        tags: ['learning'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: dateParam,
            to: dateParam,
            group: { type: 'string', enum: [...PERIODS], default: 'week' },
          },
        },
        response: {
          200: successSchema({
            from: { type: 'string', format: 'date' },
            to: { type: 'string', format: 'date' },
            group: { type: 'string', enum: [...PERIODS] },
            overall: periodStats,
            periods: { type: 'array', items: periodStats },
          }),
          ...errorResponses([
            'INVALID_REQUEST',
            'INVALID_RANGE',
            'RATE_LIMITED',
            'STORE_NOT_READY',
            'CLICKHOUSE_UNAVAILABLE',
            'QUERY_TIMEOUT',
          ]),
        },
      },
    },
    (request) =>
      deps.answers.get(request.url, async () => {
        const { group } = request.query;
        const range = resolveDayRange(request.query, {
          now: deps.clock(),
          defaultDays: PERFORMANCE_DEFAULT_DAYS,
          maxDays: PERFORMANCE_MAX_DAYS,
        });
        const [base, ranks] = await Promise.all([
          deps.queries.rows<CheckpointStatsRow>(checkpointStatsSql(group, range.startMs, range.endMs)),
          deps.queries.rows<RankStatsRow>(rankStatsSql(group, range.startMs, range.endMs)),
        ]);
        const baseBy = new Map(base.map((row) => [row.bucket, row]));
        const ranksBy = new Map(ranks.map((row) => [row.bucket, row]));
        const periods = [...baseBy.keys()].filter((b) => b !== OVERALL).sort();
        return {
          success: true,
          from: range.from,
          to: range.to,
          group,
          overall: statsOf(OVERALL, baseBy.get(OVERALL), ranksBy.get(OVERALL)),
          periods: periods.map((p) => statsOf(p, baseBy.get(p), ranksBy.get(p))),
        };
      }),
  );
}
