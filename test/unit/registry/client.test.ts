import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistryApp } from '../../../registry/app.ts';
import { MemoryRegistryStore } from '../../../registry/memory-store.ts';
import { recordSchema } from './helpers.ts';

/** The Confluent client over real HTTP, with the in-memory store: the wire contract without Kafka. */
describe('@kafkajs/confluent-schema-registry against the app', () => {
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    app = buildRegistryApp({ store: new MemoryRegistryStore() });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('registers, sets the subject level, encodes and decodes', async () => {
    const client = new SchemaRegistry({ host: url });
    const schema = recordSchema([{ name: 'symbol', type: 'string' }], 'Tick');
    const { id } = await client.register({ type: SchemaType.AVRO, schema }, { subject: 'ticks-value' });
    // First registration: the client sets the subject's level to its own default.
    const config = await fetch(`${url}/config/ticks-value`).then((response) => response.json());
    expect(config).toEqual({ compatibilityLevel: 'BACKWARD' });
    // Registering again goes through the config check and returns the same id.
    expect((await client.register({ type: SchemaType.AVRO, schema }, { subject: 'ticks-value' })).id).toBe(
      id,
    );

    const bytes = await client.encode(id, { symbol: 'AMC' });
    expect(await new SchemaRegistry({ host: url }).decode(bytes)).toEqual({ symbol: 'AMC' });
    expect(await client.getLatestSchemaId('ticks-value')).toBe(id);
    expect(await client.getRegistryIdBySchema('ticks-value', { type: SchemaType.AVRO, schema })).toBe(id);
  });
});
