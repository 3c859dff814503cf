/**
 * Everything the main job runs, each behind its switch: the processors, the
 * ClickHouse sink and the HTTP API, started in that order (the API reads what
 * the sink writes) and stopped in the reverse one. Their consumer groups are
 * listed so the job can tell when everything published has been processed.
 */
import type { Kafka } from 'kafkajs';
import { createMetricsRegistry } from '../../../api/metrics/registry.ts';
import { type ApiServer, startApi } from '../../../api/server.ts';
import type { Settings } from '../../../config/settings.ts';
import { type SinkApp, sinkApp, sinkGroupId } from '../../../sinks/app.ts';
import { logSinkEvents } from '../../../sinks/log-events.ts';
import { sinkTopicsFor } from '../../../sinks/topics.ts';
import type { Serde } from '../../serde/serde.ts';
import { learningApps } from '../learning-apps.ts';
import type { RuntimeSet } from '../runtime-set.ts';

export interface ConsumerGroup {
  readonly groupId: string;
  readonly topics: readonly string[];
}

export interface Services {
  readonly apps: readonly RuntimeSet[];
  readonly sink: SinkApp | undefined;
  readonly api: ApiServer | undefined;
  /** The database the sink writes and the API reads. */
  readonly database: string;
  /** Every consumer group of the job with the topics it reads. */
  readonly groups: readonly ConsumerGroup[];
  /** Settles with the reason when a part stopped on its own (a fatal error). */
  readonly failed: Promise<string>;
  stop(): Promise<void>;
}

export interface ServicesOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly settings: Settings;
  readonly epochs: ReadonlyMap<string, number>;
  readonly log: (line: string) => void;
}

export async function startServices(options: ServicesOptions): Promise<Services> {
  const { kafka, serde, settings, log } = options;
  const { switches, job, endpoints } = settings;
  const apps = learningApps({ kafka, serde, settings, epochs: options.epochs });
  const runtimes = apps.flatMap((app) => app.runtimes);
  const sinkConfig = settings.sink;
  const sink = switches.sinks
    ? sinkApp({ kafka, serde, clickhouseUrl: endpoints.clickhouseUrl, job, config: sinkConfig })
    : undefined;
  let fail: (reason: string) => void = () => undefined;
  const failed = new Promise<string>((resolve) => {
    fail = resolve;
  });
  for (const runtime of runtimes) {
    runtime.events.onEvent('restore', (e) => {
      if (e.records > 0)
        log(
          `${runtime.applicationId} ${e.topic}/${e.partition}: restored ${e.records} records in ${e.durationMs} ms`,
        );
    });
    runtime.events.onEvent('crash', (e) => log(`${runtime.applicationId} crashed: ${e.error}`));
    runtime.events.onEvent('abort', (e) =>
      log(
        `${runtime.applicationId} ${e.topic}/${e.partition}: transaction aborted (${e.errorClass}): ${e.reason}`,
      ),
    );
    runtime.events.onEvent('task.closed', (e) => {
      if (e.why !== 'revoked')
        log(`${runtime.applicationId} ${e.topic}/${e.partition}: task closed, ${e.why}`);
    });
    runtime.done.catch((err: unknown) => fail(`${runtime.applicationId} stopped: ${String(err)}`));
  }
  for (const app of apps) await app.start();
  if (sink) {
    logSinkEvents(sink.sink.events, (line) => log(`sink: ${line}`));
    sink.sink.done.catch((err: unknown) => fail(`the sink stopped: ${String(err)}`));
    const migrations = await sink.start();
    if (migrations) log(`sink: database ${migrations.database} at migration ${migrations.version}`);
  }
  let api: ApiServer | undefined;
  if (switches.api) {
    const metrics = createMetricsRegistry();
    for (const runtime of runtimes) metrics.registerProcessor(runtime);
    if (sink) {
      const { events, bufferFill } = sink.sink;
      metrics.registerSink({ name: 'clickhouse-sink', events, bufferFill });
    }
    api = await startApi({ config: settings.api, endpoints, job, kafka, serde, metrics, logger: false });
  }
  const groups: ConsumerGroup[] = runtimes.map((r) => ({ groupId: r.applicationId, topics: r.inputTopics }));
  if (sink) groups.push({ groupId: sinkGroupId(job), topics: Object.values(sinkTopicsFor(job.topicPrefix)) });
  return {
    apps,
    sink,
    api,
    database: sinkConfig.database,
    groups,
    failed,
    async stop() {
      await api?.stop();
      await sink?.stop();
      for (const app of [...apps].reverse()) await app.stop();
    },
  };
}
