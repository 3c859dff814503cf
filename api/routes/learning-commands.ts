/**
 * What the learning mutations share: the token, the body every command
 * carries, and the 202 answer naming the command. A command is accepted once
 * it is on the coordinator's command topic; the coordinator applies it later,
 * in order, once per command_id.
 */
import type { FastifyRequest } from 'fastify';
import type { CoordinatorCommand } from '../../streams/learning/domain/index.ts';
import { requireToken } from '../auth.ts';
import { type ApiErrorCode, errorResponses, MUTATION_ERRORS } from '../errors.ts';
import type { LearningCommands } from '../learning/command-gateway.ts';
import { commandIdParam, dateTimeString, requestedByParam, successSchema } from '../schemas.ts';

export interface CommandRouteDeps {
  readonly commands: LearningCommands;
  readonly token: string | undefined;
  /** The wall clock a command is stamped with: its event time on the coordinator's side. */
  readonly clock: () => number;
}

export interface CommandBody {
  requested_by: string;
  command_id?: string;
}

export const COMMAND_BODY_PROPERTIES = {
  requested_by: requestedByParam,
  command_id: commandIdParam,
} as const;

/** The route options of a learning command: token first, then the body's schema, then the 202 answer. */
export function commandRouteOptions(options: {
  readonly token: string | undefined;
  readonly summary: string;
  readonly description: string;
  readonly body: Record<string, object>;
  readonly params?: object;
  readonly accepted: Record<string, object>;
  readonly errors: readonly ApiErrorCode[];
}) {
  return {
    onRequest: requireToken(options.token),
    schema: {
      summary: `${options.summary} (Authorization: Bearer <AMC_API_TOKEN>)`,
      description: options.description,
      tags: ['learning'],
      security: [{ bearer: [] }],
      ...(options.params ? { params: options.params } : {}),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['requested_by'],
        properties: { ...COMMAND_BODY_PROPERTIES, ...options.body },
      },
      response: {
        202: successSchema({
          command_id: { type: 'string' },
          requested_by: { type: 'string' },
          requested_at: dateTimeString,
          ...options.accepted,
        }),
        ...errorResponses([
          ...MUTATION_ERRORS,
          ...options.errors,
          'COMMAND_REFUSED',
          'LEARNING_UNAVAILABLE',
          'KAFKA_UNAVAILABLE',
        ]),
      },
    },
  };
}

/** The request as the command publisher takes it. */
export function commandRequest(request: FastifyRequest<{ Body: CommandBody }>, clock: () => number) {
  const { requested_by: requestedBy, command_id: commandId } = request.body;
  return { requestedBy, requestedAt: clock(), ...(commandId === undefined ? {} : { commandId }) };
}

/** What every 202 answer says of the command. */
export function accepted(command: CoordinatorCommand) {
  return {
    success: true as const,
    command_id: command.command_id,
    requested_by: command.requested_by,
    requested_at: new Date(command.requested_at).toISOString(),
  };
}
