/**
 * Query strings are text, and JSON-schema type coercion is generous with
 * text: " 7", "0x10" and "1e3" all become numbers, and a repeated parameter
 * becomes an array. Before validation, every query value must be a single
 * value written the plain way for its declared type; anything else is a 400.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';

const PLAIN: Readonly<Record<string, RegExp>> = {
  integer: /^-?\d{1,15}$/,
  number: /^-?\d{1,15}(\.\d{1,15})?$/,
  boolean: /^(true|false)$/,
};

interface QuerySchema {
  readonly properties?: Readonly<Record<string, { readonly type?: string }>>;
}

/** The problems of a query against its schema's declared types; empty when it is plain. */
export function queryProblems(
  query: Readonly<Record<string, unknown>>,
  schema: QuerySchema | undefined,
): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') {
      problems.push(`querystring/${name} must be given once, as a single value`);
      continue;
    }
    const type = schema?.properties?.[name]?.type;
    const plain = type === undefined ? undefined : PLAIN[type];
    if (plain && !plain.test(value)) problems.push(`querystring/${name} must be a plain ${type}`);
  }
  return problems;
}

export async function strictQuery(request: FastifyRequest): Promise<void> {
  const schema = request.routeOptions.schema?.querystring as QuerySchema | undefined;
  const problems = queryProblems((request.query ?? {}) as Record<string, unknown>, schema);
  if (problems.length > 0) throw new ApiError('INVALID_REQUEST', problems[0], problems);
}
