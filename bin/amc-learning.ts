/**
 * The main job: the recommendation tracker, the discovery monitor, the
 * buy-the-dip validator and the alerts stream, each behind its switch,
 * exactly once, on the configured Kafka, registry and ClickHouse. With no endpoint
 * variables set it runs on the local stack, which it brings up first.
 * SIGTERM or SIGINT stops it gracefully (open transactions commit or abort,
 * the consumer groups are left).
 */
import { Kafka, logLevel } from 'kafkajs';
import { loadEndpoints, usesLocalStack } from '../config/endpoints.ts';
import { loadSwitches } from '../config/switches.ts';
import { StackError } from '../stack/process.ts';
import { formatStatus, stackStatus, stackUp } from '../stack/stack.ts';
import { agentsApp } from '../streams/app/agents-app.ts';
import { agentTopicsFor, loadJobConfig, trackerTopicsFor } from '../streams/app/job-config.ts';
import type { RuntimeSet } from '../streams/app/runtime-set.ts';
import { trackerApp } from '../streams/app/tracker-app.ts';
import { runtimeLogCreator } from '../streams/runtime/kafka-logging.ts';
import { createHttpRegistryClient, createSerde } from '../streams/serde/index.ts';

const log = (message: string) => console.log(`[amc-learning] ${message}`);

async function main(): Promise<void> {
  const endpoints = loadEndpoints();
  const switches = loadSwitches();
  const job = loadJobConfig();
  if (usesLocalStack()) {
    const { started } = await stackUp();
    log(started.length > 0 ? `local stack started: ${started.join(', ')}` : 'local stack already up');
    console.log(formatStatus(await stackStatus()));
  }
  if (!switches.learning || !(switches.tracker || switches.monitor || switches.dips)) {
    log(
      'nothing switched on (AMC_LEARNING_ENABLED, AMC_LEARNING_TRACKER_ENABLED, ' +
        'AMC_LEARNING_MONITOR_ENABLED, AMC_LEARNING_DIPS_ENABLED): nothing to run',
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
  const common = {
    kafka,
    serde,
    applicationPrefix: job.applicationId,
    partitions: job.partitions,
    alertsEnabled: switches.alerts,
    sessionTimeoutMs: job.sessionTimeoutMs,
    maxRecordsPerTransaction: job.maxRecordsPerTransaction,
  };
  const apps: RuntimeSet[] = [];
  if (switches.tracker) apps.push(trackerApp({ ...common, topics: trackerTopicsFor(job) }));
  if (switches.monitor || switches.dips) {
    apps.push(
      agentsApp({
        ...common,
        topics: agentTopicsFor(job),
        monitor: switches.monitor,
        dips: switches.dips,
        // The tracker's composition runs the by-symbol step and the gate; without it the agents do.
        shared: { bySymbol: !switches.tracker, alertGate: !switches.tracker },
      }),
    );
  }
  const runtimes = apps.flatMap((app) => app.runtimes);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    (async () => {
      for (const app of [...apps].reverse()) await app.stop();
    })().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (const runtime of runtimes) {
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
  for (const app of apps) await app.start();
  const on = (flag: boolean) => (flag ? 'on' : 'off');
  log(
    `running: tracker ${on(switches.tracker)}, monitor ${on(switches.monitor)}, dips ${on(switches.dips)}, ` +
      `alerts ${on(switches.alerts)}; ${runtimes.map((r) => r.applicationId).join(', ')}`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof StackError ? `[amc-learning] ${err.message}` : err);
  process.exit(1);
});
