import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installed, original } from './support/kafkajs-files.ts';

/*
 * kafkajs' encoder of one record of a v2 record batch, replaced at install
 * (stack/patches/recordV0.js) by one that writes each record once into a
 * buffer of its exact size. The bytes on the wire must be the original's.
 */
interface RecordInput {
  offsetDelta?: number;
  timestampDelta?: number | string;
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: Record<string, string | Buffer | (string | Buffer)[]>;
}
type EncodeRecord = (input: RecordInput) => { buffer: Buffer; size(): number };

const FILE = 'src/protocol/recordBatch/record/v0/index.js';
const patched = installed<EncodeRecord>(FILE);
const originalEncode = original<EncodeRecord>(FILE);
const bytes = (input: RecordInput) => Buffer.from(patched(input).buffer);

const payload = fc.oneof(
  fc.constant(null),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
);
const headerValue = fc.oneof(
  fc.string(),
  fc.uint8Array({ maxLength: 20 }).map((a) => Buffer.from(a)),
);

describe('encoding a record', () => {
  it('writes a hand-checked record: length, attributes, deltas, key, value, no headers', () => {
    // body of 9 bytes (zigzag 18): attributes 0, timestamp delta 1 (zigzag 2), offset delta 2 (zigzag 4),
    // key "k" (length zigzag 2), value "vv" (length zigzag 4), 0 headers
    const expected = Buffer.from([0x12, 0x00, 0x02, 0x04, 0x02, 0x6b, 0x04, 0x76, 0x76, 0x00]);
    expect(bytes({ offsetDelta: 2, timestampDelta: 1, key: 'k', value: 'vv' })).toEqual(expected);
  });

  it('writes a null key and value as length -1', () => {
    expect(bytes({ key: null, value: null })).toEqual(Buffer.from([0x0c, 0, 0, 0, 0x01, 0x01, 0]));
  });

  it('reports its size as its byte length', () => {
    const record = patched({ key: 'key', value: Buffer.alloc(200), headers: { h: ['a', 'b'] } });
    expect(record.size()).toBe(record.buffer.length);
    expect(record.size()).toBe(
      originalEncode({ key: 'key', value: Buffer.alloc(200), headers: { h: ['a', 'b'] } }).size(),
    );
  });

  it('gives the original bytes for any key, value, headers and deltas', () => {
    fc.assert(
      fc.property(
        fc.record({
          offsetDelta: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          timestampDelta: fc.oneof(
            fc.integer({ min: -1e6, max: 1e6 }),
            fc.maxSafeInteger(),
            fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }).map(String),
          ),
          key: payload,
          value: payload,
          headers: fc.dictionary(
            fc.string({ maxLength: 10 }),
            fc.oneof(headerValue, fc.array(headerValue, { maxLength: 3 })),
            {
              maxKeys: 3,
            },
          ),
        }),
        (input) => {
          expect(bytes(input)).toEqual(Buffer.from(originalEncode(input).buffer));
        },
      ),
      { numRuns: 500 },
    );
  });
});
