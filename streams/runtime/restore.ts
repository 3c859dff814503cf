import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { PartitionProcessor } from './partition-processor.ts';
import { topicEnds } from './topic-metadata.ts';
import { changelogStores, changelogTopic } from './topics.ts';
import type { JsonValue } from './types.ts';

export const RESTORE_MARKER_PREFIX = '__restore_marker__:';

/**
 * Reads a partition's changelogs from the start into the stores.
 *
 * Called after the partition's transactional producer is initialised, which
 * fenced any previous owner and finished its open transaction. The end of a
 * changelog cannot be told from offsets alone: a log that ends in an aborted
 * transaction has records kafkajs filters out and never hands over. So the
 * caller first commits a marker (a tombstone under a fresh key) to each
 * changelog partition, and restoring ends when every marker has been read.
 */
export async function restorePartition(
  kafka: Kafka,
  processor: PartitionProcessor<unknown>,
  writeMarkers: (markerKey: string, topics: readonly string[]) => Promise<void>,
  timeoutMs = 120_000,
): Promise<{ records: number }> {
  const { applicationId } = processor.definition;
  const partition = processor.partition;
  for (const store of processor.stores.values()) store.clear();

  const storeOfTopic = new Map(
    changelogStores(processor.definition).map((s) => [changelogTopic(applicationId, s), processor.store(s)]),
  );
  const admin = kafka.admin();
  await admin.connect();
  const nonEmpty: string[] = [];
  try {
    for (const topic of storeOfTopic.keys()) {
      const offsets = await topicEnds(admin, topic);
      const entry = offsets.find((o) => o.partition === partition);
      if (entry && BigInt(entry.high) > BigInt(entry.low)) nonEmpty.push(topic);
    }
  } finally {
    await admin.disconnect();
  }
  if (nonEmpty.length === 0) return { records: 0 };

  const marker = `${RESTORE_MARKER_PREFIX}${randomBytes(8).toString('hex')}`;
  await writeMarkers(marker, nonEmpty);

  // kafkajs has no manual assignment: a throwaway group reads from the start and commits nothing.
  const consumer = kafka.consumer({
    groupId: `${applicationId}-restore-${randomBytes(6).toString('hex')}`,
    readUncommitted: false,
    maxWaitTimeInMs: 50,
  });
  let records = 0;
  const remaining = new Set(nonEmpty);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: nonEmpty, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`restoring ${applicationId} partition ${partition} took over ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            if (batch.partition !== partition || !remaining.has(batch.topic)) {
              consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
              return;
            }
            const store = storeOfTopic.get(batch.topic)!;
            for (const message of batch.messages) {
              const key = message.key?.toString('utf8');
              if (key === undefined) continue;
              if (key === marker) {
                remaining.delete(batch.topic);
                consumer.pause([{ topic: batch.topic, partitions: [partition] }]);
                break;
              }
              if (key.startsWith(RESTORE_MARKER_PREFIX)) continue;
              const value =
                message.value === null
                  ? undefined
                  : (JSON.parse(message.value.toString('utf8')) as JsonValue);
              store.restore(key, value);
              records++;
            }
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  return { records };
}
