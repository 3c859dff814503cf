import type { ChildProcess } from 'node:child_process';
import { type Kafka, Partitioners } from 'kafkajs';
import type { TopicRecords } from '../../schemas/types.generated.ts';
import { sinkConfig } from '../../sinks/config.ts';
import type { SinkContract } from '../../sinks/mapping/routes.ts';
import { createSink, type Sink } from '../../sinks/sink.ts';
import { type SinkTopics, sinkTopicsFor } from '../../sinks/topics.ts';
import { createClickhouseWriter } from '../../sinks/writer/clickhouse-writer.ts';
import { retryRetriable } from '../../streams/runtime/errors.ts';
import type { Serde } from '../../streams/serde/index.ts';
import type { TestDatabase } from './clickhouse.ts';
import { uniqueName } from './names.ts';
import { startScript } from './reference-run.ts';

export interface SinkRun {
  readonly prefix: string;
  readonly applicationId: string;
  readonly groupId: string;
  readonly topics: SinkTopics;
}

/** Topic names, application id and the sink's group of a test of its own. */
export function newSinkRun(label: string): SinkRun {
  const prefix = `${uniqueName(label)}.`;
  const applicationId = uniqueName(`${label}-app`);
  return {
    prefix,
    applicationId,
    groupId: `${applicationId}-clickhouse-sink`,
    topics: sinkTopicsFor(prefix),
  };
}

export interface Produced<T extends SinkContract> {
  readonly key: string;
  readonly value: TopicRecords[T];
}

/**
 * Produces records of a contract. With `transaction` they are written as the
 * processors write, in a transaction, committed or (to prove the sink never
 * stores them) aborted.
 */
export async function produceRecords<T extends SinkContract>(
  kafka: Kafka,
  serde: Serde,
  topic: string,
  contract: T,
  records: readonly Produced<T>[],
  transaction?: 'commit' | 'abort',
): Promise<void> {
  const messages = await Promise.all(
    records.map(async (r) => ({ key: r.key, value: await serde.encode(contract, r.value) })),
  );
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    ...(transaction ? { transactionalId: uniqueName('sink-test-tx') } : {}),
  });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 2000) {
      const chunk = messages.slice(i, i + 2000);
      if (transaction === undefined) {
        await retryRetriable(() => producer.send({ topic, messages: chunk }), {
          attempts: 5,
          initialDelayMs: 500,
        });
        continue;
      }
      const txn = await producer.transaction();
      await txn.send({ topic, messages: chunk });
      if (transaction === 'commit') await txn.commit();
      else await txn.abort();
    }
  } finally {
    await producer.disconnect();
  }
}

/** A sink in this process on a test database. */
export function testSink(
  kafka: Kafka,
  serde: Serde,
  run: SinkRun,
  db: TestDatabase,
  overrides: Parameters<typeof sinkConfig>[0] = {},
): Sink {
  return createSink({
    kafka,
    serde,
    writer: createClickhouseWriter(db.target),
    schema: db.session,
    topics: run.topics,
    groupId: run.groupId,
    config: sinkConfig({ database: db.target.database, batchRows: 500, batchAgeMs: 200, ...overrides }),
    partitions: 3,
    sessionTimeoutMs: 6000,
  });
}

/** Waits until the sink's group has committed every partition it reads to its end (empty ones need nothing). */
export async function waitForSinkCommitted(kafka: Kafka, run: SinkRun, timeoutMs = 120_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = Object.values(run.topics);
    const ends = new Map<string, bigint>();
    for (const topic of topics) {
      const offsets = await retryRetriable(() => admin.fetchTopicOffsets(topic), {
        attempts: 5,
        initialDelayMs: 500,
      });
      for (const p of offsets) ends.set(`${topic}/${p.partition}`, BigInt(p.high));
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const committed = await admin.fetchOffsets({ groupId: run.groupId, topics });
      const behind = committed.flatMap((t) =>
        t.partitions
          .filter((p) => {
            const end = ends.get(`${t.topic}/${p.partition}`) ?? 0n;
            return end > 0n && BigInt(p.offset) < end;
          })
          .map((p) => ({ topic: t.topic, ...p })),
      );
      if (behind.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(
          `${run.groupId} did not commit to the end within ${timeoutMs} ms: ${JSON.stringify(behind)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

/** `npm run sink` in a process of its own, on the run's names and database. */
export function startSinkProcess(
  run: SinkRun,
  database: string,
  env: Record<string, string> = {},
): ChildProcess {
  return startScript('bin/sink.ts', {
    AMC_TOPIC_PREFIX: run.prefix,
    AMC_APPLICATION_ID: run.applicationId,
    CLICKHOUSE_DATABASE: database,
    AMC_SESSION_TIMEOUT_MS: '6000',
    ...env,
  });
}
