import type { Message, Producer } from 'kafkajs';
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

const sizeOf = (value: Message['value'] | Message['key']): number =>
  value === null || value === undefined
    ? 0
    : typeof value === 'string'
      ? Buffer.byteLength(value)
      : value.length;

/** The transaction's messages in requests of at most MAX_REQUEST_BYTES, each topic's messages in order. */
export function requestsOf(
  topicMessages: ReadonlyMap<string, Message[]>,
  maxBytes = MAX_REQUEST_BYTES,
): { topic: string; messages: Message[] }[][] {
  const requests: { topic: string; messages: Message[] }[][] = [];
  let current = new Map<string, Message[]>();
  let bytes = 0;
  const flush = () => {
    if (current.size > 0) requests.push([...current].map(([topic, messages]) => ({ topic, messages })));
    current = new Map();
    bytes = 0;
  };
  for (const [topic, messages] of topicMessages) {
    for (const message of messages) {
      const size = sizeOf(message.key) + sizeOf(message.value) + RECORD_OVERHEAD_BYTES;
      if (bytes > 0 && bytes + size > maxBytes) flush();
      const list = current.get(topic);
      if (list) list.push(message);
      else current.set(topic, [message]);
      bytes += size;
    }
  }
  flush();
  return requests;
}

export interface TransactionWrites {
  /** Outputs, dead letters and changelog writes, by topic. */
  readonly topicMessages: ReadonlyMap<string, Message[]>;
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
  topicMessages: ReadonlyMap<string, Message[]>,
  tuning: RuntimeTuning,
  onRetry: (attempt: number, err: unknown) => void,
): Promise<void> {
  if (topicMessages.size === 0) return;
  if (tuning.produceRequests === 'one') {
    for (const batch of requestsOf(topicMessages))
      await retryConcurrentTransactions(() => txn.sendBatch({ topicMessages: batch }), { onRetry });
    return;
  }
  for (const [topic, messages] of topicMessages) {
    for (let start = 0; start < messages.length; start += SLICE) {
      const slice = messages.slice(start, start + SLICE);
      await retryConcurrentTransactions(() => txn.send({ topic, messages: slice }), { onRetry });
    }
  }
}
