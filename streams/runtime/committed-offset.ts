import type { Kafka } from 'kafkajs';

/** The group's committed offset for a partition (0 when none: start from the beginning). */
export async function committedOffset(
  kafka: Kafka,
  groupId: string,
  topic: string,
  partition: number,
): Promise<bigint> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const offset = entry?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
    return BigInt(offset) < 0n ? 0n : BigInt(offset);
  } finally {
    await admin.disconnect();
  }
}
