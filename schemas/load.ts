// Reads and parses the .avsc files of the project once.
import { readFileSync } from 'node:fs';
import { type RecordNode, resolveSchema } from './avro-model.ts';
import { TOPIC_NAMES, type TopicName, topicSpec } from './topics.ts';

const schemaDir = new URL('./', import.meta.url);

/** The raw text of a schema file, exactly as committed. */
export function readSchemaText(schemaFile: string): string {
  return readFileSync(new URL(schemaFile, schemaDir), 'utf8');
}

const rawCache = new Map<TopicName, Readonly<Record<string, unknown>>>();
const resolvedCache = new Map<TopicName, RecordNode>();

/** The parsed JSON of a topic's value schema (cached, frozen at the top level). */
export function loadSchema(topic: TopicName): Readonly<Record<string, unknown>> {
  let schema = rawCache.get(topic);
  if (schema === undefined) {
    schema = Object.freeze(
      JSON.parse(readSchemaText(topicSpec(topic).schemaFile)) as Record<string, unknown>,
    );
    rawCache.set(topic, schema);
  }
  return schema;
}

/** The resolved node tree of a topic's value schema (cached). */
export function loadSchemaNode(topic: TopicName): RecordNode {
  let node = resolvedCache.get(topic);
  if (node === undefined) {
    const resolved = resolveSchema(loadSchema(topic));
    if (resolved.kind !== 'record') throw new Error(`schema of ${topic} is not a record`);
    node = resolved;
    resolvedCache.set(topic, node);
  }
  return node;
}

/** Every topic's parsed schema, in catalogue order. */
export function loadAllSchemas(): ReadonlyMap<TopicName, Readonly<Record<string, unknown>>> {
  return new Map(TOPIC_NAMES.map((topic) => [topic, loadSchema(topic)]));
}
