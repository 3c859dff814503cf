import type { Admin } from 'kafkajs';
import { retryRetriable } from './errors.ts';

/**
 * Waits until the broker serves metadata, with leaders, for every topic.
 * Right after a topic is created a metadata request can answer
 * UNKNOWN_TOPIC_OR_PARTITION for a moment (longer on a loaded machine); kafkajs'
 * own waitForLeaders retries only LEADER_NOT_AVAILABLE and fails on it, and so
 * would a producer or consumer started in that moment. Topics are therefore
 * created without waitForLeaders and awaited here. Metadata can name a leader
 * a moment before that broker serves the partition (ListOffsets answers
 * NOT_LEADER_FOR_PARTITION), so a topic counts as ready once its offsets are
 * served too.
 */
export async function waitForTopicMetadata(
  admin: Admin,
  topics: readonly string[],
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 50;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: [...topics] });
      if (found.length === topics.length && found.every((t) => t.partitions.every((p) => p.leader >= 0))) {
        for (const topic of topics) await admin.fetchTopicOffsets(topic);
        return;
      }
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`no metadata for ${topics.join(', ')} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 1000);
  }
}

/**
 * Where each partition of `topic` starts and ends. A topic created a moment
 * ago, or a broker that just restarted, can answer NOT_LEADER_FOR_PARTITION for
 * a while after its metadata names a leader: that is waited out here, so every
 * caller that asks where a topic ends (restore, landing, the sample's check,
 * the identity store, quiescence) meets the same patience.
 */
export function topicEnds(admin: Admin, topic: string): ReturnType<Admin['fetchTopicOffsets']> {
  return retryRetriable(() => admin.fetchTopicOffsets(topic));
}
