/**
 * Answers are checked against their route's response schema before they are
 * sent. Fastify's serializer follows the schema but coerces what does not fit
 * (a missing number becomes 0, a quoted 64-bit integer a number); here a
 * mismatch is a bug, logged and answered as INTERNAL rather than sent wrong.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';

export function responseChecker() {
  const ajv = new Ajv({ allErrors: false, strict: false });
  addFormats.default(ajv);
  const compiled = new WeakMap<object, ValidateFunction>();
  const validatorOf = (schema: object) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    return validate;
  };

  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const responses = request.routeOptions.schema?.response as Record<string, object> | undefined;
    const schema = responses?.[String(reply.statusCode)];
    if (!schema) return payload;
    const validate = validatorOf(schema);
    if (!validate(payload)) {
      const problem = validate.errors?.[0];
      request.log.error({ problem }, 'response does not match its schema');
      throw new ApiError('INTERNAL', 'the answer did not match its documented schema');
    }
    return payload;
  };
}
