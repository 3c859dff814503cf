/**
 * Consumer lag as Kafka sees it: for every consumer group of the deployment
 * (group ids starting with `<application id>-`), the committed offset of each
 * partition against its high watermark. Read from the broker at scrape time,
 * so a processor that is stuck or not running still shows its lag growing,
 * and the sink's group is covered like any processor's.
 */
import type { Admin } from 'kafkajs';

export interface PartitionLag {
  /** Group id without the deployment prefix: the processor's name (e.g. tracker, clickhouse-sink). */
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly committedOffset: number;
  readonly lag: number;
}

export interface ConsumerLagSource {
  lags(): Promise<readonly PartitionLag[]>;
}

/** Lag of one partition: records between the committed position and the high watermark. */
export function partitionLag(
  committed: string,
  low: string,
  high: string,
): { committed: number; lag: number } {
  const highMark = Number(high);
  // -1: nothing committed yet; the group starts from the earliest record still kept.
  const position = Number(committed) < 0 ? Number(low) : Number(committed);
  return { committed: Math.max(0, Number(committed)), lag: Math.max(0, highMark - position) };
}

export function kafkaConsumerLag(options: {
  readonly admin: Admin;
  /** Group ids of the deployment start with this (the application id and '-'). */
  readonly groupPrefix: string;
}): ConsumerLagSource {
  const { admin, groupPrefix } = options;
  return {
    async lags() {
      const { groups } = await admin.listGroups();
      const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(groupPrefix));
      const result: PartitionLag[] = [];
      for (const groupId of ours) {
        const committed = await admin.fetchOffsets({ groupId });
        for (const { topic, partitions } of committed) {
          if (partitions.every((p) => Number(p.offset) < 0)) continue;
          const marks = new Map((await admin.fetchTopicOffsets(topic)).map((m) => [m.partition, m]));
          for (const p of partitions) {
            const mark = marks.get(p.partition);
            if (!mark) continue;
            const { committed: offset, lag } = partitionLag(p.offset, mark.low, mark.high);
            result.push({
              group: groupId.slice(groupPrefix.length),
              topic,
              partition: p.partition,
              committedOffset: offset,
              lag,
            });
          }
        }
      }
      return result;
    },
  };
}
