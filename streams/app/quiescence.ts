/**
 * Has a consumer group processed everything in its input topics? Offsets
 * alone cannot tell: a topic written by transactions ends in commit markers,
 * several when transactions of several producers interleave, and no
 * consumer ever commits past markers it is never handed. So the span between
 * a group's committed offset and the partition's end is read (read
 * committed): the group is caught up when no data record lies in it.
 */
import { randomBytes } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { topicEnds } from '../runtime/topic-metadata.ts';

interface Span {
  readonly topic: string;
  readonly partition: number;
  readonly from: bigint;
  readonly end: bigint;
}

/** The spans of `topics` a group has not committed past, per partition. */
async function uncommittedSpans(admin: Admin, groupId: string, topics: readonly string[]): Promise<Span[]> {
  const spans: Span[] = [];
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  for (const topic of topics) {
    const ends = await topicEnds(admin, topic);
    const offsets = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const end of ends) {
      const offset = BigInt(offsets.find((p) => p.partition === end.partition)?.offset ?? '-1');
      const from = offset < 0n ? BigInt(end.low) : offset;
      if (from < BigInt(end.high))
        spans.push({ topic, partition: end.partition, from, end: BigInt(end.high) });
    }
  }
  return spans;
}

/** How many data records lie in the spans; null when they could not all be read in time (e.g. an open transaction). */
async function dataRecordsIn(
  kafka: Kafka,
  spans: readonly Span[],
  timeoutMs: number,
): Promise<number | null> {
  const consumer = kafka.consumer({
    groupId: `quiescence-probe-${randomBytes(6).toString('hex')}`,
    maxWaitTimeInMs: 100,
  });
  const key = (topic: string, partition: number) => `${topic}/${partition}`;
  const bySpan = new Map(spans.map((s) => [key(s.topic, s.partition), s]));
  const reached = new Set<string>();
  let records = 0;
  try {
    await consumer.connect();
    for (const topic of new Set(spans.map((s) => s.topic)))
      await consumer.subscribe({ topic, fromBeginning: true });
    // Batches of markers only never reach eachBatch; the instrumentation event sees every batch.
    consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => {
      const span = bySpan.get(key(payload.topic, payload.partition));
      if (span && BigInt(payload.lastOffset) + 1n >= span.end) reached.add(key(span.topic, span.partition));
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const s of spans)
        consumer.seek({ topic: s.topic, partition: s.partition, offset: s.from.toString() });
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const span = bySpan.get(key(batch.topic, batch.partition));
        if (!span) return;
        records += batch.messages.filter(
          (m) => BigInt(m.offset) >= span.from && BigInt(m.offset) < span.end,
        ).length;
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (reached.size < bySpan.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return reached.size < bySpan.size ? null : records;
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

/** True when the group has processed every committed record of its topics. */
export async function groupCaughtUp(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
  probeTimeoutMs = 10_000,
): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  let spans: Span[];
  try {
    spans = await uncommittedSpans(admin, groupId, topics);
  } finally {
    await admin.disconnect();
  }
  if (spans.length === 0) return true;
  return (await dataRecordsIn(kafka, spans, probeTimeoutMs)) === 0;
}

/**
 * Waits until every group has processed all of its topics, twice in a row
 * a moment apart (what one group emits, the next may still have to read).
 */
export async function waitUntilCaughtUp(
  kafka: Kafka,
  groups: readonly { readonly groupId: string; readonly topics: readonly string[] }[],
  options: { readonly timeoutMs?: number; readonly pollMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let quietLooks = 0;
  while (Date.now() < deadline) {
    let quiet = true;
    for (const group of groups) {
      if (!(await groupCaughtUp(kafka, group.groupId, group.topics))) {
        quiet = false;
        break;
      }
    }
    quietLooks = quiet ? quietLooks + 1 : 0;
    if (quietLooks >= 2) return;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
  throw new Error(
    `not caught up within ${options.timeoutMs ?? 120_000} ms: ${groups.map((g) => g.groupId).join(', ')}`,
  );
}
