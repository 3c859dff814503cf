import { describe, expect, it } from 'vitest';
import { TOPIC_NAMES } from '../../../schemas/topics.ts';
import { readerType } from '../../../streams/serde/avro-codec.ts';
import { createMemoryRegistry } from '../../../streams/serde/registry-memory.ts';
import { createSerde } from '../../../streams/serde/serde.ts';
import { HEADER_LENGTH } from '../../../streams/serde/wire-format.ts';
import { readFixtures } from '../../fixtures/avro/fixture-file.ts';
import { SAMPLE_CLOCK } from '../../fixtures/avro/samples.ts';

const fixtures = readFixtures();
const registry = createMemoryRegistry(10_000);
for (const fixture of fixtures) registry.put(fixture.schemaId, fixture.schema);
const serde = createSerde({ registry, clock: () => SAMPLE_CLOCK });

describe.each(fixtures.map((fixture) => [`${fixture.topic} gen ${fixture.generation}`, fixture] as const))(
  'recorded sample %s',
  (_name, fixture) => {
    const current = JSON.stringify(readerType(fixture.topic).schema());

    it("still decodes with today's schema to the recorded object", async () => {
      const result = await serde.decode(fixture.topic, Buffer.from(fixture.hex, 'hex'));
      if (!result.ok) throw new Error(`${result.rejection.code}: ${result.rejection.message}`);
      if (fixture.schema === current) expect(result.record).toEqual(fixture.expected);
      else expect(result.record).toMatchObject(fixture.expected);
    });

    it.runIf(fixture.schema === current)('is exactly what the schema encodes today', () => {
      const body = readerType(fixture.topic).toBuffer(fixture.expected);
      expect(body.toString('hex')).toBe(fixture.hex.slice(HEADER_LENGTH * 2));
    });
  },
);

describe('recorded samples', () => {
  it.each(TOPIC_NAMES)(
    'include one for the current schema of %s (run test/fixtures/avro/record-fixtures.ts)',
    (topic) => {
      const current = JSON.stringify(readerType(topic).schema());
      expect(
        fixtures.filter((fixture) => fixture.topic === topic).map((fixture) => fixture.schema),
      ).toContain(current);
    },
  );
});
