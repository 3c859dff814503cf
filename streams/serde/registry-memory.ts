// An in-memory SchemaRegistryClient for tests and fixtures: ids are shared
// across subjects for identical schemas, as in a Confluent registry.
import type { SchemaRegistryClient } from './registry-client.ts';

export interface MemoryRegistry extends SchemaRegistryClient {
  /** Puts a schema under a fixed id (e.g. a recorded fixture's). */
  put(id: number, schema: string): void;
  /** Subjects and the ids registered under them, in registration order. */
  subjects(): ReadonlyMap<string, readonly number[]>;
}

function normalized(schema: string): string {
  return JSON.stringify(JSON.parse(schema));
}

export function createMemoryRegistry(firstId = 1): MemoryRegistry {
  const byId = new Map<number, string>();
  const idBySchema = new Map<string, number>();
  const bySubject = new Map<string, number[]>();
  let nextId = firstId;

  return {
    async register(subject, schema) {
      const key = normalized(schema);
      let id = idBySchema.get(key);
      if (id === undefined) {
        while (byId.has(nextId)) nextId += 1;
        id = nextId;
        byId.set(id, schema);
        idBySchema.set(key, id);
      }
      const ids = bySubject.get(subject) ?? [];
      if (!ids.includes(id)) ids.push(id);
      bySubject.set(subject, ids);
      return id;
    },
    async schemaById(id) {
      return byId.get(id);
    },
    put(id, schema) {
      byId.set(id, schema);
      idBySchema.set(normalized(schema), id);
    },
    subjects() {
      return bySubject;
    },
  };
}
