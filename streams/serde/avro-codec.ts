// Parsed avsc types of the project's schemas (readers) and of writer schemas
// fetched from the registry, and the resolvers between them, all cached.
import avro from 'avsc';
import { resolveSchema, type SchemaNode } from '../../schemas/avro-model.ts';
import { loadSchema } from '../../schemas/load.ts';
import type { TopicName } from '../../schemas/topics.ts';

export type AvroType = avro.Type;
// avsc's typings declare Resolver but do not export it.
export type AvroResolver = Parameters<avro.Type['fromBuffer']>[1];

/** Timestamps stay epoch-ms numbers: no logical-type hooks are installed. */
export function parseAvro(schema: unknown): AvroType {
  return avro.Type.forSchema(schema as avro.Schema);
}

const readerTypes = new Map<TopicName, AvroType>();

export function readerType(topic: TopicName): AvroType {
  let type = readerTypes.get(topic);
  if (type === undefined) {
    type = parseAvro(loadSchema(topic));
    readerTypes.set(topic, type);
  }
  return type;
}

export interface WriterSchema {
  readonly type: AvroType;
  readonly node: SchemaNode;
  readonly canonical: string;
}

/** Parses a writer schema's text; throws when it is not an Avro schema this project can walk. */
export function parseWriterSchema(text: string): WriterSchema {
  const json: unknown = JSON.parse(text);
  const type = parseAvro(json);
  return { type, node: resolveSchema(json), canonical: JSON.stringify(type.schema()) };
}

/** How to read a writer's bytes as the topic's record: no resolver when the schemas are the same. */
export function resolverFor(reader: AvroType, writer: WriterSchema): AvroResolver | undefined {
  if (JSON.stringify(reader.schema()) === writer.canonical) return undefined;
  return reader.createResolver(writer.type);
}
