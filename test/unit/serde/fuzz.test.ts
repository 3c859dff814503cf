// Random and mutated values through the decoder: it never throws, every
// value it refuses carries a reason code of the contract, and every value it
// accepts is a valid record of the topic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOPIC_NAMES, type TopicName } from '../../../schemas/topics.ts';
import { DeadLetterReasonSymbols } from '../../../schemas/types.generated.ts';
import { readerType } from '../../../streams/serde/avro-codec.ts';
import { createMemoryRegistry } from '../../../streams/serde/registry-memory.ts';
import { createSerde } from '../../../streams/serde/serde.ts';
import { SAMPLE_CLOCK, SAMPLES } from '../../fixtures/avro/samples.ts';

const registry = createMemoryRegistry();
const serde = createSerde({ registry, clock: () => SAMPLE_CLOCK });
const ids = await serde.registerAll();
const valid = new Map<TopicName, Buffer>();
for (const topic of TOPIC_NAMES) valid.set(topic, await serde.encode(topic, SAMPLES[topic]));
const knownIds = [...ids.values()];

function zigZagVarint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value * 2;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

type Mutation = (bytes: Buffer) => Buffer;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().chain((at) =>
    fc.integer({ min: 0, max: 7 }).map((bit) => (bytes: Buffer) => {
      if (bytes.length === 0) return bytes;
      const copy = Buffer.from(bytes);
      const index = at % copy.length;
      copy[index] = (copy[index] as number) ^ (1 << bit);
      return copy;
    }),
  ),
  fc.nat().map((at) => (bytes: Buffer) => bytes.subarray(0, at % (bytes.length + 1))),
  fc
    .uint8Array({ minLength: 1, maxLength: 24 })
    .map((extra) => (bytes: Buffer) => Buffer.concat([bytes, extra])),
  fc
    .integer({ min: 1, max: 255 })
    .map((magic) => (bytes: Buffer) => Buffer.concat([Buffer.from([magic]), bytes.subarray(1)])),
  fc.oneof(fc.constantFrom(...knownIds), fc.nat({ max: 0xffffffff })).map((id) => (bytes: Buffer) => {
    if (bytes.length < 5) return bytes;
    const copy = Buffer.from(bytes);
    copy.writeUInt32BE(id, 1);
    return copy;
  }),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 10 })).map(([at, noise]) => (bytes: Buffer) => {
    if (bytes.length <= 5) return bytes;
    const copy = Buffer.from(bytes);
    const start = 5 + (at % (copy.length - 5));
    copy.set(noise.subarray(0, Math.max(0, copy.length - start)), start);
    return copy;
  }),
);

const candidate = fc.oneof(
  fc
    .tuple(fc.constantFrom(...TOPIC_NAMES), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([topic, mutations]) => ({
      topic,
      bytes: mutations.reduce((bytes, mutate) => mutate(bytes), valid.get(topic)!),
    })),
  fc.tuple(fc.constantFrom(...TOPIC_NAMES), fc.uint8Array({ maxLength: 64 })).map(([topic, bytes]) => ({
    topic,
    bytes: Buffer.from(bytes),
  })),
  fc
    .tuple(fc.constantFrom(...TOPIC_NAMES), fc.constantFrom(...knownIds), fc.uint8Array({ maxLength: 200 }))
    .map(([topic, id, body]) => {
      const header = Buffer.alloc(5);
      header.writeUInt32BE(id, 1);
      return { topic, bytes: Buffer.concat([header, body]) };
    }),
);

describe('decoder fuzz', () => {
  it('decodes every valid sample to itself', async () => {
    for (const topic of TOPIC_NAMES) {
      const result = await serde.decode(topic, valid.get(topic));
      expect(result.ok, topic).toBe(true);
      if (result.ok) expect(result.record).toEqual(SAMPLES[topic]);
    }
  });

  it('turns 12,000 random and mutated values into records or reasons, never a crash', async () => {
    const reasons = new Set<string>(DeadLetterReasonSymbols);
    const seen = { ok: 0, rejected: new Map<string, number>() };
    await fc.assert(
      fc.asyncProperty(candidate, async ({ topic, bytes }) => {
        const result = await serde.decode(topic, bytes);
        if (result.ok) {
          seen.ok += 1;
          return readerType(topic).isValid(result.record);
        }
        seen.rejected.set(result.rejection.code, (seen.rejected.get(result.rejection.code) ?? 0) + 1);
        return reasons.has(result.rejection.code) && result.rejection.message.length > 0;
      }),
      { numRuns: 12_000, seed: 20250314 },
    );
    for (const code of [
      'WRONG_MAGIC_BYTE',
      'TRUNCATED',
      'UNKNOWN_SCHEMA_ID',
      'SCHEMA_MISMATCH',
      'CORRUPT_BODY',
    ]) {
      expect(seen.rejected.get(code), code).toBeGreaterThan(0);
    }
  }, 120_000);

  it.each([2 ** 28, 2 ** 50])(
    'refuses a block count of %d at once instead of looping or allocating',
    async (count) => {
      const id = ids.get('amc.discovery.runs.v1')!;
      const header = Buffer.from([0, 0, 0, 0, 0]);
      header.writeUInt32BE(id, 1);
      // run_id "r", two timestamps and a duration of 1, then a stages array claiming `count` items.
      const body = Buffer.from([0x02, 0x72, 0x02, 0x02, 0x02, ...zigZagVarint(count), 0x00]);
      const started = performance.now();
      const result = await serde.decode('amc.discovery.runs.v1', Buffer.concat([header, body]));
      expect(result).toMatchObject({ ok: false, rejection: { code: 'TRUNCATED' } });
      expect(performance.now() - started).toBeLessThan(100);
    },
  );
});
