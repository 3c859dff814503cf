/** GET /learning/recommendations (filtered, cursor-paginated) and GET /learning/recommendations/:tracking_id. */
import type { FastifyInstance } from 'fastify';
import { OutcomeCategorySymbols } from '../../schemas/types.generated.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { resolveDayRange } from '../domain/date-range.ts';
import { ApiError, errorResponses } from '../errors.ts';
import { discoveryScores } from '../queries/discovery-scores.ts';
import {
  HISTORY_LIMIT,
  recommendationHistorySql,
  recommendationPageSql,
  type TrackedRow,
} from '../queries/recommendations.ts';
import { toInt } from '../queries/values.ts';
import {
  booleanParam,
  cursorParam,
  dateParam,
  limitParam,
  nullableString,
  successSchema,
  symbolParam,
  trackingIdParam,
} from '../schemas.ts';
import type { QueryRouteDeps } from './deps.ts';
import {
  recommendationSchema,
  recommendationView,
  versionSchema,
  versionView,
} from './recommendation-view.ts';

export const LIST_DEFAULT_DAYS = 30;
export const LIST_MAX_DAYS = 366;

interface ListQuery {
  symbol?: string;
  from?: string;
  to?: string;
  category?: string;
  bought?: boolean;
  final?: boolean;
  limit: number;
  cursor?: string;
}

const QUERY_ERRORS = ['STORE_NOT_READY', 'CLICKHOUSE_UNAVAILABLE', 'QUERY_TIMEOUT'] as const;

export async function recommendationRoutes(app: FastifyInstance, deps: QueryRouteDeps): Promise<void> {
  app.get<{ Querystring: ListQuery }>(
    '/learning/recommendations',
    {
      config: deps.expensive,
      schema: {
        summary: 'Tracked recommendations at their latest version, newest discovery first',
        description:
          `Discovered from \`from\` to \`to\` (whole UTC days, both included; default the last ${LIST_DEFAULT_DAYS} days, ` +
          `at most ${LIST_MAX_DAYS}). Pass next_cursor back as cursor, with the same filters, for the next page.`,
        tags: ['learning'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            symbol: symbolParam,
            from: dateParam,
            to: dateParam,
            category: { type: 'string', enum: [...OutcomeCategorySymbols] },
            bought: booleanParam,
            final: booleanParam,
            limit: limitParam(50, 200),
            cursor: cursorParam,
          },
        },
        response: {
          200: successSchema({
            from: { type: 'string', format: 'date' },
            to: { type: 'string', format: 'date' },
            recommendations: { type: 'array', items: recommendationSchema },
            next_cursor: nullableString,
          }),
          ...errorResponses([
            'INVALID_REQUEST',
            'INVALID_RANGE',
            'INVALID_CURSOR',
            'RATE_LIMITED',
            ...QUERY_ERRORS,
          ]),
        },
      },
    },
    async (request) => {
      const query = request.query;
      const range = resolveDayRange(query, {
        now: deps.clock(),
        defaultDays: LIST_DEFAULT_DAYS,
        maxDays: LIST_MAX_DAYS,
      });
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const rows = await deps.queries.rows<TrackedRow>(
        recommendationPageSql({
          startMs: range.startMs,
          endMs: range.endMs,
          symbol: query.symbol,
          category: query.category,
          bought: query.bought,
          final: query.final,
          after,
          limit: query.limit,
        }),
      );
      const page = rows.slice(0, query.limit);
      const scores = await discoveryScores(deps.queries, page);
      const last = page.at(-1);
      return {
        success: true,
        from: range.from,
        to: range.to,
        recommendations: page.map((row) => recommendationView(row, scores.get(row.tracking_id))),
        next_cursor:
          rows.length > query.limit && last
            ? encodeCursor({ t: toInt(last.discovered_at_s), id: last.tracking_id })
            : null,
      };
    },
  );

  app.get<{ Params: { tracking_id: string } }>(
    '/learning/recommendations/:tracking_id',
    {
      schema: {
        summary: 'One tracked recommendation: its latest state and every version it went through',
        description: `history lists each version once, oldest first (at most ${HISTORY_LIMIT}).`,
        tags: ['learning'],
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['tracking_id'],
          properties: { tracking_id: trackingIdParam },
        },
        response: {
          200: successSchema({
            recommendation: recommendationSchema,
            history: { type: 'array', items: versionSchema },
          }),
          ...errorResponses(['INVALID_REQUEST', 'RECOMMENDATION_NOT_FOUND', ...QUERY_ERRORS]),
        },
      },
    },
    async (request) => {
      const id = request.params.tracking_id;
      const versions = await deps.queries.rows<TrackedRow>(recommendationHistorySql(id));
      const latest = versions.at(-1);
      if (!latest) throw new ApiError('RECOMMENDATION_NOT_FOUND');
      const scores = await discoveryScores(deps.queries, [latest]);
      return {
        success: true,
        recommendation: recommendationView(latest, scores.get(id)),
        history: versions.map(versionView),
      };
    },
  );
}
