import type { Message, Producer, TopicMessages } from 'kafkajs';
import { RuntimeError, retryConcurrentTransactions } from './errors.ts';
import type { RuntimeTuning } from './tuning.ts';

/** Messages per produce request when a transaction is sent in per-topic slices. */
const SLICE = 250;

/**
 * Bytes of keys and values per produce request at most. kafkajs writes a
 * request's messages for one partition as one record batch, and the broker
 * refuses a batch over its max.message.bytes (1 MiB by default): a large
 * transaction is sent as several requests that each stay well below it.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;
/** What a record costs in a batch beyond its key and value (lengths, offsets, timestamps, headers). */
const RECORD_OVERHEAD_BYTES = 64;

/**
 * A record to produce. Its timestamp may be a number of milliseconds: kafkajs
 * types it as a string, but both of its produce paths read it as a number (the
 * patched request with Number(), the original with Long.fromValue and
 * subtraction), so a number spares a conversion to text and back per record.
 */
export type OutgoingMessage = Omit<Message, 'timestamp'> & { timestamp?: string | number };

const sizeOf = (value: Message['value'] | Message['key']): number =>
  value === null || value === undefined
    ? 0
    : typeof value === 'string'
      ? Buffer.byteLength(value)
      : value.length;

/**
 * The transaction's messages in requests of at most MAX_REQUEST_BYTES, each
 * topic's messages in order. A request takes whole runs of a topic's list, so
 * a transaction that fits in one request is sent as the lists it was given.
 */
export function requestsOf(
  topicMessages: ReadonlyMap<string, OutgoingMessage[]>,
  maxBytes = MAX_REQUEST_BYTES,
): { topic: string; messages: OutgoingMessage[] }[][] {
  const requests: { topic: string; messages: OutgoingMessage[] }[][] = [];
  let current: { topic: string; messages: OutgoingMessage[] }[] = [];
  let bytes = 0;
  for (const [topic, messages] of topicMessages) {
    let from = 0;
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i]!;
      const size = sizeOf(message.key) + sizeOf(message.value) + RECORD_OVERHEAD_BYTES;
      if (bytes > 0 && bytes + size > maxBytes) {
        if (i > from) current.push({ topic, messages: messages.slice(from, i) });
        requests.push(current);
        current = [];
        bytes = 0;
        from = i;
      }
      bytes += size;
    }
    if (messages.length > from)
      current.push({ topic, messages: from === 0 ? messages : messages.slice(from) });
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

export interface TransactionWrites {
  /** Outputs, dead letters and changelog writes, by topic. */
  readonly topicMessages: ReadonlyMap<string, OutgoingMessage[]>;
  /** The input partition's next offset, committed to the group with the records. */
  readonly offsets: {
    readonly groupId: string;
    readonly topic: string;
    readonly partition: number;
    readonly next: bigint;
  };
}

/**
 * Writes one transaction: its records and its input offset, then the commit.
 * Anything failing aborts it; a producer that cannot even abort is reported
 * as fenced, so the task is reopened.
 */
export async function writeTransaction(
  producer: Producer,
  writes: TransactionWrites,
  tuning: RuntimeTuning,
  onRetry: (what: string) => (attempt: number, err: unknown) => void,
): Promise<void> {
  const txn = await producer.transaction();
  try {
    const { groupId, topic, partition, next } = writes.offsets;
    const sendOffsets = () =>
      retryConcurrentTransactions(
        () =>
          txn.sendOffsets({
            consumerGroupId: groupId,
            topics: [{ topic, partitions: [{ partition, offset: next.toString() }] }],
          }),
        { onRetry: onRetry('sendOffsets') },
      );
    await sendAll(txn, writes.topicMessages, tuning, onRetry('send'));
    await sendOffsets();
    await txn.commit();
  } catch (err) {
    try {
      await txn.abort();
    } catch (abortError) {
      throw new RuntimeError(`abort failed after: ${String(err)}`, 'fenced', { cause: abortError });
    }
    throw err;
  }
}

async function sendAll(
  txn: Pick<Producer, 'send' | 'sendBatch'>,
  topicMessages: ReadonlyMap<string, OutgoingMessage[]>,
  tuning: RuntimeTuning,
  onRetry: (attempt: number, err: unknown) => void,
): Promise<void> {
  if (topicMessages.size === 0) return;
  if (tuning.produceRequests === 'one') {
    for (const batch of requestsOf(topicMessages))
      await retryConcurrentTransactions(() => txn.sendBatch({ topicMessages: batch.map(asKafkajs) }), {
        onRetry,
      });
    return;
  }
  for (const [topic, messages] of topicMessages) {
    for (let start = 0; start < messages.length; start += SLICE) {
      const slice = asKafkajs({ topic, messages: messages.slice(start, start + SLICE) });
      await retryConcurrentTransactions(() => txn.send(slice), { onRetry });
    }
  }
}

/** kafkajs' own type for what OutgoingMessage describes (see there why a number is fine). */
const asKafkajs = (messages: { topic: string; messages: OutgoingMessage[] }): TopicMessages =>
  messages as unknown as TopicMessages;
