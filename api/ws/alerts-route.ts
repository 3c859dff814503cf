/**
 * WS /ws/alerts: live alerts, filtered by minimum severity. The upgrade
 * request goes through the same checks as any route (token first, then the
 * query schema), so a refused client gets a plain HTTP error and no socket.
 */
import type { FastifyInstance } from 'fastify';
import { requireToken } from '../auth.ts';
import { errorResponses } from '../errors.ts';
import { SEVERITIES } from '../views/alert-view.ts';
import type { AlertFeed } from './alert-feed.ts';
import type { AlertHub } from './alert-hub.ts';

export interface AlertSocketRouteOptions {
  readonly token: string | undefined;
  readonly hub: AlertHub;
  readonly feed: AlertFeed;
}

export async function alertSocketRoute(
  app: FastifyInstance,
  options: AlertSocketRouteOptions,
): Promise<void> {
  const { hub, feed } = options;
  const unsubscribe = feed.subscribe((alert) => hub.publish(alert));
  app.addHook('onClose', async () => unsubscribe());

  app.get<{ Querystring: { min_severity: string } }>(
    '/ws/alerts',
    {
      websocket: true,
      onRequest: requireToken(options.token),
      schema: {
        summary:
          'Live alerts (WebSocket; send Authorization: Bearer <AMC_API_TOKEN> with the upgrade request)',
        description:
          'Each message is {"type":"alert","alert":{...}} with the fields of GET /alerts items. ' +
          'A client that stops reading is disconnected once too much is unsent to it; it can reconnect ' +
          'and read what it missed from GET /alerts.',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { min_severity: { type: 'string', enum: SEVERITIES, default: 'INFO' } },
        },
        response: errorResponses(['INVALID_REQUEST', 'TOKEN_MISSING', 'TOKEN_INVALID', 'MUTATIONS_DISABLED']),
      },
    },
    (socket, request) => {
      const remove = hub.add(socket, request.query.min_severity);
      socket.on('close', remove);
      socket.on('error', remove);
      // Clients only listen; anything they send is ignored.
      socket.on('message', () => undefined);
    },
  );
}
