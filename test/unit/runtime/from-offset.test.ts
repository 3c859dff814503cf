import fc from 'fast-check';
import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { fromOffset } from '../../../streams/runtime/runtime.ts';

const at = (offset: number): KafkaMessage =>
  ({ offset: String(offset), key: null, value: null, timestamp: '0', attributes: 0 }) as KafkaMessage;

describe('the part of a batch not yet committed', () => {
  it('is what a filter on each offset keeps, for rising offsets with gaps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 130 }),
        (steps, next) => {
          const messages: KafkaMessage[] = [];
          let offset = 0;
          for (const step of steps) {
            offset += step;
            messages.push(at(offset));
          }
          const kept = fromOffset(messages, BigInt(next));
          expect(kept.map((m) => m.offset)).toEqual(
            messages.filter((m) => Number(m.offset) >= next).map((m) => m.offset),
          );
        },
      ),
    );
  });

  it('is the batch itself when nothing in it was committed', () => {
    const messages = [at(5), at(6)];
    expect(fromOffset(messages, 5n)).toBe(messages);
  });

  it('reads offsets past 2^53 exactly', () => {
    const big = 2n ** 60n;
    const messages = [big, big + 1n, big + 2n].map(
      (o) => ({ ...at(0), offset: o.toString() }) as KafkaMessage,
    );
    expect(fromOffset(messages, big + 1n).map((m) => m.offset)).toEqual([
      (big + 1n).toString(),
      (big + 2n).toString(),
    ]);
  });
});
