import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/*
 * The installed kafkajs filter of aborted transactions (patched by
 * stack/patch-kafkajs.mjs at install). A read_committed consumer must never be
 * handed a record of an aborted transaction, whatever the order of the
 * broker's aborted-transaction list and however many producers share the
 * partition.
 */
interface FilterInput {
  messages: Message[];
  abortedTransactions: { producerId: string; firstOffset: string }[];
}
interface Message {
  offset: string;
  key: Buffer | null;
  isControlRecord: boolean;
  batchContext: { producerId: string; inTransaction: boolean };
}
const filterAbortedMessages = createRequire(import.meta.url)(
  'kafkajs/src/consumer/filterAbortedMessages.js',
) as (input: FilterInput) => Message[];

const record = (offset: number, producerId: string): Message => ({
  offset: String(offset),
  key: Buffer.from('k'),
  isControlRecord: false,
  batchContext: { producerId, inTransaction: true },
});
const marker = (offset: number, producerId: string, abort: boolean): Message => ({
  offset: String(offset),
  key: Buffer.from([0, 0, 0, abort ? 0 : 1]),
  isControlRecord: true,
  batchContext: { producerId, inTransaction: true },
});
const dataOffsets = (messages: Message[]) => messages.filter((m) => !m.isControlRecord).map((m) => m.offset);

describe('filtering aborted transactions', () => {
  const messages = [
    record(0, 'p1'), // aborted
    record(1, 'p2'), // aborted
    marker(2, 'p1', true),
    marker(3, 'p2', true),
    record(4, 'p1'), // committed
    marker(5, 'p1', false),
  ];

  it('drops both aborted transactions when the broker lists them out of order', () => {
    const kept = filterAbortedMessages({
      messages,
      abortedTransactions: [
        { producerId: 'p2', firstOffset: '1' },
        { producerId: 'p1', firstOffset: '0' },
      ],
    });
    expect(dataOffsets(kept)).toEqual(['4']);
  });

  it('drops every aborted transaction that began before the first record fetched', () => {
    const kept = filterAbortedMessages({
      messages: messages.slice(1),
      abortedTransactions: [
        { producerId: 'p1', firstOffset: '0' },
        { producerId: 'p2', firstOffset: '1' },
      ],
    });
    expect(dataOffsets(kept)).toEqual(['4']);
  });

  it('keeps the records of committed transactions and of producers that did not abort', () => {
    const kept = filterAbortedMessages({
      messages: [
        record(0, 'p1'),
        record(1, 'p3'),
        marker(2, 'p1', true),
        record(3, 'p1'),
        marker(4, 'p3', false),
      ],
      abortedTransactions: [{ producerId: 'p1', firstOffset: '0' }],
    });
    expect(dataOffsets(kept)).toEqual(['1', '3']);
  });
});
