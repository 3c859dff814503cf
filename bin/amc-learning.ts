/**
 * The main job: the recommendation tracker and the alerts stream, exactly
 * once, and the ClickHouse sink beside them, on the configured Kafka,
 * registry and ClickHouse. With no endpoint
 * variables set it runs on the local stack, which it brings up first.
 * SIGTERM or SIGINT stops it gracefully (open transactions commit or abort,
 * the consumer groups are left).
 */
import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints, usesLocalStack } from '../config/endpoints.ts';
import { loadSwitches } from '../config/switches.ts';
import { type SinkApp, sinkApp } from '../sinks/app.ts';
import { loadSinkConfig } from '../sinks/config.ts';
import { logSinkEvents } from '../sinks/log-events.ts';
import { StackError } from '../stack/process.ts';
import { formatStatus, stackStatus, stackUp } from '../stack/stack.ts';
import { loadJobConfig, trackerTopicsFor } from '../streams/app/job-config.ts';
import { trackerApp } from '../streams/app/tracker-app.ts';
import { runtimeLogCreator } from '../streams/runtime/kafka-logging.ts';
import { createHttpRegistryClient, createSerde } from '../streams/serde/index.ts';

const log = (message: string) => console.log(`[amc-learning] ${message}`);

async function main(): Promise<void> {
  const endpoints = loadEndpoints();
  const switches = loadSwitches();
  const job = loadJobConfig();
  const sinkConfig = loadSinkConfig();
  if (usesLocalStack()) {
    const { started } = await stackUp();
    log(started.length > 0 ? `local stack started: ${started.join(', ')}` : 'local stack already up');
    console.log(formatStatus(await stackStatus()));
  }
  if (!switches.tracker && !switches.sinks) {
    log(
      'learning, tracker and sinks switched off (AMC_LEARNING_ENABLED / AMC_LEARNING_TRACKER_ENABLED / ' +
        'AMC_LEARNING_SINKS_ENABLED): nothing to run',
    );
    return;
  }
  const kafka = new Kafka({
    clientId: job.applicationId,
    brokers: [...endpoints.kafkaBrokers],
    logLevel: logLevel.WARN,
    logCreator: runtimeLogCreator,
  });
  const serde = createSerde({ registry: createHttpRegistryClient({ url: endpoints.schemaRegistryUrl }) });
  const app = trackerApp({
    kafka,
    serde,
    topics: trackerTopicsFor(job),
    applicationPrefix: job.applicationId,
    partitions: job.partitions,
    alertsEnabled: switches.alerts,
    sessionTimeoutMs: job.sessionTimeoutMs,
    maxRecordsPerTransaction: job.maxRecordsPerTransaction,
  });
  const sink: SinkApp | undefined = switches.sinks
    ? sinkApp({ kafka, serde, clickhouseUrl: endpoints.clickhouseUrl, job, config: sinkConfig })
    : undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    Promise.all([switches.tracker ? app.stop() : undefined, sink?.stop()]).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (const runtime of app.runtimes) {
    runtime.events.onEvent('restore', (e) =>
      log(
        `${runtime.applicationId} ${e.topic}/${e.partition}: restored ${e.records} records in ${e.durationMs} ms`,
      ),
    );
    runtime.events.onEvent('crash', (e) => log(`${runtime.applicationId} crashed: ${e.error}`));
    runtime.events.onEvent('abort', (e) =>
      log(
        `${runtime.applicationId} ${e.topic}/${e.partition}: transaction aborted (${e.errorClass}): ${e.reason}`,
      ),
    );
    runtime.events.onEvent('task.closed', (e) =>
      log(`${runtime.applicationId} ${e.topic}/${e.partition}: task closed, ${e.why}`),
    );
    runtime.done.catch(() => stop('fatal error'));
  }
  if (switches.tracker) await app.start();
  if (sink) {
    logSinkEvents(sink.sink.events, (line) => log(`sink: ${line}`));
    sink.sink.done.catch(() => stop('sink failed'));
    const migrations = await sink.start();
    if (migrations) log(`sink: database ${migrations.database} at migration ${migrations.version}`);
  }
  log(
    `running: tracker ${switches.tracker ? 'on' : 'off'}, alerts ${switches.alerts ? 'on' : 'off'}, ` +
      `sinks ${switches.sinks ? 'on' : 'off'}; ${switches.tracker ? app.runtimes.length : 0} processors, ` +
      `application id ${job.applicationId}`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof StackError ? `[amc-learning] ${err.message}` : err);
  process.exit(1);
});
