/** GET /alerts (filtered, paginated) and POST /alerts/:id/ack (token required). */
import type { FastifyInstance } from 'fastify';
import { AlertTypeSymbols } from '../../schemas/types.generated.ts';
import { boolean, dateTime, integer, join, type Sql, sql, string } from '../../sinks/sql/literals.ts';
import type { AckPublisher } from '../acks/ack-publisher.ts';
import { requireToken } from '../auth.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { ApiError, errorResponses, MUTATION_ERRORS } from '../errors.ts';
import { type AlertRow, alertsWhere, alertViewOfRow } from '../queries/alert-rows.ts';
import { toInt } from '../queries/values.ts';
import {
  alertIdParam,
  booleanParam,
  cursorParam,
  limitParam,
  nullableString,
  successSchema,
} from '../schemas.ts';
import { alertViewSchema, SEVERITIES } from '../views/alert-view.ts';
import type { QueryRouteDeps } from './deps.ts';

export interface ListQuery {
  severity?: string;
  min_severity?: string;
  type?: string;
  since?: string;
  acknowledged?: boolean;
  limit: number;
  cursor?: string;
}

const QUERY_ERRORS = ['STORE_NOT_READY', 'CLICKHOUSE_UNAVAILABLE', 'QUERY_TIMEOUT'] as const;
const LATEST_DATETIME_MS = Date.UTC(2105, 0, 1);

function listFilter(query: ListQuery): Sql {
  const where: Sql[] = [sql`1`];
  if (query.severity !== undefined) where.push(sql`severity = ${string(query.severity)}`);
  if (query.min_severity !== undefined) {
    where.push(sql`severity_rank >= ${integer(SEVERITIES.indexOf(query.min_severity))}`);
  }
  if (query.type !== undefined) where.push(sql`type = ${string(query.type)}`);
  if (query.since !== undefined) {
    const since = Date.parse(query.since);
    if (!(since >= 0 && since < LATEST_DATETIME_MS)) {
      throw new ApiError('INVALID_REQUEST', 'since must be an instant from 1970 to 2104');
    }
    where.push(sql`last_seen_at >= ${dateTime(since)}`);
  }
  if (query.acknowledged !== undefined) where.push(sql`is_acknowledged = ${boolean(query.acknowledged)}`);
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    const t = dateTime(after.t * 1000);
    where.push(sql`(created_at < ${t} OR (created_at = ${t} AND alert_id < ${string(after.id)}))`);
  }
  return join(where, ' AND ');
}

/** A page of GET /alerts, newest first, one row more than the limit to tell whether another page follows. */
export function alertListSql(query: ListQuery): Sql {
  return sql`${alertsWhere(listFilter(query))} ORDER BY created_at DESC, alert_id DESC LIMIT ${integer(query.limit + 1)}`;
}

export async function alertRoutes(
  app: FastifyInstance,
  deps: QueryRouteDeps & { readonly acks: AckPublisher; readonly token: string | undefined },
): Promise<void> {
  app.get<{ Querystring: ListQuery }>(
    '/alerts',
    {
      schema: {
        summary: 'Alerts in their latest state, newest first',
        description:
          'severity matches one severity exactly, min_severity that one and above; since keeps alerts last seen ' +
          'at or after the instant. Pass next_cursor back as cursor, with the same filters, for the next page.',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            severity: { type: 'string', enum: SEVERITIES },
            min_severity: { type: 'string', enum: SEVERITIES },
            type: { type: 'string', enum: [...AlertTypeSymbols] },
            since: { type: 'string', format: 'date-time', maxLength: 40 },
            acknowledged: booleanParam,
            limit: limitParam(50, 200),
            cursor: cursorParam,
          },
        },
        response: {
          200: successSchema({
            alerts: { type: 'array', items: alertViewSchema },
            next_cursor: nullableString,
          }),
          ...errorResponses(['INVALID_REQUEST', 'INVALID_CURSOR', ...QUERY_ERRORS]),
        },
      },
    },
    async (request) => {
      const { limit } = request.query;
      const rows = await deps.queries.rows<AlertRow>(alertListSql(request.query));
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        success: true,
        alerts: page.map(alertViewOfRow),
        next_cursor:
          rows.length > limit && last
            ? encodeCursor({ t: toInt(last.created_at_s), id: last.alert_id })
            : null,
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { acknowledged_by: string; note?: string } }>(
    '/alerts/:id/ack',
    {
      onRequest: requireToken(deps.token),
      schema: {
        summary: 'Acknowledge an alert (Authorization: Bearer <AMC_API_TOKEN>)',
        description:
          'Publishes an acknowledgement record to the acks topic; the alert gate then re-emits the alert ' +
          'acknowledged, and GET /alerts shows it acknowledged once the sink has stored either record.',
        tags: ['alerts'],
        security: [{ bearer: [] }],
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['id'],
          properties: { id: alertIdParam },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['acknowledged_by'],
          properties: {
            acknowledged_by: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              pattern: '^[^\\u0000-\\u001f\\u007f]+$',
            },
            note: { type: 'string', maxLength: 1000, pattern: '^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$' },
          },
        },
        response: {
          202: successSchema({
            alert_id: { type: 'string' },
            dedup_key: { type: 'string' },
            acknowledged_by: { type: 'string' },
            acknowledged_at: { type: 'string', format: 'date-time' },
          }),
          ...errorResponses([
            ...MUTATION_ERRORS,
            'ALERT_NOT_FOUND',
            'ALERT_ALREADY_ACKNOWLEDGED',
            'KAFKA_UNAVAILABLE',
            ...QUERY_ERRORS,
          ]),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const [alert] = await deps.queries.rows<AlertRow>(alertsWhere(sql`alert_id = ${string(id)}`));
      if (!alert) throw new ApiError('ALERT_NOT_FOUND');
      if (alert.is_acknowledged === 1) throw new ApiError('ALERT_ALREADY_ACKNOWLEDGED');
      const acknowledgedAt = deps.clock();
      await deps.acks.publish({
        alert_id: alert.alert_id,
        dedup_key: alert.dedup_key,
        acknowledged_by: request.body.acknowledged_by,
        acknowledged_at: acknowledgedAt,
        note: request.body.note ?? null,
      });
      return reply.status(202).send({
        success: true,
        alert_id: alert.alert_id,
        dedup_key: alert.dedup_key,
        acknowledged_by: request.body.acknowledged_by,
        acknowledged_at: new Date(acknowledgedAt).toISOString(),
      });
    },
  );
}
