import type { Admin } from 'kafkajs';
import { RuntimeError } from './errors.ts';
import { META_STORE, TIMER_STORE } from './partition-processor.ts';
import { waitForTopicMetadata } from './topic-metadata.ts';
import type { ProcessorDefinition } from './types.ts';

export const changelogTopic = (applicationId: string, store: string): string =>
  `${applicationId}-${store.replace(/^__/, '')}-changelog`;

/** Stores backed by a changelog: the processor's own, plus stream time and timers. */
export function changelogStores(definition: ProcessorDefinition<unknown>): string[] {
  return isStateful(definition) ? [META_STORE, TIMER_STORE, ...definition.stores] : [];
}

export function isStateful(definition: ProcessorDefinition<unknown>): boolean {
  return definition.stores.length > 0 || definition.onTimer !== undefined;
}

/**
 * Checks the inputs (and the topic time marks go to) exist, returns their
 * partition counts, and creates missing changelog topics with the input's
 * partition count. State is per input partition, so a stateful processor reads
 * exactly one topic: inputs that must meet by key are merged into one
 * repartition topic first (see repartition.ts).
 */
export async function prepareTopics(
  admin: Admin,
  definition: ProcessorDefinition<unknown>,
): Promise<{ partitions: Map<string, number> }> {
  const existing = new Set(await admin.listTopics());
  const marksTo = definition.forwardTimeMarks?.topic;
  const needed = [...definition.inputTopics, ...(marksTo === undefined ? [] : [marksTo])];
  const missing = needed.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    throw new RuntimeError(
      `${definition.applicationId}: topics do not exist: ${missing.join(', ')}`,
      'fatal',
    );
  }
  const metadata = await admin.fetchTopicMetadata({ topics: [...new Set(needed)] });
  const partitions = new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
  if (!isStateful(definition)) return { partitions };
  if (definition.inputTopics.length !== 1) {
    throw new RuntimeError(
      `${definition.applicationId}: a stateful processor reads one topic; merge inputs into a repartition topic`,
      'fatal',
    );
  }
  const count = partitions.get(definition.inputTopics[0]!)!;
  const wanted = changelogStores(definition).map((s) => changelogTopic(definition.applicationId, s));
  const toCreate = wanted.filter((t) => !existing.has(t));
  if (toCreate.length > 0) {
    await admin
      .createTopics({
        waitForLeaders: false,
        topics: toCreate.map((topic) => ({
          topic,
          numPartitions: count,
          replicationFactor: -1,
          configEntries: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'min.compaction.lag.ms', value: '0' },
            { name: 'segment.ms', value: '600000' },
          ],
        })),
      })
      .catch((err: unknown) => {
        // Another instance may have created them at the same moment.
        if ((err as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw err;
      });
  }
  await waitForTopicMetadata(admin, [...definition.inputTopics, ...wanted]);
  const present = await admin.fetchTopicMetadata({ topics: wanted });
  for (const topic of present.topics) {
    if (topic.partitions.length !== count) {
      throw new RuntimeError(
        `${topic.name} has ${topic.partitions.length} partitions but its input has ${count}; state would be misplaced`,
        'fatal',
      );
    }
  }
  return { partitions };
}
