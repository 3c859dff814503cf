import type { Admin } from 'kafkajs';
import { waitForTopicMetadata } from '../runtime/topic-metadata.ts';

export interface TopicPlan {
  readonly name: string;
  readonly partitions: number;
  readonly compact?: boolean;
}

/**
 * Record timestamps are event time, and replayed history is months old: under
 * the broker's time-based retention such records would be deleted at the next
 * retention check, right after being written. The project's topics keep their
 * records; how long upstream keeps its own is upstream's call.
 */
export const KEEP_FOREVER = [{ name: 'retention.ms', value: '-1' }];

/**
 * Creates the topics the project needs and leaves existing ones alone
 * (auto-creation is off on purpose: a typo must not create a topic).
 */
export async function ensureTopics(admin: Admin, plans: readonly TopicPlan[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = plans.filter((p) => !existing.has(p.name));
  if (missing.length === 0) return [];
  await createMissing(admin, missing);
  await waitForTopicMetadata(
    admin,
    missing.map((p) => p.name),
  );
  return missing.map((p) => p.name);
}

async function createMissing(admin: Admin, missing: readonly TopicPlan[]): Promise<void> {
  await admin
    .createTopics({
      waitForLeaders: false,
      topics: missing.map((p) => ({
        topic: p.name,
        numPartitions: p.partitions,
        replicationFactor: -1,
        configEntries: p.compact ? [{ name: 'cleanup.policy', value: 'compact' }] : KEEP_FOREVER,
      })),
    })
    .catch((err: unknown) => {
      if ((err as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw err;
    });
}
