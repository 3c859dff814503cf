import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isConcurrentTransactions, retryConcurrentTransactions } from '../../../streams/runtime/errors.ts';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';
import { readTopic } from '../../support/reference-run.ts';

/**
 * A transaction that starts with sendOffsets right after a commit reaches the
 * coordinator while it is still writing the previous commit's markers. The
 * broker answers CONCURRENT_TRANSACTIONS to AddOffsetsToTxn, which kafkajs
 * does not retry. This provokes it on purpose and shows the runtime's retry
 * carries every transaction through.
 */
describe('back-to-back transactions', () => {
  it('meet CONCURRENT_TRANSACTIONS on AddOffsetsToTxn, and the retry commits every one', async () => {
    const kafka = testKafka();
    const topic = uniqueName('txn-b2b');
    await createTopics(kafka, [topic]);
    const producer = kafka.producer({
      transactionalId: uniqueName('txn-b2b'),
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const groupId = uniqueName('txn-b2b-group');
    const transactions = 40;
    let concurrentSeen = 0;
    try {
      for (let i = 0; i < transactions; i++) {
        const txn = await producer.transaction();
        await retryConcurrentTransactions(
          () =>
            txn.sendOffsets({
              consumerGroupId: groupId,
              topics: [{ topic, partitions: [{ partition: 0, offset: String(i) }] }],
            }),
          {
            initialDelayMs: 5,
            onRetry: (_attempt, err) => {
              if (isConcurrentTransactions(err)) concurrentSeen++;
            },
          },
        );
        await txn.send({ topic, messages: [{ key: 'k', value: String(i) }] });
        await txn.commit();
      }
    } finally {
      await producer.disconnect();
    }
    expect(concurrentSeen).toBeGreaterThan(0);
    const committed = await readTopic(kafka, topic, transactions, 1000);
    expect(committed.map((r) => r.value)).toEqual(Array.from({ length: transactions }, (_, i) => i));
  });
});
