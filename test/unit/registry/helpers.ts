import type { FastifyInstance } from 'fastify';
import { buildRegistryApp } from '../../../registry/app.ts';
import { MemoryRegistryStore } from '../../../registry/memory-store.ts';

export interface Field {
  name: string;
  type: unknown;
  default?: unknown;
}

/** A record schema as the text a client would send. */
export const recordSchema = (fields: Field[], name = 'Sample', namespace = 'amc.test'): string =>
  JSON.stringify({ type: 'record', name, namespace, fields });

export interface Reply {
  status: number;
  body: unknown;
  contentType: string | undefined;
}

export interface TestRegistry {
  app: FastifyInstance;
  store: MemoryRegistryStore;
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<Reply>;
  register(subject: string, schema: string): Promise<Reply>;
}

export function testRegistry(): TestRegistry {
  const store = new MemoryRegistryStore();
  const app = buildRegistryApp({ store });
  const call: TestRegistry['call'] = async (method, url, body) => {
    const response = await app.inject({
      method,
      url,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    const contentType = response.headers['content-type'];
    return {
      status: response.statusCode,
      body: response.body === '' ? undefined : JSON.parse(response.body),
      contentType: typeof contentType === 'string' ? contentType : undefined,
    };
  };
  return {
    app,
    store,
    call,
    register: (subject, schema) =>
      call('POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema }),
  };
}
