import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installed, original } from './support/kafkajs-files.ts';

/*
 * kafkajs' grouping of a produce call's messages by partition, replaced at
 * install (stack/patches/groupMessagesPerPartition.js) by a linear one. It must
 * give what the original gave: each partition's messages in the order given.
 */
interface Message {
  key: string;
  value: string;
}
type Group = (args: {
  topic: string;
  partitionMetadata: { partitionId: number }[];
  messages: Message[];
  partitioner: (args: { message: Message; partitionMetadata: unknown[] }) => number;
}) => Record<string, Message[]>;

const FILE = 'src/producer/groupMessagesPerPartition.js';
const patched = installed<Group>(FILE);
const originalGroup = original<Group>(FILE);

const metadata = (n: number) => Array.from({ length: n }, (_, partitionId) => ({ partitionId }));
const byKeyLength = ({ message, partitionMetadata }: { message: Message; partitionMetadata: unknown[] }) =>
  message.key.length % partitionMetadata.length;

describe('grouping messages by partition', () => {
  it('keeps each partition its messages in the order they were given', () => {
    const messages = ['a', 'bb', 'c', 'dd', 'eee'].map((key, i) => ({ key, value: String(i) }));
    const groups = patched({
      topic: 't',
      partitionMetadata: metadata(3),
      messages,
      partitioner: byKeyLength,
    });
    expect(groups).toEqual({
      0: [{ key: 'eee', value: '4' }],
      1: [
        { key: 'a', value: '0' },
        { key: 'c', value: '2' },
      ],
      2: [
        { key: 'bb', value: '1' },
        { key: 'dd', value: '3' },
      ],
    });
  });

  it('has no groups when the topic has no partition metadata', () => {
    const messages = [{ key: 'a', value: 'x' }];
    expect(patched({ topic: 't', partitionMetadata: [], messages, partitioner: byKeyLength })).toEqual({});
  });

  it('groups exactly as the original kafkajs did', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.record({ key: fc.string(), value: fc.string() }), { maxLength: 200 }),
        (partitions, messages) => {
          const args = {
            topic: 't',
            partitionMetadata: metadata(partitions),
            messages,
            partitioner: byKeyLength,
          };
          const groups = patched(args);
          expect(groups).toEqual(originalGroup(args));
          // The same message objects, not copies: kafkajs encodes what the caller passed.
          for (const list of Object.values(groups)) for (const m of list) expect(messages).toContain(m);
        },
      ),
    );
  });
});
