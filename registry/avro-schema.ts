import avro from 'avsc';
import { identityForm, parsingCanonicalForm } from './canonical-form.ts';
import { errors } from './errors.ts';

export interface ParsedSchema {
  readonly type: avro.Type;
  /** The schema as stored and served: the submitted JSON without whitespace. */
  readonly text: string;
  /** Avro Parsing Canonical Form. */
  readonly canonical: string;
  /** What makes two schemas "the same" for ids (see canonical-form.ts). */
  readonly identity: string;
}

/** Schema types a Confluent client may name; only AVRO is served here. */
export function assertAvroSchemaType(schemaType: unknown): void {
  if (schemaType === undefined || schemaType === null || schemaType === 'AVRO') return;
  throw errors.invalidSchema(
    `schemaType ${JSON.stringify(schemaType)} is not supported; this registry serves AVRO schemas only`,
  );
}

export function parseAvroSchema(text: unknown): ParsedSchema {
  if (typeof text !== 'string' || text.trim() === '') {
    throw errors.invalidSchema('the schema must be a non-empty string');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw errors.invalidSchema(`not valid JSON (${messageOf(error)})`);
  }
  let type: avro.Type;
  try {
    // Named types must be named, as the Avro specification (and Java's parser) requires.
    type = avro.Type.forSchema(json as avro.Schema, { noAnonymousTypes: true });
  } catch (error) {
    throw errors.invalidSchema(messageOf(error));
  }
  return {
    type,
    text: JSON.stringify(json),
    canonical: parsingCanonicalForm(json),
    identity: identityForm(json),
  };
}

/** Identity of a stored schema text, or undefined when the text is not a valid Avro schema. */
export function identityOf(text: string): string | undefined {
  try {
    return parseAvroSchema(text).identity;
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
