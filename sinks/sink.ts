/**
 * The ClickHouse sink: one consumer group reading every sunk topic
 * (read_committed, offsets committed by hand), the pipeline that batches
 * rows into ClickHouse, and a producer for the sink's own dead letters.
 * Build it with createSink, run it with start(); stop() stores and commits
 * what it holds and leaves the group.
 */
import { type Kafka, Partitioners } from 'kafkajs';
import type { Serde } from '../streams/serde/serde.ts';
import type { SinkConfig } from './config.ts';
import { kafkaDeadLetterOutlet } from './dead-letter-outlet.ts';
import { SinkEventEmitter } from './events.ts';
import { SinkMetrics } from './metrics.ts';
import { SinkPipeline } from './pipeline/pipeline.ts';
import { createRecordDecoder } from './pipeline/record-decoder.ts';
import type { SourceRecord } from './pipeline/source-record.ts';
import { type MigrationReport, migrate } from './schema/migrate.ts';
import type { SqlSession } from './schema/sql-session.ts';
import { contractsByTopic, deadLetterTopicOf, ensureSinkTopics, type SinkTopics } from './topics.ts';
import type { RowWriter } from './writer/contract.ts';

export interface SinkOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly writer: RowWriter;
  /** When given, the migrations are applied through it before consuming. */
  readonly schema?: SqlSession;
  readonly topics: SinkTopics;
  readonly groupId: string;
  readonly config: SinkConfig;
  /** Partitions of the topics the sink creates when they do not exist yet. */
  readonly partitions: number;
  readonly sessionTimeoutMs?: number;
  readonly clock?: () => number;
}

export interface Sink {
  readonly events: SinkEventEmitter;
  readonly metrics: SinkMetrics;
  /** Records held (buffered and being inserted) over `maxBufferedRecords`, 0 to 1; consumption pauses at 1. */
  bufferFill(): number;
  /** Settles when the sink stops; rejects when it stopped on a fatal error. */
  readonly done: Promise<void>;
  start(): Promise<{ migrations: MigrationReport | undefined }>;
  stop(): Promise<void>;
}

export function createSink(options: SinkOptions): Sink {
  const { kafka, config, topics } = options;
  const events = new SinkEventEmitter();
  const metrics = new SinkMetrics(events);
  const consumer = kafka.consumer({
    groupId: options.groupId,
    readUncommitted: false,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    maxBytes: 4 * 1024 * 1024,
    maxWaitTimeInMs: 250,
  });
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  const pipeline = new SinkPipeline({
    writer: options.writer,
    decode: createRecordDecoder({
      serde: options.serde,
      contracts: contractsByTopic(topics),
      ...(options.clock ? { clock: options.clock } : {}),
    }),
    deadLetters: kafkaDeadLetterOutlet(producer, options.serde, deadLetterTopicOf(topics)),
    commit: (positions) =>
      consumer.commitOffsets(
        positions.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset })),
      ),
    policy: config,
    backoff: { initialMs: config.retryInitialMs, maxMs: config.retryMaxMs },
    events,
    deadLetterTopic: deadLetterTopicOf(topics),
    ...(options.clock ? { clock: options.clock } : {}),
  });

  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  done.catch(() => undefined);
  let stopped: Promise<void> | undefined;

  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await pipeline.stop();
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
    })();
    return stopped;
  };

  async function subscribe(): Promise<void> {
    for (const topic of Object.values(topics)) await consumer.subscribe({ topic, fromBeginning: true });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const assignment = payload.memberAssignment;
      pipeline.retainPartitions((topic, partition) => assignment[topic]?.includes(partition) ?? false);
    });
    // Batches of transaction markers or aborted records only never reach eachBatch; their offsets still count.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.batchSize === 0) {
        pipeline.noteConsumed(payload.topic, payload.partition, (BigInt(payload.lastOffset) + 1n).toString());
      }
    });
  }

  return {
    events,
    metrics,
    bufferFill: () => pipeline.bufferFill,
    done,
    async start() {
      const migrations = options.schema ? await migrate(options.schema) : undefined;
      const admin = kafka.admin();
      await admin.connect();
      try {
        await ensureSinkTopics(admin, topics, options.partitions);
      } finally {
        await admin.disconnect();
      }
      await producer.connect();
      await consumer.connect();
      await subscribe();
      pipeline.start().then(
        () => settle?.resolve(),
        async (error: unknown) => {
          await stop();
          settle?.reject(error);
        },
      );
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const records: SourceRecord[] = batch.messages.map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            timestamp: m.timestamp,
            key: m.key ?? null,
            value: m.value ?? null,
          }));
          const accepted = await pipeline.accept(records, {
            heartbeat,
            isRunning: () => isRunning() && !isStale(),
          });
          if (accepted === records.length) {
            // lastOffset() covers a trailing transaction marker, which has no message of its own.
            pipeline.noteConsumed(batch.topic, batch.partition, (BigInt(batch.lastOffset()) + 1n).toString());
            resolveOffset(batch.lastOffset());
          } else if (accepted > 0) {
            resolveOffset(records[accepted - 1]!.offset);
          }
        },
      });
      events.emitEvent('started', { topics: Object.values(topics), groupId: options.groupId });
      return { migrations };
    },
    stop,
  };
}
