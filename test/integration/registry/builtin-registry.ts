import type { FastifyInstance } from 'fastify';
import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints } from '../../../config/endpoints.ts';
import { buildRegistryApp } from '../../../registry/app.ts';
import { KafkaRegistryStore } from '../../../registry/kafka-store.ts';
import { uniqueName } from '../../support/names.ts';

export interface RunningRegistry {
  readonly url: string;
  readonly builtIn: boolean;
  close(): Promise<void>;
}

/** A topic name of its own, so runs on one broker do not share registry state. */
export const uniqueRegistryTopic = (): string => `_schemas-${uniqueName('test')}`;

/** Starts the built-in registry on an ephemeral 127.0.0.1 port over the given topic. */
export async function startBuiltInRegistry(
  topic: string,
): Promise<RunningRegistry & { app: FastifyInstance }> {
  const store = new KafkaRegistryStore({
    brokers: loadEndpoints().kafkaBrokers,
    topic,
    clientId: uniqueName('registry'),
  });
  const app = buildRegistryApp({ store });
  try {
    await store.start();
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return { url, builtIn: true, app, close: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * The registry a suite runs against: the one SCHEMA_REGISTRY_URL names when it
 * is set (any Confluent-API registry), otherwise a built-in one on a topic of its own.
 */
export async function registryUnderTest(): Promise<RunningRegistry> {
  const named = process.env.SCHEMA_REGISTRY_URL?.trim();
  if (named) return { url: named.replace(/\/+$/, ''), builtIn: false, close: async () => undefined };
  const topic = uniqueRegistryTopic();
  const registry = await startBuiltInRegistry(topic);
  return {
    ...registry,
    close: async () => {
      await registry.close();
      await deleteTopic(topic);
    },
  };
}

/** Removes a test's registry topic; best effort, a leftover topic harms nothing. */
export async function deleteTopic(topic: string): Promise<void> {
  const kafka = new Kafka({ brokers: [...loadEndpoints().kafkaBrokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics: [topic], timeout: 5000 });
  } catch {
    // Left for the broker's owner to clean; names are unique, so it is never read again.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface HttpReply {
  readonly status: number;
  readonly body: unknown;
}

/** One Confluent REST call, with the media type Confluent clients send. */
export async function call(
  base: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<HttpReply> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/vnd.schemaregistry.v1+json',
      accept: 'application/vnd.schemaregistry.v1+json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}
