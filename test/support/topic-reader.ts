import type { Kafka } from 'kafkajs';
import { uniqueName } from './names.ts';

export interface ReadRecord<V = unknown> {
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: number;
  readonly key: string | null;
  readonly value: V;
}

/**
 * Reads a topic from the start (read_committed unless asked) until `done` holds and nothing
 * new came for `idleMs`, or `timeoutMs` passed. Records are returned in
 * partition and offset order, each position once: a reader's own consumer may
 * be handed a record again after a rebalance.
 */
export async function readUntilIdle<V>(
  kafka: Kafka,
  topic: string,
  decode: (value: Buffer | null) => Promise<V> | V,
  done: (records: readonly ReadRecord<V>[]) => boolean,
  options: { timeoutMs?: number; idleMs?: number; readUncommitted?: boolean } = {},
): Promise<ReadRecord<V>[]> {
  const consumer = kafka.consumer({
    groupId: uniqueName('reader'),
    // Uncommitted: also records of transactions still open or aborted, to see what a crash left behind.
    readUncommitted: options.readUncommitted ?? false,
    maxWaitTimeInMs: 100,
  });
  const records = new Map<string, ReadRecord<V>>();
  const ordered = () =>
    [...records.values()].sort(
      (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
    );
  let lastArrival = Date.now();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          records.set(`${batch.partition}:${m.offset}`, {
            partition: batch.partition,
            offset: m.offset,
            timestamp: Number(m.timestamp),
            key: m.key?.toString('utf8') ?? null,
            value: await decode(m.value),
          });
        }
        lastArrival = Date.now();
      },
    });
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    const idleMs = options.idleMs ?? 2000;
    while (Date.now() < deadline && !(done(ordered()) && Date.now() - lastArrival >= idleMs)) {
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await consumer.disconnect();
  }
  return ordered();
}
