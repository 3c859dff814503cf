import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installed, original } from './support/kafkajs-files.ts';

/*
 * The key hash of kafkajs' default partitioner, replaced at install
 * (stack/patches/murmur2.js) by one in 32-bit arithmetic. A key must land on
 * the partition it always did, and on the one the Java client picks.
 */
type Hash = (key: Buffer | string) => number;

const FILE = 'src/producer/partitioners/default/murmur2.js';
const patched = installed<Hash>(FILE);
const originalHash = original<Hash>(FILE);

describe('hashing a message key', () => {
  it("gives the Java client's hashes for known keys", () => {
    // Kafka's own tests of Utils.murmur2: the bytes of these strings and their hashes.
    const known: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [key, hash] of known) expect(patched(key), key).toBe(hash);
  });

  it('gives the original hash for any Buffer or string key', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 80 }),
          fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a)),
        ),
        (key) => {
          expect(patched(key)).toBe(originalHash(key));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('hashes a string key longer than its scratch buffer, and a short one after it, as the original', () => {
    const long = 'é'.repeat(400);
    expect(patched(long)).toBe(originalHash(long));
    expect(patched('AMC')).toBe(originalHash('AMC'));
  });
});
