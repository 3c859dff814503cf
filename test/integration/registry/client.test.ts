import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/names.ts';
import {
  deleteTopic,
  type RunningRegistry,
  startBuiltInRegistry,
  uniqueRegistryTopic,
} from './builtin-registry.ts';

/** The client the streams use, unchanged, against the built-in registry. */
describe('@kafkajs/confluent-schema-registry against the built-in registry', () => {
  const topic = uniqueRegistryTopic();
  let registry: RunningRegistry;
  let client: SchemaRegistry;
  beforeAll(async () => {
    registry = await startBuiltInRegistry(topic);
    client = new SchemaRegistry({ host: registry.url });
  });
  afterAll(async () => {
    await registry?.close();
    await deleteTopic(topic);
  });

  const namespace = `amc.test.${uniqueName('client').replace(/[^A-Za-z0-9]/g, '_')}`;
  const v1 = JSON.stringify({
    type: 'record',
    name: 'Quote',
    namespace,
    fields: [
      { name: 'symbol', type: 'string' },
      { name: 'price', type: 'double' },
    ],
  });
  const v2 = JSON.stringify({
    type: 'record',
    name: 'Quote',
    namespace,
    fields: [
      { name: 'symbol', type: 'string' },
      { name: 'price', type: 'double' },
      { name: 'venue', type: ['null', 'string'], default: null },
    ],
  });

  it('registers, encodes and decodes in the Confluent wire format', async () => {
    const subject = uniqueName('quotes-value');
    const { id } = await client.register({ type: SchemaType.AVRO, schema: v1 }, { subject });
    expect(await client.getLatestSchemaId(subject)).toBe(id);
    expect(await client.getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: v1 })).toBe(id);

    const encoded = await client.encode(id, { symbol: 'AMC', price: 4.25 });
    expect(encoded[0]).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);
    // A fresh client knows nothing cached: decoding fetches the schema by id.
    const fresh = new SchemaRegistry({ host: registry.url });
    expect(await fresh.decode(encoded)).toEqual({ symbol: 'AMC', price: 4.25 });
  });

  it('evolves a subject and reads old data with the new schema', async () => {
    const subject = uniqueName('quotes-value');
    const { id: id1 } = await client.register({ type: SchemaType.AVRO, schema: v1 }, { subject });
    const { id: id2 } = await client.register({ type: SchemaType.AVRO, schema: v2 }, { subject });
    expect(id2).not.toBe(id1);
    expect(await client.getLatestSchemaId(subject)).toBe(id2);

    const old = await client.encode(id1, { symbol: 'GME', price: 20 });
    const readerSchema = JSON.parse(v2);
    const decoded = await client.decode(old, { [SchemaType.AVRO]: { readerSchema } });
    expect(decoded).toEqual({ symbol: 'GME', price: 20, venue: null });

    const current = await client.encode(id2, { symbol: 'GME', price: 21, venue: 'NYSE' });
    expect(await new SchemaRegistry({ host: registry.url }).decode(current)).toEqual({
      symbol: 'GME',
      price: 21,
      venue: 'NYSE',
    });
  });

  it('surfaces an incompatible registration as an error with status 409', async () => {
    const subject = uniqueName('quotes-value');
    await client.register({ type: SchemaType.AVRO, schema: v1 }, { subject });
    const breaking = JSON.stringify({
      type: 'record',
      name: 'Quote',
      namespace,
      fields: [{ name: 'symbol', type: 'long' }],
    });
    await expect(
      client.register({ type: SchemaType.AVRO, schema: breaking }, { subject }),
    ).rejects.toMatchObject({
      status: 409,
    });
  });
});
