/**
 * Waiting until what was published has been processed by every processor
 * and stored by the sink, with a progress line: how many input records the
 * job's consumer groups have committed past, of all there are. Done when
 * every group has no data left to read (transaction markers aside), twice
 * in a row: what one group writes, the next may still have to read.
 */
import type { Admin, Kafka } from 'kafkajs';
import { topicEnds } from '../../runtime/topic-metadata.ts';
import { groupCaughtUp } from '../quiescence.ts';
import type { Progress } from './progress.ts';
import type { ConsumerGroup } from './services.ts';

async function offsets(
  admin: Admin,
  groups: readonly ConsumerGroup[],
): Promise<{ done: number; total: number; partitions: number }> {
  let done = 0;
  let total = 0;
  let partitions = 0;
  const ends = new Map<string, Awaited<ReturnType<Admin['fetchTopicOffsets']>>>();
  for (const group of groups) {
    const committed = await admin.fetchOffsets({ groupId: group.groupId, topics: [...group.topics] });
    for (const topic of group.topics) {
      if (!ends.has(topic)) ends.set(topic, await topicEnds(admin, topic));
      for (const end of ends.get(topic)!) {
        const at = Number(
          committed.find((c) => c.topic === topic)?.partitions.find((p) => p.partition === end.partition)
            ?.offset ?? -1,
        );
        total += Number(end.high) - Number(end.low);
        partitions++;
        done += Math.max(0, (at < 0 ? Number(end.low) : at) - Number(end.low));
      }
    }
  }
  return { done: Math.min(done, total), total, partitions };
}

export async function waitUntilLanded(
  kafka: Kafka,
  groups: readonly ConsumerGroup[],
  progress: Progress,
  options: { readonly timeoutMs?: number; readonly pollMs?: number } = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let quietLooks = 0;
  try {
    while (Date.now() < deadline) {
      const { done, total, partitions } = await offsets(admin, groups);
      progress.update(done, total);
      // Within a few records a partition of the end (commit markers, several when writers interleave),
      // look closer: is any data left?
      const near = total - done <= 12 * partitions;
      let quiet = near;
      for (const group of near ? groups : []) {
        if (!(await groupCaughtUp(kafka, group.groupId, group.topics))) {
          quiet = false;
          break;
        }
      }
      quietLooks = quiet ? quietLooks + 1 : 0;
      if (quietLooks >= 2) {
        progress.update(total, total);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
    }
    throw new Error(
      `the outputs did not land within ${Math.round((options.timeoutMs ?? 30 * 60_000) / 1000)} s`,
    );
  } finally {
    await admin.disconnect();
  }
}
