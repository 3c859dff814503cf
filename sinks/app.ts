/**
 * The sink as the job runs it: on the configured ClickHouse (its database
 * created and migrated on start), the deployment's topic names and consumer
 * group `<application id>-clickhouse-sink`. `npm run sink` runs it alone; the
 * main job runs it beside the processors.
 */
import type { Kafka } from 'kafkajs';
import type { JobConfig } from '../streams/app/job-config.ts';
import type { Serde } from '../streams/serde/serde.ts';
import { ensureDatabase } from './clickhouse/client.ts';
import { createHttpSession } from './clickhouse/http-session.ts';
import type { SinkConfig } from './config.ts';
import { backoffDelay } from './pipeline/backoff.ts';
import { type MigrationReport, migrate } from './schema/migrate.ts';
import { createSink, type Sink } from './sink.ts';
import { sinkTopicsFor } from './topics.ts';
import { createClickhouseWriter } from './writer/clickhouse-writer.ts';
import { toWriteError } from './writer/errors.ts';

export interface SinkApp {
  readonly sink: Sink;
  start(): Promise<MigrationReport | undefined>;
  stop(): Promise<void>;
}

export function sinkGroupId(job: JobConfig): string {
  return `${job.applicationId}-clickhouse-sink`;
}

export function sinkApp(options: {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly clickhouseUrl: string;
  readonly job: JobConfig;
  readonly config: SinkConfig;
}): SinkApp {
  const { job, config } = options;
  const target = {
    url: options.clickhouseUrl,
    database: config.database,
    requestTimeoutMs: config.requestTimeoutMs,
  };
  const writer = createClickhouseWriter(target);
  const schema = createHttpSession(target);
  const sink = createSink({
    kafka: options.kafka,
    serde: options.serde,
    writer,
    topics: sinkTopicsFor(job.topicPrefix),
    groupId: sinkGroupId(job),
    config,
    partitions: job.partitions,
    sessionTimeoutMs: job.sessionTimeoutMs,
  });
  return {
    sink,
    async start() {
      // A ClickHouse that is not up yet is waited for, as the sink waits for it later; anything else stops the start.
      const migrations = await whileUnavailable(sink, config, async () => {
        await ensureDatabase(target);
        return migrate(schema);
      });
      await sink.start();
      return migrations;
    },
    async stop() {
      await sink.stop();
      await writer.close();
      await schema.close();
    },
  };
}

async function whileUnavailable<T>(sink: Sink, config: SinkConfig, op: () => Promise<T>): Promise<T> {
  let downSince: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await op();
      if (downSince !== undefined)
        sink.events.emitEvent('clickhouse.available', { downMs: Date.now() - downSince });
      return result;
    } catch (error) {
      const failure = toWriteError(error);
      if (!failure.retriable) throw error;
      if (downSince === undefined)
        sink.events.emitEvent('clickhouse.unavailable', { error: failure.message });
      downSince ??= Date.now();
      const delayMs = backoffDelay(attempt, { initialMs: config.retryInitialMs, maxMs: config.retryMaxMs });
      sink.events.emitEvent('retry', { what: 'migrate', attempt, delayMs, error: failure.message });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
