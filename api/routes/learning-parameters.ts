/**
 * GET /learning/parameters (the values in force and their history) and the
 * operator's two changes, POST /learning/parameters/:name/approve and
 * .../rollback (token required).
 */
import type { FastifyInstance } from 'fastify';
import { ApiError, errorResponses } from '../errors.ts';
import {
  type ParameterChangeRow,
  parameterChangesSql,
  type RunValueRow,
  runValuesSql,
} from '../queries/learning.ts';
import { parameterNameParam, proposalIdParam, successSchema } from '../schemas.ts';
import { HISTORY_PER_PARAMETER, parameterView, parameterViewSchema } from '../views/parameter-view.ts';
import type { QueryRouteDeps } from './deps.ts';
import {
  accepted,
  type CommandBody,
  type CommandRouteDeps,
  commandRequest,
  commandRouteOptions,
} from './learning-commands.ts';

const QUERY_ERRORS = ['STORE_NOT_READY', 'CLICKHOUSE_UNAVAILABLE', 'QUERY_TIMEOUT'] as const;

const nameParams = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: parameterNameParam },
} as const;

export async function learningParameterRoutes(
  app: FastifyInstance,
  deps: QueryRouteDeps & CommandRouteDeps,
): Promise<void> {
  const known = (name: string) => {
    if (!deps.commands.parameters.includes(name)) {
      throw new ApiError(
        'PARAMETER_NOT_FOUND',
        `the coordinator learns ${deps.commands.parameters.join(', ')}; not ${name}`,
      );
    }
    return name;
  };

  app.get(
    '/learning/parameters',
    {
      schema: {
        summary: 'The value in force of each learned parameter, and the values it was given before',
        description:
          'Every parameter the coordinator learns, and any other with a record on amc.learning.parameters.v1. ' +
          'value is the latest record\'s (set_by "LEARNING"); a parameter without one is in force as the latest ' +
          `discovery run naming it had it (set_by "DISCOVERY_RUN"), or unknown (null). history: newest first, at most ${HISTORY_PER_PARAMETER}.`,
        tags: ['learning'],
        querystring: { type: 'object', additionalProperties: false, properties: {} },
        response: {
          200: successSchema({ parameters: { type: 'array', items: parameterViewSchema } }),
          ...errorResponses(['INVALID_REQUEST', ...QUERY_ERRORS]),
        },
      },
    },
    async () => {
      const [changes, runValues] = await Promise.all([
        deps.queries.rows<ParameterChangeRow>(parameterChangesSql(HISTORY_PER_PARAMETER)),
        deps.queries.rows<RunValueRow>(runValuesSql(deps.commands.parameters)),
      ]);
      const byName = new Map<string, ParameterChangeRow[]>();
      for (const change of changes) byName.set(change.name, [...(byName.get(change.name) ?? []), change]);
      const runs = new Map(runValues.map((row) => [row.name, row]));
      const names = [...new Set([...deps.commands.parameters, ...byName.keys()])].sort();
      return {
        success: true,
        parameters: names.map((name) => parameterView(name, byName.get(name) ?? [], runs.get(name))),
      };
    },
  );

  app.post<{ Params: { name: string }; Body: CommandBody & { proposal_id?: string } }>(
    '/learning/parameters/:name/approve',
    commandRouteOptions({
      token: deps.token,
      summary: "Approve a parameter's pending proposal",
      description:
        'Publishes an APPROVE_PARAMETER command. The coordinator applies the pending proposal (the one named ' +
        'by proposal_id, if given): a record on amc.learning.parameters.v1 (GET /learning/parameters once stored). ' +
        'With nothing pending, or proposal_id no longer pending, the command goes to the dead-letter topic with ' +
        'its reason. Retrying with the same command_id approves once.',
      params: nameParams,
      body: { proposal_id: proposalIdParam },
      accepted: {
        parameter: { type: 'string' },
        proposal_id: { type: ['string', 'null'] },
      },
      errors: ['PARAMETER_NOT_FOUND'],
    }),
    async (request, reply) => {
      const name = known(request.params.name);
      const proposalId = request.body.proposal_id;
      const command = await deps.commands.approveParameter(name, {
        ...commandRequest(request, deps.clock),
        ...(proposalId === undefined ? {} : { proposalId }),
      });
      return reply
        .status(202)
        .send({ ...accepted(command), parameter: command.parameter, proposal_id: command.proposal_id });
    },
  );

  app.post<{ Params: { name: string }; Body: CommandBody }>(
    '/learning/parameters/:name/rollback',
    commandRouteOptions({
      token: deps.token,
      summary: 'Restore the value a parameter had before its last change',
      description:
        'Publishes a ROLLBACK_PARAMETER command. The coordinator writes the value before its last change as a ' +
        'new record on amc.learning.parameters.v1 (source MANUAL); with nothing to restore, the command goes ' +
        'to the dead-letter topic with its reason. Retrying with the same command_id rolls back once.',
      params: nameParams,
      body: {},
      accepted: { parameter: { type: 'string' } },
      errors: ['PARAMETER_NOT_FOUND'],
    }),
    async (request, reply) => {
      const name = known(request.params.name);
      const command = await deps.commands.rollbackParameter(name, commandRequest(request, deps.clock));
      return reply.status(202).send({ ...accepted(command), parameter: command.parameter });
    },
  );
}
