import type { Kafka } from 'kafkajs';
import { createTopics } from '../../test/support/kafka.ts';
import { uniqueName } from '../../test/support/names.ts';

/**
 * Every topic a benchmark run creates, so it deletes them when it ends: a
 * run makes hundreds of partitions, and a broker shared by many runs and
 * test suites runs out of file handles if nobody cleans up.
 */
const created = new Set<string>();

/** Creates a topic with a fresh name starting with `prefix`, remembered for deleteBenchTopics. */
export async function benchTopic(kafka: Kafka, prefix: string, partitions = 1): Promise<string> {
  const topic = uniqueName(prefix);
  created.add(topic);
  await createTopics(kafka, [topic], { partitions });
  return topic;
}

/** Remembers topics the runtime created for the benchmark (its changelogs). */
export function rememberBenchTopics(topics: Iterable<string>): void {
  for (const topic of topics) created.add(topic);
}

export async function deleteBenchTopics(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = [...created].filter((t) => existing.has(t));
    for (let start = 0; start < topics.length; start += 50)
      await admin.deleteTopics({ topics: topics.slice(start, start + 50), timeout: 30_000 });
    created.clear();
  } finally {
    await admin.disconnect();
  }
}
