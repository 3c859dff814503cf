import type { Admin } from 'kafkajs';

/**
 * Creates the registry topic if it is missing: one partition keeps one total
 * order of writes, compaction keeps the latest record per key forever.
 */
export async function ensureRegistryTopic(admin: Admin, topic: string): Promise<void> {
  const existing = await admin.listTopics();
  if (existing.includes(topic)) return;
  try {
    await admin.createTopics({
      waitForLeaders: false,
      topics: [
        {
          topic,
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
    });
  } catch (error) {
    // Another instance may have created it between the listing and the create.
    if ((error as { type?: string }).type === 'TOPIC_ALREADY_EXISTS') return;
    const again = await admin.listTopics();
    if (!again.includes(topic)) throw error;
  }
}
