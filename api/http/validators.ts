/**
 * Two validators: query strings and path values are text, so their schemas
 * coerce ("7" to 7, after strictQuery made sure it is written plainly); JSON
 * bodies are typed already, so theirs do not ("ops" stays text, 7 is not a
 * name, true is not a string). Unknown properties are refused, not dropped.
 */
import { Ajv, type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function ajvWith(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
  });
  addFormats.default(ajv);
  return ajv;
}

export function requestValidators(): FastifySchemaCompiler<AnySchema> {
  const text = ajvWith(true);
  const json = ajvWith(false);
  return ({ schema, httpPart }) => (httpPart === 'body' ? json : text).compile(schema);
}
