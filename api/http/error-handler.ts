/**
 * Every failure becomes one of the stable error codes (api/errors.ts), with a
 * message fit for the caller: never a stack trace, never a 500 for input the
 * caller could fix.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SqlLiteralError } from '../../sinks/sql/literals.ts';
import { ApiError, errorBody } from '../errors.ts';

interface ValidationIssue {
  readonly instancePath?: string;
  readonly message?: string;
}

function validationDetails(error: FastifyError): string[] {
  const issues = (error.validation ?? []) as readonly ValidationIssue[];
  const context = error.validationContext ?? 'request';
  return issues.map((issue) => `${context}${issue.instancePath ?? ''} ${issue.message ?? 'is not allowed'}`);
}

/** The API error a failure stands for. */
export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    const details = validationDetails(fastifyError as FastifyError);
    return new ApiError('INVALID_REQUEST', details[0], details);
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('INVALID_JSON');
  }
  if (error instanceof SyntaxError) return new ApiError('INVALID_JSON');
  // A value the literal module refuses never reaches SQL; it came from the request.
  if (error instanceof SqlLiteralError) return new ApiError('INVALID_REQUEST', 'a value is not allowed here');
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) return new ApiError('INVALID_REQUEST', 'the request is malformed');
  return new ApiError('INTERNAL');
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const apiError = apiErrorOf(error);
  if (apiError.code === 'INTERNAL') request.log.error({ err: error }, 'request failed');
  if (apiError.code === 'RATE_LIMITED' && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  return reply.status(apiError.status).send(errorBody(apiError));
}
