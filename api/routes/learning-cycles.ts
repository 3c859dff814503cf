/** GET /learning/cycles (the latest cycles) and POST /learning/cycles (a cycle now; token required). */
import type { FastifyInstance } from 'fastify';
import { onDemandCycleId } from '../../streams/learning/domain/index.ts';
import { errorResponses } from '../errors.ts';
import { type CycleRow, latestCyclesSql } from '../queries/learning.ts';
import { limitParam, successSchema } from '../schemas.ts';
import { cycleView, cycleViewSchema } from '../views/cycle-view.ts';
import type { QueryRouteDeps } from './deps.ts';
import {
  accepted,
  type CommandBody,
  type CommandRouteDeps,
  commandRequest,
  commandRouteOptions,
} from './learning-commands.ts';

const QUERY_ERRORS = ['STORE_NOT_READY', 'CLICKHOUSE_UNAVAILABLE', 'QUERY_TIMEOUT'] as const;

export async function learningCycleRoutes(
  app: FastifyInstance,
  deps: QueryRouteDeps & CommandRouteDeps,
): Promise<void> {
  app.get<{ Querystring: { limit: number } }>(
    '/learning/cycles',
    {
      schema: {
        summary: 'The latest learning cycles, newest first, with their statistics and proposals',
        description:
          'Each cycle as recorded on amc.learning.cycles.v1, in its latest state (RUNNING, then COMPLETED or ' +
          'FAILED). An agent switched off for the cycle is null; statistics recorded before they were stored are null.',
        tags: ['learning'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: limitParam(10, 100) },
        },
        response: {
          200: successSchema({ cycles: { type: 'array', items: cycleViewSchema } }),
          ...errorResponses(['INVALID_REQUEST', ...QUERY_ERRORS]),
        },
      },
    },
    async (request) => {
      const rows = await deps.queries.rows<CycleRow>(latestCyclesSql(request.query.limit));
      return { success: true, cycles: rows.map(cycleView) };
    },
  );

  app.post<{ Body: CommandBody }>(
    '/learning/cycles',
    {
      config: deps.expensive,
      ...commandRouteOptions({
        token: deps.token,
        summary: 'Run a learning cycle now',
        description:
          'Publishes a RUN_CYCLE command to the coordinator. The cycle, as of the request time, appears on ' +
          'amc.learning.cycles.v1 (and GET /learning/cycles once the sink stored it) as cycle_id; a command the ' +
          'coordinator refuses goes to the dead-letter topic with its reason. Retrying with the same ' +
          'command_id runs the cycle once.',
        body: {},
        accepted: { cycle_id: { type: 'string', description: 'on-demand-<command_id>' } },
        errors: ['RATE_LIMITED'],
      }),
    },
    async (request, reply) => {
      const command = await deps.commands.runCycle(commandRequest(request, deps.clock));
      return reply.status(202).send({ ...accepted(command), cycle_id: onDemandCycleId(command.command_id) });
    },
  );
}
