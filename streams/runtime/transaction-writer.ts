import type { Message, Producer } from 'kafkajs';
import { RuntimeError, retryConcurrentTransactions } from './errors.ts';
import type { RuntimeTuning } from './tuning.ts';

/** Messages per produce request when a transaction is sent in per-topic slices. */
const SLICE = 250;

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
    const batch = [...topicMessages].map(([topic, messages]) => ({ topic, messages }));
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
