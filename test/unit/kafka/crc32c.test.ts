import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installed, original } from './support/kafkajs-files.ts';

/*
 * The CRC-32C of every record batch kafkajs sends, replaced at install
 * (stack/patches/crc32C.js) by one that reads eight bytes a step. A wrong
 * sum makes the broker refuse the batch as corrupt.
 */
type Crc = (buffer: Buffer) => number;

const FILE = 'src/protocol/recordBatch/crc32C/crc32C.js';
const patched = installed<Crc>(FILE);
const originalCrc = original<Crc>(FILE);

describe('CRC-32C', () => {
  it('gives the check value of the standard', () => {
    expect(patched(Buffer.from('123456789', 'ascii'))).toBe(0xe3069283);
    expect(patched(Buffer.alloc(0))).toBe(0);
    expect(patched(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
  });

  it('gives the original sum for any bytes, at any offset into a larger buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(7), (bytes, start) => {
        const buffer = Buffer.from(bytes).subarray(Math.min(start, bytes.length));
        expect(patched(buffer)).toBe(originalCrc(buffer));
      }),
      { numRuns: 1000 },
    );
  });
});
