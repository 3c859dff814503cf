import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installed, original } from './support/kafkajs-files.ts';

/*
 * kafkajs' produce request (v3, which v4 to v7 reuse), replaced at install
 * (stack/patches/produceV3.js) by one that writes an uncompressed request in
 * one buffer. The bytes on the wire must be the original's.
 */
interface Message {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  timestamp?: string | number;
  headers?: Record<string, string | Buffer | (string | Buffer)[]>;
}
interface RequestInput {
  acks: number;
  timeout: number;
  transactionalId?: string | null;
  producerId?: number | string;
  producerEpoch?: number;
  compression?: number;
  topicData: {
    topic: string;
    partitions: { partition: number; firstSequence?: number; messages: Message[] }[];
  }[];
}
interface Request {
  apiKey: number;
  apiVersion: number;
  apiName: string;
  encode(): Promise<{ buffer: Buffer; size(): number }>;
}
type BuildRequest = (input: RequestInput) => Request;

const FILE = 'src/protocol/requests/produce/v3/request.js';
const patched = installed<BuildRequest>(FILE);
const originalRequest = original<BuildRequest>(FILE);
const bytes = async (build: BuildRequest, input: RequestInput) =>
  Buffer.from((await build(input).encode()).buffer);

const field = fc.oneof(
  fc.constant(null),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.uint8Array({ maxLength: 60 }).map((a) => Buffer.from(a)),
);
// Millisecond times of equal length, where the original's string sort is numeric.
const timestamp = fc.integer({ min: 1e12, max: 9e12 });
const message: fc.Arbitrary<Message> = fc.record(
  {
    key: field,
    value: field,
    timestamp: fc.oneof(timestamp, timestamp.map(String)),
    headers: fc.dictionary(
      fc.string({ maxLength: 6 }),
      fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 })),
      {
        maxKeys: 2,
      },
    ),
  },
  { requiredKeys: ['value', 'timestamp'] },
);
const request: fc.Arbitrary<RequestInput> = fc.record({
  acks: fc.constantFrom(-1, 1),
  timeout: fc.integer({ min: 0, max: 60_000 }),
  transactionalId: fc.oneof(fc.constant(null), fc.string({ minLength: 1, maxLength: 20 })),
  producerId: fc.oneof(
    fc.constant(-1),
    fc.integer({ min: 0, max: 2 ** 40 }),
    fc.constant('9007199254740993'),
  ),
  producerEpoch: fc.integer({ min: 0, max: 32_767 }),
  topicData: fc.array(
    fc.record({
      topic: fc.string({ minLength: 1, maxLength: 30 }),
      partitions: fc.array(
        fc.record({
          partition: fc.integer({ min: 0, max: 99 }),
          firstSequence: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          messages: fc.array(message, { minLength: 1, maxLength: 20 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

describe('encoding a produce request', () => {
  it('gives the original bytes for any uncompressed request', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        expect(await bytes(patched, input)).toEqual(await bytes(originalRequest, input));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the request header fields of the original', () => {
    const input: RequestInput = { acks: -1, timeout: 30_000, topicData: [] };
    const { apiKey, apiVersion, apiName } = patched(input);
    expect({ apiKey, apiVersion, apiName }).toEqual({ apiKey: 0, apiVersion: 3, apiName: 'Produce' });
  });

  it('stamps messages without a timestamp with the same time the original would', async () => {
    const input: RequestInput = {
      acks: 1,
      timeout: 1000,
      topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [{ value: 'a' }, { value: 'b' }] }] }],
    };
    const realNow = Date.now;
    Date.now = () => 1_700_000_000_000;
    try {
      expect(await bytes(patched, input)).toEqual(await bytes(originalRequest, input));
    } finally {
      Date.now = realNow;
    }
  });

  it('takes a batch first and maximum timestamps as numbers, not as strings', async () => {
    const input: RequestInput = {
      acks: 1,
      timeout: 1000,
      topicData: [
        {
          topic: 't',
          partitions: [
            {
              partition: 0,
              messages: [
                { value: 'late', timestamp: '1000' },
                { value: 'early', timestamp: '999' },
              ],
            },
          ],
        },
      ],
    };
    const encoded = await bytes(patched, input);
    // request: transactional id (2, null), acks (2), timeout (4), topics (4), "t" (2 + 1),
    // partitions (4), partition (4), record set size (4); then the batch, whose first
    // and maximum timestamps sit after its 21-byte prefix, attributes (2) and last offset delta (4)
    const batch = 2 + 2 + 4 + 4 + 3 + 4 + 4 + 4;
    expect(encoded.readBigInt64BE(batch + 21 + 6)).toBe(999n);
    expect(encoded.readBigInt64BE(batch + 21 + 14)).toBe(1000n);
  });

  it('leaves compressed requests to the original', async () => {
    const input: RequestInput = {
      acks: 1,
      timeout: 1000,
      compression: 1, // GZIP
      topicData: [
        {
          topic: 't',
          partitions: [{ partition: 0, messages: [{ value: 'x'.repeat(100), timestamp: 1e12 }] }],
        },
      ],
    };
    expect(await bytes(patched, input)).toEqual(await bytes(originalRequest, input));
  });
});
