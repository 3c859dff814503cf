import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../../schemas/load.ts';
import { TOPIC_NAMES, valueSubject } from '../../../schemas/topics.ts';
import { RegistryError, type SchemaRegistryClient } from '../../../streams/serde/registry-client.ts';
import { createMemoryRegistry } from '../../../streams/serde/registry-memory.ts';
import { createSerde, EncodeError } from '../../../streams/serde/serde.ts';
import { frame } from '../../../streams/serde/wire-format.ts';
import { SAMPLE_CLOCK, SAMPLES } from '../../fixtures/avro/samples.ts';

const TOPIC = 'amc.market.bars.v1';

function setup() {
  const registry = createMemoryRegistry();
  return { registry, serde: createSerde({ registry, clock: () => SAMPLE_CLOCK }) };
}

describe('createSerde', () => {
  it('registers every schema under <topic>-value, idempotently', async () => {
    const { registry, serde } = setup();
    const first = await serde.registerAll();
    const second = await createSerde({ registry }).registerAll();
    expect([...first.keys()]).toEqual(TOPIC_NAMES);
    expect(second).toEqual(first);
    expect([...registry.subjects().keys()].sort()).toEqual(TOPIC_NAMES.map(valueSubject).sort());
    for (const ids of registry.subjects().values()) expect(ids).toHaveLength(1);
  });

  it.each(TOPIC_NAMES)('round-trips the %s sample through the wire format', async (topic) => {
    const { serde } = setup();
    const bytes = await serde.encode(topic, SAMPLES[topic]);
    expect(bytes[0]).toBe(0);
    const result = await serde.decode(topic, bytes);
    expect(result).toMatchObject({ ok: true, record: SAMPLES[topic] });
  });

  it('reads records written with an older schema, filling new fields from their defaults', async () => {
    const { registry, serde } = setup();
    const older = structuredClone(loadSchema(TOPIC)) as { fields: { name: string }[] };
    older.fields = older.fields.filter((field) => field.name !== 'interval');
    const id = await registry.register(valueSubject(TOPIC), JSON.stringify(older));
    const { interval: _dropped, ...oldBar } = SAMPLES[TOPIC];
    const bytes = frame(id, avro.Type.forSchema(older as avro.Schema).toBuffer(oldBar));
    expect(await serde.decode(TOPIC, bytes)).toMatchObject({
      ok: true,
      record: { ...oldBar, interval: '1d' },
    });
  });

  it('refuses bytes of another topic as SCHEMA_MISMATCH', async () => {
    const { serde } = setup();
    const bytes = await serde.encode('amc.portfolio.positions.v1', SAMPLES['amc.portfolio.positions.v1']);
    expect(await serde.decode(TOPIC, bytes)).toMatchObject({
      ok: false,
      rejection: { code: 'SCHEMA_MISMATCH' },
    });
  });

  it('refuses a schema id the registry does not know', async () => {
    const { serde } = setup();
    const result = await serde.decode(TOPIC, frame(4242, Buffer.from([2, 65])));
    expect(result).toMatchObject({ ok: false, schemaId: 4242, rejection: { code: 'UNKNOWN_SCHEMA_ID' } });
  });

  it('checks the key against the value when a key is given', async () => {
    const { serde } = setup();
    const bytes = await serde.encode(TOPIC, SAMPLES[TOPIC]);
    expect(await serde.decode(TOPIC, bytes, { key: Buffer.from('QUBT') })).toMatchObject({ ok: true });
    expect(await serde.decode(TOPIC, bytes, { key: 'AMC' })).toMatchObject({
      ok: false,
      rejection: { code: 'KEY_MISMATCH' },
    });
    expect(await serde.decode(TOPIC, bytes, { key: null })).toMatchObject({ ok: true });
  });

  it('applies the rules with the clock it was given', async () => {
    const { registry } = setup();
    const early = createSerde({ registry, clock: () => Date.UTC(2025, 0, 1), futureMarginMs: 0 });
    const bytes = await early.encode(TOPIC, SAMPLES[TOPIC]);
    expect(await early.decode(TOPIC, bytes)).toMatchObject({
      ok: false,
      rejection: { code: 'FUTURE_TIMESTAMP' },
    });
    expect(await early.decode(TOPIC, bytes, { now: SAMPLE_CLOCK })).toMatchObject({ ok: true });
  });

  it('refuses to encode a record that breaks the schema', async () => {
    const { serde } = setup();
    const bad = { ...SAMPLES[TOPIC], volume: 'lots' } as unknown as (typeof SAMPLES)[typeof TOPIC];
    await expect(serde.encode(TOPIC, bad)).rejects.toThrow(EncodeError);
  });

  it('lets registry failures through instead of dead-lettering good records', async () => {
    const down: SchemaRegistryClient = {
      register: async () => {
        throw new RegistryError('down', true);
      },
      schemaById: async () => {
        throw new RegistryError('down', true);
      },
    };
    const serde = createSerde({ registry: down });
    await expect(serde.decode(TOPIC, frame(1, Buffer.from([0])))).rejects.toMatchObject({ retriable: true });
    await expect(serde.registerAll()).rejects.toThrow(RegistryError);
  });

  it('asks the registry once per schema id', async () => {
    const { registry } = setup();
    let lookups = 0;
    const counting: SchemaRegistryClient = {
      register: registry.register,
      schemaById: (id) => {
        lookups += 1;
        return registry.schemaById(id);
      },
    };
    const serde = createSerde({ registry: counting, clock: () => SAMPLE_CLOCK });
    const bytes = await serde.encode(TOPIC, SAMPLES[TOPIC]);
    for (let i = 0; i < 5; i += 1) await serde.decode(TOPIC, bytes);
    for (let i = 0; i < 5; i += 1) await serde.decode(TOPIC, frame(999, Buffer.alloc(1)));
    expect(lookups).toBe(2);
  });
});
